"""Actor queries: timelines, actor × operation matrix, flows, profiles."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb
import pandas as pd

from marsad.query.filters import Filters
from marsad.query.overview import latest_events
from marsad.query.sql import (
    _bucket_expr,
    _caps,
    _df,
    _ev_counts,
    _ev_rollup_ok,
    _ev_rollup_sql,
    _events,
    _me_rollup_ok,
    _me_rollup_sql,
    _mentions_sql,
    _place_names,
)


def actor_timeline(con: duckdb.DuckDBPyConnection, f: Filters, groups: Iterable[str], bucket: str = "month") -> pd.DataFrame:
    """period, group_id, events, mentions for the chosen groups."""
    groups = list(groups)
    if not groups:
        return pd.DataFrame(columns=["period", "group_id", "events", "mentions"])
    caps = _caps(con)
    if bucket in ("month", "year") and _ev_rollup_ok(f, caps):
        ev, ep = _ev_rollup_sql(f)
        ev_part = f"""SELECT {_bucket_expr(bucket, "month")} AS period, g AS group_id, sum(k)::BIGINT AS events FROM
                        (SELECT month, actor1_group AS g, n AS k FROM ({ev}) UNION ALL SELECT month, actor2_group, n FROM ({ev}))
                      WHERE month IS NOT NULL AND list_contains(?::VARCHAR[], g) GROUP BY 1, 2"""
    else:
        ev, ep = _events(con, f, caps)
        ev_part = f"""SELECT {_bucket_expr(bucket, "day")} AS period, g AS group_id, count(*) AS events FROM
                        (SELECT day, actor1_group AS g FROM ({ev}) UNION ALL SELECT day, actor2_group FROM ({ev}))
                      WHERE day IS NOT NULL AND list_contains(?::VARCHAR[], g) GROUP BY 1, 2"""
    if bucket in ("month", "year") and _me_rollup_ok(f, caps):
        am, mp = _me_rollup_sql("am_month", f)
        me_part = f"""SELECT {_bucket_expr(bucket, "month")} AS period, group_id, sum(n)::BIGINT AS mentions FROM ({am})
                      WHERE month IS NOT NULL AND list_contains(?::VARCHAR[], group_id) GROUP BY 1, 2"""
    else:
        am, mp = _mentions_sql("actor_mentions", f, caps)
        me_part = f"""SELECT {_bucket_expr(bucket, "published")} AS period, group_id, count(*) AS mentions FROM ({am})
                      WHERE published IS NOT NULL AND list_contains(?::VARCHAR[], group_id) GROUP BY 1, 2"""
    return _df(con, f"""
        WITH ev AS ({ev_part}), me AS ({me_part})
        SELECT period, group_id, coalesce(events, 0) AS events, coalesce(mentions, 0) AS mentions
        FROM ev FULL OUTER JOIN me USING (period, group_id) ORDER BY period, group_id""",
               ep + ep + [groups] + mp + [groups])


def actor_type_matrix(con: duckdb.DuckDBPyConnection, f: Filters, n_actors: int = 15) -> pd.DataFrame:
    """group_id, type, n — events by actor (either side) and operation type, top actors only."""
    caps = _caps(con)
    ev, p, cnt, _ = _ev_counts(f, caps, con)
    one = "n" if cnt.startswith("sum(n)") else "1"
    return _df(con, f"""
        WITH x AS (SELECT actor1_group AS g, type, {one} AS k FROM ({ev}) UNION ALL SELECT actor2_group, type, {one} FROM ({ev})),
             top AS (SELECT g FROM x WHERE g IS NOT NULL GROUP BY g ORDER BY sum(k) DESC, g LIMIT ?)
        SELECT g AS group_id, type, sum(k)::BIGINT AS n FROM x WHERE g IN (SELECT g FROM top) GROUP BY 1, 2
        ORDER BY group_id, type""", p + p + [n_actors])


def sankey_flows(con: duckdb.DuckDBPyConnection, f: Filters, n_actors: int = 8, n_places: int = 10) -> pd.DataFrame:
    """source_kind, source, target_kind, target, n: actor1 group → type and type → Libyan place (top only)."""
    caps = _caps(con)
    ev, p, cnt, _ = _ev_counts(f, caps, con)
    return _df(con, f"""
        WITH e AS ({ev}),
             ta AS (SELECT actor1_group AS g FROM e WHERE actor1_group IS NOT NULL GROUP BY 1 ORDER BY {cnt} DESC, 1 LIMIT ?),
             tp AS (SELECT place_id FROM e JOIN ({_place_names(caps)}) pn USING (place_id)
                    WHERE coalesce(pn.country, 'LY') = 'LY' AND pn.kind IS DISTINCT FROM 'country'
                    GROUP BY 1 ORDER BY {cnt} DESC, 1 LIMIT ?),
             x AS (SELECT * FROM e WHERE actor1_group IN (SELECT g FROM ta))
        SELECT 'actor' AS source_kind, actor1_group AS source, 'type' AS target_kind, type AS target, {cnt} AS n
        FROM x GROUP BY 1, 2, 3, 4
        UNION ALL
        SELECT 'type', type, 'place', place_id, {cnt} FROM x WHERE place_id IN (SELECT place_id FROM tp) GROUP BY 1, 2, 3, 4
        ORDER BY 1, 5 DESC, 2, 4""", p + [n_actors, n_places])


def actor_profile(con: duckdb.DuckDBPyConnection, f: Filters, group_id: str) -> dict[str, Any]:
    """summary (dict), names (name_en/name_ar/actor_id seen), places, co_actors, types, latest evidence."""
    caps = _caps(con)
    fg = f.replace(actors=(group_id,))
    ev, ep, cnt, fat = _ev_counts(fg, caps, con)
    rolled = cnt.startswith("sum(n)")
    am, mp = _mentions_sql("actor_mentions", f, caps)
    dmin, dmax = ("dmin", "dmax") if rolled else ("day", "day")
    summary = con.execute(f"""
        WITH e AS ({ev}), m AS (SELECT * FROM ({am}) WHERE group_id = ?)
        SELECT (SELECT coalesce({cnt}, 0) FROM e), (SELECT count(*) FROM m), (SELECT count(DISTINCT article_id) FROM m),
               (SELECT min(d) FROM (SELECT {dmin} AS d FROM e UNION ALL SELECT published FROM m)),
               (SELECT max(d) FROM (SELECT {dmax} AS d FROM e UNION ALL SELECT published FROM m)),
               (SELECT {fat} FROM e)""", ep + mp + [group_id]).fetchone()
    if _me_rollup_ok(f, caps):
        mr, mrp = _me_rollup_sql("am_month", f)
        names_sql = f"""SELECT actor_id, any_value(kind) AS kind, name_en, name_ar, sum(n)::BIGINT AS n FROM ({mr})
                        WHERE group_id = ? GROUP BY actor_id, name_en, name_ar"""
    else:
        mr, mrp = am, mp
        names_sql = f"""SELECT actor_id, any_value(kind) AS kind, name_en, name_ar, count(*) AS n FROM ({am})
                        WHERE group_id = ? GROUP BY actor_id, name_en, name_ar"""
    names = _df(con, f"{names_sql} ORDER BY n DESC, actor_id, name_en, name_ar LIMIT 30", mrp + [group_id])
    places = _df(con, f"""SELECT e.place_id, pn.name_en, pn.name_ar, {cnt} AS n FROM ({ev}) e
                          JOIN ({_place_names(caps)}) pn USING (place_id) GROUP BY 1, 2, 3 ORDER BY n DESC, e.place_id LIMIT 10""", ep)
    co = _df(con, f"""SELECT CASE WHEN actor1_group = ? THEN actor2_group ELSE actor1_group END AS group_id, {cnt} AS n
                      FROM ({ev}) WHERE actor1_group IS NOT NULL AND actor2_group IS NOT NULL
                        AND actor1_group <> actor2_group GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10""", [group_id] + ep)
    types = _df(con, f"SELECT type, {cnt} AS n FROM ({ev}) GROUP BY 1 ORDER BY n DESC, type", ep)
    latest = latest_events(con, fg, 8)
    keys = ("events", "mentions", "articles", "first_seen", "last_seen", "fatalities")
    return {"summary": dict(zip(keys, summary)), "names": names, "places": places, "co_actors": co,
            "types": types, "latest": latest}

