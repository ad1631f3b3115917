"""Actor dictionary: catalogue groups, sub-actors, people with dated affiliations, outlets, sources."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator, Mapping

from marsad.resources import ResourceError
from marsad.text import normalize_phrase

ROLE_GROUP, ROLE_ACTOR, ROLE_PERSON, ROLE_OUTLET, ROLE_SOURCE = "group", "actor", "person", "outlet", "source"


def _month(value: str | None, end: bool = False) -> dt.date | None:
    if not value:
        return None
    year, month = map(int, str(value).split("-")[:2])
    if not end:
        return dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


@dataclass(frozen=True)
class Affiliation:
    group: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Actor:
    """Any named entity of the actor dictionary (group, sub-actor, person, outlet or source)."""

    id: str
    role: str
    en: str
    ar: str
    kind: str = ""
    group: str | None = None
    names_ar: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    active: tuple[dt.date | None, dt.date | None] = (None, None)
    before: str | None = None  # group this name meant before `active` started (gnu → gna)

    def group_at(self, date: dt.date | None) -> str | None:
        """The group this actor rolls up to on `date` (when undated: its `undated_group`, by default the
        latest affiliation)."""
        if not self.affiliations or date is None:
            return self.group
        if date is not None:
            for aff in self.affiliations:
                if aff.covers(date):
                    return aff.group
            starts = [a for a in self.affiliations if a.start and a.start > date]
            if starts:  # before any known affiliation: the earliest one
                return min(starts, key=lambda a: a.start).group
        return self.affiliations[-1].group


@dataclass(frozen=True)
class ActorDictionary:
    entries: Mapping[str, Actor]
    version: str = ""
    groups: Mapping[str, Actor] = field(default_factory=dict)

    def __getitem__(self, actor_id: str) -> Actor:
        return self.entries[actor_id]

    def get(self, actor_id: str) -> Actor | None:
        return self.entries.get(actor_id)

    def resolve_group(self, actor_id: str, date: dt.date | None) -> str | None:
        """Catalogue group id of an actor on a date, following gnu→gna style predecessors."""
        actor = self.entries[actor_id]
        group_id = actor.group_at(date)
        group = self.groups.get(group_id) if group_id else None
        if group and group.before and date is not None and group.active[0] and date < group.active[0]:
            return group.before
        return group_id

    def phrases(self) -> Iterator[tuple[tuple[str, ...], tuple[str, str]]]:
        for actor in self.entries.values():
            for name in actor.names_ar:
                tokens = normalize_phrase(name)
                if tokens:
                    yield tokens, (actor.role, actor.id)

    def of_role(self, role: str) -> list[Actor]:
        return [a for a in self.entries.values() if a.role == role]


def _names(entry: Mapping, lang: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys([entry[lang], *entry.get(f"aliases_{lang}", [])]))


def _active(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    if not value:
        return (None, None)
    start, _, end = str(value).partition("/")
    return (_month(start), _month(end, end=True))


def build_actor_dictionary(data: Mapping, overlay: Mapping | None = None, source: str = "actors.yaml") -> ActorDictionary:
    """Build from the YAML sections; checks that every reference names a known group."""
    overlay = overlay or {}
    entries: dict[str, Actor] = {}
    for g in [*data.get("groups", []), *overlay.get("groups", [])]:
        entries[g["id"]] = Actor(g["id"], ROLE_GROUP, g["en"], g["ar"], g["kind"], g["id"],
                                 _names(g, "ar"), _names(g, "en") if "en" in g else (), (),
                                 _active(g.get("active")), g.get("before"))
    groups = {k: v for k, v in entries.items()}
    for a in [*data.get("actors", []), *overlay.get("actors", [])]:
        _require_group(a["group"], groups, source, a["id"])
        kind = a.get("kind") or groups[a["group"]].kind
        entries[a["id"]] = Actor(a["id"], ROLE_ACTOR, a["en"], a["ar"], kind, a["group"],
                                 _names(a, "ar"), _names(a, "en"))
    for p in [*data.get("people", []), *overlay.get("people", [])]:
        affs = []
        for aff in p["affiliations"]:
            _require_group(aff["group"], groups, source, p["id"])
            affs.append(Affiliation(aff["group"], _month(aff.get("from")), _month(aff.get("to"), end=True)))
        affs.sort(key=lambda a: a.start or dt.date.min)
        undated = p.get("undated_group") or affs[-1].group
        if undated == "none":   # a dated name that means nothing without a date (or a group the article names)
            undated = None
        else:
            _require_group(undated, groups, source, p["id"])
        entries[p["id"]] = Actor(p["id"], ROLE_PERSON, p["en"], p["ar"], "person", undated,
                                 _names(p, "ar"), _names(p, "en"), tuple(affs))
    for o in [*data.get("outlets", []), *overlay.get("outlets", [])]:
        entries[o["id"]] = Actor(o["id"], ROLE_OUTLET, o["en"], o["ar"], "outlet", None, _names(o, "ar"), _names(o, "en"))
    for s in data.get("anonymous_sources", []):
        entries[s["id"]] = Actor(s["id"], ROLE_SOURCE, s["en"], s["ar"], "anonymous_source", None, _names(s, "ar"))
    for b in data.get("reporting_bodies", []):
        entries[b["id"]] = Actor(b["id"], ROLE_SOURCE, b["en"], b["ar"], "reporting_body", None, _names(b, "ar"))
    return ActorDictionary(entries, str(data.get("version", "")), groups)


def _require_group(group: str, groups: Mapping[str, Actor], source: str, entry_id: str) -> None:
    if group not in groups:
        raise ResourceError(f"{source}: entry {entry_id}: unknown group {group!r}")
