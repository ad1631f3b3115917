"""Overview queries: KPIs, events over time, top actors and places, latest events."""
from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from marsad.query.filters import Filters
from marsad.query.sql import (
    _bucket_expr,
    _caps,
    _df,
    _ev_counts,
    _ev_rollup_ok,
    _ev_rollup_sql,
    _events,
    _lst,
    _me_rollup_ok,
    _me_rollup_sql,
    _mentions_sql,
    _place_names,
    articles_sql,
)


def kpis(con: duckdb.DuckDBPyConnection, f: Filters) -> dict[str, Any]:
    """articles, stories, events, actors, places, first, last (period covered)."""
    caps = _caps(con)
    art, ap = articles_sql(f, caps)
    if _ev_rollup_ok(f, caps):
        ev, ep = _ev_rollup_sql(f)
        row = con.execute(f"""
            WITH a AS ({art}), e AS ({ev})
            SELECT (SELECT count(*) FROM a), (SELECT count(DISTINCT coalesce(story_id, article_id)) FROM a),
                   (SELECT coalesce(sum(n), 0)::BIGINT FROM e),
                   (SELECT count(DISTINCT g) FROM (SELECT actor1_group AS g FROM e UNION ALL SELECT actor2_group FROM e) WHERE g IS NOT NULL),
                   (SELECT count(DISTINCT place_id) FROM e WHERE place_id IS NOT NULL),
                   (SELECT min(d) FROM (SELECT dmin AS d FROM e UNION ALL SELECT published FROM a)),
                   (SELECT max(d) FROM (SELECT dmax AS d FROM e UNION ALL SELECT published FROM a))""", ap + ep).fetchone()
    else:
        ev, ep = _events(con, f, caps)
        row = con.execute(f"""
            WITH a AS ({art}), e AS ({ev})
            SELECT (SELECT count(*) FROM a), (SELECT count(DISTINCT coalesce(story_id, article_id)) FROM a),
                   (SELECT count(*) FROM e),
                   (SELECT count(DISTINCT g) FROM (SELECT actor1_group AS g FROM e UNION ALL SELECT actor2_group FROM e) WHERE g IS NOT NULL),
                   (SELECT count(DISTINCT place_id) FROM e WHERE place_id IS NOT NULL),
                   (SELECT min(d) FROM (SELECT day AS d FROM e UNION ALL SELECT published FROM a)),
                   (SELECT max(d) FROM (SELECT day AS d FROM e UNION ALL SELECT published FROM a))""", ap + ep).fetchone()
    keys = ("articles", "stories", "events", "actors", "places", "first", "last")
    return dict(zip(keys, row))


def events_over_time(con: duckdb.DuckDBPyConnection, f: Filters, bucket: str = "month",
                     by: str = "type") -> pd.DataFrame:
    """period, <by>, n — events per bucket stacked by `type` or `status` (dated events only)."""
    if by not in ("type", "status"):
        raise ValueError(by)
    caps = _caps(con)
    if bucket in ("month", "year") and _ev_rollup_ok(f, caps):
        ev, p = _ev_rollup_sql(f)
        return _df(con, f"""SELECT {_bucket_expr(bucket, "month")} AS period, {by}, sum(n)::BIGINT AS n
                            FROM ({ev}) WHERE month IS NOT NULL GROUP BY ALL ORDER BY period, {by}""", p)
    ev, p = _events(con, f, caps)
    return _df(con, f"""SELECT {_bucket_expr(bucket)} AS period, {by}, count(*) AS n
                        FROM ({ev}) WHERE day IS NOT NULL GROUP BY ALL ORDER BY period, {by}""", p)


def _group_mentions(con: duckdb.DuckDBPyConnection, f: Filters, caps: frozenset, table: str, key: str,
                    extra: str = "") -> tuple[str, list, str]:
    """(sql, params, count) of the mentions of `table` within the filters, for GROUP BY `key`."""
    if _me_rollup_ok(f, caps):
        sql, p = _me_rollup_sql("am_month" if table == "actor_mentions" else "pm_month", f)
        return sql, p, "sum(n)::BIGINT"
    sql, p = _mentions_sql(table, f, caps)
    return sql, p, "count(*)"


def top_actors(con: duckdb.DuckDBPyConnection, f: Filters, n: int = 10) -> pd.DataFrame:
    """group_id, events (as either side), mentions — ranked by events then mentions."""
    caps = _caps(con)
    ev, ep, cnt, _ = _ev_counts(f, caps, con)
    am, mp, mcnt = _group_mentions(con, f, caps, "actor_mentions", "group_id")
    one = "n" if cnt.startswith("sum(n)") else "1"
    return _df(con, f"""
        WITH ev AS (SELECT g AS group_id, sum(k)::BIGINT AS events FROM
                      (SELECT actor1_group AS g, {one} AS k FROM ({ev}) UNION ALL SELECT actor2_group, {one} FROM ({ev}))
                    WHERE g IS NOT NULL GROUP BY 1),
             me AS (SELECT group_id, {mcnt} AS mentions FROM ({am}) WHERE group_id IS NOT NULL GROUP BY 1)
        SELECT group_id, coalesce(events, 0) AS events, coalesce(mentions, 0) AS mentions
        FROM ev FULL OUTER JOIN me USING (group_id)
        {"WHERE list_contains(?::VARCHAR[], group_id)" if f.actors else ""}
        ORDER BY events DESC, mentions DESC, group_id LIMIT ?""", ep + ep + mp + ([_lst(f.actors)] if f.actors else []) + [n])


def top_places(con: duckdb.DuckDBPyConnection, f: Filters, n: int = 10) -> pd.DataFrame:
    """place_id, name_en, name_ar, precision, events, mentions — Libyan places only."""
    caps = _caps(con)
    ev, ep, cnt, _ = _ev_counts(f, caps, con)
    pm, mp, mcnt = _group_mentions(con, f, caps, "place_mentions", "place_id")
    return _df(con, f"""
        WITH ev AS (SELECT place_id, {cnt} AS events FROM ({ev}) WHERE place_id IS NOT NULL GROUP BY 1),
             me AS (SELECT place_id, {mcnt} AS mentions FROM ({pm}) GROUP BY 1)
        SELECT n.place_id, n.name_en, n.name_ar, n.precision, coalesce(events, 0) AS events, coalesce(mentions, 0) AS mentions
        FROM ev FULL OUTER JOIN me USING (place_id) JOIN ({_place_names(caps)}) n USING (place_id)
        WHERE coalesce(n.country, 'LY') = 'LY' AND n.kind IS DISTINCT FROM 'country'
        {"AND list_contains(?::VARCHAR[], n.place_id)" if f.places else ""}
        ORDER BY events DESC, mentions DESC, n.name_en LIMIT ?""", ep + mp + ([_lst(f.places)] if f.places else []) + [n])


def _newest(con: duckdb.DuckDBPyConnection, f: Filters, n: int | None, caps: frozenset) -> tuple[str, list]:
    """Events SQL for the newest `n` events: on a prepared snapshot, first the day of the n-th newest event
    (a narrow scan), then the filters with that day as a lower bound, so that the wide rows are read from
    the last row groups only (not with one-per-story, whose first articles depend on the whole period)."""
    if n and "rollups" in caps and not f.one_per_story:
        ev, p = _events(con, f, caps)
        days = con.execute(f"SELECT day FROM ({ev}) ORDER BY day DESC NULLS LAST LIMIT ?", p + [n]).fetchall()
        if len(days) == n and days[-1][0] is not None:
            th = days[-1][0]
            return _events(con, f.replace(date_from=max(th, f.date_from) if f.date_from else th), caps)
    return _events(con, f, caps)


def latest_events(con: duckdb.DuckDBPyConnection, f: Filters, n: int = 10) -> pd.DataFrame:
    """Most recent events with their evidence sentence, article title, outlet and url."""
    caps = _caps(con)
    ev, p = _newest(con, f, n, caps)
    return _df(con, f"""
        SELECT e.event_id, e.article_id, e.day, e.type, e.status, e.actor1_group, e.actor2_group, e.actor1, e.actor2,
               e.place_id, pn.name_en AS place_en, pn.name_ar AS place_ar, e.fatalities, e.sentence, e.source,
               a.title, a.url, a.published
        FROM (SELECT * FROM ({ev}) ORDER BY day DESC NULLS LAST, event_id LIMIT ?) e
        LEFT JOIN articles a USING (article_id) LEFT JOIN ({_place_names(caps)}) pn ON pn.place_id = e.place_id
        ORDER BY e.day DESC NULLS LAST, e.event_id""", p + [n])

