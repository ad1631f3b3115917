"""Ingest the real ANT 2018 Libya corpus (../shared, skipped when absent)."""
import pytest

from tests.conftest import CORPORA, require_shared

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    from marsad.pipeline import ingest_paths
    from marsad.resources import load_resources
    from marsad.store import Store

    folder = require_shared(CORPORA / "ant-multisource-2018-libya")
    store = Store(tmp_path_factory.mktemp("ant") / "store")
    report = ingest_paths([folder], store, load_resources())
    return folder, store, report


def test_every_article_stored_once(ingested):
    folder, store, report = ingested
    n_files = sum(1 for p in folder.rglob("*") if p.is_file())
    con = store.connect()
    assert not report.skipped
    assert report.articles_read == n_files
    articles, distinct = con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone()
    assert articles == distinct == report.added == n_files - report.duplicates


def test_reingest_adds_nothing(ingested):
    from marsad.pipeline import ingest_paths

    folder, store, _ = ingested
    before = store.manifest().tables["articles"]
    again = ingest_paths([folder], store)
    assert again.added == 0 and again.duplicates == again.articles_read
    assert store.manifest().tables["articles"] == before


def test_libyan_place_in_90_percent_and_events_in_60_percent(ingested):
    _, store, _ = ingested
    con = store.connect()
    total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    with_place = con.execute("SELECT count(DISTINCT article_id) FROM place_mentions WHERE country = 'LY'").fetchone()[0]
    with_event = con.execute("SELECT count(DISTINCT article_id) FROM events").fetchone()[0]
    assert with_place / total >= 0.90, (with_place, total)
    assert with_event / total >= 0.60, (with_event, total)


def test_near_duplicate_stories_are_grouped(ingested):
    _, store, report = ingested
    con = store.connect()
    stories = con.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
    assert stories == report.added - report.near_duplicates
