"""SQL builders shared by the page queries: filtered events, articles and mentions, and the exact monthly rollups."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb
import pandas as pd

from marsad.query.filters import Filters

_FAR = "DATE '9999-12-31'"

def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


def _lst(values: Iterable[str]) -> list[str]:
    return list(values)


def _event_filter_clauses(f: Filters, prefix: str = "") -> tuple[list[str], list]:
    """WHERE clauses and their parameters for the actor, place, type, status and outlet filters over
    event columns (raw events or the `ev_month` rollup; `prefix` is a table alias with its dot)."""
    where, params = [], []
    if f.actors:   # group ids (the dashboard) or specific actor ids (`marsad export --actor`)
        sides = ("actor1_group", "actor2_group", "actor1", "actor2")
        where.append("(" + " OR ".join(f"list_contains(?::VARCHAR[], {prefix}{c})" for c in sides) + ")")
        params += [_lst(f.actors)] * len(sides)
    for col, values in (("place_id", f.places), ("type", f.types), ("status", f.statuses), ("source", f.outlets)):
        if values:
            where.append(f"list_contains(?::VARCHAR[], {prefix}{col})")
            params.append(_lst(values))
    return where, params


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
    more, more_params = _event_filter_clauses(f, "e.")
    where += more
    params += more_params
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
    more, more_params = _event_filter_clauses(f)
    where += more
    params += more_params
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

