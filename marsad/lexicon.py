"""`Resources`: every dictionary loaded, validated and compiled, passed to extraction explicitly."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Mapping

from marsad.actors import ActorDictionary, build_actor_dictionary
from marsad.dates import DateLexicon, build_date_lexicon
from marsad.matcher import PhraseMatcher
from marsad.operations import OperationLexicon, build_operation_lexicon
from marsad.places import Gazetteer, build_gazetteer
from marsad.resources import RESOURCE_DIR, ResourceError, load_file
from marsad.settings import Settings
from marsad.text import normalize_cue, normalize_phrase

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class Resources:
    gazetteer: Gazetteer
    actors: ActorDictionary
    operations: OperationLexicon
    dates: DateLexicon
    names: PhraseMatcher            # places, actors, people, outlets, anonymous sources
    patterns: Mapping               # place cues, near cues, target markers, discovery patterns
    place_cues: PhraseMatcher
    discovery: PhraseMatcher        # «مدينة X», «كتيبة X» … → (kind, words)
    nationality: Mapping[str, str]  # «الامريكيه» → usa: adjectives that name a state's forces
    officials: PhraseMatcher        # «مسؤولين», «جنود» … before a demonym that names the state
    not_names: frozenset            # normalized words that never start a discovered name
    home_bodies: PhraseMatcher      # «وزارة الداخلية» … read as the outlet's own state
    outlet_groups: Mapping[str, str]  # outlet name (casefolded / normalized) → state group
    versions: Mapping[str, str]
    settings: Settings = field(default_factory=Settings)
    foreign_adjectives: frozenset = frozenset()   # another state's nisba, both genders («الإسبانية»)
    libyan_namesakes: Mapping[str, str] = field(default_factory=dict)  # Sousse → «سوسة الليبية» (Susah)
    demonym_words: frozenset = frozenset()          # normalized `state_demonyms` words («امريكيين» …)
    international_services: frozenset = frozenset()  # casefolded names of pan-Arab services (BBC Arabic …)
    home_aliases: frozenset = frozenset()            # normalized phrases read as a foreign outlet's own body
    quoted_names: Mapping[str, str] = field(default_factory=dict)  # «"القاعدة"» in quotes → al_qaeda (normalized word)
    name_heads: frozenset = frozenset()              # normalized heads of organisation names («شركة», «مديرية امن»)
    seats_of_government: Mapping[str, str] = field(default_factory=dict)  # capital place id → its dated government name
    travel_words: frozenset = frozenset()            # normalized words of travel between two cities
    government_verbs: frozenset = frozenset()        # normalized verbs whose subject a capital stands for its government

    @property
    def group_labels(self) -> dict[str, tuple[str, str]]:
        return {g.id: (g.en, g.ar) for g in self.actors.groups.values()}

    @property
    def group_kinds(self) -> dict[str, str]:
        return {g.id: g.kind for g in self.actors.groups.values()}

    @property
    def operation_labels(self) -> dict[str, tuple[str, str]]:
        return {t.code: (t.en, t.ar) for t in self.operations.types.values()}


FORCE_NOUNS = frozenset({"القوات", "قوات", "الطائرات", "طائرات", "الطيران", "طيران", "الجيش", "جيش", "البحريه",
                         "بحريه", "المقاتلات", "مقاتلات", "الحكومه", "حكومه", "السلطات", "سلطات"})


def nationality_adjectives(actors: ActorDictionary) -> dict[str, str]:
    """Adjectives that stand for a state's forces, read off aliases like «القوات الأمريكية»:
    used for «الغارة الجوية الأمريكية» and «القوات البريطانية والأمريكية»."""
    seen: dict[str, set[str]] = {}
    for actor in actors.entries.values():
        group = actors.groups.get(actor.group or "")
        if actor.role not in ("group", "actor") or group is None or group.kind != "foreign_state":
            continue
        for name in actor.names_ar:
            tokens = normalize_phrase(name)
            if len(tokens) == 2 and tokens[0] in FORCE_NOUNS:
                seen.setdefault(tokens[1], set()).add(group.id)
    return {adj: next(iter(groups)) for adj, groups in seen.items() if len(groups) == 1}


def outlet_state_groups(actors: ActorDictionary, country_groups: Mapping[str, str], outlets_data: Mapping) -> dict[str, str]:
    """Outlet names (English casefolded, Arabic normalized) → the group of the outlet's state."""
    out: dict[str, str] = {}
    for o in outlets_data.get("outlets", []):
        group = country_groups.get(o.get("country") or "")
        if not group or group not in actors.groups:
            continue
        for name in [o["en"], *o.get("aliases_en", [])]:
            out[name.casefold()] = group
        for name in [o["ar"], *o.get("aliases_ar", [])]:
            out[" ".join(normalize_phrase(name))] = group
    return out


def foreign_adjective_forms(words) -> frozenset[str]:
    """Normalized nisbas of `patterns.yaml` `foreign_adjectives` in both genders."""
    out: set[str] = set()
    for w in words:
        n = normalize_phrase(w)[0]
        out |= {n, n + "ه"} if n.endswith("ي") else {n, n[:-1]} if n.endswith("يه") else {n}
    return frozenset(out)


def libyan_namesakes(gazetteer: Gazetteer) -> dict[str, str]:
    """Foreign place id → the Libyan place that the gazetteer names «<its name> الليبية» (Sousse → Susah):
    a bare name read as the foreign place by default, as the Libyan one near other Libyan places."""
    by_name: dict[tuple[str, ...], list[str]] = {}
    for p in gazetteer:
        if not p.is_libyan and p.kind == "foreign_city":
            for n in p.names_ar:
                by_name.setdefault(normalize_phrase(n), []).append(p.id)
    out: dict[str, str] = {}
    for p in gazetteer:
        if p.is_point:
            for n in p.names_ar:
                tokens = normalize_phrase(n)
                if len(tokens) > 1 and tokens[-1] in ("الليبيه", "الليبي"):
                    for fid in by_name.get(tokens[:-1], ()):
                        out.setdefault(fid, p.id)
    return out


def build_resources(overlay: Mapping, settings: Settings) -> Resources:
    places_data = load_file("places.yaml")
    actors_data = dict(load_file("actors.yaml"))
    people_data = load_file("people.yaml", "actors")
    outlets_data = load_file("outlets.yaml", "actors")
    actors_data["people"] = [*actors_data.get("people", []), *people_data.get("people", [])]
    actors_data["outlets"] = [*actors_data.get("outlets", []), *outlets_data.get("outlets", [])]
    actors_data["anonymous_sources"] = [*actors_data.get("anonymous_sources", []), *outlets_data.get("anonymous_sources", [])]
    actors_data["reporting_bodies"] = [*actors_data.get("reporting_bodies", []), *outlets_data.get("reporting_bodies", [])]
    ops_data = load_file("operations.yaml")
    dates_data = load_file("dates.yaml")
    patterns = load_file("patterns.yaml")
    gazetteer = build_gazetteer(places_data, overlay.get("places", []))
    actors = build_actor_dictionary(actors_data, overlay)
    operations = build_operation_lexicon(ops_data)
    dates = build_date_lexicon(dates_data)
    names: PhraseMatcher = PhraseMatcher()
    for tokens, payload in gazetteer.phrases():
        names.add(tokens, payload)
    for tokens, payload in actors.phrases():
        names.add(tokens, payload)
    for phrase in patterns.get("non_names", []):
        names.add(normalize_phrase(phrase), ("none", phrase))
    place_cues: PhraseMatcher = PhraseMatcher()
    for kind in ("place_cues", "near_cues", "target_markers", "libya_context"):
        for phrase in patterns.get(kind, []):
            place_cues.add(normalize_cue(phrase), kind)
    nationality = nationality_adjectives(actors)
    for group, words in (patterns.get("state_demonyms") or {}).items():
        if group not in actors.groups:
            raise ResourceError(f"patterns.yaml: state_demonyms: unknown group {group!r}")
        for word in words:
            nationality.setdefault(normalize_phrase(word)[0], group)
    for place_id, actor_id in (patterns.get("seats_of_government") or {}).items():
        if str(place_id) not in gazetteer.places or actor_id not in actors.entries:
            raise ResourceError(f"patterns.yaml: seats_of_government: {place_id!r} → {actor_id!r}: unknown place or actor id")
    officials: PhraseMatcher = PhraseMatcher()
    for phrase in patterns.get("official_nouns", []):
        officials.add(normalize_cue(phrase), "official")
    home_bodies: PhraseMatcher = PhraseMatcher()
    for phrase in patterns.get("home_bodies", []):
        home_bodies.add(normalize_phrase(phrase), "home")
    outlet_groups = outlet_state_groups(actors, patterns.get("outlet_country_groups", {}), outlets_data)
    discovery: PhraseMatcher = PhraseMatcher()
    for rule in patterns.get("discovery", []):
        discovery.add(normalize_cue(rule["cue"]), (rule["kind"], int(rule["words"]), rule["cue"]))
    versions = {"places.yaml": gazetteer.version, "actors.yaml": actors.version,
                "people.yaml": str(people_data.get("version", "")), "outlets.yaml": str(outlets_data.get("version", "")),
                "operations.yaml": operations.version, "dates.yaml": dates.version,
                "patterns.yaml": str(patterns.get("version", ""))}
    if overlay:
        versions["overlay"] = str(overlay.get("version", "overlay"))
    log.info("resources loaded: %d places, %d actors, %d name phrases", len(gazetteer), len(actors.entries), names.size)
    return Resources(gazetteer, actors, operations, dates, names, patterns, place_cues, discovery, nationality, officials,
                     frozenset(normalize_phrase(w)[0] for w in patterns.get("not_names", [])), home_bodies, outlet_groups, versions, settings,
                     foreign_adjective_forms(patterns.get("foreign_adjectives", [])), libyan_namesakes(gazetteer),
                     frozenset(normalize_phrase(w)[0] for ws in (patterns.get("state_demonyms") or {}).values() for w in ws),
                     frozenset(n.casefold() for n in patterns.get("international_services", [])),
                     frozenset(normalize_phrase(p) for p in patterns.get("home_aliases", [])),
                     {normalize_phrase(w)[0]: g for w, g in (patterns.get("quoted_names") or {}).items()},
                     frozenset(normalize_phrase(p) for p in patterns.get("name_heads", [])),
                     {str(k): v for k, v in (patterns.get("seats_of_government") or {}).items()},
                     frozenset(normalize_phrase(w)[0] for w in patterns.get("travel_words", [])),
                     frozenset(normalize_phrase(w)[0] for w in patterns.get("government_verbs", [])))


__all__ = ["Resources", "build_resources", "ResourceError", "RESOURCE_DIR"]
