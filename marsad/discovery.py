"""Names the dictionaries miss: candidates counted across the store, and the user's overlay.

Candidates come from discovery cues at extraction time («مدينة X», «كتيبة X», «المتحدث باسم X»).
Accepting one writes an entry to `dictionary_overlay.yaml` in the store folder — validated like
the shipped dictionaries — after which `reprocess` makes it an actor or place everywhere.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from marsad.resources import OVERLAY_FILE, ResourceError, load_overlay

log = logging.getLogger(__name__)


def find_candidates(con: duckdb.DuckDBPyConnection, res=None, min_count: int = 2, limit: int = 500) -> pd.DataFrame:
    """Candidate names with their count, article count, first/last seen and an example sentence."""
    return con.execute("""
        SELECT any_value(name ORDER BY length(name)) AS name, name_norm, mode(kind) AS kind,
               mode(cue) AS cue, count(*) AS mentions, count(DISTINCT article_id) AS articles,
               min(published) AS first_seen, max(published) AS last_seen,
               any_value(sentence ORDER BY length(sentence)) AS example
        FROM candidates GROUP BY name_norm HAVING count(*) >= ?
        ORDER BY mentions DESC, articles DESC, name_norm LIMIT ?""", [min_count, limit]).df()


def suggest_location(sentence: str, res) -> dict | None:
    """Coordinates to start from for a new place: the first Libyan town, quarter or site the candidate's example
    sentence names («بلدة الفقهاء التابعة لمنطقة الجفرة» → Jufra), else its district or region."""
    from marsad.extract import extract
    from marsad.places import AREA_KINDS
    from marsad.text import clean_text

    places = [res.gazetteer[p.place_id] for p in extract("", clean_text(sentence), None, res).places]
    libyan = [pl for pl in places if pl.is_libyan and pl.lat is not None]
    best = next((pl for pl in libyan if pl.kind not in AREA_KINDS), None) or next(iter(libyan), None)
    if best is None:
        return None
    return {"id": best.id, "en": best.en, "ar": best.ar, "lat": best.lat, "lon": best.lon, "district": best.district}


def slug(text: str) -> str:
    ascii_part = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return ascii_part or "entry"


def accept_candidate(store_root: str | os.PathLike, *, name_ar: str, name_en: str, kind: str,
                     group: str | None = None, lat: float | None = None, lon: float | None = None,
                     district: str | None = None, entry_id: str | None = None) -> dict:
    """Add an actor rolling up to `group`, a new armed group of its own (kind 'armed_group' with no
    group), or a Libyan place (kind 'place', needs lat/lon) to the user's overlay.

    The new overlay is validated before it replaces the old one; an invalid entry raises
    ResourceError and leaves the overlay file untouched."""
    root = Path(store_root)
    path = root / OVERLAY_FILE
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
    data.setdefault("version", "overlay-1")
    entry_id = entry_id or f"user_{slug(name_en)}"
    if kind == "place":
        if lat is None or lon is None:
            raise ResourceError(f"{OVERLAY_FILE}: place {name_en!r} needs coordinates (lat, lon)")
        entry = {"id": entry_id, "en": name_en, "ar": name_ar, "kind": "town", "country": "LY",
                 "lat": float(lat), "lon": float(lon), "district": district}
        section = "places"
    elif group is None and kind == "armed_group":
        # a new armed group of its own: a first-class actor group in every chart
        entry = {"id": entry_id, "en": name_en, "ar": name_ar, "kind": "libyan_armed_force"}
        section = "groups"
    else:
        if not group:
            raise ResourceError(f"{OVERLAY_FILE}: actor {name_en!r} needs a group id")
        entry = {"id": entry_id, "group": group, "en": name_en, "ar": name_ar, "kind": kind}
        section = "actors"
    items = [e for e in data.get(section, []) if e.get("id") != entry_id]
    data[section] = [*items, entry]
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root) as tmp:
        candidate = Path(tmp) / OVERLAY_FILE
        candidate.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        load_overlay(Path(tmp))                       # schema check
        from marsad.resources import load_resources

        load_resources(Path(tmp))                     # group ids and names must resolve too
        os.replace(candidate, path)
    log.info("overlay: added %s %s", section, entry_id)
    return entry
