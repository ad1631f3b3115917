"""`make eval`: extraction quality against the gold labels (tests/gold) and the peer PETRARCH set.

Gold labels are article-level id sets keyed by DOCNO; the texts are read from ../shared/corpora at
run time (never copied). A quarter of the gold articles (by a hash of the DOCNO) is the held-out
test split: scored, never read while tuning.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from tabulate import tabulate

from marsad.extract import extract
from marsad.ingest import ReadOptions, read_inputs
from marsad.ingest.readers import read_csv
from marsad.places import AREA_KINDS
from marsad.resources import load_resources
from marsad.text import clean_text

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"
VIOLENT = frozenset({"airstrike", "shelling", "armed_clash", "attack", "bombing", "assassination", "abduction"})
ISO3 = frozenset({"usa", "gbr", "fra", "ita", "tur", "egy", "are", "rus", "qat", "tun", "dza", "sdn", "tcd"})


def split_of(docno: str) -> str:
    """'test' for a quarter of the articles (first hex digit of sha1 in 0–3), else 'dev'."""
    return "test" if hashlib.sha1(docno.encode()).hexdigest()[0] in "0123" else "dev"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


FIELDS = ("places", "actors", "types", "type_status")


@dataclass
class ArticleResult:
    docno: str
    corpus: str
    split: str
    gold: dict[str, set]
    pred: dict[str, set]
    batch: str = "a"   # labelling batch: "a" for ant-*.yaml, else the file's suffix (ant-*-b.yaml → "b")

    def errors(self) -> int:
        return sum(len(self.gold[f] ^ self.pred[f]) for f in FIELDS if f != "type_status")


@dataclass
class Report:
    articles: list[ArticleResult] = field(default_factory=list)

    def scores(self, corpus: str | None = None, split: str | None = None, batch: str | None = None) -> dict[str, Score]:
        out = {f: Score() for f in FIELDS}
        for a in self.articles:
            if (corpus and a.corpus != corpus) or (split and a.split != split) or (batch and a.batch != batch):
                continue
            for f in FIELDS:
                out[f].add(a.gold[f], a.pred[f])
        return out


def gold_sets(entry: dict) -> dict[str, set]:
    ops = entry.get("operations") or []
    return {"places": {str(p) for p in entry.get("places") or []}, "actors": set(entry.get("actors") or []),
            "types": {o["type"] for o in ops}, "type_status": {(o["type"], o["status"]) for o in ops}}


def predicted_sets(title: str, text: str, published, res, source=None) -> dict[str, set]:
    ex = extract(title, text, published, res, source)
    places = {p.place_id for p in ex.places
              if res.gazetteer[p.place_id].is_libyan and res.gazetteer[p.place_id].kind not in AREA_KINDS}
    actors = {a.group for a in ex.actors if a.group and a.role not in ("outlet", "source")}
    # one event carries the stronger status; a claimed operation is also a reported one (guidelines)
    pairs = {(e.type, e.status) for e in ex.events} | {(e.type, "reported") for e in ex.events if e.status == "claimed"}
    return {"places": places, "actors": actors, "types": {e.type for e in ex.events}, "type_status": pairs}


def corpus_index(folder: Path) -> dict[str, Path]:
    return {p.stem: p for p in folder.rglob("*.txt")}


def post_articles(path: Path) -> dict[str, object]:
    """The posts of a CSV export (ID column) read as `marsad ingest` reads them, keyed by ID."""
    text = path.read_text(encoding="utf-8")
    ids = [row.get("ID") or row.get("id") for row in csv.DictReader(io.StringIO(text))]
    articles, skips = read_csv(path.name, text, ReadOptions())
    if skips or len(articles) != len(ids):
        raise ValueError(f"{path}: {len(articles)} posts read for {len(ids)} rows ({skips[:1]})")
    return dict(zip(ids, articles))


def gold_articles(corpus_path: Path):
    """DOCNO → a function giving the article: TREC folders are read file by file, CSV exports at once."""
    if corpus_path.suffix == ".csv":
        posts = post_articles(corpus_path)
        return {docno: (lambda a=art: a) for docno, art in posts.items()}
    return {docno: (lambda p=path: list(read_inputs([p], ReadOptions()))[0][1][0])
            for docno, path in corpus_index(corpus_path).items()}


def evaluate_gold(res, gold_dir: Path = GOLD_DIR, shared: Path = SHARED) -> Report:
    report = Report()
    for gold_file in sorted(gold_dir.glob("*.yaml")):
        data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        corpus = data["corpus"]
        corpus_path = shared / "corpora" / corpus
        if not corpus_path.exists():
            log.warning("%s absent: %s skipped", corpus_path, gold_file.name)
            continue
        index = gold_articles(corpus_path)
        batch = batch_of(gold_file)
        for entry in data["articles"]:
            docno = str(entry["docno"])
            article = index.get(docno)
            if article is None:
                log.warning("%s: DOCNO %s not found in %s", gold_file.name, docno, corpus_path)
                continue
            art = article()
            report.articles.append(ArticleResult(docno, corpus, split_of(docno), gold_sets(entry),
                                                 predicted_sets(art.title, art.text, art.published, res, art.source),
                                                 batch))
    return report


def batch_of(gold_file: Path) -> str:
    """«ant-multisource-2018-c.yaml» → "c"; the first files (no suffix) are batch "a"."""
    tail = gold_file.stem.rsplit("-", 1)[-1]
    return tail if len(tail) == 1 and tail.isalpha() else "a"


def _batch_rows(report: Report) -> list[list]:
    rows = []
    for batch in sorted({a.batch for a in report.articles}):
        for split in ("test", "dev"):
            n = sum(1 for a in report.articles if a.batch == batch and a.split == split)
            if n:
                sc = report.scores(split=split, batch=batch)
                rows.append([batch, split, n, *(f"{sc[f].f1:.3f}" for f in FIELDS)])
    return rows


# -- PETRARCH peer set ---------------------------------------------------------------------------

_SENTENCE = re.compile(r"<Sentence\b[^>]*>(.*?)</Sentence>", re.S)
_CODING = re.compile(r'<EventCoding\b[^>]*plover="([A-Z]+)"[^>]*sourcecode="([^"]*)"[^>]*targetcode="([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def petrarch_sentences(folder: Path):
    """(plover, source code, target code, text) parsed leniently (the protest XML is not well-formed)."""
    for path in sorted(folder.glob("*.xml")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        for block in _SENTENCE.findall(raw):
            coding, text = _CODING.search(block), _TEXT.search(block)
            if coding and text:
                yield coding[1], coding[2], coding[3], html.unescape(text[1].strip())


def evaluate_petrarch(res, folder: Path = SHARED / "corpora" / "petrarch-arabic-validation") -> dict:
    counts: Counter = Counter()
    actor = Counter()
    for plover, src, tgt, text in petrarch_sentences(folder):
        ex = extract("", clean_text(text), None, res)
        types = {e.type for e in ex.events}
        counts[plover] += 1
        if plover == "ASSAULT":
            counts["assault_violent"] += bool(types & VIOLENT)
            counts["assault_as_protest"] += "protest" in types
        elif plover == "PROTEST":
            counts["protest_protest"] += "protest" in types
            counts["protest_as_violent"] += bool(types & VIOLENT) and "protest" not in types
        groups = {a.group for a in ex.actors if a.group}
        for role, code in (("source", src), ("target", tgt)):
            country = code.split()[0].lower() if code else ""
            if country in ISO3:
                actor[f"{role}_total"] += 1
                actor[f"{role}_found"] += country in groups
    return {"counts": counts, "actors": actor}


# -- printing ----------------------------------------------------------------------------------------

def _score_rows(report: Report, split: str | None) -> list[list]:
    rows = []
    corpora = sorted({a.corpus for a in report.articles})
    for corpus in [*corpora, None]:
        scores = report.scores(corpus, split)
        n = sum(1 for a in report.articles if (corpus is None or a.corpus == corpus) and (split is None or a.split == split))
        for f, s in scores.items():
            rows.append([corpus or "OVERALL", n, f, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", s.tp, s.fp, s.fn])
    return rows


def confusion(report: Report) -> Counter:
    """Within an article: a gold type the engine missed paired with a type it wrongly found."""
    pairs: Counter = Counter()
    for a in report.articles:
        missed, extra = a.gold["types"] - a.pred["types"], a.pred["types"] - a.gold["types"]
        for m in missed:
            for e in extra:
                pairs[(m, e)] += 1
            if not extra:
                pairs[(m, "—")] += 1
        if not missed:
            for e in extra:
                pairs[("—", e)] += 1
    return pairs


def print_report(report: Report, pet: dict | None, out=sys.stdout) -> None:
    headers = ["corpus", "articles", "field", "P", "R", "F1", "tp", "fp", "fn"]
    for split in ("test", "dev", None):
        print(f"\n## Gold set — {split or 'all'} split\n", file=out)
        print(tabulate(_score_rows(report, split), headers=headers, tablefmt="github"), file=out)
    print("\n## By labelling batch (F1)\n", file=out)
    print(tabulate(_batch_rows(report), headers=["batch", "split", "articles", *FIELDS], tablefmt="github"), file=out)
    print("\n## Operation-type confusion (gold → found), all splits\n", file=out)
    print(tabulate([(g, p, n) for (g, p), n in confusion(report).most_common(15)], headers=["gold type", "found instead", "articles"],
                   tablefmt="github"), file=out)
    print("\n## Ten worst dev articles\n", file=out)
    worst = sorted((a for a in report.articles if a.split == "dev"), key=lambda a: -a.errors())[:10]
    rows = []
    for a in worst:
        parts = []
        for f in ("places", "actors", "types"):
            missed, wrong = sorted(map(str, a.gold[f] - a.pred[f])), sorted(map(str, a.pred[f] - a.gold[f]))
            if missed:
                parts.append(f"{f} missed: {', '.join(missed)}")
            if wrong:
                parts.append(f"{f} wrong: {', '.join(wrong)}")
        rows.append([a.docno, a.errors(), "; ".join(parts)])
    print(tabulate(rows, headers=["docno", "errors", "what"], tablefmt="github"), file=out)
    if pet:
        c, act = pet["counts"], pet["actors"]
        print("\n## PETRARCH peer set (2006–2008 sentences)\n", file=out)
        rows = [["ASSAULT found as violent operation", c["assault_violent"], c["ASSAULT"], _share(c["assault_violent"], c["ASSAULT"])],
                ["ASSAULT found as protest (crossed)", c["assault_as_protest"], c["ASSAULT"], _share(c["assault_as_protest"], c["ASSAULT"])],
                ["PROTEST found as protest", c["protest_protest"], c["PROTEST"], _share(c["protest_protest"], c["PROTEST"])],
                ["PROTEST found only as violent (crossed)", c["protest_as_violent"], c["PROTEST"], _share(c["protest_as_violent"], c["PROTEST"])],
                ["source country found among actors", act["source_found"], act["source_total"], _share(act["source_found"], act["source_total"])],
                ["target country found among actors", act["target_found"], act["target_total"], _share(act["target_found"], act["target_total"])]]
        print(tabulate(rows, headers=["measure", "n", "of", "share"], tablefmt="github"), file=out)


def _share(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "n/a"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="marsad-eval", description=__doc__)
    parser.add_argument("--no-petrarch", action="store_true")
    parser.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not (SHARED / "corpora").exists():
        print(f"{SHARED / 'corpora'} is absent: nothing to evaluate")
        return 0
    res = load_resources()
    report = evaluate_gold(res)
    pet = None if args.no_petrarch else evaluate_petrarch(res)
    print_report(report, pet)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            print_report(report, pet, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
