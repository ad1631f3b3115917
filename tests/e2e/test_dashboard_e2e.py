"""End-to-end: every page renders without an exception, the map click sets the place filter,
screenshots go to tests/artifacts/, and no request leaves localhost."""
from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.e2e

PAGES = [("overview", ""), ("map", "map"), ("actors", "actors"), ("operations", "operations"),
         ("articles", "articles"), ("briefing", "briefing"), ("data", "data")]
LOCAL = {"127.0.0.1", "localhost"}


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about", "chrome-extension") or parsed.hostname in LOCAL


def _settle(page, timeout: float = 30.0) -> None:
    """Wait until Streamlit has finished running the script and frames have drawn."""
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=timeout * 1000)
    # every page opens with its title: until it is drawn the script has not run (a loaded machine can take seconds
    # before the status widget even appears)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout * 1000)
    deadline = time.time() + timeout
    time.sleep(1.0)
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count()
        skeleton = page.locator('[data-testid="stSkeleton"]').count()
        if not running and not skeleton:
            break
        time.sleep(0.3)
    # plotly charts load their JS lazily: wait until every chart has drawn its SVG
    while time.time() < deadline:
        charts = page.locator('[data-testid="stPlotlyChart"]').count()
        drawn = page.locator('[data-testid="stPlotlyChart"] .main-svg').count()
        if drawn >= charts:
            break
        time.sleep(0.3)
    time.sleep(2.0)  # leaflet iframes and fonts finish drawing


def _new_page(browser, width=1600, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1, locale="en-US")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    return context, page, requests


def test_every_page_renders_offline(app_server, browser, artifacts):
    context, page, requests = _new_page(browser)
    try:
        for name, path in PAGES:
            page.goto(f"{app_server}/{path}")
            _settle(page)
            assert page.locator('[data-testid="stException"]').count() == 0, f"exception on page {name}"
            page.screenshot(path=str(artifacts / f"{name}.png"))
            page.set_viewport_size({"width": 1600, "height": 2600})
            _settle(page)
            page.screenshot(path=str(artifacts / f"{name}-tall.png"))
            page.set_viewport_size({"width": 1600, "height": 900})
        # Arabic labels
        page.goto(f"{app_server}/?lang=ar")
        _settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(artifacts / "overview-ar.png"))
    finally:
        context.close()
    outside = sorted({u for u in requests if not _is_local(u)})
    assert not outside, f"requests left localhost: {outside[:10]}"


def test_briefing_screenshot(app_server, browser, artifacts):
    context, page, requests = _new_page(browser, 1280, 800)
    try:
        page.goto(f"{app_server}/briefing?range=1y")
        _settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(artifacts / "briefing-1280.png"))
    finally:
        context.close()
    assert all(_is_local(u) for u in requests)


def test_map_click_sets_place_filter(app_server, browser, artifacts):
    context, page, requests = _new_page(browser)
    try:
        page.goto(f"{app_server}/map")
        _settle(page)
        frame = None
        for _ in range(40):
            for fr in page.frames:
                if fr.locator("path.leaflet-interactive").count():
                    frame = fr
                    break
            if frame:
                break
            time.sleep(0.5)
        assert frame is not None, "map circles were not drawn"
        circles = frame.locator("path.leaflet-interactive")
        assert circles.count() >= 5
        # click the biggest circle whose centre is not covered by a smaller one
        target = frame.evaluate("""() => {
            const paths = [...document.querySelectorAll('path.leaflet-interactive')];
            let best = null;
            for (const p of paths) {
                const r = p.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (document.elementFromPoint(x, y) === p && (!best || r.width > best.w)) best = {x, y, w: r.width};
            }
            return best;
        }""")
        assert target, "no clickable circle"
        offset = frame.frame_element().bounding_box()
        page.mouse.click(offset["x"] + target["x"], offset["y"] + target["y"])
        # the sidebar's place filter gets the clicked city, then the URL follows
        chip = page.get_by_text("Selected place", exact=True)
        deadline = time.time() + 60
        while time.time() < deadline and not (chip.count() and parse_qs(urlparse(page.url).query).get("place")):
            time.sleep(0.5)
        if not chip.count():
            page.screenshot(path=str(artifacts / "map-click-failed.png"))
        assert chip.count() == 1, "place filter not shown after the click"
        assert parse_qs(urlparse(page.url).query).get("place"), f"place filter not in the URL ({page.url})"
        _settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(artifacts / "map-clicked.png"))
    finally:
        context.close()
    assert all(_is_local(u) for u in requests), sorted({u for u in requests if not _is_local(u)})[:5]
