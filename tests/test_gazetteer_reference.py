"""Curated coordinates in marsad/resources/places.yaml against the reference gazetteers.

The reference files (OpenStreetMap place points, airportsdata airfields) live in ../shared beside
the project and are read here for validation only; the test skips when they are absent.

A Libyan point place (city, town, village, oil port, air base, airport) is compared with every
reference point that carries one of its names: `en`, `ar` or an `aliases_en` name (English names
compared case-insensitively, Arabic names after the project's spelling folds). `aliases_ar` are left
out on purpose: they include short forms («الوطية», «بنينا») that also name a nearby but different
village. Reference names repeat across Libya («سوق الجمعة», «السدرة»), so the nearest namesake is
the one compared, and it must lie within MAX_KM.
"""
from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PLACES_YAML = ROOT / "marsad" / "resources" / "places.yaml"
SHARED = ROOT / ".." / "shared"
GAZ = SHARED / "reference" / "gazetteer"
OSM_FILE = GAZ / "osm-libya-places.json"
AIRFIELDS_FILE = GAZ / "airfields-libya.csv"

MAX_KM = 10.0
CHECKED_KINDS = {"city", "town", "village", "oil_port", "airbase", "airport"}

_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك"})


def fold(name: str) -> str:
    """Case- and spelling-insensitive key (a light copy of the project's Arabic profile)."""
    name = unicodedata.normalize("NFKC", name)
    name = _DIACRITICS.sub("", name).translate(_FOLD)
    return " ".join(name.casefold().split())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def load_places() -> list[dict]:
    with PLACES_YAML.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data["places"]


def reference_index() -> dict[str, list[tuple[str, float, float]]]:
    """Folded name -> [(source label, lat, lon)] over OSM places and airfields."""
    index: dict[str, list[tuple[str, float, float]]] = {}

    def add(name: str | None, label: str, lat: float, lon: float) -> None:
        if name and name.strip():
            index.setdefault(fold(name), []).append((label, float(lat), float(lon)))

    osm = json.loads(OSM_FILE.read_text(encoding="utf-8"))
    for item in osm["data"]:
        for names in item.get("name", []):
            for lang in ("ar", "en"):
                add(names.get(lang), f"osm {item.get('type')} «{names.get(lang)}»", item["latitude"], item["longitude"])
    with AIRFIELDS_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            add(row["name"], f"airfield {row['icao']} «{row['name']}»", row["lat"], row["lon"])
    return index


def test_places_yaml_parses_with_unique_ids():
    places = load_places()
    ids = Counter(str(p["id"]) for p in places)
    assert not [i for i, n in ids.items() if n > 1], "duplicate ids in places.yaml"
    for p in places:
        assert {"id", "en", "ar", "kind", "country", "lat", "lon"} <= p.keys(), p.get("id")


def test_curated_coordinates_match_reference_gazetteers():
    if not (OSM_FILE.is_file() and AIRFIELDS_FILE.is_file()):
        pytest.skip("../shared reference gazetteers are absent")
    index = reference_index()
    offenders: list[str] = []
    checked = 0
    for place in load_places():
        if place.get("country") != "LY" or place.get("kind") not in CHECKED_KINDS:
            continue
        names = [place["en"], place["ar"], *place.get("aliases_en", [])]
        candidates = [c for n in dict.fromkeys(fold(n) for n in names) for c in index.get(n, [])]
        if not candidates:
            continue
        checked += 1
        dist, label, lat, lon = min(
            (haversine_km(place["lat"], place["lon"], c_lat, c_lon), c_label, c_lat, c_lon)
            for c_label, c_lat, c_lon in candidates
        )
        if dist > MAX_KM:
            offenders.append(
                f"{place['id']} {place['en']} ({place['lat']}, {place['lon']}): nearest namesake "
                f"{label} ({lat:.4f}, {lon:.4f}) is {dist:.1f} km away"
            )
    assert checked >= 30, f"only {checked} places could be matched by name; is the reference data intact?"
    assert not offenders, f"{len(offenders)} place(s) farther than {MAX_KM} km from the reference:\n" + "\n".join(offenders)
