"""Extraction: places, actors and reported operations (with status, actors, place, date,
fatalities, evidence and attribution) from one article."""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import replace

from marsad.extract.actors import _adjective_actors, _home_state_bodies, _quoted_names, _resolve_actors, outlet_state
from marsad.extract.events import _events
from marsad.extract.model import (
    TITLE_SENTENCE,
    ActorMention,
    Candidate,
    Event,
    Extraction,
    PlaceMention,
    event_id,
)
from marsad.extract.names import _candidates, _country_context, _cue_matches, _name_matches
from marsad.extract.places import _main_place, _resolve_places
from marsad.lexicon import Resources
from marsad.text import analyze

__all__ = ["TITLE_SENTENCE", "ActorMention", "Candidate", "Event", "Extraction", "PlaceMention", "event_id", "extract",
           "outlet_state", "to_json"]

log = logging.getLogger(__name__)


def extract(title: str, text: str, published: dt.date | None, res: Resources, source: str | None = None) -> Extraction:
    """Extract everything from one article (title and body analysed separately; offsets are into
    the body, title mentions have sentence index -1)."""
    body = analyze(text)
    head = analyze(title) if title else None
    names_by_sent = _name_matches(body, res)
    title_names = _name_matches(head, res) if head else {}
    context = _country_context(body, names_by_sent, res)
    places = _resolve_places(body, names_by_sent, res, context, None)
    title_places = _resolve_places(head, title_names, res, context, TITLE_SENTENCE, known={p.place_id for p in places}) if head else []
    cues_by_sent = _cue_matches(body, res)
    actors = _resolve_actors(body, names_by_sent, published, res, source)
    actors += _adjective_actors(body, names_by_sent, cues_by_sent, res)
    actors += _home_state_bodies(body, names_by_sent, res, source)
    actors += _quoted_names(body, res)
    actors.sort(key=lambda a: a.start)
    main = _main_place(places, title_places, res)
    events, cue_spans = _events(body, cues_by_sent, places, actors, main, published, res)
    candidates = _candidates(body, names_by_sent, res, cues_by_sent)
    search_text = " ".join((head.norms if head else ()) + body.norms)
    title_actors = [replace(a, sentence=TITLE_SENTENCE) for a in _resolve_actors(head, title_names, published, res, source)] if head else []
    title_actors = _title_follows_body(title_actors, actors)
    return Extraction(title_places + places, title_actors + actors, events, main, cue_spans, candidates, search_text)


def _title_follows_body(title_actors: list[ActorMention], actors: list[ActorMention]) -> list[ActorMention]:
    """The title is read without the body's context: a body the article's text assigns to another group
    («البحرية الليبية» of the LNA in the east) is that group in the title too."""
    body_group = {a.actor_id: a.group for a in actors if a.role == "actor"}
    return [replace(a, group=body_group[a.actor_id]) if a.role == "actor" and body_group.get(a.actor_id, a.group) != a.group
            else a for a in title_actors]


def to_json(article: dict, ex: Extraction, res: Resources) -> dict:
    """The `marsad extract --json` object."""
    places = Counter(p.place_id for p in ex.places)
    precision = {}
    for p in ex.places:
        precision[p.place_id] = min(precision.get(p.place_id, 9), p.precision)
    place_rows = []
    for pid, n in places.most_common():
        pl = res.gazetteer[pid]
        place_rows.append({"id": pl.id, "geonameid": pl.geonameid, "name_en": pl.en, "name_ar": pl.ar,
                           "kind": pl.kind, "country": pl.country, "lat": pl.lat, "lon": pl.lon,
                           "precision": precision[pid], "mentions": n})
    actor_counts = Counter((a.actor_id, a.group) for a in ex.actors)
    actor_rows = []
    for (aid, group), n in actor_counts.most_common():
        ac = res.actors[aid]
        actor_rows.append({"id": aid, "group": group, "name_en": ac.en, "name_ar": ac.ar,
                           "kind": ac.kind if ac.role != "outlet" else "outlet", "role": ac.role, "mentions": n})
    events = []
    for e in ex.events:
        events.append({"type": e.type, "status": e.status, "actor1": e.actor1_group, "actor2": e.actor2_group,
                       "actor1_id": e.actor1, "actor2_id": e.actor2, "place": e.place,
                       "place_precision": e.place_precision,
                       "date": e.date.isoformat() if e.date else None, "date_precision": e.date_precision,
                       "fatalities": e.fatalities, "sentence": e.sentence, "span": list(e.span),
                       "attributed_to": e.attributed_to})
    return {"article": article, "main_place": ex.main_place, "places": place_rows, "actors": actor_rows, "events": events}
