"""Command line: `marsad extract | ingest | reprocess | stats | export | compact`.

Exit status: 0 when everything was read, 1 when some inputs were skipped, 2 for usage errors.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

from tabulate import tabulate

from marsad.settings import Settings

log = logging.getLogger("marsad")

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _field_map(value: str) -> dict[str, str]:
    out = {}
    for part in value.split(","):
        key, sep, column = part.partition("=")
        if not sep or key.strip() not in ("title", "text", "date", "url", "source") or not column.strip():
            raise argparse.ArgumentTypeError(
                f"bad --map entry {part!r}: use title=COL,text=COL,date=COL,url=COL,source=COL")
        out[key.strip()] = column.strip()
    return out


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit with 2 and a one-line reason
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"marsad: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="marsad", description="Arabic news about Libya → places, actors, operations, dates.")
    p.add_argument("--store", type=Path, default=None, help="store folder (default: $MARSAD_STORE or data/store)")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    e = sub.add_parser("extract", help="extract one article and print the result")
    e.add_argument("file", type=Path)
    e.add_argument("--date", type=_date, help="publication date when the file has none")
    e.add_argument("--map", type=_field_map, default={}, help="field mapping for JSON/CSV")
    e.add_argument("--json", action="store_true", help="print JSON (default: a readable summary)")

    i = sub.add_parser("ingest", help="read files/folders/zips into the store")
    i.add_argument("paths", nargs="+", type=Path)
    i.add_argument("--date", type=_date)
    i.add_argument("--map", type=_field_map, default={})
    i.add_argument("--source", help="outlet name for inputs that carry none")
    i.add_argument("--workers", type=int, default=1, help="processes for extraction (default 1)")
    i.add_argument("--engine", choices=["local", "dask"], default="local")
    i.add_argument("--scheduler", help="dask scheduler address (default: a LocalCluster)")
    i.add_argument("--json", action="store_true", help="print the summary as JSON")
    i.add_argument("--quiet", action="store_true", help="no progress bar")

    r = sub.add_parser("reprocess", help="re-extract all stored articles with the current dictionaries")
    r.add_argument("--workers", type=int, default=1)

    s = sub.add_parser("stats", help="store counts")
    s.add_argument("--json", action="store_true")

    x = sub.add_parser("export", help="export events")
    x.add_argument("--format", choices=["csv", "jsonl", "parquet", "geojson"], required=True)
    x.add_argument("--actor", action="append", default=[], help="actor or group id (repeatable)")
    x.add_argument("--place", action="append", default=[], help="place id (repeatable)")
    x.add_argument("--type", action="append", default=[], help="operation code (repeatable)")
    x.add_argument("--status", action="append", default=[])
    x.add_argument("--since", type=_date)
    x.add_argument("--until", type=_date)
    x.add_argument("--out", type=Path, required=True)

    sub.add_parser("compact", help="merge small Parquet files (one per table and month)")
    c = sub.add_parser("candidates", help="names the dictionaries do not know yet")
    c.add_argument("--min-count", type=int, default=2)
    c.add_argument("--json", action="store_true")
    for name, sp in sub.choices.items():   # `marsad ingest … --store DIR` works as well as `marsad --store DIR ingest …`
        sp.add_argument("--store", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings(store=args.store) if args.store else Settings()
    try:
        return COMMANDS[args.command](args, settings)
    except UsageError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("marsad: interrupted; the store is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `marsad … | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def cmd_extract(args, settings: Settings) -> int:
    from marsad.extract import extract, to_json
    from marsad.ingest import ReadOptions, read_inputs
    from marsad.resources import load_resources

    if not args.file.exists():
        raise UsageError(f"{args.file}: no such file")
    res = load_resources(settings.store if settings.store.exists() else None)
    results = list(read_inputs([args.file], ReadOptions(date=args.date, field_map=args.map)))
    articles = [a for _, arts, _ in results for a in arts]
    skips = [s for _, _, sk in results for s in sk]
    for s in skips:
        print(f"skipped {s}", file=sys.stderr)
    if not articles:
        return EXIT_SKIPPED
    outputs = []
    for art in articles:
        ex = extract(art.title, art.text, art.published, res, art.source)
        outputs.append(to_json(art.to_dict(), ex, res))
    if args.json:
        print(json.dumps(outputs[0] if len(outputs) == 1 else outputs, ensure_ascii=False, indent=1))
    else:
        for out in outputs:
            _print_extraction(out)
    return EXIT_SKIPPED if skips else EXIT_OK


def _print_extraction(out: dict) -> None:
    a = out["article"]
    print(f"{a['title']}  [{a['published'] or 'undated'} · {a['source'] or 'no source'}]")
    print(tabulate([(p["id"], p["name_en"], p["name_ar"], p["kind"], p["country"], p["precision"], p["mentions"])
                    for p in out["places"]], headers=["place", "English", "Arabic", "kind", "country", "prec", "n"]))
    print()
    print(tabulate([(x["id"], x["group"], x["name_en"], x["kind"], x["mentions"]) for x in out["actors"]],
                   headers=["actor", "group", "English", "kind", "n"]))
    print()
    print(tabulate([(e["type"], e["status"], e["actor1"], e["actor2"], e["place"], e["date"], e["fatalities"],
                     e["sentence"][:60]) for e in out["events"]],
                   headers=["type", "status", "actor1", "actor2", "place", "date", "dead", "evidence"]))


def cmd_ingest(args, settings: Settings) -> int:
    from marsad.store import Store

    store = Store(settings.store)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing and len(missing) == len(args.paths):
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if args.engine == "dask":
        from marsad.distributed import ingest_dask

        report = ingest_dask(args.paths, store, date=args.date, field_map=args.map, source=args.source,
                             scheduler=args.scheduler, workers=max(args.workers, 2))
    else:
        from marsad.pipeline import ingest_paths

        bar = None
        if not args.quiet and not args.json and sys.stderr.isatty():
            from tqdm import tqdm
            bar = tqdm(unit=" files", desc="reading", file=sys.stderr)

        def progress(done, total, name):
            if bar is not None:
                bar.update(1)
                bar.set_postfix_str(Path(name.split("!")[-1]).name[-30:])

        try:
            report = ingest_paths(args.paths, store, date=args.date, field_map=args.map, source=args.source,
                                  workers=args.workers, progress=progress)
        finally:
            if bar is not None:
                bar.close()
    if args.json:
        print(json.dumps(report.summary(), ensure_ascii=False, indent=1))
    else:
        print(tabulate([("files read", report.files), ("articles read", report.articles_read),
                        ("articles added", report.added), ("duplicates", report.duplicates),
                        ("near-duplicates (same story)", report.near_duplicates),
                        ("skipped", len(report.skipped)), ("seconds", f"{report.seconds:.1f}")],
                       headers=["ingest " + report.batch_id, ""]))
        if report.events_by_type:
            print()
            print(tabulate(report.events_by_type.most_common(), headers=["events by type", "n"]))
        for s in report.skipped:
            print(f"skipped: {s}", file=sys.stderr)
    return report.exit_code


def cmd_reprocess(args, settings: Settings) -> int:
    from marsad.pipeline import reprocess
    from marsad.store import Store

    store = Store(settings.store)
    if not store.exists():
        raise UsageError(f"no store at {settings.store}")
    print(tabulate(reprocess(store, workers=args.workers).items(), headers=["reprocess", ""]))
    return EXIT_OK


def cmd_stats(args, settings: Settings) -> int:
    from marsad.stats import store_stats
    from marsad.store import Store

    stats = store_stats(Store(settings.store).connect())
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1, default=str))
    else:
        print(tabulate([(k, v) for k, v in stats.items() if not isinstance(v, (dict, list))], headers=["store", str(settings.store)]))
    return EXIT_OK


def cmd_export(args, settings: Settings) -> int:
    from marsad.export import export_events
    from marsad.store import Store

    store = Store(settings.store)
    n = export_events(store.connect(), args.out, args.format, actors=args.actor, places=args.place, types=args.type,
                      statuses=args.status, since=args.since, until=args.until)
    print(f"{n} events written to {args.out}")
    return EXIT_OK


def cmd_compact(args, settings: Settings) -> int:
    from marsad.store import Store

    result = Store(settings.store).compact()
    print(tabulate([(t, a, b) for t, (a, b) in result.items()], headers=["table", "files before", "files after"]))
    return EXIT_OK


def cmd_candidates(args, settings: Settings) -> int:
    from marsad.discovery import find_candidates
    from marsad.resources import load_resources
    from marsad.store import Store

    store = Store(settings.store)
    frame = find_candidates(store.connect(), load_resources(store.root), min_count=args.min_count)
    if args.json:
        print(frame.to_json(orient="records", force_ascii=False))
    else:
        print(tabulate(frame.head(50).values.tolist(), headers=list(frame.columns)))
    return EXIT_OK


COMMANDS = {"extract": cmd_extract, "ingest": cmd_ingest, "reprocess": cmd_reprocess, "stats": cmd_stats,
            "export": cmd_export, "compact": cmd_compact, "candidates": cmd_candidates}

if __name__ == "__main__":
    sys.exit(main())
