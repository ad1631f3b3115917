"""Ingest and reprocess: read → dedupe → extract (1..N processes) → cluster stories → store."""
from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import time
import uuid
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.ipc  # noqa: F401 - pa.ipc

import marsad
from marsad.extract import Extraction, event_id, extract
from marsad.ingest import Article, ReadOptions, Skip, read_inputs
from marsad.ingest.readers import list_input_files
from marsad.lexicon import Resources
from marsad.resources import load_resources
from marsad.stories import StoryIndex, signature_bands
from marsad.store import DERIVED, SCHEMAS, Store, month_of

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
CHUNK = 2000
FLUSH_BYTES = 64 << 20   # Arrow bytes held before a write (one file per month and table per flush)


@dataclass
class IngestReport:
    batch_id: str
    files: int = 0
    articles_read: int = 0
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: list[Skip] = field(default_factory=list)
    events_by_type: Counter = field(default_factory=Counter)
    per_file: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped else 0

    def to_frame(self) -> pd.DataFrame:
        """One row per input file: articles read, added, duplicates, and the skip reasons."""
        return pd.DataFrame(self.per_file, columns=["file", "articles", "added", "duplicates", "skipped", "reason"])

    def summary(self) -> dict:
        return {"batch": self.batch_id, "files": self.files, "articles_read": self.articles_read,
                "added": self.added, "duplicates": self.duplicates, "near_duplicates": self.near_duplicates,
                "skipped": len(self.skipped), "skip_reasons": [str(s) for s in self.skipped],
                "events_by_type": dict(self.events_by_type.most_common()), "seconds": round(self.seconds, 2)}


# -- extraction → rows ---------------------------------------------------------------------------

def article_rows(article: Article, ex: Extraction, res: Resources, story_id: str) -> dict[str, list[dict]]:
    """Store rows (articles, mentions, events) for one extracted article."""
    month = month_of(article.published)
    pub = article.published
    rows: dict[str, list[dict]] = {"articles": [{
        "article_id": article.id, "story_id": story_id, "title": article.title, "text": article.text,
        "text_norm": ex.search_text, "published": pub, "source": article.source,
        "url": article.url, "path": article.path, "batch_id": article.batch_id, "n_chars": len(article.text),
        "main_place": ex.main_place, "month": month}]}
    rows["place_mentions"] = []
    for p in ex.places:
        pl = res.gazetteer[p.place_id]
        rows["place_mentions"].append({
            "article_id": article.id, "place_id": pl.id, "geonameid": pl.geonameid, "name_en": pl.en, "name_ar": pl.ar,
            "kind": pl.kind, "country": pl.country, "lat": pl.lat, "lon": pl.lon, "precision": p.precision,
            "start": p.start, "end": p.end, "sentence_idx": p.sentence, "published": pub, "month": month})
    rows["actor_mentions"] = []
    for a in ex.actors:
        ac = res.actors[a.actor_id]
        rows["actor_mentions"].append({
            "article_id": article.id, "actor_id": a.actor_id, "group_id": a.group, "name_en": ac.en, "name_ar": ac.ar,
            "kind": ac.kind if a.role not in ("outlet", "source") else a.role, "start": a.start, "end": a.end,
            "sentence_idx": a.sentence, "published": pub, "month": month})
    rows["candidates"] = [{
        "article_id": article.id, "cue": c.cue, "kind": c.kind, "name": c.name, "name_norm": c.name_norm,
        "sentence": doc_sentence(article.text, c.start), "start": c.start, "end": c.end, "published": pub,
        "month": month} for c in ex.candidates]
    rows["events"] = []
    seen: Counter = Counter()   # two events of one type in one sentence get ordinal suffixes
    for e in ex.events:
        place = res.gazetteer.get(e.place) if e.place else None
        base = event_id(article.id, e)
        seen[base] += 1
        rows["events"].append({
            "event_id": base if seen[base] == 1 else f"{base}-{seen[base]}", "article_id": article.id, "story_id": story_id, "type": e.type,
            "status": e.status, "actor1": e.actor1, "actor1_group": e.actor1_group, "actor2": e.actor2,
            "actor2_group": e.actor2_group, "place_id": e.place, "place_precision": e.place_precision,
            "lat": place.lat if place else None, "lon": place.lon if place else None, "date": e.date,
            "date_precision": e.date_precision, "fatalities": e.fatalities, "sentence": e.sentence,
            "start": e.span[0], "end": e.span[1], "attributed_to": e.attributed_to, "source": article.source,
            "published": pub, "month": month})
    return rows


def doc_sentence(text: str, offset: int) -> str:
    """The line-or-sentence of `text` around a character offset (for candidate examples)."""
    starts = [text.rfind(sep, 0, offset) for sep in (".", "\n", "؟", "!")]
    ends = [e for e in (text.find(sep, offset) for sep in (".", "\n", "؟", "!")) if e >= 0]
    start = max(starts) + 1
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()


@dataclass
class Processed:
    """Everything one article yields, computed in a worker: store rows (story id not yet set),
    LSH bands for story clustering, and its event types."""

    article_id: str
    month: str
    rows: dict[str, list[dict]]
    bands: list[int]
    types: list[str]

    def set_story(self, story_id: str) -> dict[str, list[dict]]:
        for table in ("articles", "events"):
            for row in self.rows[table]:
                row["story_id"] = story_id
        return self.rows


def process_article(article: Article, res: Resources) -> Processed:
    ex = extract(article.title, article.text, article.published, res, article.source)
    return Processed(article.id, month_of(article.published), article_rows(article, ex, res, ""),
                     signature_bands(ex.search_text, res.settings.minhash_perms), [e.type for e in ex.events])


ROW_TABLES = ("articles", "place_mentions", "actor_mentions", "events", "candidates")


@dataclass
class FileBatch:
    """One input's processed articles in columns (built where they were extracted, cheap to send):
    Arrow tables with the story id not yet set, and per article its id, month, bands, event types
    and row counts per table."""

    article_ids: list[str]
    months: list[str]
    bands: list[list[int]]
    types: list[list[str]]
    counts: dict[str, list[int]]
    tables: dict[str, pa.Table]

    @classmethod
    def of(cls, processed: Sequence[Processed]) -> "FileBatch":
        tables = {t: pa.Table.from_pylist([r for p in processed for r in p.rows[t]], schema=SCHEMAS[t])
                  for t in ROW_TABLES}
        return cls([p.article_id for p in processed], [p.month for p in processed], [p.bands for p in processed],
                   [p.types for p in processed], {t: [len(p.rows[t]) for p in processed] for t in ROW_TABLES}, tables)

    def __len__(self) -> int:
        return len(self.article_ids)

    @classmethod
    def concat(cls, batches: Sequence["FileBatch"]) -> "FileBatch":
        return cls([a for b in batches for a in b.article_ids], [m for b in batches for m in b.months],
                   [x for b in batches for x in b.bands], [t for b in batches for t in b.types],
                   {t: [c for b in batches for c in b.counts[t]] for t in ROW_TABLES},
                   {t: pa.concat_tables([b.tables[t] for b in batches]) if batches else SCHEMAS[t].empty_table()
                    for t in ROW_TABLES})

    def save(self, folder: Path) -> None:
        """Stage to a folder: one Arrow IPC file per table plus the per-article lists in JSON."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in self.tables.items():
            with pa.OSFile(str(folder / f"{name}.arrow"), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
        (folder / "articles.json").write_text(json.dumps({
            "article_ids": self.article_ids, "months": self.months, "bands": self.bands, "types": self.types,
            "counts": self.counts}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "FileBatch":
        meta = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
        tables = {}
        for name in ROW_TABLES:
            with pa.memory_map(str(folder / f"{name}.arrow")) as source:
                tables[name] = pa.ipc.open_file(source).read_all()
        return cls(meta["article_ids"], meta["months"], meta["bands"], meta["types"], meta["counts"], tables)

    def kept(self, stories: Sequence[str | None]) -> dict[str, pa.Table]:
        """Store tables of the articles whose story id is given (None drops a duplicate), story ids set."""
        keep = np.array([s is not None for s in stories], dtype=bool)
        story = np.array([s or "" for s in stories], dtype=object)
        out: dict[str, pa.Table] = {}
        for name, table in self.tables.items():
            counts = np.asarray(self.counts[name], dtype=np.int64)
            if table.num_rows == 0:
                continue
            rows_keep = np.repeat(keep, counts)
            if "story_id" in table.column_names:
                table = table.set_column(table.schema.get_field_index("story_id"), "story_id",
                                         pa.array(np.repeat(story, counts), type=pa.string()))
            if not rows_keep.all():
                table = table.filter(pa.array(rows_keep))
            if table.num_rows:
                out[name] = table
        ids = [a for a, s in zip(self.article_ids, stories) if s is not None]
        if ids:
            per = len(self.bands[0])
            out["story_bands"] = pa.table({
                "article_id": pa.array(np.repeat(np.array(ids, dtype=object), per), pa.string()),
                "story_id": pa.array(np.repeat(np.array([s for s in stories if s is not None], dtype=object), per), pa.string()),
                "band": pa.array(np.tile(np.arange(per, dtype=np.int32), len(ids))),
                "bucket": pa.array(np.concatenate([b for b, s in zip(self.bands, stories) if s is not None]).astype(np.int64)),
                "month": pa.array(np.repeat(np.array([m for m, s in zip(self.months, stories) if s is not None], dtype=object), per), pa.string()),
            })
        return out


# Worker processes hold their own Resources (loaded once per process by the initializer).
_WORKER: dict = {}


def _init_worker(overlay_dir: str | None, res: Resources | None = None) -> None:
    _WORKER["res"] = res if res is not None else load_resources(overlay_dir)


def _process_in_worker(article: Article) -> Processed:
    return process_article(article, _WORKER["res"])


def process_all(articles: Sequence[Article], res: Resources, pool: ProcessPoolExecutor | None) -> list[Processed]:
    """Process articles here, or on the pool's worker processes when there is one."""
    if pool is None or len(articles) < 50:
        return [process_article(a, res) for a in articles]
    chunksize = max(1, min(200, len(articles) // (pool._max_workers * 4)))
    return list(pool.map(_process_in_worker, articles, chunksize=chunksize))


def _pool(workers: int, store: Store, res: Resources) -> ProcessPoolExecutor | None:
    """Worker processes for `workers` > 1. Where processes can be forked, they inherit the loaded
    dictionaries (nothing is pickled or reloaded); elsewhere each worker loads them once."""
    if workers <= 1:
        return None
    if "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_init_worker, initargs=(str(store.root), res))
    return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(str(store.root),))


# -- ingest --------------------------------------------------------------------------------------

def ingest_paths(paths: Iterable[str | Path], store: Store, resources: Resources | None = None, *,
                 date: dt.date | None = None, field_map: dict | None = None, source: str | None = None,
                 workers: int = 1, progress: Progress | None = None, snapshot: bool = True) -> IngestReport:
    """Read inputs, extract, and add new articles to the store in one atomic commit (then write the
    dashboard snapshot of the new version unless `snapshot` is False).

    Files are read and their articles extracted file by file — on `workers` processes when more
    than one — while this process deduplicates, assigns stories in input order and writes."""
    started = dt.datetime.now(dt.timezone.utc)
    t0 = time.perf_counter()
    res = resources or load_resources(store.root)
    batch_id = f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    report = IngestReport(batch_id)
    options = ReadOptions(date=date, field_map=field_map or {}, source=source, batch_id=batch_id,
                          max_file_bytes=res.settings.max_file_bytes, max_zip_bytes=res.settings.max_zip_bytes,
                          max_zip_members=res.settings.max_zip_members)
    paths = [str(p) for p in paths]
    inputs = list_input_files(paths)
    with store.lock():
        known = store.article_ids()
        stories = StoryIndex.from_store(store, res.settings)
        pool = _pool(workers, store, res)
        try:
            with store.transaction() as tx, _Pending(tx) as pending:
                for results in _read_and_process(inputs, options, res, pool):
                    for name, batch, n_articles, skips in results:
                        report.files += 1
                        report.skipped += skips
                        report.articles_read += n_articles
                        stories_of = _assign_stories(batch, known, stories, report)
                        added = sum(s is not None for s in stories_of)
                        pending.add(batch.kept(stories_of))
                        report.duplicates += n_articles - added
                        report.per_file.append({"file": name, "articles": n_articles, "added": added,
                                                "duplicates": n_articles - added, "skipped": len(skips),
                                                "reason": "; ".join(s.reason if s.line is None else f"line {s.line}: {s.reason}"
                                                                    for s in skips)})
                        if progress:
                            progress(report.files, len(inputs), name)
                pending.flush()
                finished = dt.datetime.now(dt.timezone.utc)
                tx.write({"batches": pd.DataFrame([{
                    "batch_id": batch_id, "started": started, "finished": finished, "inputs": paths,
                    "files": report.files, "added": report.added, "duplicates": report.duplicates,
                    "near_duplicates": report.near_duplicates, "skipped": len(report.skipped),
                    "events": sum(report.events_by_type.values()), "kind": "ingest",
                    "marsad_version": marsad.__version__, "dictionary_versions": json.dumps(dict(res.versions)),
                    "month": f"{finished:%Y-%m}"}])})
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
    if snapshot:
        _refresh_snapshot(store)
    report.seconds = time.perf_counter() - t0
    log.info("ingest %s: %s", batch_id, report.summary())
    return report


def _refresh_snapshot(store: Store) -> None:
    """Best effort: the dashboard's snapshot of the new store version (see `query.build_snapshot`)."""
    from marsad.query import build_snapshot

    try:
        build_snapshot(store)
    except Exception as exc:  # noqa: BLE001 - the dashboard falls back to reading Parquet
        log.warning("dashboard snapshot not written: %s", exc)


FileResult = tuple[str, FileBatch, int, list[Skip]]


def read_and_process_file(path: str, options: ReadOptions, res: Resources) -> list[FileResult]:
    """Read one input (a zip yields one result per member) and process its articles."""
    return [(name, FileBatch.of([process_article(a, res) for a in articles]), len(articles), skips)
            for name, articles, skips in read_inputs([path], options)]


def _read_and_process_in_worker(path: str, options: ReadOptions) -> list[FileResult]:
    return read_and_process_file(path, options, _WORKER["res"])


def _read_and_process(inputs: list[str], options: ReadOptions, res: Resources, pool) -> Iterator[list[FileResult]]:
    """Results per input file, in input order (computed ahead on the pool when there is one)."""
    if pool is None:
        for path in inputs:
            yield read_and_process_file(path, options, res)
        return
    window = []
    for path in inputs:
        window.append(pool.submit(_read_and_process_in_worker, path, options))
        if len(window) >= 4 * pool._max_workers:
            yield window.pop(0).result()
    for future in window:
        yield future.result()


def _assign_stories(batch: FileBatch, known: set[str], stories: StoryIndex, report: IngestReport) -> list[str | None]:
    """Story id of each new article in input order; None for an article already stored or seen."""
    out: list[str | None] = []
    for article_id, bands, types in zip(batch.article_ids, batch.bands, batch.types):
        if article_id in known:
            out.append(None)
            continue
        known.add(article_id)
        story_id, near = stories.assign_bands(article_id, bands)
        report.near_duplicates += near
        report.added += 1
        report.events_by_type.update(types)
        out.append(story_id)
    return out


class _Pending:
    """Arrow tables waiting to be written. They are flushed in batches of `limit_bytes` (so month
    partitions get few, large files) by one writer thread, so that Parquet encoding overlaps with
    extraction instead of running after it; a failed write is raised by the next flush."""

    def __init__(self, tx, limit_bytes: int | None = None):
        self.tx, self.limit = tx, limit_bytes or FLUSH_BYTES
        self.tables: dict[str, list[pa.Table]] = {}
        self.size = 0
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="marsad-writer")
        self._writing: Future | None = None

    def add(self, tables: dict[str, pa.Table]) -> None:
        for name, table in tables.items():
            self.tables.setdefault(name, []).append(table)
            self.size += table.nbytes
        if self.size >= self.limit:
            self.flush(wait=False)

    def flush(self, wait: bool = True) -> None:
        """Hand the buffered tables to the writer; with `wait`, return when every write is done."""
        if self.tables:
            frames = {name: pa.concat_tables(parts, promote_options="permissive") for name, parts in self.tables.items()}
            self._finish()   # one write at a time, in order
            self._writing = self._writer.submit(self.tx.write, frames)
        self.tables, self.size = {}, 0
        if wait:
            self._finish()

    def _finish(self) -> None:
        if self._writing is not None:
            writing, self._writing = self._writing, None
            writing.result()

    def __enter__(self) -> "_Pending":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        """Wait for the write in progress before the transaction commits or deletes its files; after
        another error, a failed write is only logged (the first error is the one raised)."""
        try:
            self._finish()
        except Exception:
            if exc_type is None:
                raise
            log.exception("write failed while handling another error")
        finally:
            self._writer.shutdown(wait=True)


# -- reprocess -----------------------------------------------------------------------------------

def reprocess(store: Store, resources: Resources | None = None, progress: Progress | None = None,
              workers: int = 1) -> dict:
    """Re-extract every stored article with the current dictionaries; replace mentions and events."""
    res = resources or load_resources(store.root)
    t0 = time.perf_counter()
    with store.lock():
        arts = store.read("articles")
        out: dict[str, list[dict]] = {t: [] for t in DERIVED}
        main_places: dict[str, str | None] = {}
        records = list(_articles_from_rows(arts.to_pylist()))
        pool = _pool(workers, store, res)
        try:
            for i in range(0, len(records), CHUNK):
                chunk = records[i:i + CHUNK]
                for (art, story_id), done in zip(chunk, process_all([a for a, _ in chunk], res, pool)):
                    rows = done.set_story(story_id)
                    main_places[art.id] = rows["articles"][0]["main_place"]
                    for t in DERIVED:
                        out[t] += rows[t]
                if progress:
                    progress(min(i + CHUNK, len(records)), len(records), "")
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
        frames = {t: pd.DataFrame(rows) for t, rows in out.items()}
        arts = arts.to_pandas()
        arts["main_place"] = arts["article_id"].map(main_places)  # may change with the dictionaries
        frames["articles"] = arts
        now = dt.datetime.now(dt.timezone.utc)
        frames["batches"] = pd.DataFrame([{
            "batch_id": f"{now:%Y%m%dT%H%M%S}-reprocess", "started": now, "finished": now, "inputs": [],
            "files": 0, "added": 0, "duplicates": 0, "near_duplicates": 0, "skipped": 0,
            "events": len(out["events"]), "kind": "reprocess", "marsad_version": marsad.__version__,
            "dictionary_versions": json.dumps(dict(res.versions)), "month": f"{now:%Y-%m}"}])
        batches = store.read("batches").to_pandas()
        frames["batches"] = pd.concat([batches, frames["batches"]], ignore_index=True)
        store.replace(frames, [*DERIVED, "articles", "batches"])
    _refresh_snapshot(store)
    return {"articles": len(records), "events": len(out["events"]), "seconds": round(time.perf_counter() - t0, 2)}


def _articles_from_rows(rows: list[dict]) -> Iterator[tuple[Article, str]]:
    for r in rows:
        yield (Article(r["article_id"], r["title"] or "", r["text"], r["published"], r["source"], r["url"], r["path"],
                       r["batch_id"]), r["story_id"])
