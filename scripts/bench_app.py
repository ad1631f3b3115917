"""Dashboard speed benchmark (`make bench-app`).

Builds (or reuses) a large store in a SEPARATE process (`scripts/build_bench_store.py`: real article
texts of ../shared/corpora — the demo corpus when absent — ingested once with the real pipeline, then
replicated to `--articles` articles, about 5 events each, with shifted dates and new ids; compacted;
with its dashboard snapshot). Then, in this process, for each page and two filter scenarios, times
that page's query functions cold (first run on a fresh connection) and warm (second run), plus an
AppTest render of each page (through the Streamlit caches), and prints a table: page, cold ms,
warm ms, AppTest ms, rows; the targets (every page's queries ≤ 500 ms warm and ≤ 2 s cold, app
memory ≤ 2 GB) and this process's peak RSS — the app's, not the builder's.

    python scripts/bench_app.py                     # default (make bench-app): 1M articles, 5M events
    python scripts/bench_app.py --articles 100000 [--store /tmp/marsad-bench-100000] [--rebuild]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad import query as Q
from marsad.store import Store


def page_queries(con, f: Q.Filters) -> dict[str, list]:
    """What each page asks the store for (mirrors pages/*.py)."""
    k = Q.kpis(con, f)
    bucket = Q.choose_bucket(*(f.date_from, f.date_to) if f.date_from and f.date_to else (k["first"], k["last"]))
    top = Q.top_actors(con, f, 25)
    groups = tuple(top["group_id"].head(4))
    first_group = groups[0] if groups else "lna"
    some_article = con.execute("SELECT article_id FROM events LIMIT 1").fetchone()
    aid = some_article[0] if some_article else ""
    return {
        "sidebar": [lambda: Q.data_bounds(con), lambda: Q.actor_options(con), lambda: Q.place_options(con),
                    lambda: Q.outlet_options(con), lambda: Q.type_options(con), lambda: Q.store_status(con)],
        "overview": [lambda: Q.kpis(con, f), lambda: Q.kpis(con, f.previous_period() or f),
                     lambda: Q.events_over_time(con, f, bucket), lambda: Q.top_actors(con, f, 10),
                     lambda: Q.top_places(con, f, 10), lambda: Q.latest_events(con, f, 8)],
        "map": [lambda: Q.map_places(con, f), lambda: Q.place_details(con, f), lambda: Q.map_regions(con, f)],
        "actors": [lambda: Q.top_actors(con, f, 25), lambda: Q.actor_timeline(con, f, groups, bucket),
                   lambda: Q.actor_type_matrix(con, f, 12), lambda: Q.sankey_flows(con, f, 7, 8),
                   lambda: Q.actor_profile(con, f, first_group)],
        "operations": [lambda: Q.events_over_time(con, f, bucket, by="type"),
                       lambda: Q.events_over_time(con, f, bucket, by="status"), lambda: Q.ops_by_place(con, f, 12),
                       lambda: Q.count_events(con, f), lambda: Q.events_table(con, f, 2000)],
        "articles": [lambda: Q.search_articles(con, f, ("مصراته",), (), (), 300),
                     lambda: Q.entity_ids_for_name(con, "Misrata"), lambda: Q.article(con, aid),
                     lambda: Q.article_spans(con, aid), lambda: Q.article_events(con, aid)],
        "briefing": [lambda: Q.kpis(con, f), lambda: Q.events_over_time(con, f, bucket), lambda: Q.top_actors(con, f, 8),
                     lambda: Q.top_places(con, f, 8), lambda: Q.map_places(con, f), lambda: Q.place_details(con, f),
                     lambda: Q.key_events(con, f, 10)],
        "data": [lambda: Q.store_status(con), lambda: Q.batches(con)],
    }


def _rows(value) -> int:
    if hasattr(value, "__len__") and not isinstance(value, (str, dict)):
        return len(value)
    if isinstance(value, dict):
        return sum(len(v) for v in value.values() if hasattr(v, "__len__") and not isinstance(v, str)) or 1
    return 1


def _connect(store: Store):
    """What the dashboard opens: the version's snapshot (written by ingest), else Parquet into memory."""
    return Q.open_snapshot(store) or Q.tune(Q.prepare(store.connect(), derived=True))


def time_pages(store: Store, f: Q.Filters) -> dict[str, tuple[float, float, int]]:
    out = {}
    for page in page_queries(_connect(store), f):
        t0 = time.perf_counter()
        con = _connect(store)  # fresh connection: cold
        load = (time.perf_counter() - t0) * 1000
        fns = page_queries(con, f)[page]
        t0 = time.perf_counter()
        rows = sum(_rows(fn()) for fn in fns)
        cold = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        for fn in fns:
            fn()
        warm = (time.perf_counter() - t0) * 1000
        out[page] = (cold, warm, rows, load)
    return out


def apptest_pages(store_path: Path) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["MARSAD_STORE"] = str(store_path)
    os.chdir(ROOT)
    times = {}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    t0 = time.perf_counter()
    at.run()
    times["overview"] = (time.perf_counter() - t0) * 1000
    for page in ("map", "actors", "operations", "articles", "briefing", "data"):
        at.switch_page(f"pages/{page}.py")
        t0 = time.perf_counter()
        at.run()
        times[page] = (time.perf_counter() - t0) * 1000
        if at.exception:
            times[page] = float("nan")
    # second pass: Streamlit caches are warm
    for page in ("overview", "map", "actors", "operations", "articles", "briefing", "data"):
        at.switch_page(f"pages/{page}.py")
        t0 = time.perf_counter()
        at.run()
        times[page + ":warm"] = (time.perf_counter() - t0) * 1000
    return times


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*.parquet"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--events-per-article", type=float, default=5.0)
    ap.add_argument("--store", type=Path, default=None, help="where to build the store (default: a tmp folder)")
    ap.add_argument("--rebuild", action="store_true", help="rebuild even if the store exists")
    ap.add_argument("--no-apptest", action="store_true")
    args = ap.parse_args(argv)

    path = args.store or Path(os.environ.get("TMPDIR", "/tmp")) / f"marsad-bench-{args.articles}"
    store = Store(path)
    builder = [sys.executable, str(ROOT / "scripts" / "build_bench_store.py"), "--articles", str(args.articles),
               "--events-per-article", str(args.events_per_article), "--out", str(path)]
    if args.rebuild or not store.exists():
        subprocess.run(builder, check=True)          # its own process: its memory is not the app's
    elif not Q.snapshot_path(store).exists():        # ingest writes it; an older format is rebuilt
        subprocess.run(builder + ["--snapshot-only"], check=True)
    meta = path / ".bench.json"
    origin = json.loads(meta.read_text(encoding="utf-8")).get("origin") if meta.exists() else "unknown"
    snap = Q.open_snapshot(store)
    status = Q.store_status(snap)
    snap.close()
    size_mb = size_of(path) / 1e6
    n_files = sum(len(v) for v in store.manifest().tables.values())
    snap_mb = Q.snapshot_path(store).stat().st_size / 1e6
    sys.stdout.write(f"store: {status['articles']:,} articles, {status['events']:,} events, "
                     f"{status['place_mentions']:,} place and {status['actor_mentions']:,} actor mentions; texts from "
                     f"{origin}; {size_mb:.0f} MB Parquet in {n_files} files, snapshot {snap_mb:.0f} MB\n\n")

    scenarios = {
        "all": Q.Filters(),
        "filtered": Q.Filters(date_from=dt.date(2019, 4, 1), date_to=dt.date(2020, 6, 30), actors=("lna", "gna"),
                              one_per_story=True),
    }
    app_times = {} if args.no_apptest else apptest_pages(path)
    header = f"{'scenario':9} {'page':11} {'cold ms':>9} {'warm ms':>9} {'AppTest ms':>11} {'AppTest warm':>13} {'rows':>8}"
    sys.stdout.write(header + "\n" + "-" * len(header) + "\n")
    worst: dict[str, list[float]] = {}
    for name, f in scenarios.items():
        for page, (cold, warm, rows, load) in time_pages(store, f).items():
            at = app_times.get(page) if name == "all" else None
            atw = app_times.get(page + ":warm") if name == "all" else None
            w = worst.setdefault(page, [0.0, 0.0])
            w[0], w[1] = max(w[0], cold), max(w[1], warm)
            sys.stdout.write(f"{name:9} {page:11} {cold:9.0f} {warm:9.0f} {('' if at is None else f'{at:.0f}'):>11} "
                             f"{('' if atw is None else f'{atw:.0f}'):>13} {rows:8d}\n")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write("\ntargets (worst scenario): queries <= 500 ms warm, <= 2000 ms cold; app memory <= 2048 MB\n")
    for page, (cold, warm) in worst.items():
        ok = cold <= 2000 and warm <= 500
        sys.stdout.write(f"  {page:11} cold {cold:6.0f} ms  warm {warm:6.0f} ms  {'met' if ok else 'NOT MET'}\n")
    sys.stdout.write(f"  {'memory':11} peak RSS of this process (queries{'' if args.no_apptest else ' + AppTest'}) {rss:.0f} MB  "
                     f"{'met' if rss <= 2048 else 'NOT MET'}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
