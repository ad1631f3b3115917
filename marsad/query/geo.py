"""Map queries: places and regions with their counts, place details."""
from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from marsad.query.filters import Filters
from marsad.query.overview import _group_mentions
from marsad.query.sql import _caps, _df, _ev_counts, _events
from marsad.rollups import PLACE_LATEST_KEPT


def map_places(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """One row per drawable Libyan place (precision 1–2, coordinates known):
    place_id, name_en, name_ar, kind, lat, lon, events, mentions, dominant_type, fatalities."""
    caps = _caps(con)
    ev, ep, cnt, fat = _ev_counts(f, caps, con)
    pm, mp, mcnt = _group_mentions(con, f, caps, "place_mentions", "place_id")
    pl = ("SELECT place_id, lat, lon, name_en, name_ar, kind, country, precision FROM place_names" if "rollups" in caps else
          """SELECT place_id, any_value(lat) AS lat, any_value(lon) AS lon, any_value(name_en) AS name_en,
                    any_value(name_ar) AS name_ar, any_value(kind) AS kind, any_value(country) AS country,
                    min(precision) AS precision FROM place_mentions GROUP BY 1""")
    return _df(con, f"""
        WITH ev AS (SELECT place_id, type, {cnt} AS n, {fat} AS fat
                    FROM ({ev}) WHERE place_id IS NOT NULL GROUP BY 1, 2),
             evp AS (SELECT place_id, sum(n) AS events, arg_max(type, (n, type)) AS dominant_type, sum(fat) AS fatalities
                     FROM ev GROUP BY 1),
             me AS (SELECT place_id, {mcnt} AS mentions FROM ({pm}) GROUP BY 1),
             pl AS ({pl})
        SELECT pl.place_id, pl.name_en, pl.name_ar, pl.kind, pl.lat, pl.lon, pl.precision,
               coalesce(evp.events, 0) AS events, coalesce(me.mentions, 0) AS mentions,
               evp.dominant_type, coalesce(evp.fatalities, 0) AS fatalities
        FROM pl LEFT JOIN evp USING (place_id) LEFT JOIN me USING (place_id)
        WHERE pl.lat IS NOT NULL AND pl.lon IS NOT NULL AND coalesce(pl.country, 'LY') = 'LY'
          AND coalesce(pl.precision, 1) < 3 AND pl.kind NOT IN ('region', 'district', 'country')
          AND (coalesce(evp.events, 0) > 0 OR coalesce(me.mentions, 0) > 0)
        ORDER BY events DESC, mentions DESC, pl.place_id""", ep + mp)


def map_regions(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """Mentions that are not drawn as points: regions/districts (precision 3), Libya as a whole and
    foreign countries/cities. place_id, name_en, name_ar, kind, country, level, mentions, events."""
    caps = _caps(con)
    ev, ep, cnt, _ = _ev_counts(f, caps, con)
    pm, mp, mcnt = _group_mentions(con, f, caps, "place_mentions", "place_id")
    if "rollups" in caps:
        me = f"""SELECT c.place_id, pn.name_en, pn.name_ar, pn.kind, pn.country, pn.precision, c.mentions, pn.lat
                 FROM (SELECT place_id, {mcnt} AS mentions FROM ({pm}) GROUP BY 1) c JOIN place_names pn USING (place_id)"""
    else:
        me = f"""SELECT place_id, any_value(name_en) AS name_en, any_value(name_ar) AS name_ar, any_value(kind) AS kind,
                        any_value(country) AS country, min(precision) AS precision, count(*) AS mentions,
                        any_value(lat) AS lat
                 FROM ({pm}) GROUP BY 1"""
    return _df(con, f"""
        WITH me AS ({me}),
             ev AS (SELECT place_id, {cnt} AS events FROM ({ev}) WHERE place_id IS NOT NULL GROUP BY 1)
        SELECT me.place_id, name_en, name_ar, kind, country,
               CASE WHEN kind = 'country' OR (country IS NOT NULL AND country <> 'LY') THEN
                         CASE WHEN country = 'LY' THEN 'country' ELSE 'foreign' END
                    ELSE 'region' END AS level,
               mentions, coalesce(ev.events, 0) AS events
        FROM me LEFT JOIN ev USING (place_id)
        WHERE coalesce(precision, 1) >= 3 OR kind IN ('region', 'district', 'country', 'foreign_city')
              OR (country IS NOT NULL AND country <> 'LY') OR lat IS NULL
        ORDER BY level DESC, mentions DESC, name_en""", mp + ep)


def place_details(con: duckdb.DuckDBPyConnection, f: Filters, place_ids: Iterable[str] | None = None,
                  top: int = 3) -> dict[str, pd.DataFrame]:
    """Popup material for many places at once: counts by type, top actors, latest events (titles)."""
    caps = _caps(con)
    ev, p, cnt, _ = _ev_counts(f, caps, con)
    one = "n" if cnt.startswith("sum(n)") else "1"
    ids = list(place_ids) if place_ids is not None else None
    restrict = "AND list_contains(?::VARCHAR[], place_id)" if ids is not None else ""
    rp = [ids] if ids is not None else []
    by_type = _df(con, f"""SELECT place_id, type, {cnt} AS n FROM ({ev}) WHERE place_id IS NOT NULL {restrict}
                           GROUP BY 1, 2 ORDER BY place_id, n DESC, type""", p + rp)
    actors = _df(con, f"""
        SELECT place_id, group_id, n FROM (
            SELECT place_id, g AS group_id, sum(k)::BIGINT AS n FROM
              (SELECT place_id, actor1_group AS g, {one} AS k FROM ({ev}) WHERE place_id IS NOT NULL {restrict}
               UNION ALL SELECT place_id, actor2_group, {one} FROM ({ev}) WHERE place_id IS NOT NULL {restrict})
            WHERE g IS NOT NULL GROUP BY 1, 2)
        QUALIFY row_number() OVER (PARTITION BY place_id ORDER BY n DESC, group_id) <= ?
        ORDER BY place_id, n DESC""", p + rp + p + rp + [top])
    if "place_latest" in caps and f.is_default and top <= PLACE_LATEST_KEPT:   # unfiltered: kept in the snapshot
        latest = _df(con, f"""
            SELECT e.place_id, e.day, e.type, e.status, e.article_id, e.source, a.title
            FROM place_latest e LEFT JOIN articles a USING (article_id)
            WHERE e.r <= ? {restrict.replace("place_id", "e.place_id")}
            ORDER BY e.place_id, e.day DESC NULLS LAST, e.event_id""", [top] + rp)
        return {"by_type": by_type, "actors": actors, "latest": latest}
    raw, rp_ = _events(con, f, caps)
    # the latest `top` events per place: only events on or after each place's `top`-th latest day can be among them
    latest = _df(con, f"""
        WITH e0 AS (SELECT place_id, day, event_id, type, status, article_id, source FROM ({raw})
                    WHERE place_id IS NOT NULL {restrict}),
             th AS (SELECT place_id, CASE WHEN count(day) >= ? THEN list_min(max(day, ?)) END AS th FROM e0 GROUP BY 1)
        SELECT e.place_id, e.day, e.type, e.status, e.article_id, e.source, a.title
        FROM (SELECT e0.* FROM e0 JOIN th USING (place_id) WHERE th.th IS NULL OR e0.day >= th.th
              QUALIFY row_number() OVER (PARTITION BY e0.place_id ORDER BY e0.day DESC NULLS LAST, e0.event_id) <= ?) e
        LEFT JOIN articles a USING (article_id)
        ORDER BY e.place_id, e.day DESC NULLS LAST, e.event_id""", rp_ + rp + [top, top, top])
    return {"by_type": by_type, "actors": actors, "latest": latest}

