"""The Marsad store: Parquet files partitioned by month, a manifest, and DuckDB views over them.

Every write goes to new files first; the manifest — the only list of what the store holds — is then
replaced atomically (``os.replace``). A crash or Ctrl-C before that leaves the store as it was;
files it did not list are removed the next time a writer opens the store.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT = 1
UNDATED = "undated"

_STR, _INT, _F64, _DATE, _TS = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.timestamp("us", tz="UTC")

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", _STR), ("story_id", _STR), ("title", _STR), ("text", _STR), ("text_norm", _STR),
        ("published", _DATE), ("source", _STR), ("url", _STR), ("path", _STR), ("batch_id", _STR),
        ("n_chars", _INT), ("main_place", _STR), ("month", _STR),
    ]),
    "place_mentions": pa.schema([
        ("article_id", _STR), ("place_id", _STR), ("geonameid", _INT), ("name_en", _STR), ("name_ar", _STR),
        ("kind", _STR), ("country", _STR), ("lat", _F64), ("lon", _F64), ("precision", _INT),
        ("start", _INT), ("end", _INT), ("sentence_idx", _INT), ("published", _DATE), ("month", _STR),
    ]),
    "actor_mentions": pa.schema([
        ("article_id", _STR), ("actor_id", _STR), ("group_id", _STR), ("name_en", _STR), ("name_ar", _STR),
        ("kind", _STR), ("start", _INT), ("end", _INT), ("sentence_idx", _INT), ("published", _DATE),
        ("month", _STR),
    ]),
    "events": pa.schema([
        ("event_id", _STR), ("article_id", _STR), ("story_id", _STR), ("type", _STR), ("status", _STR),
        ("actor1", _STR), ("actor1_group", _STR), ("actor2", _STR), ("actor2_group", _STR),
        ("place_id", _STR), ("place_precision", _INT), ("lat", _F64), ("lon", _F64),
        ("date", _DATE), ("date_precision", _STR), ("fatalities", _INT), ("sentence", _STR),
        ("start", _INT), ("end", _INT), ("attributed_to", pa.list_(_STR)), ("source", _STR),
        ("published", _DATE), ("month", _STR),
    ]),
    "candidates": pa.schema([
        ("article_id", _STR), ("cue", _STR), ("kind", _STR), ("name", _STR), ("name_norm", _STR),
        ("sentence", _STR), ("start", _INT), ("end", _INT), ("published", _DATE), ("month", _STR),
    ]),
    "story_bands": pa.schema([
        ("article_id", _STR), ("story_id", _STR), ("band", _INT), ("bucket", _INT), ("month", _STR),
    ]),
    "batches": pa.schema([
        ("batch_id", _STR), ("started", _TS), ("finished", _TS), ("inputs", pa.list_(_STR)),
        ("files", _INT), ("added", _INT), ("duplicates", _INT), ("near_duplicates", _INT),
        ("skipped", _INT), ("events", _INT), ("kind", _STR), ("marsad_version", _STR),
        ("dictionary_versions", _STR), ("month", _STR),
    ]),
}
TABLES = tuple(SCHEMAS)
DERIVED = ("place_mentions", "actor_mentions", "events", "candidates")


class StoreError(RuntimeError):
    """The store folder is unreadable or inconsistent."""


def to_table(name: str, frame: pd.DataFrame | pa.Table) -> pa.Table:
    """Conform a frame to the table's schema: missing columns become nulls, extra ones are an error."""
    schema = SCHEMAS[name]
    table = frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, preserve_index=False)
    extra = set(table.column_names) - set(schema.names)
    if extra:
        raise StoreError(f"table {name}: unknown columns {sorted(extra)}")
    cols = []
    for field in schema:
        if field.name in table.column_names:
            cols.append(table.column(field.name).cast(field.type))
        else:
            cols.append(pa.nulls(table.num_rows, field.type))
    return pa.Table.from_arrays(cols, schema=schema)


@dataclass(frozen=True)
class Manifest:
    version: int
    tables: Mapping[str, tuple[str, ...]]
    updated: str

    @classmethod
    def empty(cls) -> "Manifest":
        return cls(0, {t: () for t in TABLES}, "")

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "version": self.version, "updated": self.updated,
                           "tables": {t: list(f) for t, f in self.tables.items()}}, indent=1)


class Store:
    """A store folder. Cheap to create; reading never needs the writer lock."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    # -- reading -----------------------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def exists(self) -> bool:
        return self.manifest_path.exists()

    def manifest(self) -> Manifest:
        if not self.exists():
            return Manifest.empty()
        try:
            raw = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.manifest_path}: unreadable manifest ({exc})") from exc
        tables = {t: tuple(raw.get("tables", {}).get(t, ())) for t in TABLES}
        return Manifest(int(raw.get("version", 0)), tables, raw.get("updated", ""))

    def version_token(self) -> str:
        """Changes whenever the store's content changes (for cache invalidation)."""
        m = self.manifest()
        return f"{self.root.resolve()}:{m.version}:{m.updated}"

    def files(self, table: str) -> list[Path]:
        return [self.root / f for f in self.manifest().tables[table]]

    def connect(self, con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with one view per table over the committed Parquet files."""
        con = con or duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        manifest = self.manifest()
        for table in TABLES:
            files = [str(self.root / f) for f in manifest.tables[table]]
            con.execute(f"DROP VIEW IF EXISTS {table}")
            con.execute(f"DROP TABLE IF EXISTS {table}")
            if files:
                listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listing}], union_by_name=true)")
            else:
                empty = SCHEMAS[table].empty_table()
                con.register(f"_empty_{table}", empty)
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
        return con

    def read(self, table: str, columns: Iterable[str] | None = None) -> pa.Table:
        files = self.files(table)
        if not files:
            empty = SCHEMAS[table].empty_table()
            return empty.select(list(columns)) if columns else empty
        return pa.concat_tables([pq.read_table(f, columns=list(columns) if columns else None) for f in files],
                                promote_options="default")

    def article_ids(self) -> set[str]:
        return set(self.read("articles", ["article_id"]).column("article_id").to_pylist())

    # -- writing -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive writer lock; also removes files left by an interrupted writer."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                self._remove_orphans()
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def append(self, frames: Mapping[str, pd.DataFrame | pa.Table]) -> Manifest:
        """Add rows to tables atomically (call under `lock()`)."""
        with self.transaction() as tx:
            tx.write(frames)
        return self.manifest()

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Transaction"]:
        """Stage files chunk by chunk; commit them all at once on success, delete them on error."""
        tx = Transaction(self)
        try:
            yield tx
        except BaseException:
            self._delete(f for files in tx.written.values() for f in files)
            raise
        manifest = self.manifest()
        tables = {t: manifest.tables[t] + tuple(tx.written.get(t, ())) for t in TABLES}
        self._commit(manifest, tables, tx.written)

    def replace(self, frames: Mapping[str, pd.DataFrame | pa.Table], tables_to_replace: Iterable[str]) -> Manifest:
        """Replace whole tables atomically (reprocess, compaction); old files removed after commit."""
        manifest = self.manifest()
        replaced = set(tables_to_replace)
        written = self._write_files(frames)
        tables = {t: (tuple(written.get(t, ())) if t in replaced else manifest.tables[t]) for t in TABLES}
        new = self._commit(manifest, tables, written)
        for t in replaced:
            for f in manifest.tables[t]:
                with contextlib.suppress(FileNotFoundError):
                    (self.root / f).unlink()
        return new

    def compact(self) -> dict[str, tuple[int, int]]:
        """Rewrite each table as one file per month; returns {table: (files before, files after)}."""
        with self.lock():
            before = self.manifest()
            frames = {t: self.read(t) for t in TABLES if before.tables[t]}
            after = self.replace(frames, frames.keys())
        return {t: (len(before.tables[t]), len(after.tables[t])) for t in TABLES}

    def _write_files(self, frames: Mapping[str, pd.DataFrame | pa.Table]) -> dict[str, list[str]]:
        written: dict[str, list[str]] = {}
        tag = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        try:
            for name, frame in frames.items():
                table = to_table(name, frame)
                if table.num_rows == 0:
                    continue
                months = np.array([m or UNDATED for m in table.column("month").to_pylist()], dtype=object)
                keys, inverse = np.unique(months, return_inverse=True)
                order = np.argsort(inverse, kind="stable")
                bounds = np.searchsorted(inverse[order], np.arange(len(keys) + 1))
                if len(keys) > 1:
                    table = table.take(pa.array(order))   # rows grouped by month, in input order
                for k, month in enumerate(keys):
                    part = table.slice(bounds[k], bounds[k + 1] - bounds[k])
                    rel = f"{name}/month={month}/part-{tag}.parquet"
                    path = self.root / rel
                    path.parent.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_suffix(".parquet.tmp")
                    pq.write_table(part, tmp, compression="zstd")
                    os.replace(tmp, path)
                    written.setdefault(name, []).append(rel)
        except BaseException:
            self._delete(f for files in written.values() for f in files)
            raise
        return written

    def _commit(self, old: Manifest, tables: Mapping[str, tuple[str, ...]], written: Mapping[str, list[str]]) -> Manifest:
        new = Manifest(old.version + 1, dict(tables), time.strftime("%Y-%m-%dT%H:%M:%S%z"))
        tmp = self.root / f"{MANIFEST}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            tmp.write_text(new.to_json(), encoding="utf-8")
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, self.manifest_path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            self._delete(f for files in written.values() for f in files)
            raise
        return new

    def _delete(self, rel_paths: Iterable[str]) -> None:
        for rel in rel_paths:
            with contextlib.suppress(FileNotFoundError):
                (self.root / rel).unlink()

    def _remove_orphans(self) -> None:
        """Delete Parquet files and temporary manifests that no committed manifest lists."""
        listed = {f for files in self.manifest().tables.values() for f in files}
        for table in TABLES:
            folder = self.root / table
            if not folder.exists():
                continue
            for path in folder.rglob("*"):
                if path.is_file() and str(path.relative_to(self.root)) not in listed:
                    log.info("removing orphan file %s", path)
                    path.unlink()
        for tmp in self.root.glob(f"{MANIFEST}.*.tmp"):
            tmp.unlink()

    def destroy(self) -> None:
        """Remove the whole store folder (tests, `marsad reset`)."""
        shutil.rmtree(self.root, ignore_errors=True)


class Transaction:
    """Files written inside `Store.transaction()`, listed in the manifest only at commit."""

    def __init__(self, store: Store):
        self.store = store
        self.written: dict[str, list[str]] = {}

    def write(self, frames: Mapping[str, pd.DataFrame | pa.Table]) -> None:
        for table, files in self.store._write_files(frames).items():
            self.written.setdefault(table, []).extend(files)


def month_of(date) -> str:
    """Partition key: 'YYYY-MM' or 'undated'."""
    if date is None or (isinstance(date, float) and pd.isna(date)) or date is pd.NaT:
        return UNDATED
    return f"{date.year:04d}-{date.month:02d}"
