"""Sidebar options, store status, ingest batches and discovery candidates."""
from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

from marsad.query.sql import _caps, _df, _place_names


def data_bounds(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    """First and last day with data (event days and publication dates)."""
    row = con.execute(
        "SELECT min(d), max(d) FROM (SELECT coalesce(date, published) AS d FROM events "
        "UNION ALL SELECT published FROM articles)").fetchone()
    return (row[0], row[1]) if row else (None, None)


def actor_options(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """group_id, n (events + mentions) for every group seen in the store."""
    caps = _caps(con)
    if "rollups" in caps and "mentions_published" in caps:
        ev, am = "(SELECT * FROM ev_month)", "(SELECT * FROM am_month)"
        cnt = "sum(n)"
    else:
        ev, am, cnt = "events", "actor_mentions", "count(*)"
    return _df(con, f"""
        SELECT group_id, sum(n) AS n FROM (
            SELECT actor1_group AS group_id, {cnt}::BIGINT AS n FROM {ev} WHERE actor1_group IS NOT NULL GROUP BY 1
            UNION ALL SELECT actor2_group, {cnt}::BIGINT FROM {ev} WHERE actor2_group IS NOT NULL GROUP BY 1
            UNION ALL SELECT group_id, {cnt}::BIGINT FROM {am} WHERE group_id IS NOT NULL GROUP BY 1)
        GROUP BY group_id ORDER BY n DESC, group_id""")


def place_options(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """place_id, name_en, name_ar, kind, country, precision, n (mentions) — Libyan places first."""
    caps = _caps(con)
    counts = ("SELECT place_id, sum(n)::BIGINT AS n FROM pm_month GROUP BY 1" if {"rollups", "mentions_published"} <= caps
              else "SELECT place_id, count(*) AS n FROM place_mentions GROUP BY 1")
    return _df(con, f"""
        SELECT p.*, coalesce(c.n, 0) AS n FROM ({_place_names(caps)}) p
        LEFT JOIN ({counts}) c USING (place_id)
        ORDER BY (p.country = 'LY') DESC, n DESC, p.name_en""")


def outlet_options(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(con, "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL GROUP BY 1 ORDER BY n DESC, source")


def type_options(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(con, "SELECT type, count(*) AS n FROM events WHERE type IS NOT NULL GROUP BY 1 ORDER BY n DESC, type")


def store_status(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts for the Data page; also used to detect an empty store (see `marsad.stats`)."""
    from marsad.stats import store_stats

    st = store_stats(con)
    keys = ("articles", "stories", "events", "batches", "last_ingest", "place_mentions", "actor_mentions")
    return {**{k: st[k] for k in keys}, "undated": st["undated_articles"]}


def batches(con: duckdb.DuckDBPyConnection, limit: int = 50) -> pd.DataFrame:
    return _df(con, """SELECT batch_id, kind, started, finished, files, added, duplicates, near_duplicates, skipped,
                              events, marsad_version, dictionary_versions
                       FROM batches ORDER BY started DESC NULLS LAST LIMIT ?""", [limit])


def candidates(con: duckdb.DuckDBPyConnection, min_count: int = 2, limit: int = 500) -> pd.DataFrame:
    """Unknown names for the Review page (see `marsad.discovery.find_candidates`)."""
    from marsad.discovery import find_candidates

    return find_candidates(con, min_count=min_count, limit=limit)

