"""The command line: outputs, exit statuses, and bad input that leaves the store unchanged."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORT = ("تنشط وحدات من القوات الخاصة البريطانية والأمريكية في صبراتة، وتتولى تدريب المليشيات المحلية. "
          "وذكرت صحيفة لوموند أن فرنسا تنفذ عمليات سرية وضربات جوية في ليبيا. "
          "وقتل 40 شخصا في غارة جوية أمريكية على معسكر لداعش قرب صبراتة أمس. "
          "وتدرس واشنطن ولندن خيارات تشمل نشر قوات في مصراتة وبنغازي، بينما رفضت لندن تأكيد نشر قواتها. "
          "وطالب مجلس النواب حكومة الوفاق بتوضيح موقفها.")


def marsad(*args, store=None, check=None):
    cmd = [sys.executable, "-m", "marsad"] + (["--store", str(store)] if store else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)


def test_extract_json_shape_and_ids(tmp_path):
    f = tmp_path / "report.txt"
    f.write_text("قوات خاصة غربية في ليبيا\n\n" + REPORT, encoding="utf-8")
    out = marsad("extract", str(f), "--date", "2016-02-20", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"article", "places", "actors", "events"}
    place = next(p for p in data["places"] if p["id"] == "2212771")
    assert set(place) >= {"id", "geonameid", "name_en", "name_ar", "kind", "country", "lat", "lon", "precision", "mentions"}
    assert place["country"] == "LY" and place["name_en"] == "Sabratha"
    assert {"2212771", "2214846", "88319"} <= {p["id"] for p in data["places"]}
    assert {"gbr", "usa", "fra", "isis", "local_militias", "hor", "gna"} <= {a["group"] for a in data["actors"]}
    pairs = {(e["type"], e["status"]) for e in data["events"]}
    assert {("deployment", "reported"), ("deployment", "planned"), ("deployment", "denied"), ("training", "reported"),
            ("covert_operation", "reported"), ("airstrike", "reported")} <= pairs
    strike = next(e for e in data["events"] if e["type"] == "airstrike" and e["fatalities"])
    assert strike["fatalities"] == 40 and strike["date"] == "2016-02-19" and strike["actor1"] == "usa"
    assert strike["sentence"] in f.read_text(encoding="utf-8")
    assert set(strike) >= {"type", "status", "actor1", "actor2", "place", "date", "date_precision", "fatalities",
                           "sentence", "span", "attributed_to"}


def test_ingest_summary_duplicates_and_exit_codes(tmp_path):
    store = tmp_path / "store"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "2016-02-20_a.txt").write_text("عنوان\n\n" + REPORT, encoding="utf-8")
    (tmp_path / "in" / "bad.jsonl").write_text('{"text": "غارة جوية على سرت"}\n{broken\n', encoding="utf-8")
    first = marsad("ingest", str(tmp_path / "in"), "--json", store=store)
    assert first.returncode == 1, first.stderr          # one line skipped
    summary = json.loads(first.stdout)
    assert summary["added"] == 2 and summary["skipped"] == 1
    assert "bad.jsonl:2" in summary["skip_reasons"][0] and "invalid JSON" in summary["skip_reasons"][0]
    second = marsad("ingest", str(tmp_path / "in" / "2016-02-20_a.txt"), "--json", store=store)
    assert second.returncode == 0 and json.loads(second.stdout)["duplicates"] == 1
    stats = json.loads(marsad("stats", "--json", store=store).stdout)
    assert stats["articles"] == 2 and stats["events"] > 0 and {"stories", "places", "actors"} <= set(stats)


def test_usage_errors_exit_2(tmp_path):
    assert marsad("ingest", str(tmp_path / "nope")).returncode == 2
    assert marsad("ingest", str(tmp_path), "--date", "yesterday").returncode == 2
    assert marsad("ingest", str(tmp_path), "--map", "titel=x").returncode == 2
    assert marsad("frobnicate").returncode == 2


def test_bad_input_leaves_the_store_unchanged(tmp_path):
    store = tmp_path / "store"
    good = tmp_path / "2016-01-01_good.txt"
    good.write_text("عنوان\n\n" + REPORT, encoding="utf-8")
    assert marsad("ingest", str(good), store=store).returncode == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (bad / "bin.txt").write_bytes(b"\x00\xff" * 100)
    out = marsad("ingest", str(bad), store=store)
    assert out.returncode == 1
    for name in ("empty.txt", "x.csv", "bin.txt"):
        assert name in out.stderr
    stats = json.loads(marsad("stats", "--json", store=store).stdout)
    assert stats["articles"] == 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "geojson"])
def test_export_formats_and_filters(tmp_path, fmt):
    store = tmp_path / "store"
    f = tmp_path / "2016-02-20_a.txt"
    f.write_text("عنوان\n\n" + REPORT, encoding="utf-8")
    marsad("ingest", str(f), store=store)
    out = tmp_path / f"events.{fmt}"
    res = marsad("export", "--format", fmt, "--type", "airstrike", "--actor", "usa", "--out", str(out), store=store)
    assert res.returncode == 0, res.stderr
    if fmt == "geojson":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and data["features"]
        assert all(f["properties"]["type"] == "airstrike" for f in data["features"])
        assert data["features"][0]["geometry"]["coordinates"][0] > 9   # lon in Libya
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert rows and all(r["type"] == "airstrike" for r in rows)
    else:
        assert out.stat().st_size > 0
