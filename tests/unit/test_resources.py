"""Dictionaries: schema checks name the bad entry; the catalogue contract is honoured."""
from pathlib import Path

import pytest
import yaml

from marsad.resources import ResourceError, load_file, load_resources, validate

CATALOGUE = Path(__file__).resolve().parents[3] / "shared" / "spec" / "catalogue.yaml"


def test_bad_place_entry_is_named(tmp_path):
    data = {"version": "x", "places": [{"id": "ok", "en": "A", "ar": "ا", "kind": "town", "country": "LY", "lat": 1, "lon": 2},
                                       {"id": "bad_one", "en": "B", "ar": "ب", "kind": "castle", "country": "LY", "lat": 1, "lon": 2}]}
    with pytest.raises(ResourceError, match=r"places\[1\] \(id=bad_one\)\.kind"):
        validate(data, "places", "test.yaml")


def test_bad_operation_code_is_named():
    data = load_file("operations.yaml")
    data["operations"][0] = dict(data["operations"][0], code="teleport")
    with pytest.raises(ResourceError, match=r"operations\[0\] \(id=teleport\)|operations\[0\].*code"):
        validate(data, "operations", "operations.yaml")


def test_overlay_with_unknown_group_is_rejected(tmp_path):
    (tmp_path / "dictionary_overlay.yaml").write_text(
        "version: '1'\nactors:\n  - {id: x_brigade, group: nowhere, en: X, ar: كتيبة س}\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="x_brigade.*nowhere"):
        load_resources(tmp_path)


@pytest.fixture(scope="module")
def catalogue():
    if not CATALOGUE.exists():
        pytest.skip("../shared/spec/catalogue.yaml is absent")
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


def test_every_catalogue_operation_code_is_in_the_lexicon(catalogue, res):
    assert {o["code"] for o in catalogue["operations"]} == set(res.operations.types)


def test_every_catalogue_actor_group_is_in_the_dictionary(catalogue, res):
    ours = res.actors.groups
    for group in catalogue["actor_groups"]:
        assert group["id"] in ours, group["id"]
        assert ours[group["id"]].kind == group["kind"], group["id"]


def _unrecognised(res, examples, template, found):
    """'id: example' for each (id, example) whose sentence does not yield `id` under `found(extraction)`."""
    from marsad.extract import extract

    return [f"{ident}: {ex}" for ident, ex in examples
            if ident not in found(extract("", template.format(ex), None, res))]


def test_catalogue_arabic_examples_resolve_to_their_group(catalogue, res):
    """Drift guard: every Arabic example the catalogue gives is recognised as its group."""
    examples = [(g["id"], name) for g in catalogue["actor_groups"] for name in g["ar"]]
    assert not _unrecognised(res, examples, "قال {} في بيان.", lambda x: {a.group for a in x.actors})


def test_catalogue_place_examples_use_their_ids(catalogue, res):
    for place in catalogue["places_examples"]:
        pid = str(place.get("geonameid") or place["id"])
        assert pid in res.gazetteer.places, pid
        assert place["ar"] in res.gazetteer[pid].names_ar, pid


def test_catalogue_operation_examples_are_cues(catalogue, res):
    examples = [(op["code"], ex) for op in catalogue["operations"] for ex in op["ar_examples"]]
    missing = _unrecognised(res, examples, "وأفادت مصادر بوقوع {} قرب المدينة.", lambda x: {e.type for e in x.events})
    # generic on their own (documented in operations.yaml): they need a support word in the sentence
    generic = {"airstrike: مقاتلات", "assassination: تصفية", "deployment: وحدات", "training: تأهيل", "ceasefire: اتفاق",
               "covert_operation: قوات خاصة", "arms_transfer: ذخيرة"}
    assert set(missing) <= generic, sorted(set(missing) - generic)


def test_duplicate_key_is_an_error_naming_the_line(tmp_path):
    from marsad.resources import read_yaml

    f = tmp_path / "x.yaml"
    f.write_text("places:\n  - id: a\n    en: A\n    en: B\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"(?s)x.yaml.*duplicate key 'en'.*line 4"):
        read_yaml(f)
