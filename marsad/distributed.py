"""`marsad ingest --engine dask`: the same extraction on a Dask cluster.

Workers read the inputs, extract, and write Parquet parts into the store folder (which may be on
shared or object storage); the client only deduplicates, assigns story ids in input order (so the
result equals the local engine's) and commits the manifest. A LocalCluster is started when no
scheduler address is given.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import time
import uuid
from pathlib import Path

import pandas as pd

import marsad
from marsad.ingest import ReadOptions, Skip
from marsad.ingest.readers import list_input_files
from marsad.pipeline import FileBatch, IngestReport, _refresh_snapshot, read_and_process_file
from marsad.stories import StoryIndex
from marsad.store import Store

log = logging.getLogger(__name__)



def _extract_file(path: str, options: ReadOptions, store_root: str) -> dict:
    """Worker task: read one input and process its articles (as the local engine does), then stage
    them (Arrow files) in the store folder."""
    results = read_and_process_file(path, options, _worker_resources(store_root))
    batch = FileBatch.concat([b for _, b, _, _ in results])
    stage = Path(store_root) / "_staging" / uuid.uuid4().hex
    batch.save(stage)
    return {"path": path, "stage": str(stage), "ids": batch.article_ids, "bands": batch.bands, "types": batch.types,
            "per_file": [(name, n, [(k.line, k.reason) for k in skips]) for name, _, n, skips in results],
            "skips": [(k.path, k.reason, k.line) for _, _, _, skips in results for k in skips]}


def _worker_resources(store_root: str):
    from distributed import get_worker

    from marsad.resources import load_resources

    try:
        worker = get_worker()
    except ValueError:
        return load_resources(store_root)
    cache = getattr(worker, "_marsad_resources", None)
    if cache is None or cache[0] != store_root:
        cache = (store_root, load_resources(store_root))
        worker._marsad_resources = cache
    return cache[1]


def _write_staged(stage: str, stories: list[str | None], store_root: str) -> dict[str, list[str]]:
    """Worker task: keep the chosen articles of a staged input with their story ids; write Parquet parts."""
    from marsad.store import Transaction

    folder = Path(stage)
    tables = FileBatch.load(folder).kept(stories)
    tx = Transaction(Store(store_root))
    tx.write(tables)
    shutil.rmtree(folder, ignore_errors=True)
    return tx.written


def ingest_dask(paths, store: Store, *, date=None, field_map=None, source=None, scheduler: str | None = None,
                workers: int = 2) -> IngestReport:
    from distributed import Client, LocalCluster

    from marsad.resources import load_resources

    started = dt.datetime.now(dt.timezone.utc)
    t0 = time.perf_counter()
    batch_id = f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    options = ReadOptions(date=date, field_map=field_map or {}, source=source, batch_id=batch_id)
    report = IngestReport(batch_id)
    res = load_resources(store.root)
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    written_all: dict[str, list[str]] = {}
    try:
        with store.lock():
            store.root.mkdir(parents=True, exist_ok=True)
            inputs = list_input_files(paths)
            futures = client.map(_extract_file, inputs, options=options, store_root=str(store.root), pure=False)
            results = client.gather(futures)
            known = store.article_ids()
            stories = StoryIndex.from_store(store, res.settings)
            keep_by_stage: list[tuple[str, dict[str, str]]] = []
            for r in results:
                for name, n, skips in r["per_file"]:
                    report.files += 1
                    report.per_file.append({"file": name, "articles": n, "added": 0, "duplicates": 0,
                                            "skipped": len(skips), "reason": "; ".join(f"line {l}: {m}" if l else m for l, m in skips)})
                report.skipped += [Skip(p, reason, line) for p, reason, line in r["skips"]]
                keep: list[str | None] = []
                for art_id, bands, types in zip(r["ids"], r["bands"], r["types"]):
                    report.articles_read += 1
                    if art_id in known:
                        report.duplicates += 1
                        keep.append(None)
                        continue
                    known.add(art_id)
                    story, near = stories.assign_bands(art_id, bands)
                    report.near_duplicates += near
                    report.events_by_type.update(types)
                    keep.append(story)
                report.added += sum(k is not None for k in keep)
                keep_by_stage.append((r["stage"], keep))
            written = client.gather(client.map(_write_staged, [s for s, _ in keep_by_stage], [k for _, k in keep_by_stage],
                                               store_root=str(store.root), pure=False))
            for w in written:
                for table, files in w.items():
                    written_all.setdefault(table, []).extend(files)
            finished = dt.datetime.now(dt.timezone.utc)
            from marsad.store import Transaction

            tx = Transaction(store)
            tx.write({"batches": pd.DataFrame([{
                "batch_id": batch_id, "started": started, "finished": finished, "inputs": [str(p) for p in paths],
                "files": report.files, "added": report.added, "duplicates": report.duplicates,
                "near_duplicates": report.near_duplicates, "skipped": len(report.skipped), "events": sum(report.events_by_type.values()),
                "kind": "ingest-dask", "marsad_version": marsad.__version__,
                "dictionary_versions": json.dumps(dict(res.versions)), "month": f"{finished:%Y-%m}"}])})
            for table, files in tx.written.items():
                written_all.setdefault(table, []).extend(files)
            manifest = store.manifest()
            tables = {t: manifest.tables[t] + tuple(written_all.get(t, ())) for t in manifest.tables}
            store._commit(manifest, tables, written_all)
    except BaseException:
        store._delete(f for files in written_all.values() for f in files)
        raise
    finally:
        shutil.rmtree(store.root / "_staging", ignore_errors=True)
        client.close()
        if cluster is not None:
            cluster.close()
    _refresh_snapshot(store)
    report.seconds = time.perf_counter() - t0
    return report
