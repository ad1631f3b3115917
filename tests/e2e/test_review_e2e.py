"""End-to-end: a militia the dictionaries do not know is listed on the Review page, accepted there through the
form, and then shows up as an actor on the Actors page's charts."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import _need_browser, serve
from tests.e2e.test_dashboard_e2e import _is_local, _new_page, _settle

pytestmark = pytest.mark.e2e

NAME = "الفرسان السود"
TEXTS = [
    "اندلعت اشتباكات عنيفة في مدينة ترهونة بين كتيبة الفرسان السود وقوات حكومة الوفاق.",
    "قالت مصادر محلية إن كتيبة الفرسان السود سيطرت على بوابة جنوب غريان أمس.",
    "اتهمت البعثة الأممية كتيبة الفرسان السود بخطف ثلاثة مدنيين في ترهونة.",
]


def _candidate_rows(page) -> list[list[str]]:
    """The cells of the candidates grid, header row first (from the grid's accessible table)."""
    rows = page.locator('[data-testid="stDataFrame"] [role="row"]')
    return [[c.strip() for c in rows.nth(i).locator('[role="gridcell"], [role="columnheader"]').all_inner_texts()]
            for i in range(rows.count())]


def test_candidate_accepted_on_review_page_becomes_an_actor(tmp_path, browser, artifacts):
    _need_browser()
    from tests.fixtures import ingest_reports

    store = ingest_reports(tmp_path, TEXTS, ["2020-01", "2020-02", "2020-03"])

    with serve(store.root, tmp_path) as url:
        context, page, requests = _new_page(browser)
        try:
            page.goto(url + "/review")
            _settle(page)
            rows = _candidate_rows(page)
            index = next(i for i, cells in enumerate(rows) if NAME in cells)   # row 0 is the header
            found = dict(zip(rows[0], rows[index]))
            assert found["Kind"] == "Armed group" and found["Mentions"] == "3" and found["Articles"] == "3", found

            # tick the row's selection box (the grid is a canvas: rows are 35 px under a 35 px header)
            grid = page.locator('[data-testid="stDataFrame"]').bounding_box()
            page.mouse.click(grid["x"] + 16, grid["y"] + 35 * index + 18)
            page.get_by_text("Add to my dictionary").wait_for(timeout=30_000)
            _settle(page)
            assert page.get_by_label("Arabic name (as written in articles)").input_value() == f"كتيبة {NAME}"
            assert page.get_by_label("Latitude").count() == 0     # coordinates are asked for places only
            page.get_by_label("English name").fill("Black Knights Brigade")
            page.get_by_role("button", name="Add and reprocess").click()
            page.get_by_text("Added «كتيبة الفرسان السود» (Black Knights Brigade").wait_for(timeout=120_000)
            _settle(page)
            assert not page.locator('[data-testid="stException"]').count()
            assert not any(NAME in cells for cells in _candidate_rows(page)), "the accepted name is still a candidate"
            page.screenshot(path=str(artifacts / "review-accepted.png"))

            page.get_by_role("button", name="Show «Black Knights Brigade» on the Actors page").click()
            page.wait_for_url("**/actors**", timeout=30_000)
            _settle(page)
            assert not page.locator('[data-testid="stException"]').count()
            sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
            assert "Black Knights Brigade" in sidebar                 # the actor filter is set to it
            charts = page.locator('[data-testid="stPlotlyChart"]').all_inner_texts()
            assert sum("Black Knights Brigade" in c for c in charts) >= 2, charts   # timeline and operations heatmap
            heatmap = next(c for c in charts if "Armed clash" in c and "Black Knights Brigade" in c)
            assert "Abduction" in heatmap and "Capture" in heatmap
            page.screenshot(path=str(artifacts / "review-actor.png"))
        finally:
            context.close()
    assert all(_is_local(u) for u in requests), [u for u in requests if not _is_local(u)]
