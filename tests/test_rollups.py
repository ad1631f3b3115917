"""The derived tables of the dashboard snapshot (marsad.rollups) give exactly the raw queries' answers."""
from __future__ import annotations

import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # the repo root, for `tests.fixtures`

import datetime as dt

import pandas as pd
import pytest

from marsad import query as Q
from tests.fixtures import add_article, build_fixture_store

FILTERS = [
    Q.Filters(),
    Q.Filters(date_from=dt.date(2016, 1, 1), date_to=dt.date(2019, 12, 31)),                    # whole months
    Q.Filters(date_from=dt.date(2016, 1, 1)),
    Q.Filters(date_to=dt.date(2015, 6, 30), types=("airstrike", "armed_clash")),
    Q.Filters(date_from=dt.date(2016, 3, 5), date_to=dt.date(2019, 11, 20)),                    # partial months
    Q.Filters(actors=("lna", "gna")),
    Q.Filters(actors=("khalifa_haftar",)),                                                       # an actor id
    Q.Filters(places=("2214846", "88319"), statuses=("reported", "claimed")),
    Q.Filters(outlets=("رويترز", "بوابة الوسط")),
    Q.Filters(outlets=("رويترز",), date_from=dt.date(2014, 1, 1), date_to=dt.date(2020, 12, 31)),
    Q.Filters(one_per_story=True),
    Q.Filters(date_from=dt.date(2019, 4, 1), date_to=dt.date(2020, 6, 30), actors=("lna", "gna"), one_per_story=True),
    Q.Filters(date_from=dt.date(2030, 1, 1)),                                                    # nothing
]


@pytest.fixture(scope="module")
def cons(tmp_path_factory):
    root = tmp_path_factory.mktemp("roll") / "store"
    store = build_fixture_store(root, n_articles=600, seed=5)
    add_article(store, "اشتباكات عنيفة في مدينة مصراتة  اليوم\nوقصف\tعلى سرت", article_id="manual-space", title="عنوان مصراته")
    raw = Q.prepare(store.connect())
    derived = Q.prepare(store.connect(), derived=True, search_index=True)
    assert "rollups" in Q._caps(derived) and "search" in Q._caps(derived) and not Q._caps(raw)
    assert "mentions_published" in Q._caps(derived)
    return raw, derived


def same(a, b, sort: list[str] | None = None) -> None:
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            same(a[k], b[k], sort)
        return
    if isinstance(a, pd.DataFrame):
        assert list(a.columns) == list(b.columns)
        if sort:
            keys = [c for c in sort if c in a.columns]
            a = a.sort_values(keys, kind="stable").reset_index(drop=True)
            b = b.sort_values(keys, kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=True)
        return
    assert a == b


@pytest.mark.parametrize("f", FILTERS, ids=range(len(FILTERS)))
def test_aggregates_equal_raw(cons, f):
    raw, der = cons
    k = Q.kpis(raw, f)
    same(k, Q.kpis(der, f))
    for bucket in ("month", "year", "week", "day"):
        for by in ("type", "status"):
            same(Q.events_over_time(raw, f, bucket, by), Q.events_over_time(der, f, bucket, by))
    same(Q.top_actors(raw, f, 12), Q.top_actors(der, f, 12))
    same(Q.top_places(raw, f, 12), Q.top_places(der, f, 12))
    same(Q.latest_events(raw, f, 8), Q.latest_events(der, f, 8))
    same(Q.map_places(raw, f), Q.map_places(der, f))
    same(Q.map_regions(raw, f), Q.map_regions(der, f))
    sort = ["place_id", "day", "type", "group_id", "n", "article_id"]
    same(Q.place_details(raw, f), Q.place_details(der, f), sort)
    same(Q.place_details(raw, f, ["2214846", "88319"], 2), Q.place_details(der, f, ["2214846", "88319"], 2), sort)
    for bucket in ("month", "year", "week"):
        same(Q.actor_timeline(raw, f, ("lna", "gna", "usa"), bucket), Q.actor_timeline(der, f, ("lna", "gna", "usa"), bucket))
    same(Q.actor_type_matrix(raw, f, 6), Q.actor_type_matrix(der, f, 6))
    same(Q.sankey_flows(raw, f, 5, 6), Q.sankey_flows(der, f, 5, 6))
    for g in ("lna", "usa"):
        same(Q.actor_profile(raw, f, g), Q.actor_profile(der, f, g))
    same(Q.ops_by_place(raw, f, 6), Q.ops_by_place(der, f, 6))
    assert Q.count_events(raw, f) == Q.count_events(der, f)
    same(Q.events_table(raw, f, 50), Q.events_table(der, f, 50))
    same(Q.events_table(raw, f, None), Q.events_table(der, f, None))


@pytest.mark.parametrize("f", [FILTERS[0], FILTERS[1], FILTERS[5], FILTERS[11]], ids=range(4))
@pytest.mark.parametrize("keys", [("مصراته",), ("سرت",), ("اشتباكات",), ("غاره جويه",), ("ات عنيفه في مدينه مصر",),
                                  ("مصراته  اليوم",), (" علي",), ("لا يوجد هذا",), ("مصراته", "طرابلس"), ()])
def test_search_index_equals_text_scan(cons, f, keys):
    from marsad.text import search_key

    raw, der = cons
    keys = tuple(search_key(k) if k.strip() and "  " not in k and not k.startswith(" ") else k for k in keys)
    for places, actors in (((), ()), (("2210247",), ("usa",))):
        a = Q.search_articles(raw, f, keys, places, actors, 500)
        b = Q.search_articles(der, f, keys, places, actors, 500)
        same(a, b)


def test_options_and_article_lookups_equal(cons):
    raw, der = cons
    for name in ("Misrata", "مصر", "lna", "Haftar", "x"):
        assert Q.entity_ids_for_name(raw, name) == Q.entity_ids_for_name(der, name)
    aid = raw.execute("SELECT article_id FROM events ORDER BY event_id LIMIT 1").fetchone()[0]
    a, b = Q.article(raw, aid), Q.article(der, aid)
    assert a.keys() == b.keys() and all(str(a[k]) == str(b[k]) for k in a)
    same(Q.article_spans(raw, aid), Q.article_spans(der, aid), ["start", "end", "kind", "ref"])
    same(Q.article_events(raw, aid), Q.article_events(der, aid))


def test_sidebar_options_and_stats_equal(cons):
    raw, der = cons
    for fn in (Q.actor_options, Q.place_options, Q.outlet_options, Q.type_options):
        a, b = fn(raw), fn(der)
        same(a, b, [c for c in a.columns if c in ("group_id", "place_id", "source", "type")])
    assert Q.store_status(raw) == Q.store_status(der)
    assert Q.data_bounds(raw) == Q.data_bounds(der)
    from marsad.stats import store_stats

    assert store_stats(raw) == store_stats(der)
