"""Operation queries: by place, the events table, counts and GeoJSON."""
from __future__ import annotations

import datetime as dt
import math

import duckdb
import pandas as pd

from marsad.query.filters import Filters
from marsad.query.overview import _newest
from marsad.query.sql import _caps, _df, _ev_counts, _events, _place_names


def ops_by_place(con: duckdb.DuckDBPyConnection, f: Filters, n: int = 15) -> pd.DataFrame:
    """place_id, name_en, name_ar, type, n for the top Libyan places (as `top_places`: not Libya itself)."""
    caps = _caps(con)
    ev, p, cnt, _ = _ev_counts(f, caps, con)
    return _df(con, f"""
        WITH e AS ({ev}),
             top AS (SELECT place_id FROM e JOIN ({_place_names(caps)}) pn USING (place_id)
                     WHERE coalesce(pn.country, 'LY') = 'LY' AND pn.kind IS DISTINCT FROM 'country'
                     GROUP BY 1 ORDER BY {cnt} DESC, 1 LIMIT ?)
        SELECT e.place_id, pn.name_en, pn.name_ar, e.type, {cnt} AS n FROM e JOIN ({_place_names(caps)}) pn USING (place_id)
        WHERE e.place_id IN (SELECT place_id FROM top) GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1, 4""", p + [n])


EVENT_COLUMNS = ("event_id", "article_id", "day", "type", "status", "actor1_group", "actor2_group", "actor1",
                 "actor2", "place_id", "place_en", "place_ar", "place_precision", "lat", "lon", "fatalities",
                 "source", "title", "url", "sentence")

def events_table(con: duckdb.DuckDBPyConnection, f: Filters, limit: int | None = 2000) -> pd.DataFrame:
    """Filtered events, newest first, with place names and article titles (limit None = all)."""
    caps = _caps(con)
    ev, p = _newest(con, f, limit, caps)
    lim = "LIMIT ?" if limit else ""
    return _df(con, f"""
        SELECT e.event_id, e.article_id, e.day, e.type, e.status, e.actor1_group, e.actor2_group, e.actor1, e.actor2,
               e.place_id, pn.name_en AS place_en, pn.name_ar AS place_ar, e.place_precision, e.lat, e.lon,
               e.fatalities, e.source, a.title, a.url, e.sentence
        FROM (SELECT * FROM ({ev}) ORDER BY day DESC NULLS LAST, event_id {lim}) e
        LEFT JOIN articles a USING (article_id) LEFT JOIN ({_place_names(caps)}) pn ON pn.place_id = e.place_id
        ORDER BY e.day DESC NULLS LAST, e.event_id""", p + ([limit] if limit else []))


def key_events(con: duckdb.DuckDBPyConnection, f: Filters, n: int = 10) -> pd.DataFrame:
    """The `n` filtered events with the most fatalities, then the latest (the briefing's key events),
    with the columns of `events_table`."""
    caps = _caps(con)
    ev, p = _events(con, f, caps)
    order = "coalesce({0}fatalities, -1) DESC, {0}day DESC NULLS LAST, {0}event_id"
    return _df(con, f"""
        SELECT e.event_id, e.article_id, e.day, e.type, e.status, e.actor1_group, e.actor2_group, e.actor1, e.actor2,
               e.place_id, pn.name_en AS place_en, pn.name_ar AS place_ar, e.place_precision, e.lat, e.lon,
               e.fatalities, e.source, a.title, a.url, e.sentence
        FROM (SELECT * FROM ({ev}) ORDER BY {order.format("")} LIMIT ?) e
        LEFT JOIN articles a USING (article_id) LEFT JOIN ({_place_names(caps)}) pn ON pn.place_id = e.place_id
        ORDER BY {order.format("e.")}""", p + [n])


def count_events(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    caps = _caps(con)
    ev, p, cnt, _ = _ev_counts(f, caps, con)
    return int(con.execute(f"SELECT coalesce({cnt}, 0) FROM ({ev})", p).fetchone()[0])


def events_geojson(frame: pd.DataFrame) -> dict:
    """GeoJSON FeatureCollection of events that have coordinates (from `events_table`)."""
    features = []
    for row in frame.itertuples(index=False):
        lat, lon = getattr(row, "lat", None), getattr(row, "lon", None)
        if lat is None or lon is None or (isinstance(lat, float) and math.isnan(lat)) or (isinstance(lon, float) and math.isnan(lon)):
            continue
        props = {}
        for key, value in row._asdict().items():
            if key in ("lat", "lon"):
                continue
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
                props[key] = None
            elif isinstance(value, (dt.date, pd.Timestamp)):
                props[key] = value.isoformat()[:10]
            elif hasattr(value, "item"):
                props[key] = value.item()
            else:
                props[key] = value if isinstance(value, (str, int, float, bool)) else str(value)
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}

