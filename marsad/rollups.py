"""Derived tables that make the dashboard's queries fast on large stores (built into the snapshot).

`build(con)` runs on a prepared, materialized connection (`marsad.query.prepare`) and adds:

* ``events._day`` — the event day ``coalesce(date, published)`` as a stored column; ``events`` and
  ``articles`` are sorted by day / publication date and the mention tables by publication date, so
  that a date range reads only the row groups it needs (DuckDB zone maps);
* ``place_names`` (one row per place: names, kind, country, best precision, coordinates) and the
  distinct name forms of places and actors (``place_name_forms``, ``actor_name_forms``);
* monthly rollups: ``ev_month`` (events by month × type × status × actors × place × outlet, with
  count, fatalities and first/last day), ``am_month`` / ``pm_month`` (actor / place mentions by month
  of publication × outlet × actor / place); `marsad.query` uses them whenever the filters can be
  answered from them exactly (no one-per-story, date bounds on whole months, no article-level
  filter for the mentions) and reads the raw rows otherwise;
* ``search_vocab`` / ``search_postings`` (optional): an inverted index from each whitespace-separated
  token of the normalized text to the articles that contain it, so that a substring search reads
  the tokens that contain the key instead of every article's text;
* ``_marsad_meta``: what was built (the queries check it, so older snapshots still work).
"""
from __future__ import annotations

import logging
import time

import duckdb

log = logging.getLogger(__name__)

FORMAT = 4   # bump when the derived tables change: older snapshots are rebuilt (see query.snapshot_path)

PLACE_LATEST_KEPT = 10   # newest events kept per place for the unfiltered map popups
PLACE_NAMES_SQL = ("SELECT place_id, any_value(name_en) AS name_en, any_value(name_ar) AS name_ar, "
                   "any_value(kind) AS kind, any_value(country) AS country, min(precision) AS precision, "
                   "any_value(lat) AS lat, any_value(lon) AS lon FROM place_mentions GROUP BY place_id")


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0])


def build(con: duckdb.DuckDBPyConnection, search_index: bool = False) -> dict[str, float]:
    """Create the derived tables on a materialized connection; returns seconds per step."""
    times: dict[str, float] = {}

    def step(name: str, *sql: str) -> None:
        t0 = time.perf_counter()
        for s in sql:
            con.execute(s)
        times[name] = time.perf_counter() - t0

    flags = ["rollups"]
    step("sort",
         "CREATE TABLE _ev AS SELECT *, coalesce(date, published) AS _day FROM events ORDER BY _day NULLS LAST, event_id",
         "DROP TABLE events", "ALTER TABLE _ev RENAME TO events",
         "CREATE TABLE _ar AS SELECT *, (row_number() OVER (ORDER BY published NULLS LAST, article_id))::INTEGER AS _rid "
         "FROM articles ORDER BY _rid",
         "DROP TABLE articles", "ALTER TABLE _ar RENAME TO articles",
         "CREATE TABLE _am AS SELECT * FROM actor_mentions ORDER BY published NULLS LAST, article_id",
         "DROP TABLE actor_mentions", "ALTER TABLE _am RENAME TO actor_mentions",
         "CREATE TABLE _pm AS SELECT * FROM place_mentions ORDER BY published NULLS LAST, article_id",
         "DROP TABLE place_mentions", "ALTER TABLE _pm RENAME TO place_mentions")
    # the mention tables repeat their article's publication date (the pipeline writes it so); when
    # that holds and every mention has its article, date filters may be applied to them directly
    bad = con.execute("""SELECT (SELECT count(*) FROM actor_mentions m LEFT JOIN articles a USING (article_id)
                                 WHERE a.article_id IS NULL OR m.published IS DISTINCT FROM a.published)
                              + (SELECT count(*) FROM place_mentions m LEFT JOIN articles a USING (article_id)
                                 WHERE a.article_id IS NULL OR m.published IS DISTINCT FROM a.published)""").fetchone()[0]
    if not bad:
        flags.append("mentions_published")
    step("names",
         f"CREATE TABLE place_names AS {PLACE_NAMES_SQL}",
         "CREATE TABLE place_name_forms AS SELECT DISTINCT place_id, name_en, name_ar FROM place_mentions",
         "CREATE TABLE actor_name_forms AS SELECT DISTINCT group_id, actor_id, name_en, name_ar FROM actor_mentions")
    step("rollups", """
        CREATE TABLE ev_month AS
        SELECT CAST(date_trunc('month', _day) AS DATE) AS month, type, status, actor1, actor1_group, actor2, actor2_group,
               place_id, source, count(*) AS n, sum(coalesce(fatalities, 0)) AS fat, min(_day) AS dmin, max(_day) AS dmax
        FROM events GROUP BY ALL ORDER BY month NULLS LAST""", """
        CREATE TABLE am_month AS
        SELECT CAST(date_trunc('month', a.published) AS DATE) AS month, a.source, m.group_id, m.actor_id, m.name_en,
               m.name_ar, m.kind, count(*) AS n, min(a.published) AS pmin, max(a.published) AS pmax
        FROM actor_mentions m JOIN articles a USING (article_id) GROUP BY ALL ORDER BY month NULLS LAST""", """
        CREATE TABLE pm_month AS
        SELECT CAST(date_trunc('month', a.published) AS DATE) AS month, a.source, m.place_id, count(*) AS n
        FROM place_mentions m JOIN articles a USING (article_id) GROUP BY ALL ORDER BY month NULLS LAST""")
    step("place_latest", f"""
        CREATE TABLE place_latest AS
        SELECT * FROM (SELECT place_id, _day AS day, event_id, type, status, article_id, source,
                              row_number() OVER (PARTITION BY place_id ORDER BY _day DESC NULLS LAST, event_id) AS r
                       FROM events WHERE place_id IS NOT NULL)
        WHERE r <= {PLACE_LATEST_KEPT} ORDER BY place_id, r""")
    flags.append("place_latest")
    if search_index and _exists_view_or_table(con, "articles_text"):
        build_search_index(con, times)
        flags.append("search")
    from marsad.stats import cache_stats

    cache_stats(con)
    con.execute("CREATE OR REPLACE TABLE _marsad_meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO _marsad_meta SELECT unnest(?::VARCHAR[]), '1'", [flags])
    log.info("derived tables built: %s", {k: round(v, 1) for k, v in times.items()})
    return times


def _exists_view_or_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return _exists(con, name) or bool(con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()[0])


# RE2's \s — the same characters `marsad.query` treats as separators in a search key
SPLIT = r"[\t\n\f\r ]+"


def build_search_index(con: duckdb.DuckDBPyConnection, times: dict[str, float] | None = None,
                       chunk_months: int = 6) -> None:
    """token → articles: ``search_vocab(token_id, tok)`` and ``search_postings(token_id, _rid)`` (``_rid`` is
    the article's row number in ``articles``), built a few months at a time so that memory stays bounded."""
    t0 = time.perf_counter()
    con.execute("CREATE TABLE search_vocab (token_id INTEGER, tok VARCHAR)")
    con.execute("CREATE TEMP TABLE _post (token_id INTEGER, _rid INTEGER)")
    months = [r[0] for r in con.execute("SELECT DISTINCT month FROM articles ORDER BY 1 NULLS LAST").fetchall()]
    for k in range(0, len(months), chunk_months):
        part = months[k:k + chunk_months]
        has_null = any(m is None for m in part)
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _tok AS
            SELECT DISTINCT t.tok, a._rid FROM (
                SELECT article_id, unnest(regexp_split_to_array(text_norm, '{SPLIT}')) AS tok
                FROM articles_text WHERE list_contains(?::VARCHAR[], month) {"OR month IS NULL" if has_null else ""}) t
            JOIN articles a USING (article_id) WHERE t.tok <> ''""", [[m for m in part if m is not None]])
        con.execute("""INSERT INTO search_vocab
                       SELECT (SELECT coalesce(max(token_id), 0) FROM search_vocab) + row_number() OVER (ORDER BY tok), tok
                       FROM (SELECT DISTINCT tok FROM _tok) n ANTI JOIN search_vocab v USING (tok)""")
        con.execute("INSERT INTO _post SELECT v.token_id, t._rid FROM _tok t JOIN search_vocab v USING (tok)")
    con.execute("DROP TABLE IF EXISTS _tok")
    con.execute("CREATE TABLE search_postings AS SELECT * FROM _post ORDER BY token_id, _rid")
    con.execute("DROP TABLE _post")
    if times is not None:
        times["search_index"] = time.perf_counter() - t0
