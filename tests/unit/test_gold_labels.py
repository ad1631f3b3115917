"""The gold label files (tests/gold) hold valid ids only, each DOCNO once, and every DOCNO is in its corpus."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from marsad.evaluate import GOLD_DIR, batch_of, gold_articles, post_articles, split_of
from marsad.operations import STATUSES
from tests.conftest import CORPORA, require_shared

GOLD_FILES = sorted(GOLD_DIR.glob("*.yaml"))


def _entries():
    for path in GOLD_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data["articles"]:
            yield path, data["corpus"], entry


def test_gold_files_are_there_and_name_their_corpus():
    assert len(GOLD_FILES) >= 10
    for path in GOLD_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) == {"corpus", "articles"}, path.name
        assert data["articles"], path.name
        assert batch_of(path) in "abcdef", path.name


def test_every_label_is_a_known_id(res):
    groups, types = set(res.group_labels), set(res.operation_labels)
    for path, _, entry in _entries():
        where = f"{path.name}: {entry['docno']}"
        assert set(entry) <= {"docno", "places", "actors", "operations", "unknown_places", "notes"}, where
        unknown = {u["id"] for u in entry.get("unknown_places") or []}
        for place in entry.get("places") or []:
            assert isinstance(place, str), f"{where}: place id {place!r} must be a string"
            assert res.gazetteer.get(place) is not None or place in unknown, f"{where}: unknown place id {place}"
        assert set(entry.get("actors") or []) <= groups, f"{where}: {set(entry['actors']) - groups}"
        for op in entry.get("operations") or []:
            assert op["type"] in types and op["status"] in STATUSES, f"{where}: {op}"


def test_each_docno_is_labelled_once():
    counts = Counter(str(entry["docno"]) for _, _, entry in _entries())
    assert not [d for d, n in counts.items() if n > 1]


ARABIC_RUN = re.compile(r"[\u0600-\u06FF]+(?:[\s«»،.:-]+[\u0600-\u06FF]+){8,}")


def test_notes_quote_a_few_words_at_most():
    """Labels never carry the articles' text: an Arabic run of nine words or more in a note is a copy."""
    for path, _, entry in _entries():
        run = ARABIC_RUN.search(entry.get("notes") or "")
        assert run is None, f"{path.name}: {entry['docno']}: {run and run.group(0)}"


def test_about_a_quarter_is_held_out():
    splits = Counter(split_of(str(entry["docno"])) for _, _, entry in _entries())
    assert 0.18 <= splits["test"] / sum(splits.values()) <= 0.32, splits


def test_every_docno_is_found_in_its_corpus():
    require_shared(CORPORA)
    by_corpus: dict[str, set[str]] = {}
    for _, corpus, entry in _entries():
        by_corpus.setdefault(corpus, set()).add(str(entry["docno"]))
    for corpus, docnos in by_corpus.items():
        index = gold_articles(require_shared(CORPORA / corpus))
        assert not docnos - set(index), f"{corpus}: {sorted(docnos - set(index))[:5]}"


def test_posts_of_a_csv_export_are_keyed_by_their_id(tmp_path):
    path = tmp_path / "posts.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Class", "Content", "ID", "Platform"])
        writer.writerow(["politics", "قال المتحدث إن القوات\nسيطرت على المدينة.", "111", "twitter"])
        writer.writerow(["politics", "اشتباكات في طرابلس.", "222_333", "facebook"])
    posts = post_articles(path)
    assert list(posts) == ["111", "222_333"]
    assert posts["222_333"].text.startswith("اشتباكات") and "سيطرت" in posts["111"].text
    assert gold_articles(path)["111"]().text == posts["111"].text


@pytest.mark.parametrize("bad", ["Class,Content,ID\nx,,1\n"])
def test_a_post_that_cannot_be_read_is_an_error(tmp_path, bad):
    path = tmp_path / "posts.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ValueError, match="posts.csv"):
        post_articles(path)
