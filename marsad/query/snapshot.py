"""Connections for dashboards: prepared in-memory tables, or the per-version DuckDB snapshot."""
from __future__ import annotations

from pathlib import Path

import duckdb

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
    con.execute("SET enable_progress_bar = false")
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
    con.execute("SET enable_progress_bar = false")
    return con

