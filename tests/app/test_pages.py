"""AppTest: every page runs on an empty store and on a fixture store; filters change the numbers;
query parameters seed the filters."""
from __future__ import annotations

import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).resolve().parents[2]))  # the repo root, for `tests.fixtures`

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import build_fixture_store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = ["pages/overview.py", "pages/map.py", "pages/actors.py", "pages/operations.py", "pages/articles.py",
         "pages/briefing.py", "pages/data.py", "pages/review.py"]


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("app") / "store"
    build_fixture_store(path, n_articles=300, seed=21)
    return path


def _app(monkeypatch, store: Path, params: dict | None = None) -> AppTest:
    monkeypatch.setenv("MARSAD_STORE", str(store))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def _kpi(at: AppTest, key: str) -> int:
    for el in at.get("html"):
        body = str(getattr(el, "proto", el).body if hasattr(getattr(el, "proto", None), "body") else el.value)
        m = re.search(rf'data-kpi="{key}"><div class="l">[^<]*</div><div class="v">([\d,]+)<', body)
        if m:
            return int(m.group(1).replace(",", ""))
    raise AssertionError(f"KPI {key} not shown")


def _no_exception(at: AppTest, page: str) -> None:
    assert not at.exception, f"{page}: {[e.value for e in at.exception]}"


@pytest.mark.parametrize("page", PAGES)
def test_page_on_empty_store(monkeypatch, tmp_path, page):
    at = _app(monkeypatch, tmp_path / "empty")
    at.switch_page(page).run()
    _no_exception(at, page)
    if page != "pages/data.py":
        assert any("store is empty" in i.value for i in at.info), f"{page}: no first-run message"


@pytest.mark.parametrize("page", PAGES)
def test_page_on_fixture_store(monkeypatch, fixture_store, page):
    at = _app(monkeypatch, fixture_store)
    at.switch_page(page).run()
    _no_exception(at, page)
    assert not any("store is empty" in i.value for i in at.info)


def test_filter_changes_counts(monkeypatch, fixture_store):
    at = _app(monkeypatch, fixture_store)
    total = _kpi(at, "events")
    articles = _kpi(at, "articles")
    assert total > 0 and articles == 300
    at.multiselect(key="f_actors").set_value(["lna"]).run()
    _no_exception(at, "overview")
    assert 0 < _kpi(at, "events") < total
    at.toggle(key="f_story").set_value(True).run()
    assert _kpi(at, "articles") < articles
    # the URL follows the filters
    assert at.query_params.get("actor") in ("lna", ["lna"])
    assert at.query_params.get("story") in ("1", ["1"])
    # clear filters restores the totals
    clear = [b for b in at.sidebar.button if "Clear" in b.label][0]
    clear.click().run()
    assert _kpi(at, "events") == total


def test_query_params_seed_filters(monkeypatch, fixture_store):
    at = _app(monkeypatch, fixture_store, {"place": "2214846", "type": ["airstrike", "shelling"], "lang": "ar"})
    _no_exception(at, "overview")
    assert at.multiselect(key="f_places").value == ["2214846"]
    assert sorted(at.multiselect(key="f_types").value) == ["airstrike", "shelling"]
    assert at.segmented_control(key="f_lang").value == "ar"
    base = _app(monkeypatch, fixture_store)
    assert _kpi(at, "events") < _kpi(base, "events")


def test_custom_range_from_url(monkeypatch, fixture_store):
    at = _app(monkeypatch, fixture_store, {"from": "2016-01-01", "to": "2016-12-31"})
    _no_exception(at, "overview")
    assert at.segmented_control(key="f_preset").value == "custom"
    base = _app(monkeypatch, fixture_store)
    assert _kpi(at, "events") < _kpi(base, "events")


def test_articles_page_opens_article_from_url(monkeypatch, fixture_store):
    from marsad.store import Store

    aid = Store(fixture_store).connect().execute("SELECT article_id FROM events LIMIT 1").fetchone()[0]
    at = _app(monkeypatch, fixture_store)
    at.switch_page("pages/articles.py")
    at.query_params["article"] = aid
    at.run()
    _no_exception(at, "articles")
    bodies = " ".join(str(h.proto.body) for h in at.get("html") if hasattr(h, "proto"))
    assert 'class="mr-reader"' in bodies and "<mark class=" in bodies


def test_articles_search(monkeypatch, fixture_store):
    at = _app(monkeypatch, fixture_store)
    at.switch_page("pages/articles.py").run()
    at.text_input(key="articles_q").set_value("مصراته").run()
    _no_exception(at, "articles")
    assert any("articles" in c.value for c in at.caption)
