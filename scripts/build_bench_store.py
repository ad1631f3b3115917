"""Build the large store of `make bench-app` from REAL article texts, with shifted dates and new ids.

1. A seed store: the real articles of ../shared/corpora (ANT 2013–2018, Al Jazeera posts) ingested once
   with the real pipeline (`marsad.pipeline.ingest_paths`); the demo corpus (data/sample) when
   ../shared is absent (said in the output). Texts are only read at run time, never copied into the repo.
2. Replication: `--articles` articles drawn from the seed articles (weighted towards articles with more
   events so that the store holds about `--events-per-article` events per article), each with a new
   article id, a new story id per (copy, seed story) and a date shift per (copy, seed story) that puts
   it somewhere in 2011–2024 (near-duplicates of one story stay together). Their stored rows —
   articles (text and normalized text), events, place and actor mentions, candidates, story bands —
   are copied with DuckDB, dates and months shifted, and written month by month through
   `marsad.store` (one Parquet file per month and table: already compact) in one commit.
3. The dashboard snapshot (`marsad.query.build_snapshot`, what ingest writes).

Run as its own process (`scripts/bench_app.py` does), so that the benchmark's peak memory is the app's:

    python scripts/build_bench_store.py --articles 1000000 --out /tmp/marsad-bench-1000000
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED_CORPORA = ROOT.parent / "shared" / "corpora"
DEMO = ROOT / "data" / "sample"
REAL_INPUTS = ("ant-multisource-2018-libya", "ant-jawhara-2013-2017-libya", "asnd-aljazeera-posts-libya.csv")
FIRST_DAY, LAST_DAY = dt.date(2011, 1, 1), dt.date(2024, 12, 31)
REPLICATED = ("articles", "events", "place_mentions", "actor_mentions", "candidates", "story_bands")


def seed_inputs() -> tuple[list[Path], str]:
    real = [SHARED_CORPORA / name for name in REAL_INPUTS if (SHARED_CORPORA / name).exists()]
    if real:
        return real, "real articles of ../shared/corpora (ANT 2013–2018, Al Jazeera posts)"
    return [DEMO], "the demo corpus data/sample (../shared/corpora is absent)"


def build_seed(path: Path) -> tuple[Path, str]:
    """Ingest the real articles once with the real pipeline (reused when present)."""
    from marsad.pipeline import ingest_paths
    from marsad.store import Store

    inputs, origin = seed_inputs()
    tag = path / ".origin"
    store = Store(path)
    if store.exists() and tag.exists() and tag.read_text(encoding="utf-8") == origin:
        return path, origin
    store.destroy()
    t0 = time.perf_counter()
    report = ingest_paths(inputs, store)
    tag.write_text(origin, encoding="utf-8")
    print(f"seed store: ingested {report.added} articles of "
          f"{origin} with the real pipeline in {time.perf_counter() - t0:.1f} s", flush=True)
    return path, origin


def tilt_weights(n_events: np.ndarray, target: float) -> np.ndarray:
    """Sampling weights ∝ exp(θ·events) with mean events = target (θ found by bisection)."""
    n = n_events.astype(float)
    if target <= n.mean() + 1e-9 or target >= n.max():
        theta = 0.0 if target <= n.mean() else 50.0
    else:
        lo, hi = 0.0, 50.0
        for _ in range(100):
            theta = (lo + hi) / 2
            w = np.exp(theta * (n - n.max()))
            if (w * n).sum() / w.sum() < target:
                lo = theta
            else:
                hi = theta
    w = np.exp(theta * (n - n.max()))
    return w / w.sum()


def replicate(seed: Path, out: Path, n_articles: int, events_per_article: float, seed_value: int = 1) -> dict:
    import duckdb
    import pyarrow as pa

    from marsad.store import Store

    src = Store(seed)
    con = duckdb.connect()
    con.execute("SET memory_limit = '3GB'")
    con.execute(f"SET temp_directory = '{out.parent / (out.name + '.tmp')}'")
    src.connect(con)
    for t in REPLICATED + ("batches",):   # the seed is small: into memory
        con.execute(f"CREATE TABLE s_{t} AS SELECT * FROM {t}")
    seeds = con.execute("""
        SELECT a.article_id, coalesce(a.story_id, a.article_id) AS story,
               (SELECT count(*) FROM s_events e WHERE e.article_id = a.article_id) AS n_events
        FROM s_articles a ORDER BY a.article_id""").df()
    roots = con.execute(f"SELECT coalesce(story_id, article_id) AS story, coalesce(datediff('day', DATE '{FIRST_DAY}', "
                        "min(published)), 0) AS base FROM s_articles GROUP BY 1").df()
    rng = np.random.default_rng(seed_value)
    p = tilt_weights(seeds["n_events"].to_numpy(), events_per_article)
    pick = rng.choice(len(seeds), size=n_articles, p=p)
    per_copy = len(seeds)
    copy = np.arange(n_articles) // per_copy
    span = (LAST_DAY - FIRST_DAY).days + 1
    base = dict(zip(roots["story"], roots["base"]))
    story = seeds["story"].to_numpy()[pick]
    # one random target day per (copy, seed story): near-duplicates keep their relative dates
    key = np.char.add(np.char.add(story.astype(str), ":"), copy.astype(str))
    uniq, inv = np.unique(key, return_inverse=True)
    target = rng.integers(0, span, size=len(uniq))[inv]
    base_days = np.array([base[s] for s in story], dtype=np.int64)
    shift = target - base_days
    plan = pa.table({"i": np.arange(n_articles, dtype=np.int64), "seed_id": seeds["article_id"].to_numpy()[pick],
                     "copy": copy.astype(np.int64), "shift": shift.astype(np.int64)})
    con.register("plan_arrow", plan)
    # undated seed articles (short posts) get a date 7 times in 10; their events keep their own dates
    con.execute(f"""
        CREATE TABLE plan AS
        SELECT *, CASE WHEN new_published IS NULL THEN 'undated' ELSE strftime(new_published, '%Y-%m') END AS new_month
        FROM (SELECT p.i, p.seed_id, p.copy, CAST(p.shift AS INTEGER) AS shift, a.published AS seed_published,
                     substr(md5(p.seed_id || ':' || p.i), 1, 16) AS new_id,
                     substr(md5(coalesce(a.story_id, a.article_id) || ':' || p.copy), 1, 16) AS new_story,
                     CASE WHEN a.published IS NOT NULL THEN a.published + CAST(p.shift AS INTEGER)
                          WHEN p.i % 10 < 7 THEN DATE '{FIRST_DAY}' + CAST(p.shift AS INTEGER) END AS new_published
              FROM plan_arrow p JOIN s_articles a ON a.article_id = p.seed_id)""")
    con.unregister("plan_arrow")

    def cols(table: str) -> str:
        names = [r[0] for r in con.execute(f"DESCRIBE s_{table}").fetchall()]
        out = []
        for c in names:
            if c == "article_id":
                out.append("p.new_id AS article_id")
            elif c == "story_id":
                out.append("p.new_story AS story_id")
            elif c == "event_id":
                out.append("substr(md5(s.event_id || ':' || p.i), 1, 16) AS event_id")
            elif c == "published":
                out.append("p.new_published AS published")
            elif c == "date":
                out.append("CASE WHEN p.seed_published IS NULL THEN s.date ELSE s.date + p.shift END AS date")
            elif c == "month":
                out.append("p.new_month AS month")
            elif c == "url":
                out.append("s.url || '#' || p.i AS url")
            elif c == "batch_id":
                out.append("'bench-replica' AS batch_id")
            else:
                out.append(f"s.{c}")
        return ", ".join(out)

    select = {t: cols(t) for t in REPLICATED}
    store = Store(out)
    store.destroy()
    groups = [r[0] for r in con.execute("SELECT DISTINCT substr(new_month, 1, 4) FROM plan ORDER BY 1").fetchall()]
    counts = {t: 0 for t in REPLICATED}
    with store.lock(), store.transaction() as tx:
        for g in groups:   # a year at a time: each month lands in exactly one file per table
            frames = {}
            for t in REPLICATED:
                order = "p.i" if t == "articles" else "p.i, s.start" if "start" in select[t] else "p.i"
                frames[t] = con.sql(f"""SELECT {select[t]} FROM plan p JOIN s_{t} s ON s.article_id = p.seed_id
                                            WHERE substr(p.new_month, 1, 4) = ? ORDER BY {order}""", params=[g]).to_arrow_table()
                counts[t] += frames[t].num_rows
            tx.write(frames)
        batch = con.sql("""SELECT 'bench-replica' AS batch_id, now()::TIMESTAMPTZ AS started, now()::TIMESTAMPTZ AS finished,
                                      ['bench'] AS inputs, ? AS files, ? AS added, 0 AS duplicates, 0 AS near_duplicates,
                                      0 AS skipped, ? AS events, 'bench' AS kind, any_value(marsad_version) AS marsad_version,
                                      any_value(dictionary_versions) AS dictionary_versions, strftime(now(), '%Y-%m') AS month
                               FROM s_batches""", params=[n_articles, n_articles, counts["events"]]).to_arrow_table()
        tx.write({"batches": batch})
    con.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--events-per-article", type=float, default=5.0)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed-store", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "marsad-bench-seed")
    ap.add_argument("--snapshot-only", action="store_true", help="only (re)write the dashboard snapshot")
    ap.add_argument("--no-snapshot", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from marsad import query as Q
    from marsad.store import Store

    t0 = time.perf_counter()
    if not args.snapshot_only:
        seed, origin = build_seed(args.seed_store)
        counts = replicate(seed, args.out, args.articles, args.events_per_article)
        n_files = sum(len(v) for v in Store(args.out).manifest().tables.values())
        print(f"built {args.out} from {origin}: {counts['articles']:,} articles, {counts['events']:,} events, "
              f"{counts['place_mentions']:,} place and {counts['actor_mentions']:,} actor mentions in {n_files} Parquet "
              f"files ({time.perf_counter() - t0:.1f} s)", flush=True)
        (args.out / ".bench.json").write_text(json.dumps({"origin": origin, **counts}), encoding="utf-8")
    if args.no_snapshot:
        return 0
    t1 = time.perf_counter()
    Q.build_snapshot(Store(args.out))
    print(f"dashboard snapshot written in {time.perf_counter() - t1:.1f} s (part of ingest) · builder peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
