"""marsad.query on a fixture store: filters, aggregates, search, URL round trip."""
from __future__ import annotations

import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # the repo root, for `tests.fixtures`

import datetime as dt

import pytest

from marsad import query as Q
from marsad.store import Store
from tests.fixtures import add_article, build_fixture_store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    store = build_fixture_store(tmp_path_factory.mktemp("q") / "store", n_articles=400, seed=3)
    return Q.prepare(store.connect())


@pytest.fixture()
def empty_con(tmp_path):
    return Q.prepare(Store(tmp_path / "empty").connect())


def test_filters_url_round_trip():
    f = Q.Filters(date_from="2019-04-01", date_to=dt.date(2019, 6, 30), actors=["lna", "gna"], places=["2210247"],
                  types=["airstrike"], statuses=["reported", "bogus"], outlets=["رويترز"], one_per_story=True)
    assert f.actors == ("gna", "lna")
    back = Q.Filters.from_params(f.to_params())
    assert back == f.replace(statuses=("reported",))   # unknown statuses are dropped from URLs
    assert Q.Filters.from_params({}) == Q.Filters()
    assert Q.Filters.from_params({"from": "not-a-date"}).date_from is None
    assert hash(back) == hash(Q.Filters.from_params(back.to_params()))


def test_previous_period():
    f = Q.Filters(date_from=dt.date(2020, 1, 11), date_to=dt.date(2020, 1, 20))
    prev = f.previous_period()
    assert (prev.date_from, prev.date_to) == (dt.date(2020, 1, 1), dt.date(2020, 1, 10))
    assert Q.Filters().previous_period() is None


def test_kpis_and_filters_change_numbers(con):
    all_ = Q.kpis(con, Q.Filters())
    assert all_["articles"] == 400 and all_["events"] > 400 and all_["stories"] < 400
    lna = Q.kpis(con, Q.Filters(actors=("lna",)))
    assert 0 < lna["events"] < all_["events"]
    once = Q.kpis(con, Q.Filters(one_per_story=True))
    assert once["articles"] == all_["stories"]
    assert once["events"] < all_["events"]
    year = Q.kpis(con, Q.Filters(date_from=dt.date(2016, 1, 1), date_to=dt.date(2016, 12, 31)))
    assert year["first"] >= dt.date(2016, 1, 1) and year["last"] <= dt.date(2016, 12, 31)


def test_map_places_one_row_per_place_and_no_regions(con):
    places = Q.map_places(con, Q.Filters())
    assert places["place_id"].is_unique
    assert not set(places["place_id"]) & {"fezzan", "cyrenaica", "2215636", "357994", "2464461"}
    assert places["lat"].between(19, 34).all() and places["lon"].between(9, 26).all()
    assert places.loc[places["events"] > 0, "dominant_type"].notna().all()
    regions = Q.map_regions(con, Q.Filters())
    assert {"fezzan", "2215636"} <= set(regions["place_id"])
    assert set(regions["level"]) <= {"region", "country", "foreign"}


def test_place_filter_restricts_events(con):
    f = Q.Filters(places=("2214846",))
    table = Q.events_table(con, f, limit=None)
    assert len(table) == Q.count_events(con, f) > 0
    assert set(table["place_id"]) == {"2214846"}
    gj = Q.events_geojson(table)
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == len(table)
    assert gj["features"][0]["geometry"]["coordinates"] == [pytest.approx(15.0925), pytest.approx(32.3754)]


def test_timeline_buckets(con):
    assert Q.choose_bucket(dt.date(2020, 1, 1), dt.date(2020, 2, 1)) == "day"
    assert Q.choose_bucket(dt.date(2020, 1, 1), dt.date(2021, 1, 1)) == "week"
    assert Q.choose_bucket(dt.date(2011, 1, 1), dt.date(2020, 1, 1)) == "month"
    tl = Q.events_over_time(con, Q.Filters(), "month")
    dated = Q.count_events(con, Q.Filters(date_from=dt.date(1900, 1, 1)))
    assert tl["n"].sum() == dated


def test_actor_queries(con):
    f = Q.Filters()
    top = Q.top_actors(con, f, 5)
    assert len(top) == 5 and top["events"].is_monotonic_decreasing
    prof = Q.actor_profile(con, f, "lna")
    assert prof["summary"]["events"] > 0 and prof["summary"]["first_seen"] <= prof["summary"]["last_seen"]
    assert "khalifa_haftar" in set(prof["names"]["actor_id"])
    assert "lna" not in set(prof["co_actors"]["group_id"])
    tl = Q.actor_timeline(con, f, ["lna", "gna"], "year")
    assert set(tl["group_id"]) == {"lna", "gna"}
    sk = Q.sankey_flows(con, f)
    assert set(sk["source_kind"]) == {"actor", "type"}


def test_search_normalized_and_by_english_name(con, tmp_path):
    from marsad.text import search_key

    hits = Q.search_articles(con, Q.Filters(), [search_key("مصراته")])
    assert len(hits) > 0
    ids = Q.entity_ids_for_name(con, "Misrata")
    assert ids["places"] == ["2214846"]
    by_name = Q.search_articles(con, Q.Filters(), place_ids=ids["places"])
    assert set(by_name["article_id"]) >= set(hits["article_id"]) or len(by_name) > 0


def test_article_spans(con):
    aid = con.execute("SELECT article_id FROM events LIMIT 1").fetchone()[0]
    spans = Q.article_spans(con, aid)
    assert {"place", "actor", "operation"} <= set(spans["kind"])
    art = Q.article(con, aid)
    text = art["text"]
    for row in spans[spans.kind == "place"].itertuples():
        assert text[row.start:row.end] == row.label_ar


def test_empty_store_queries(empty_con):
    f = Q.Filters(actors=("lna",))
    assert Q.kpis(empty_con, f)["articles"] == 0
    for fn in (Q.map_places, Q.map_regions, Q.events_table, Q.top_actors, Q.top_places, Q.latest_events):
        assert fn(empty_con, f).empty
    assert Q.store_status(empty_con)["articles"] == 0
    assert Q.data_bounds(empty_con) == (None, None)


def test_single_article_store(tmp_path):
    store = Store(tmp_path / "one")
    add_article(store, "اشتباكات في <b>طرابلس</b>", spans=[
        {"table": "place_mentions", "place_id": "2210247", "name_en": "Tripoli", "name_ar": "طرابلس", "kind": "city",
         "country": "LY", "lat": 32.8872, "lon": 13.1913, "precision": 1, "start": 15, "end": 21}])
    con = Q.prepare(store.connect())
    assert Q.kpis(con, Q.Filters())["articles"] == 1
    assert len(Q.map_places(con, Q.Filters())) == 1


def test_key_events_are_the_deadliest_then_latest_over_all_filtered_events(con):
    f = Q.Filters(actors=("lna",))
    key = Q.key_events(con, f, 5)
    every = Q.events_table(con, f, limit=None)
    assert list(key.columns) == list(every.columns)
    ranked = every.assign(_f=every["fatalities"].fillna(-1)).sort_values(["_f", "day", "event_id"], ascending=[False, False, True])
    assert list(key["event_id"]) == list(ranked["event_id"].head(5))
    assert len(Q.key_events(con, Q.Filters(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 2, 1)))) == 0


def test_operations_by_place_and_flows_list_libyan_places_not_the_country(con):
    libya = "2215636"
    assert libya not in set(Q.ops_by_place(con, Q.Filters(), 50)["place_id"])
    flows = Q.sankey_flows(con, Q.Filters(), 8, 50)
    assert libya not in set(flows.loc[flows["target_kind"] == "place", "target"])
