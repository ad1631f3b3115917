"""Read-side queries for the dashboard: a frozen `Filters` value and pure functions over DuckDB.

Every function takes a DuckDB connection that has the store's views (`Store.connect()`) and a
`Filters`, runs parameterized SQL that aggregates inside DuckDB, and returns a pandas DataFrame
(or a small dict). Nothing here imports Streamlit, plotly or folium, so the same functions serve
the dashboard, the exports, the benchmark and the tests.

Filter semantics
----------------
* events: the event day is ``coalesce(date, published)``; a date bound drops undated events.
  ``actors`` match either side (actor1_group or actor2_group); ``places`` match ``place_id``;
  ``outlets`` match ``source``.
* articles: date on ``published``; an actor/place filter keeps articles that mention one of them;
  a type/status filter keeps articles that have such an event.
* ``one_per_story``: among the rows left by the other filters, only the first article of each
  story (earliest published, then smallest article_id) is kept — near-duplicates count once.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

STATUSES = ("reported", "claimed", "denied", "planned")
_FAR = "DATE '9999-12-31'"

# --------------------------------------------------------------------------------------------
# Filters


def _tuple(values: Iterable[str] | None) -> tuple[str, ...]:
    if not values:
        return ()
    return tuple(sorted({str(v) for v in values if v not in (None, "")}))


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    """What the analyst is looking at. Hashable, so it keys caches; empty tuples mean 'all'."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    one_per_story: bool = False

    def __post_init__(self) -> None:
        for name in ("actors", "places", "types", "statuses", "outlets"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        object.__setattr__(self, "date_from", _date(self.date_from))
        object.__setattr__(self, "date_to", _date(self.date_to))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            object.__setattr__(self, "date_from", self.date_to)
        object.__setattr__(self, "one_per_story", bool(self.one_per_story))

    # URL round trip --------------------------------------------------------------------------
    PARAM_KEYS = ("from", "to", "actor", "place", "type", "status", "outlet", "story")

    def to_params(self) -> dict[str, str | list[str]]:
        """Query-parameter form (lists repeat the key); defaults are left out."""
        out: dict[str, str | list[str]] = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        for key, values in (("actor", self.actors), ("place", self.places), ("type", self.types),
                            ("status", self.statuses), ("outlet", self.outlets)):
            if values:
                out[key] = list(values)
        if self.one_per_story:
            out["story"] = "1"
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Filters:
        """Inverse of `to_params`; accepts str or list values, ignores unknown keys and bad dates."""
        def many(key: str) -> tuple[str, ...]:
            value = params.get(key)
            if value is None:
                return ()
            if isinstance(value, str):
                return tuple(v for v in value.split(",") if v) if "," in value else ((value,) if value else ())
            return tuple(str(v) for v in value if v)

        def one(key: str) -> Any:
            value = params.get(key)
            if isinstance(value, (list, tuple)):
                return value[-1] if value else None
            return value

        return cls(date_from=one("from"), date_to=one("to"), actors=many("actor"), places=many("place"),
                   types=many("type"), statuses=tuple(s for s in many("status") if s in STATUSES),
                   outlets=many("outlet"), one_per_story=str(one("story") or "") in ("1", "true", "yes"))

    def replace(self, **changes: Any) -> Filters:
        return dataclasses.replace(self, **changes)

    @property
    def is_default(self) -> bool:
        return self == Filters()

    def previous_period(self) -> Filters | None:
        """The same filters over the period of equal length just before this one (None if open)."""
        if not (self.date_from and self.date_to):
            return None
        span = (self.date_to - self.date_from).days + 1
        return self.replace(date_from=self.date_from - dt.timedelta(days=span),
                            date_to=self.date_from - dt.timedelta(days=1))


# --------------------------------------------------------------------------------------------
# Connection preparation

MEMORY_TABLES = ("events", "place_mentions", "actor_mentions", "batches")


def prepare(con: duckdb.DuckDBPyConnection, materialize: bool = True, derived: bool = False,
            search_index: bool = False) -> duckdb.DuckDBPyConnection:
    """Make a `Store.connect()` connection fast for dashboards: copy the derived tables (and articles
    without their text) into DuckDB memory once, so that queries do not re-open hundreds of monthly
    Parquet files; the full text stays on disk behind the view `articles_text`.
    Also turns empty views (which read a connection-local registered table) into real empty tables,
    so cursors of this connection can be used from other threads.
    `derived` (with `materialize`) also builds the sorted tables, rollups and optionally the search
    index of `marsad.rollups`, which the queries below use when present."""
    from marsad.store import TABLES

    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()} & set(TABLES)
    for table in ("articles",) + MEMORY_TABLES + tuple(sorted(views - {"articles", *MEMORY_TABLES})):
        if table not in views:
            continue
        source = con.execute(f"SELECT sql FROM duckdb_views() WHERE view_name = '{table}'").fetchone()[0]
        is_empty = "_empty_" in source
        if not is_empty and table not in ("articles",) + MEMORY_TABLES:
            continue   # other tables (candidates, story_bands) stay on disk
        if is_empty:
            con.execute(f"DROP VIEW {table}")
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM _empty_{table}")
            if table == "articles":
                con.execute("CREATE OR REPLACE VIEW articles_text AS SELECT * FROM articles")
            continue
        if table == "articles":
            con.execute("ALTER VIEW articles RENAME TO articles_text")
            if materialize:
                con.execute("CREATE TABLE articles AS SELECT * EXCLUDE (text, text_norm) FROM articles_text")
            else:
                con.execute("CREATE VIEW articles AS SELECT * EXCLUDE (text, text_norm) FROM articles_text")
        elif materialize:
            con.execute(f"ALTER VIEW {table} RENAME TO {table}_parquet")
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM {table}_parquet")
    if derived and materialize:
        from marsad import rollups

        rollups.build(con, search_index=search_index)
    return con


SNAPSHOT_DIR = ".dashboard"


def snapshot_path(store) -> Path:
    """Where the dashboard snapshot of the store's current version lives (see `build_snapshot`)."""
    from marsad.rollups import FORMAT

    return store.root / SNAPSHOT_DIR / f"v{store.manifest().version}.f{FORMAT}.duckdb"


def build_snapshot(store) -> Path:
    """Write the prepared (materialized) dashboard tables of the current store version to a DuckDB
    file in the store folder, so that a dashboard opens a new version without copying Parquet into
    memory first. Built after each ingest/reprocess; older snapshots are removed."""
    import os
    import uuid

    target = snapshot_path(store)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{uuid.uuid4().hex}.tmp")
    con = duckdb.connect(str(tmp))
    try:
        con.execute(f"SET temp_directory = '{target.parent / '.tmp'}'")
        con.execute("SET memory_limit = '4GB'")
        con.execute("SET preserve_insertion_order = true")
        store.connect(con)
        prepare(con, materialize=True, derived=True, search_index=True)
        files = [(f.split("/month=")[-1].split("/")[0], str(store.root / f)) for f in store.manifest().tables["articles"]]
        con.execute("CREATE TABLE article_files (month VARCHAR, path VARCHAR)")
        if files:
            con.executemany("INSERT INTO article_files VALUES (?, ?)", files)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, target)
    for old in target.parent.glob("*"):
        if old != target:
            if old.is_dir():
                import shutil

                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
    return target


def open_snapshot(store) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection to the current version's snapshot, or None when there is none."""
    path = snapshot_path(store)
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    tune(con)
    return con


MEMORY_LIMIT = "1GB"


def tune(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Dashboard connection settings: bounded memory (the app's budget is 2 GB in all) and the Parquet
    metadata cache (article texts are read from the store's files)."""
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("SET enable_object_cache = true")
    return con


# --------------------------------------------------------------------------------------------
# SQL building blocks


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


def _lst(values: Iterable[str]) -> list[str]:
    return list(values)


def events_sql(f: Filters, day_col: str | None = None) -> tuple[str, list]:
    """SELECT over `events` restricted by the filters; adds column `day` (event or publication date).
    `day_col`: a stored column holding that day (prepared snapshots have `_day`), so that date bounds
    skip row groups."""
    where, params = ["TRUE"], []
    day = f"e.{day_col}" if day_col else "coalesce(e.date, e.published)"
    if f.date_from:
        where.append(f"{day} >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append(f"{day} <= ?")
        params.append(f.date_to)
    if f.actors:   # group ids (the dashboard) or specific actor ids (`marsad export --actor`)
        where.append("(list_contains(?::VARCHAR[], e.actor1_group) OR list_contains(?::VARCHAR[], e.actor2_group)"
                     " OR list_contains(?::VARCHAR[], e.actor1) OR list_contains(?::VARCHAR[], e.actor2))")
        params += [_lst(f.actors)] * 4
    if f.places:
        where.append("list_contains(?::VARCHAR[], e.place_id)")
        params.append(_lst(f.places))
    if f.types:
        where.append("list_contains(?::VARCHAR[], e.type)")
        params.append(_lst(f.types))
    if f.statuses:
        where.append("list_contains(?::VARCHAR[], e.status)")
        params.append(_lst(f.statuses))
    if f.outlets:
        where.append("list_contains(?::VARCHAR[], e.source)")
        params.append(_lst(f.outlets))
    cols = f"e.* EXCLUDE ({day_col}), {day} AS day" if day_col else f"e.*, {day} AS day"
    sql = f"SELECT {cols} FROM events e WHERE {' AND '.join(where)}"
    if f.one_per_story:
        sql = (f"SELECT * FROM ({sql}) WHERE article_id IN (SELECT arg_min(article_id, (coalesce(published, {_FAR}), article_id)) "
               f"FROM ({sql}) GROUP BY coalesce(story_id, article_id))")
        params = params + params
    return sql, params


def articles_sql(f: Filters, caps: frozenset = frozenset()) -> tuple[str, list]:
    """SELECT over `articles` restricted by the filters (without the full text columns).
    With `caps` of a prepared snapshot whose mentions repeat their article's date, the mention
    subqueries get the same date bounds (fewer row groups read; same rows)."""
    where, params = ["TRUE"], []
    pre, pre_p = "", []
    if "mentions_published" in caps:
        if f.date_from:
            pre += " AND published >= ?"
            pre_p.append(f.date_from)
        if f.date_to:
            pre += " AND published <= ?"
            pre_p.append(f.date_to)
    if f.date_from:
        where.append("a.published >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append("a.published <= ?")
        params.append(f.date_to)
    if f.outlets:
        where.append("list_contains(?::VARCHAR[], a.source)")
        params.append(_lst(f.outlets))
    if f.actors:
        where.append(f"a.article_id IN (SELECT article_id FROM actor_mentions WHERE list_contains(?::VARCHAR[], group_id){pre})")
        params += [_lst(f.actors)] + pre_p
    if f.places:
        where.append(f"a.article_id IN (SELECT article_id FROM place_mentions WHERE list_contains(?::VARCHAR[], place_id){pre})")
        params += [_lst(f.places)] + pre_p
    if f.types or f.statuses:
        sub, sub_params = ["TRUE"], []
        if f.types:
            sub.append("list_contains(?::VARCHAR[], type)")
            sub_params.append(_lst(f.types))
        if f.statuses:
            sub.append("list_contains(?::VARCHAR[], status)")
            sub_params.append(_lst(f.statuses))
        where.append(f"a.article_id IN (SELECT article_id FROM events WHERE {' AND '.join(sub)})")
        params += sub_params
    cols = "a.article_id, a.story_id, a.title, a.published, a.source, a.url, a.path, a.batch_id, a.n_chars, a.main_place"
    sql = f"SELECT {cols} FROM articles a WHERE {' AND '.join(where)}"
    if f.one_per_story:
        sql = (f"SELECT * FROM ({sql}) QUALIFY row_number() OVER (PARTITION BY coalesce(story_id, article_id) "
               f"ORDER BY coalesce(published, {_FAR}), article_id) = 1")
    return sql, params


def _article_filter_empty(f: Filters) -> bool:
    return not (f.date_from or f.date_to or f.outlets or f.actors or f.places or f.types or f.statuses or f.one_per_story)


def _mentions_sql(table: str, f: Filters, caps: frozenset = frozenset()) -> tuple[str, list]:
    art, params = articles_sql(f, caps)
    if "mentions_published" in caps:   # every mention has its article, with the same publication date
        if _article_filter_empty(f):
            return f"SELECT m.* FROM {table} m", []
        pre, pp = ["TRUE"], []   # the same date bounds on the mentions themselves: row groups are skipped
        if f.date_from:
            pre.append("m.published >= ?")
            pp.append(f.date_from)
        if f.date_to:
            pre.append("m.published <= ?")
            pp.append(f.date_to)
        return (f"SELECT m.* FROM {table} m WHERE {' AND '.join(pre)} AND m.article_id IN (SELECT article_id FROM ({art}))",
                pp + params)
    return f"SELECT m.* FROM {table} m WHERE m.article_id IN (SELECT article_id FROM ({art}))", params


# --------------------------------------------------------------------------------------------
# Prepared snapshots: derived tables (marsad.rollups) and when they answer a query exactly


def _caps(con: duckdb.DuckDBPyConnection) -> frozenset:
    """What the connection's derived tables offer (empty for plain Parquet views)."""
    try:
        return frozenset(r[0] for r in con.execute("SELECT key FROM _marsad_meta").fetchall())
    except duckdb.Error:
        return frozenset()


def _whole_months(f: Filters) -> bool:
    return ((f.date_from is None or f.date_from.day == 1)
            and (f.date_to is None or (f.date_to + dt.timedelta(days=1)).day == 1))


def _ev_rollup_ok(f: Filters, caps: frozenset) -> bool:
    """The monthly event rollup answers exactly: no one-per-story and date bounds on whole months."""
    return "rollups" in caps and not f.one_per_story and _whole_months(f)


def _me_rollup_ok(f: Filters, caps: frozenset) -> bool:
    """The mention rollups answer exactly when the article filter is dates (whole months) and outlets only."""
    return _ev_rollup_ok(f, caps) and not (f.actors or f.places or f.types or f.statuses)


def _month_bounds(f: Filters, col: str = "month") -> tuple[list[str], list]:
    where, params = [], []
    if f.date_from:
        where.append(f"{col} >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append(f"{col} <= ?")
        params.append(f.date_to.replace(day=1))
    return where, params


def _ev_rollup_sql(f: Filters) -> tuple[str, list]:
    """Rows of `ev_month` within the filters: month, type, status, actor1(_group), actor2(_group), place_id,
    source, n (events), fat (fatalities), dmin, dmax (first and last event day)."""
    where, params = _month_bounds(f)
    if f.actors:
        where.append("(list_contains(?::VARCHAR[], actor1_group) OR list_contains(?::VARCHAR[], actor2_group)"
                     " OR list_contains(?::VARCHAR[], actor1) OR list_contains(?::VARCHAR[], actor2))")
        params += [_lst(f.actors)] * 4
    for col, values in (("place_id", f.places), ("type", f.types), ("status", f.statuses), ("source", f.outlets)):
        if values:
            where.append(f"list_contains(?::VARCHAR[], {col})")
            params.append(_lst(values))
    return f"SELECT * FROM ev_month WHERE {' AND '.join(where) or 'TRUE'}", params


def _me_rollup_sql(table: str, f: Filters) -> tuple[str, list]:
    """Rows of `am_month` / `pm_month` within the filters (dates and outlets only; see `_me_rollup_ok`)."""
    where, params = _month_bounds(f)
    if f.outlets:
        where.append("list_contains(?::VARCHAR[], source)")
        params.append(_lst(f.outlets))
    return f"SELECT * FROM {table} WHERE {' AND '.join(where) or 'TRUE'}", params


def _events(con: duckdb.DuckDBPyConnection, f: Filters, caps: frozenset | None = None) -> tuple[str, list]:
    caps = _caps(con) if caps is None else caps
    return events_sql(f, "_day" if "rollups" in caps else None)


def _ev_counts(f: Filters, caps: frozenset, con: duckdb.DuckDBPyConnection) -> tuple[str, list, str, str]:
    """(sql, params, count, fatalities): a relation with the event columns the aggregates group by, where
    `count` / `fatalities` are the expressions that add it up — the rollup when it answers exactly, else
    the raw events (one row each)."""
    if _ev_rollup_ok(f, caps):
        sql, p = _ev_rollup_sql(f)
        return sql, p, "sum(n)::BIGINT", "sum(fat)"
    sql, p = _events(con, f, caps)
    return sql, p, "count(*)", "sum(coalesce(fatalities, 0))"


def _place_names(caps: frozenset) -> str:
    return "SELECT place_id, name_en, name_ar, kind, country, precision FROM place_names" if "rollups" in caps else PLACE_NAMES


PLACE_NAMES = ("SELECT place_id, any_value(name_en) AS name_en, any_value(name_ar) AS name_ar, "
               "any_value(kind) AS kind, any_value(country) AS country, min(precision) AS precision "
               "FROM place_mentions GROUP BY place_id")


def choose_bucket(date_from: dt.date | None, date_to: dt.date | None) -> str:
    """'day' for ≤ 92 days, 'week' for ≤ 2 years, else 'month'."""
    if not (date_from and date_to):
        return "month"
    span = (date_to - date_from).days
    if span <= 92:
        return "day"
    if span <= 730:
        return "week"
    return "month"


def _bucket_expr(bucket: str, col: str = "day") -> str:
    if bucket not in ("day", "week", "month", "year"):
        raise ValueError(f"unknown bucket {bucket!r}")
    return f"CAST(date_trunc('{bucket}', {col}) AS DATE)"


# --------------------------------------------------------------------------------------------
# Options for the sidebar and store status


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


# --------------------------------------------------------------------------------------------
# Overview


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


# --------------------------------------------------------------------------------------------
# Map


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
        ORDER BY e.place_id, e.day DESC""", rp_ + rp + [top, top, top])
    return {"by_type": by_type, "actors": actors, "latest": latest}


# --------------------------------------------------------------------------------------------
# Actors


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
    """source_kind, source, target_kind, target, n: actor1 group → type and type → place (top only)."""
    caps = _caps(con)
    ev, p, cnt, _ = _ev_counts(f, caps, con)
    return _df(con, f"""
        WITH e AS ({ev}),
             ta AS (SELECT actor1_group AS g FROM e WHERE actor1_group IS NOT NULL GROUP BY 1 ORDER BY {cnt} DESC, 1 LIMIT ?),
             tp AS (SELECT place_id FROM e WHERE place_id IS NOT NULL GROUP BY 1 ORDER BY {cnt} DESC, 1 LIMIT ?),
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


# --------------------------------------------------------------------------------------------
# Operations


def ops_by_place(con: duckdb.DuckDBPyConnection, f: Filters, n: int = 15) -> pd.DataFrame:
    """place_id, name_en, name_ar, type, n for the top places."""
    caps = _caps(con)
    ev, p, cnt, _ = _ev_counts(f, caps, con)
    return _df(con, f"""
        WITH e AS ({ev}), top AS (SELECT place_id FROM e WHERE place_id IS NOT NULL GROUP BY 1 ORDER BY {cnt} DESC, 1 LIMIT ?)
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


# --------------------------------------------------------------------------------------------
# Articles


def entity_ids_for_name(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, list[str]]:
    """Places and actor groups whose English (or Arabic) name contains `name` (case-insensitive)."""
    name = (name or "").strip()
    if len(name) < 2:
        return {"places": [], "actors": []}
    caps = _caps(con)
    pt, at = ("place_name_forms", "actor_name_forms") if "rollups" in caps else ("place_mentions", "actor_mentions")
    pat = f"%{name.lower()}%"
    places = con.execute(f"""SELECT DISTINCT place_id FROM {pt}
                            WHERE lower(name_en) LIKE ? OR name_ar LIKE ? OR lower(place_id) = ?""",
                         [pat, f"%{name}%", name.lower()]).fetchall()
    actors = con.execute(f"""SELECT DISTINCT group_id FROM {at}
                            WHERE lower(name_en) LIKE ? OR name_ar LIKE ? OR lower(group_id) = ? OR lower(actor_id) = ?""",
                         [pat, f"%{name}%", name.lower(), name.lower()]).fetchall()
    return {"places": sorted(r[0] for r in places if r[0]), "actors": sorted(r[0] for r in actors if r[0])}


_SPACE = re.compile(r"[\t\n\f\r ]")   # RE2's \s: the separators of the search index (marsad.rollups.SPLIT)


def _postings(token_ids: list[int]) -> str:
    return f"SELECT _rid FROM search_postings WHERE token_id IN ({', '.join(str(int(t)) for t in token_ids)})"


def _key_matches_sql(con: duckdb.DuckDBPyConnection, keys: list[str]) -> tuple[str, list] | None:
    """With the search index: SQL for the `_rid`s of articles whose normalized text contains one of `keys`.
    A key without separators lies inside one token, so the tokens that contain it give exactly the
    articles; a key with separators needs its first, inner and last tokens (suffix, exact, prefix) in the
    article, and the candidates are then checked against the text. None when the index cannot say."""
    parts, params = [], []
    for k in keys:
        if not _SPACE.search(k):
            ids = [r[0] for r in con.execute("SELECT token_id FROM search_vocab WHERE contains(tok, ?)", [k]).fetchall()]
            if ids:
                parts.append(_postings(ids))
            continue
        words = [w for w in _SPACE.split(k)]
        conds = []
        for i, w in enumerate(words):
            if w == "":
                continue
            if i == 0:
                cond, arg = "suffix(tok, ?)", w
            elif i == len(words) - 1:
                cond, arg = "starts_with(tok, ?)", w
            else:
                cond, arg = "tok = ?", w
            ids = [r[0] for r in con.execute(f"SELECT token_id FROM search_vocab WHERE {cond}", [arg]).fetchall()]
            if not ids:
                conds = None
                break
            conds.append(ids)
        if conds is None:
            continue
        if not conds:
            return None   # only separators: every article with such a character — let the text say
        sub = " INTERSECT ".join(_postings(ids) for ids in conds)
        parts.append(f"""SELECT a._rid FROM articles a JOIN articles_text x USING (article_id)
                         WHERE a._rid IN ({sub}) AND contains(x.text_norm, ?)""")
        params.append(k)
    if not parts:
        return "SELECT NULL::INTEGER AS _rid WHERE FALSE", []
    return " UNION ".join(parts), params


def search_articles(con: duckdb.DuckDBPyConnection, f: Filters, keys: Iterable[str] = (),
                    place_ids: Iterable[str] = (), actor_ids: Iterable[str] = (), limit: int = 200) -> pd.DataFrame:
    """Articles (within the filters) whose normalized text contains any of `keys` (already
    normalized with `marsad.text.search_key`) or that mention any of the given places/actor groups.
    With nothing to search for, returns the filtered articles, newest first."""
    keys = [k for k in keys if k and k.strip()]
    place_ids, actor_ids = list(place_ids), list(actor_ids)
    caps = _caps(con)
    art, p = articles_sql(f, caps)
    index = _key_matches_sql(con, keys) if keys and "search" in caps else None
    conds, cp = [], []
    if index is not None:
        sub, sp = index
        conds.append(f"a.article_id IN (SELECT article_id FROM articles WHERE _rid IN ({sub}))")
        cp += sp
        for k in keys:
            conds.append("contains(a.title, ?)")
            cp.append(k)
    else:
        for k in keys:
            conds.append("(contains(x.text_norm, ?) OR contains(x.title, ?))")
            cp += [k, k]
    if place_ids:
        conds.append("a.article_id IN (SELECT article_id FROM place_mentions WHERE list_contains(?::VARCHAR[], place_id))")
        cp.append(place_ids)
    if actor_ids:
        conds.append("a.article_id IN (SELECT article_id FROM actor_mentions WHERE list_contains(?::VARCHAR[], group_id) "
                     "OR list_contains(?::VARCHAR[], actor_id))")
        cp += [actor_ids, actor_ids]
    where = " OR ".join(conds) if conds else "TRUE"
    # `articles` is `articles_text` without the text (see `prepare`): the text is read only when searched
    text_join = "JOIN articles_text x USING (article_id)" if keys and index is None else ""
    return _df(con, f"""
        WITH hits AS (SELECT a.article_id, a.story_id, a.title, a.published, a.source, a.url, a.n_chars
                      FROM ({art}) a {text_join}
                      WHERE {where}
                      ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ?)
        SELECT h.*, (SELECT count(*) FROM events ev WHERE ev.article_id = h.article_id) AS events
        FROM hits h ORDER BY h.published DESC NULLS LAST, h.article_id""", p + cp + [limit])


def _article_text_source(con: duckdb.DuckDBPyConnection, article_id: str) -> str:
    """`articles_text`, or, in a snapshot that lists the articles' files, only the file of the article's month."""
    try:
        row = con.execute("""SELECT list(f.path) FROM articles a JOIN article_files f
                             ON f.month = coalesce(a.month, 'undated') WHERE a.article_id = ?""", [article_id]).fetchone()
    except duckdb.Error:
        return "articles_text"
    if not row or not row[0]:
        return "articles_text"
    listing = ", ".join("'" + str(p).replace("'", "''") + "'" for p in row[0])
    return f"read_parquet([{listing}], union_by_name=true)"


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    rows = con.execute(f"SELECT * EXCLUDE (text_norm) FROM {_article_text_source(con, article_id)} "
                       "WHERE article_id = ? LIMIT 1", [article_id]).df()
    if rows.empty:
        return None
    rec = rows.iloc[0].to_dict()
    return {k: (None if (not isinstance(v, (list, tuple, dict, str)) and pd.isna(v)) else v) for k, v in rec.items()}


def article_spans(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    """kind ('place' | 'actor' | 'operation'), start, end, label_en, label_ar, ref for one article's
    body (mentions in the title, sentence -1, have offsets into the title and are left out)."""
    return _df(con, """
        SELECT 'place' AS kind, start, "end", name_en AS label_en, name_ar AS label_ar, place_id AS ref
        FROM place_mentions WHERE article_id = ? AND start IS NOT NULL AND sentence_idx >= 0
        UNION ALL
        SELECT 'actor', start, "end", name_en, name_ar, group_id FROM actor_mentions
        WHERE article_id = ? AND start IS NOT NULL AND sentence_idx >= 0
        UNION ALL
        SELECT 'operation', start, "end", type, status, event_id FROM events WHERE article_id = ? AND start IS NOT NULL
        ORDER BY start, "end" DESC""", [article_id] * 3)


def article_events(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    return _df(con, f"""
        SELECT e.event_id, coalesce(e.date, e.published) AS day, e.date_precision, e.type, e.status, e.actor1_group,
               e.actor2_group, e.actor1, e.actor2, e.place_id, pn.name_en AS place_en, pn.name_ar AS place_ar,
               e.fatalities, e.attributed_to, e.sentence
        FROM events e LEFT JOIN ({PLACE_NAMES}) pn ON pn.place_id = e.place_id
        WHERE e.article_id = ? ORDER BY e.start NULLS LAST""", [article_id])


def story_articles(con: duckdb.DuckDBPyConnection, story_id: str) -> pd.DataFrame:
    return _df(con, """SELECT article_id, title, published, source, url FROM articles WHERE story_id = ?
                       ORDER BY published NULLS LAST, article_id""", [story_id])


def to_json(value: Any) -> str:
    """JSON with dates as ISO strings (for exports)."""
    return json.dumps(value, ensure_ascii=False, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v))


__all__ = [name for name in dir() if not name.startswith("_") and name not in ("annotations",)]


def candidates(con: duckdb.DuckDBPyConnection, min_count: int = 2, limit: int = 500) -> pd.DataFrame:
    """Unknown names for the Review page (see `marsad.discovery.find_candidates`)."""
    from marsad.discovery import find_candidates

    return find_candidates(con, min_count=min_count, limit=limit)
