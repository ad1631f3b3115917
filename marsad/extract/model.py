"""What extraction yields: place and actor mentions, events, candidates, and stable event ids."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

TITLE_SENTENCE = -1

FALLBACK_PRECISION = 2


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place_id: str
    start: int
    end: int
    sentence: int
    precision: int


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor_id: str
    group: str | None
    start: int
    end: int
    sentence: int
    role: str
    token_start: int
    token_end: int


@dataclass
class Event:
    type: str
    status: str
    actor1: str | None
    actor2: str | None
    actor1_group: str | None
    actor2_group: str | None
    place: str | None
    place_precision: int | None
    date: dt.date | None
    date_precision: str | None
    fatalities: int | None
    sentence: str
    span: tuple[int, int]
    sentence_idx: int
    attributed_to: list[str] = field(default_factory=list)
    cues: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name the dictionaries do not know, found after a discovery cue («كتيبة X»)."""

    cue: str
    kind: str
    name: str
    name_norm: str
    sentence: int
    start: int
    end: int


@dataclass
class Extraction:
    places: list[PlaceMention]
    actors: list[ActorMention]
    events: list[Event]
    main_place: str | None
    cue_spans: list[tuple[int, int, str]]
    candidates: list[Candidate] = field(default_factory=list)
    search_text: str = ""   # normalized tokens of title and body, space-joined (search, stories)


def event_id(article_id: str, event: Event) -> str:
    key = f"{article_id}|{event.sentence_idx}|{event.type}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]
