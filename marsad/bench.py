"""`make bench`: pipeline throughput against the floor (camel-tools normalization + tokenization).

Builds a corpus of N articles by sampling the real texts of ../shared/corpora (or the demo corpus
when absent, said in the output), then measures on the same texts, in one run:
  floor     — camel-tools normalization + simple_word_tokenize alone, one core;
  pipeline  — read, normalize, extract, cluster, store (marsad ingest), 1 and 2 worker processes;
  10× dicts — extraction with every dictionary grown tenfold (matching cost per token must not grow).
Prints one table.
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPORA = ROOT.parent / "shared" / "corpora"
DEMO = ROOT / "data" / "sample"


def source_texts() -> tuple[list[tuple[str, str]], str]:
    """(title, text) pairs from the real corpora, else from the demo corpus."""
    from marsad.ingest import ReadOptions, read_inputs

    folders = [p for p in (SHARED_CORPORA / "ant-multisource-2018-libya", SHARED_CORPORA / "ant-jawhara-2013-2017-libya",
                           SHARED_CORPORA / "asnd-aljazeera-posts-libya.csv") if p.exists()]
    origin = "../shared/corpora (ANT 2013–2018, Al Jazeera posts)"
    if not folders:
        folders, origin = [DEMO], "the demo corpus (../shared/corpora is absent)"
    pairs = [(a.title, a.text) for _, arts, _ in read_inputs(folders, ReadOptions())
             for a in arts if len(a.text) > 80]
    return pairs, origin


def build_corpus(n: int, folder: Path, seed: int = 11) -> tuple[list[dict], int]:
    """N unique JSONL records sampled from real texts (a serial number keeps ids distinct)."""
    pairs, _ = source_texts()
    rng = random.Random(seed)
    records = []
    for i in range(n):
        title, text = pairs[rng.randrange(len(pairs))]
        year, month, day = 2011 + i % 14, 1 + i % 12, 1 + i % 28
        records.append({"title": title, "text": f"{text}\n\nرقم المرجع {i}", "date": f"{year}-{month:02d}-{day:02d}",
                        "source": f"Outlet {i % 9}"})
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    per_file = max(1, n // 20)
    for k in range(0, n, per_file):
        path = folder / f"part-{k // per_file:03d}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for r in records[k:k + per_file]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        size += path.stat().st_size
    return records, size


def floor(records: list[dict]) -> float:
    """Seconds for camel-tools normalization + simple_word_tokenize of every text, one core."""
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar,
                                             normalize_unicode)

    t0 = time.perf_counter()
    n_tokens = 0
    for r in records:
        for part in (r["title"], r["text"]):
            text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(normalize_unicode(part)))))
            n_tokens += len(simple_word_tokenize(text))
    return time.perf_counter() - t0


def run_pipeline(corpus: Path, workers: int) -> tuple[float, dict, float]:
    """Seconds of `ingest` (read, normalize, extract, cluster, store), its summary, and the seconds
    of the dashboard snapshot that `marsad ingest` writes afterwards (timed apart)."""
    from marsad.pipeline import ingest_paths
    from marsad.query import build_snapshot
    from marsad.resources import load_resources
    from marsad.store import Store

    store_dir = Path(tempfile.mkdtemp(prefix="marsad-bench-store-"))
    try:
        res = load_resources()
        store = Store(store_dir)
        t0 = time.perf_counter()
        report = ingest_paths([corpus], store, res, workers=workers, snapshot=False)
        seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        build_snapshot(store)
        return seconds, report.summary(), time.perf_counter() - t0
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)


def extraction_seconds(records: list[dict], scale: int) -> tuple[float, int]:
    """Extraction time on `records` with every dictionary name list grown `scale`-fold."""
    from marsad.extract import extract
    from marsad.resources import load_resources
    from marsad.text import clean_text

    res = load_resources()
    size_before = res.names.size
    for k in range(1, scale):  # synthetic names: real phrases with a numbered suffix word
        for tokens, payload in list(res.gazetteer.phrases()) + list(res.actors.phrases()):
            res.names.add((*tokens, f"س{k}"), payload)
    texts = [(clean_text(r["title"]), clean_text(r["text"])) for r in records]
    t0 = time.perf_counter()
    for title, text in texts:
        extract(title, text, None, res)
    return time.perf_counter() - t0, res.names.size if scale > 1 else size_before


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="marsad-bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--dict-sample", type=int, default=2000, help="articles for the 10× dictionary test")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    try:
        _, origin = source_texts()
        records, size = build_corpus(args.articles, work / "corpus")
        mb = size / 1e6
        print(f"corpus: {args.articles} articles, {mb:.1f} MB, sampled from {origin}")
        rows = []
        t_floor = floor(records)
        rows.append(["floor: camel-tools normalize + simple_word_tokenize", 1, f"{args.articles / t_floor:,.0f}",
                     f"{mb / t_floor:.2f}", f"{t_floor:.1f}", "1.00", f"{peak_mb():,.0f}"])
        t1, s1, snap1 = run_pipeline(work / "corpus", 1)
        rows.append(["pipeline: read+normalize+extract+store", 1, f"{args.articles / t1:,.0f}", f"{mb / t1:.2f}",
                     f"{t1:.1f}", f"{t_floor / t1:.2f}", f"{peak_mb():,.0f}"])
        t2, s2, _ = run_pipeline(work / "corpus", 2)
        rows.append(["pipeline: read+normalize+extract+store", 2, f"{args.articles / t2:,.0f}", f"{mb / t2:.2f}",
                     f"{t2:.1f}", f"{t_floor / t2:.2f}", f"{peak_mb():,.0f}"])
        rows.append(["then: dashboard snapshot of the new store version", 1, "", "", f"{snap1:.1f}", "", ""])
        print(tabulate(rows, headers=["stage", "cores", "articles/s", "MB/s", "seconds", "÷ floor time", "peak MB"],
                       tablefmt="github"))
        sample = records[: args.dict_sample]
        e1, n1 = extraction_seconds(sample, 1)
        e10, n10 = extraction_seconds(sample, 10)
        print()
        print(tabulate([["1× dictionaries", f"{n1:,}", f"{len(sample) / e1:,.0f}"],
                        ["10× dictionaries", f"{n10:,}", f"{len(sample) / e10:,.0f}"]],
                       headers=["extraction", "name phrases", "articles/s"], tablefmt="github"))
        print()
        print(tabulate([["pipeline ÷ floor, 1 core (target ≥ 0.50)", f"{t_floor / t1:.2f}"],
                        ["2 cores ÷ 1 core speed-up (target ≥ 1.8)", f"{t1 / t2:.2f}"],
                        ["10× ÷ 1× dictionary extraction time (target ≈ 1)", f"{e10 / e1:.2f}"],
                        ["events found (1 core / 2 cores)", f"{sum(s1['events_by_type'].values())} / {sum(s2['events_by_type'].values())}"]],
                       headers=["summary", "value"], tablefmt="github"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
