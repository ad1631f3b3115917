"""Ingest and reprocess: read → dedupe → extract (1..N processes) → cluster stories → store."""
from __future__ import annotations

import datetime as dt
import json
import logging
import time
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pandas as pd

import marsad
from marsad.extract import Extraction, event_id, extract
from marsad.ingest import Article, ReadOptions, Skip, read_inputs
from marsad.ingest.readers import list_input_files
from marsad.lexicon import Resources
from marsad.resources import load_resources
from marsad.stories import StoryIndex, band_rows, signature_bands
from marsad.store import DERIVED, Store, month_of

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
CHUNK = 2000


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
    for e in ex.events:
        place = res.gazetteer.get(e.place) if e.place else None
        rows["events"].append({
            "event_id": event_id(article.id, e), "article_id": article.id, "story_id": story_id, "type": e.type,
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


# Worker processes hold their own Resources (loaded once per process by the initializer).
_WORKER: dict = {}


def _init_worker(overlay_dir: str | None) -> None:
    _WORKER["res"] = load_resources(overlay_dir)


def _process_in_worker(article: Article) -> Processed:
    return process_article(article, _WORKER["res"])


def process_all(articles: Sequence[Article], res: Resources, pool: ProcessPoolExecutor | None) -> list[Processed]:
    """Process articles here, or on the pool's worker processes when there is one."""
    if pool is None or len(articles) < 50:
        return [process_article(a, res) for a in articles]
    chunksize = max(1, min(200, len(articles) // (pool._max_workers * 4)))
    return list(pool.map(_process_in_worker, articles, chunksize=chunksize))


def _pool(workers: int, store: Store) -> ProcessPoolExecutor | None:
    return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(str(store.root),)) if workers > 1 else None


# -- ingest --------------------------------------------------------------------------------------

def ingest_paths(paths: Iterable[str | Path], store: Store, resources: Resources | None = None, *,
                 date: dt.date | None = None, field_map: dict | None = None, source: str | None = None,
                 workers: int = 1, progress: Progress | None = None) -> IngestReport:
    """Read inputs, extract, and add new articles to the store in one atomic commit.

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
        pool = _pool(workers, store)
        try:
            with store.transaction() as tx:
                tables = _empty_tables()
                for results in _read_and_process(inputs, options, res, pool):
                    for name, processed, n_articles, skips in results:
                        report.files += 1
                        report.skipped += skips
                        report.articles_read += n_articles
                        fresh = []
                        for done in processed:
                            if done.article_id not in known:
                                known.add(done.article_id)
                                fresh.append(done)
                                _add_processed(done, stories, report, tables)
                        report.duplicates += n_articles - len(fresh)
                        report.per_file.append({"file": name, "articles": n_articles, "added": len(fresh),
                                                "duplicates": n_articles - len(fresh), "skipped": len(skips),
                                                "reason": "; ".join(s.reason if s.line is None else f"line {s.line}: {s.reason}"
                                                                    for s in skips)})
                        if progress:
                            progress(report.files, len(inputs), name)
                    if len(tables["articles"]) >= CHUNK:
                        tx.write({t: pd.DataFrame(rows) for t, rows in tables.items() if rows})
                        tables = _empty_tables()
                tx.write({t: pd.DataFrame(rows) for t, rows in tables.items() if rows})
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


FileResult = tuple[str, list[Processed], int, list[Skip]]


def read_and_process_file(path: str, options: ReadOptions, res: Resources) -> list[FileResult]:
    """Read one input (a zip yields one result per member) and process its articles."""
    return [(name, [process_article(a, res) for a in articles], len(articles), skips)
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


def _empty_tables() -> dict[str, list[dict]]:
    return {t: [] for t in ("articles", "place_mentions", "actor_mentions", "events", "candidates", "story_bands")}


def _add_processed(done: Processed, stories: StoryIndex, report: IngestReport, tables: dict[str, list[dict]]) -> None:
    story_id, near = stories.assign_bands(done.article_id, done.bands)
    report.near_duplicates += near
    report.added += 1
    for table, rows in done.set_story(story_id).items():
        tables[table] += rows
    tables["story_bands"] += band_rows(done.article_id, story_id, done.bands, done.month)
    report.events_by_type.update(done.types)


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
        pool = _pool(workers, store)
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
