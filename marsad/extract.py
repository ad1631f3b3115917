"""Extraction: places, actors and reported operations (with status, actors, place, date,
fatalities, evidence and attribution) from one article."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Sequence

from marsad.actors import ROLE_OUTLET, ROLE_SOURCE
from marsad.dates import DateMention, find_dates
from marsad.lexicon import Resources
from marsad.matcher import Match
from marsad.operations import (BLOCK, DEATH, FOILED, INJURY, LOWER_BOUND, NEGATION, NUMBER, OP, PREVENT, STATUS,
                               SUPPORT, VICTIM, WEAK, WEAK_BLOCK)
from marsad.places import Place
from marsad.text import Doc, analyze, normalize_phrase, parse_number

log = logging.getLogger(__name__)

TITLE_SENTENCE = -1
_FUTURE_PREFIXES = ("سي", "ست", "سن", "سا")
_NEGATION_WINDOW = 3
_STATUS_PRIORITY = ("claimed", "denied", "planned", "reported")
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


# ---------------------------------------------------------------------------------------------

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
    actors.sort(key=lambda a: a.start)
    main = _main_place(places, title_places, res)
    events, cue_spans = _events(body, cues_by_sent, places, actors, main, published, res)
    candidates = _candidates(body, names_by_sent, res)
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


def _pronoun_suffixed(word: str) -> bool:
    """«صفوفهم», «قواتها»: a possessive suffix marks a common noun, not a name."""
    return len(word) > 5 and word.endswith(("هم", "هما", "ها", "كم", "هن"))


def _candidates(doc: Doc, names: dict[int, list[Match]], res: Resources) -> list[Candidate]:
    """Words after «مدينة», «كتيبة», «المتحدث باسم» … that no dictionary entry covers."""
    known_tokens = {i for matches in names.values() for m in matches for i in range(m.start, m.end)}
    out: list[Candidate] = []
    for sent, matches in res.discovery.find_by_sentence(doc.norms, doc.ranges).items():
        _, hi = doc.ranges[sent]
        for m in matches:
            kind, words, cue = m.payloads[0]
            start = m.end
            end = start
            while end < hi and end - start < words:
                tok = doc.tokens[end]
                if (not tok.norm.isalpha() or tok.norm in res.not_names
                        or end in known_tokens or len(tok.norm) < 2 or _pronoun_suffixed(tok.norm)):
                    break
                end += 1
            if end == start or start in known_tokens:
                continue
            text = doc.text[doc.tokens[start].start:doc.tokens[end - 1].end]
            out.append(Candidate(cue, kind, text, " ".join(t.norm for t in doc.tokens[start:end]), sent,
                                 doc.tokens[start].start, doc.tokens[end - 1].end))
    return out


def _cue_matches(doc: Doc, res: Resources) -> dict[int, list[Match]]:
    """Operation/status/fatality cue matches per sentence (token indices local to the sentence)."""
    out: dict[int, list[Match]] = {}
    for sent, matches in res.operations.matcher.find_by_sentence(doc.norms, doc.ranges).items():
        lo = doc.ranges[sent][0]
        out[sent] = [Match(m.start - lo, m.end - lo, m.payloads) for m in matches
                     if not _nickname(doc.norms[m.start], m)]
    return out


def _nickname(token: str, m: Match) -> bool:
    """«وكنيته أبو عمر» (his nickname) read as ك + «نيته» (his intention, a planned cue)."""
    return token.removeprefix("و").startswith("كنيت") and all(kind == STATUS for kind, _ in m.payloads)


def _adjective_actors(doc: Doc, names: dict[int, list[Match]], cues: dict[int, list[Match]], res: Resources) -> list[ActorMention]:
    """States named by an adjective: after an operation cue («الغارة الجوية الأمريكية») or
    coordinated with a force name («القوات الخاصة البريطانية والأمريكية»)."""
    ranges = doc.ranges
    officials = res.officials.find_by_sentence(doc.norms, ranges)
    # «مقتل ثلاثة أمريكيين», «انتحاريين بريطانيين»: a plural demonym after an operation names people of
    # that nationality, not the state (patterns.yaml `state_demonyms` name it after officials only)
    demonyms = {normalize_phrase(w)[0] for ws in (res.patterns.get("state_demonyms") or {}).values() for w in ws}
    out = []
    teasers = _teasers(doc)
    for sent, (lo, hi) in ranges.items():
        if sent in teasers:
            continue
        anchors = {c.end + lo for c in cues.get(sent, []) if any(k in (OP, WEAK) for k, _ in c.payloads)}
        anchors |= {m.end for m in names.get(sent, []) if any(_state_force(r, i, res) for r, i in m.payloads)}
        official_ends = {m.end for m in officials.get(sent, [])}
        anchors |= official_ends
        cue_ends = {c.end + lo for c in cues.get(sent, []) if any(k in (OP, WEAK) for k, _ in c.payloads)}
        for i in sorted(anchors):
            j = i
            if i in cue_ends and i + 1 < hi and not _nationality(doc.tokens[i].norm, res):
                j = i + 1   # «الغارة الجوية الأمريكية»: one qualifying word between cue and adjective
            while j < hi:
                group = _nationality(doc.tokens[j].norm, res)
                if group is None:
                    break
                word = doc.tokens[j].norm
                if i not in official_ends and (word in demonyms or (word[:1] == "و" and word[1:] in demonyms)):
                    break
                t = doc.tokens[j]
                out.append(ActorMention(group, group, t.start, t.end, sent, "group", j, j + 1))
                j += 1
    return out


def _state_force(role: str, ident: str, res: Resources) -> bool:
    """A foreign state's body or force («القوات الخاصة البريطانية»), which a following nationality
    adjective can extend («… والأمريكية»); not a jihadist group or a person, whose nisba («أنصار
    الشريعة … التونسي») is nationality, not the state."""
    if role not in ("group", "actor"):
        return False
    actor = res.actors.get(ident)
    group = res.actors.groups.get(actor.group or "") if actor else None
    return group is not None and group.kind == "foreign_state"


def outlet_state(source: str | None, res: Resources) -> str | None:
    """The catalogue state group of a foreign outlet («Jawhara FM» → tun), else None."""
    if not source:
        return None
    return res.outlet_groups.get(source.casefold()) or res.outlet_groups.get(" ".join(normalize_phrase(source)))


def _home_state_bodies(doc: Doc, names: dict[int, list[Match]], res: Resources, source: str | None) -> list[ActorMention]:
    """«وزارة الداخلية» with no nationality word, in a foreign outlet's article → that state."""
    group = outlet_state(source, res)
    if group is None or (source or "").casefold() in {n.casefold() for n in res.patterns.get("international_services", [])}:
        return []   # pan-Arab services (BBC Arabic, CNN Arabic …) always qualify their home state's bodies
    covered = {i for ms in names.values() for m in ms for i in range(m.start, m.end)}
    out = []
    qualified: dict[tuple[str, ...], str | None] = {}   # body → the state an earlier mention named it for
    norms = doc.norms
    teasers = _teasers(doc)
    for sent, matches in res.home_bodies.find_by_sentence(norms, doc.ranges).items():
        if sent in teasers:
            continue
        for m in matches:
            start, end = m.start, m.end
            body = tuple(norms[start + 1:end]) or (norms[start][-5:],)   # proclitics left out
            after = end
            while after < len(doc.tokens) and doc.tokens[after].norm in _FORMER:
                after += 1   # «وزير الداخلية الأسبق في حكومة …»
            nxt = doc.tokens[after].norm if after < len(doc.tokens) else ""
            if _nationality(nxt, res) or _foreign_nisba(nxt, res) or nxt.startswith(("الليبي", "ليبي")):
                qualified[body] = _nationality(nxt, res)
                continue
            if start in covered or _foreign_b(doc, after, names, res):
                continue
            if body in qualified and after not in covered:   # «وزارة الدفاع الإسبانية … وأضافت وزارة الدفاع»
                if qualified[body]:
                    out.append(ActorMention(qualified[body], qualified[body], doc.tokens[start].start,
                                            doc.tokens[end - 1].end, sent, "group", start, end))
                continue
            out.append(ActorMention(group, group, doc.tokens[start].start, doc.tokens[end - 1].end, sent, "group", start, end))
    return out


_FORMER = frozenset({"السابق", "الاسبق", "السابقه", "الاسبقه", "الحالي", "الحاليه", "المكلف", "المكلفه", "بالنيابه",
                     "الجديد", "الجديده", "المقال", "المستقيل"})


def _foreign_nisba(token: str, res: Resources) -> bool:
    """«الإسبانية», «السورية», «البولوني»: another state's nisba after a state body (patterns.yaml
    `foreign_adjectives`, masculine and feminine, any state, in the catalogue or not)."""
    words = res.foreign_adjectives
    return token in words or (token[:1] == "و" and token[1:] in words)


def _foreign_b(doc: Doc, end: int, names: dict[int, list[Match]], res: Resources) -> bool:
    """«وزارة الداخلية بحكومة الوفاق», «… بطرابلس», «… في الحكومة المؤقتة»: ب/في + a named body, a
    government, a Libyan place or the capital places the body elsewhere; «الديوانة بمنطقة …», «الحرس
    الوطني بمعتمدية …», ب + a town the gazetteer does not hold as Libyan (the outlet's own) do not."""
    nxt = doc.tokens[end].norm if end < len(doc.tokens) else ""
    if nxt == "في" and end + 1 < len(doc.tokens):
        end += 1
        nxt = "ب" + doc.tokens[end].norm
    if not nxt.startswith("ب") or nxt[1:] in _ADMIN_NOUNS:
        return False
    if nxt[1:] in ("العاصمه", "الحكومه", "حكومه"):
        return True
    for ms in names.values():
        for m in ms:
            if m.start == end:
                places = [res.gazetteer[i] for r, i in m.payloads if r == "place"]
                return not places or any(p.is_libyan for p in places)
    return False


_ADMIN_NOUNS = frozenset({"منطقه", "ولايه", "معتمديه", "مدينه", "الجهه", "جهه", "المنطقه", "الولايه", "المعتمديه",
                          "المدينه", "الحدود", "معبر", "المعبر"})


def _nationality(token: str, res: Resources) -> str | None:
    return res.nationality.get(token) or (res.nationality.get(token[1:]) if token[:1] == "و" else None)


def _name_matches(doc: Doc, res: Resources) -> dict[int, list[Match]]:
    """Dictionary-name matches per sentence (token indices are global into doc.tokens)."""
    out: dict[int, list[Match]] = defaultdict(list)
    fixed = [_doubled_alef(n) for n in doc.norms]
    for sent, matches in res.names.find_by_sentence(fixed, doc.ranges).items():
        lo, hi = doc.ranges[sent]
        norms = fixed[lo:hi]
        for m in matches:
            payloads = tuple(p for p in m.payloads if p[0] != "none")
            if not payloads:
                continue   # a phrase that names nothing («القوة القاهرة») consumed these words
            out[sent].append(Match(m.start, m.end, payloads))
            local = Match(m.start - lo, m.end - lo, m.payloads)
            out[sent] += [Match(x.start + lo, x.end + lo, x.payloads) for x in _located_inside(local, norms, res)]
    return out


def _doubled_alef(norm: str) -> str:
    """«االسلطات», «واالجيش»: a typo doubling the article's alef (no Arabic word opens with «اال»)
    is read as «السلطات» for dictionary matching only; the token itself is left as written."""
    if norm.startswith("اال") and len(norm) > 4:
        return norm[1:]
    if norm[:1] in ("و", "ف", "ب", "ل") and norm[1:4] == "اال" and len(norm) > 5:
        return norm[0] + norm[2:]
    return norm


def _located_inside(m: Match, norms: list[str], res: Resources) -> list[Match]:
    """Places an actor name locates with a preposition: «مجلس النواب في طبرق» names Tobruk too
    («برلمان طبرق» does not: there the town is only part of the name)."""
    if m.end - m.start < 3 or not any(r != "place" for r, _ in m.payloads):
        return []
    found = []
    for j in range(m.start + 2, m.end):
        if norms[j - 1] == "في" or (norms[j].startswith("ب") and len(norms[j]) > 3):
            sub = res.names.longest_at(norms, j)
            if sub is not None and sub.end <= m.end and any(r == "place" for r, _ in sub.payloads) and (
                    norms[j - 1] == "في" or _glued_b(norms[j], [res.gazetteer[i] for r, i in sub.payloads if r == "place"])):
                found.append(Match(sub.start, sub.end, tuple(p for p in sub.payloads if p[0] == "place")))
    return found


def _country_context(doc: Doc, names: dict[int, list[Match]], res: Resources) -> Counter:
    """How often each country is named in the article (as country, capital or adjective)."""
    counts: Counter = Counter()
    for matches in names.values():
        for m in matches:
            for role, ident in m.payloads:
                if role == "place":
                    place = res.gazetteer[ident]
                    if place.kind == "country":
                        counts[place.country] += 1
    counts.update(filter(None, map(_country_word, doc.norms)))
    return counts


@lru_cache(maxsize=65_536)
def _country_word(norm: str) -> str | None:
    """'LY' or 'LB' for a word naming Libya or Lebanon (with up to two proclitics), else None."""
    for variant in (norm, norm[1:], norm[2:]):   # «بليبيا», «وبليبيا»
        if variant in _LIBYA_WORDS:
            return "LY"
        if variant in _LEBANON_WORDS:
            return "LB"
    return None


_LIBYA_WORDS = frozenset({"ليبيا", "الليبيه", "الليبي", "الليبيين", "الليبيون", "ليبي", "ليبيه"})
_LEBANON_WORDS = frozenset({"لبنان", "اللبنانيه", "اللبناني", "اللبنانيين", "اللبنانيون", "لبناني", "لبنانيه"})


def _previous_cue(doc: Doc, token_index: int, res: Resources, lo: int, places: list[Place] = ()) -> set[str]:
    """Cue kinds (place_cues, near_cues …) of the 1–3 words before a name."""
    kinds: set[str] = set()
    for width in (1, 2, 3):
        start = token_index - width
        if start < lo:
            break
        norms = doc.norms[start:token_index]
        m = res.place_cues.longest_at(norms, 0)
        if m is not None and m.end == width:
            kinds.update(m.payloads)
    if places and _glued_b(doc.tokens[token_index].norm, places):
        kinds.add("place_cues")  # «بسرت», «وبالخمس»: a preposition glued to the name
    return kinds


def _resolve_places(doc: Doc | None, names: dict[int, list[Match]], res: Resources, context: Counter,
                    sentence_override: int | None, known: set[str] | None = None) -> list[PlaceMention]:
    if doc is None:
        return []
    ranges = doc.ranges
    accepted: list[PlaceMention] = []
    pending: list[tuple[Place, int, int, int, int]] = []   # ambiguous mentions without a cue
    quarters: list[PlaceMention] = []                       # ambiguous quarters after a cue
    teasers = _teasers(doc)
    for sent, matches in names.items():
        if sent in teasers:
            continue
        lo, hi = ranges[sent]
        for m in matches:
            candidates = [res.gazetteer[i] for r, i in m.payloads if r == "place"]
            if not candidates:
                continue
            place = _choose_place(candidates, doc, m, context, hi, res.gazetteer)
            if place is None:
                continue
            cues = _previous_cue(doc, m.start, res, lo, candidates)
            start, end = doc.tokens[m.start].start, doc.tokens[m.end - 1].end
            precision = place.precision
            if "near_cues" in cues and place.precision == 1:
                precision = 2
            sent_idx = sentence_override if sentence_override is not None else sent
            if place.kind in _NAMED_FACILITIES and place.parent:
                cues.add("place_cues")   # «معسكر الصاعقة»: the head noun is the cue, only the town is open
            if place.ambiguous and "place_cues" not in cues and "near_cues" not in cues:
                pending.append((place, start, end, sent_idx, precision))
                continue
            if place.ambiguous and place.parent:
                quarters.append(PlaceMention(place.id, start, end, sent_idx, precision))
                continue
            accepted.append(PlaceMention(place.id, start, end, sent_idx, precision))
    # «في المنشية», «في الزيتون»: a quarter whose name is common to many towns (or a common word) needs
    # its town named in the article, a cue alone is not enough
    in_article = {p.place_id for p in accepted} | (known or set())
    accepted += [q for q in quarters if res.gazetteer[q.place_id].parent in in_article]
    seen = {p.place_id for p in accepted} | (known or set())
    # an ambiguous quarter named in the same sentence as its town or a sibling quarter («الظهر الحمر
    # والحيلة ومنازل بوربيحة») is that quarter
    parents_by_sent: dict[int, set[str]] = defaultdict(set)
    for a in accepted:
        pl = res.gazetteer[a.place_id]
        parents_by_sent[a.sentence] |= {pl.id, pl.parent} - {None}
    accepted += [PlaceMention(p.id, s, e, si, pr) for p, s, e, si, pr in pending
                 if p.id in seen or (p.parent and p.parent in parents_by_sent.get(si, ()))]
    if res.libyan_namesakes:
        accepted = _libyan_namesake(accepted, res, context, known)
    accepted.sort(key=lambda p: (p.sentence, p.start))
    return accepted


_NEAR_DEGREES = 0.9   # ~100 km


def _libyan_namesake(accepted: list[PlaceMention], res: Resources, context: Counter, known: set[str] | None) -> list[PlaceMention]:
    """«سوسة» is Tunisian Sousse unless the article never names Tunisia and names a Libyan place within
    ~100 km of the Libyan namesake «سوسة الليبية» (Derna, Shahhat): then it is that town."""
    gaz = res.gazetteer
    libyan = [gaz[i] for i in {p.place_id for p in accepted} | (known or set()) if gaz[i].is_point]
    out = []
    for p in accepted:
        twin = res.libyan_namesakes.get(p.place_id)
        if twin and not context[gaz[p.place_id].country]:
            t = gaz[twin]
            scale = math.cos(math.radians(t.lat))
            if any(q.id != twin and (q.lat - t.lat) ** 2 + ((q.lon - t.lon) * scale) ** 2 < _NEAR_DEGREES ** 2 for q in libyan):
                p = replace(p, place_id=twin, precision=t.precision)
        out.append(p)
    return out


# facilities whose name starts with their head noun («معسكر …», «قاعدة …»): never a common word
_NAMED_FACILITIES = frozenset({"military_base", "airbase", "airport", "port", "oil_port", "facility"})


def _choose_place(candidates: list[Place], doc: Doc, m: Match, context: Counter, hi: int, gazetteer) -> Place | None:
    """Pick among places sharing a name; drop a Libyan reading cancelled by its context."""
    after = {doc.tokens[j].norm for j in range(m.end, min(m.end + 4, hi))}
    before = {doc.tokens[j].norm for j in range(max(m.start - 2, 0), m.start)}
    usable = [p for p in candidates if not (set(p.not_after) & after) and not (set(p.not_before) & before)]
    if not usable:
        return None
    libyan = [p for p in usable if p.is_libyan]
    foreign = [p for p in usable if not p.is_libyan]
    if libyan and foreign:
        best_foreign = max(foreign, key=lambda p: context[p.country])
        if context[best_foreign.country] > context["LY"]:
            return best_foreign
        return libyan[0]
    foreign_focus = any(c != "LY" and n > context["LY"] for c, n in context.items())
    if len(libyan) == 1 and foreign_focus:
        # «طرابلس» in an article about Lebanon: the foreign twin whose country the article is about
        twins = [t for t in gazetteer.twins(libyan[0]) if context[t.country] > context["LY"]]
        if twins:
            return max(twins, key=lambda t: context[t.country])
    return (libyan or foreign)[0]


_DATELINE_MARKS = frozenset({"-", "–", "—", "(", ":", "/"})


def _is_dateline(doc: Doc, m: Match) -> bool:
    """A name that opens the article and is followed by «-», «(» or «:» («أبوظبي - سكاي نيوز»)."""
    return m.start <= 2 and m.end < len(doc.tokens) and doc.tokens[m.end].text in _DATELINE_MARKS


_PATRONYMIC = frozenset({"بن", "ابن", "بنت", "ابنه", "ال"})
# «سكان الجزائر», «مواطني مصر»: a country's people, not its state
_POPULATION_HEADS = frozenset({"سكان", "وسكان", "لسكان", "بسكان", "مواطني", "لمواطني", "ومواطني"})
# a country's economy, not its state: «إنتاج الولايات المتحدة», «صادرات روسيا», «اقتصاد مصر»
_ECONOMY_HEADS = frozenset({"انتاج", "صادرات", "واردات", "مخزونات", "اقتصاد", "احتياطيات", "عمله", "بورصه", "اسواق"})
_DISTANCE_WORDS = frozenset({"تبعد", "يبعد", "بعيدا", "بعيده", "بعيد", "وتبعد", "ويبعد", "تبعدان"})
_LOCATIVE = frozenset({"في", "الى", "داخل", "نحو", "عبر", "الي", "اتجاه", "باتجاه"})


def _is_patronymic(doc: Doc, m: Match) -> bool:
    """A one-word surname inside a patronymic («… بن الجيلاني دبيبة») is not the known person."""
    if m.end - m.start != 1 or m.start == 0 or not any(r == "person" for r, _ in m.payloads):
        return False
    prev = doc.tokens[m.start - 1].norm
    before = doc.tokens[m.start - 2].norm if m.start > 1 else ""
    return prev in _PATRONYMIC or before in _PATRONYMIC


def _is_location_only(doc: Doc, m: Match, res: Resources) -> bool:
    """«في باريس», «بمصر»: a country or capital used as a location, not as a government."""
    places = [res.gazetteer[i] for r, i in m.payloads if r == "place"]
    if not places:
        return False
    prev = doc.tokens[m.start - 1].norm if m.start > 0 else ""
    before = doc.tokens[m.start - 2].norm if m.start > 1 else ""
    border = prev == "مع" and before.startswith(("الحدود", "حدود", "والحدود"))   # «الحدود مع مصر»
    # «السفر إلى كل من ليبيا وتونس», «سكان كل من الجزائر وليبيا»: the list after a locative or a
    # population noun (the coordinated names follow through `location_end`)
    head = doc.tokens[m.start - 3].norm if m.start > 2 else ""
    listed = prev == "من" and before == "كل" and (head in _LOCATIVE or head in _POPULATION_HEADS)
    distance = prev == "عن" and before in _DISTANCE_WORDS   # «تبعد عن تونس 600 كلم»
    economy = (prev[1:] if prev[:1] in ("و", "ل", "ب") else prev) in _ECONOMY_HEADS   # «إنتاج الولايات المتحدة»
    return (listed or distance or economy or prev in _POPULATION_HEADS or prev in _LOCATIVE or prev in _SPORTS_HEADS or prev in _BORDER_HEADS or border or _facility_head(prev)
            or _is_origin(doc, m.start) or _glued_b(doc.tokens[m.start].norm, places) or _year_in_brackets(doc, m.end))


def _year_in_brackets(doc: Doc, end: int) -> bool:
    """«ثم إيطاليا (2004) وفرنسا (2006)»: a country dated in brackets is an entry in a list of where
    something happened (or of hosts, editions), not a government acting."""
    toks = doc.tokens
    if end + 2 >= len(toks) or toks[end].text != "(" or toks[end + 2].text != ")":
        return False
    year = toks[end + 1].text
    return len(year) == 4 and year.isdigit() and 1900 <= int(year) <= 2099


# «مطار القاهرة», «بمطار تونس قرطاج», «ميناء مرسيليا»: a capital inside a facility's name is a place
_FACILITY_HEADS = frozenset({"مطار", "ميناء", "مرفا", "جامعه", "فندق", "شوارع", "شارع", "ساحه", "ضواحي", "وسط",
                             "شمال", "جنوب", "شرق", "غرب", "قرب", "محيط", "سجن", "مستشفى", "مدينه", "العاصمه"})


def _facility_head(prev: str) -> bool:
    return prev in _FACILITY_HEADS or (prev[:1] in ("و", "ب", "ل", "ف") and prev[1:] in _FACILITY_HEADS) or (
        prev[:2] in ("وب", "ول", "فب") and prev[2:] in _FACILITY_HEADS)


# «على حدود الجزائر», «حدود ليبيا مع تونس»: a country named as the edge of a territory
_BORDER_HEADS = frozenset({"حدود", "لحدود", "بحدود", "وحدود"})
# «من» + a country is an origin («قادم من تونس», «ومن إيطاليا بدأ رحلته», «من دول تشاد والنيجر»)
# unless the word before it makes the country an agent: «كل من مصر وتونس», «من قبل فرنسا»,
# «بدعم من»/«بطلب من»/«بدعوة من» (a ب-masdar), «طلب من», «وفد من».
_ORIGIN_MARKS = frozenset({"من", "ومن"})
_ORIGIN_LISTS = frozenset({"دول", "بلدان", "دوله", "بلد"})
_AGENT_BEFORE_MIN = frozenset({"كل", "قبل", "طلب", "طلبت", "يطلب", "تطلب", "دعم", "دعما", "وفد", "وفود", "موقف",
                               "مواقف", "تمويل", "ضغط", "ضغوط", "مساعده", "مساعدات", "مشاركه", "اعتراف", "تدخل",
                               "مدعوم", "مدعومه", "مدعومين", "المدعوم", "المدعومه", "المدعومين", "الممول", "المموله",
                               "ممول", "ممولا", "ممولين", "تمويلا", "الدعم", "التمويل", "مساعدات", "المساعدات"})


def _is_origin(doc: Doc, start: int) -> bool:
    """«من تونس», «ومن إيطاليا», «من دول تشاد»: a country or capital named as where people come from."""
    i = start - 1
    if i >= 0 and doc.tokens[i].norm in _ORIGIN_LISTS:
        i -= 1
    if i < 0 or doc.tokens[i].norm not in _ORIGIN_MARKS:
        return False
    head = doc.tokens[i - 1].norm if i > 0 else ""
    if head in _AGENT_BEFORE_MIN or head[1:] in _AGENT_BEFORE_MIN or (head[:1] == "ب" and len(head) > 4):
        return False
    head2 = doc.tokens[i - 2].norm if i > 1 else ""   # «دعما سخيا من الدوحة»: an adjective between
    if head.endswith("ا") and (head2 in _AGENT_BEFORE_MIN or head2[1:] in _AGENT_BEFORE_MIN):
        return False
    return True


# adverbs in -ا that may precede a country object («أبلغت رسميا تركيا»)
_ADVERBS_A = frozenset({"ايضا", "رسميا", "حاليا", "سابقا", "مجددا", "مؤخرا", "فعليا", "عسكريا", "سياسيا", "جدا",
                        "دائما", "اليوم", "غدا", "امس", "فورا", "كذلك", "ابدا", "مباشره", "خصوصا", "خاصه"})


def _is_accusative_nisba(doc: Doc, m: Match, res: Resources) -> bool:
    """«مقيما تركيا», «مواطنا روسيا»: after an indefinite accusative noun, «تركيا» is the adjective
    "Turkish", not the country."""
    if m.end - m.start != 1 or m.start == 0:
        return False
    token = doc.tokens[m.start].norm
    if not token.endswith("يا") or not any(r == "place" and res.gazetteer[i].kind == "country" for r, i in m.payloads):
        return False
    prev = doc.tokens[m.start - 1].norm
    return (len(prev) >= 4 and prev.endswith("ا") and not prev.endswith(("وا", "يا", "ها", "نا")) and not prev.startswith("ال")
            and prev not in _ADVERBS_A and prev.isalpha())


# «مباراة تونس», «مونديال روسيا», «منتخب مصر»: a country as a team or a tournament host
_SPORTS_HEADS = frozenset({"مباراه", "المباراه", "مونديال", "منتخب", "لمنتخب", "كاس", "بطوله", "دوري", "اولمبياد"})


def _glued_b(token: str, places: list[Place]) -> bool:
    """The name carries the preposition ب («بمصر», «وبسرت») — not a name that starts with ب."""
    if len(token) <= 3 or not (token[0] == "ب" or token[:2] in ("وب", "فب")):
        return False
    bare = token[1:] if token[0] in "وف" else token   # «وبريطانيا»: the conjunction, then a name in ب
    return not any(normalize_phrase(n)[:1] in ((token,), (bare,)) for p in places for n in p.names_ar)


_READ_ALSO = frozenset({"اقرا", "اقرئي", "طالع", "شاهد"})


def _foreign_body(doc: Doc, m: Match, group: str | None, res: Resources) -> str | None:
    """The state of a nationality adjective right after a Libyan body's name («قوات حرس السواحل
    الإيطالية», «البحرية التونسية»), else None; not after militias or jihadists (nationals, not a state)."""
    kind = res.actors.groups[group].kind if group in res.actors.groups else ""
    if kind not in ("libyan_government", "libyan_armed_force") or group == "local_militias" or m.end >= len(doc.tokens):
        return None
    nxt = doc.tokens[m.end].norm
    return _nationality(nxt, res) if nxt[:1] != "و" else None


def _teasers(doc: Doc) -> frozenset[int]:
    """«اقرأ أيضا: …», «اقرأ.. لجنة بريطانية: …»: links to other stories inside or after the article
    (ignored, as the guidelines say); a bare «اقرأ..» sentence takes the next one with it."""
    out = set()
    for sent, (lo, hi) in doc.ranges.items():
        if hi > lo and doc.tokens[lo].norm in _READ_ALSO and (hi - lo == 1 or doc.tokens[lo + 1].norm in ("ايضا", ".", ":", "..")):
            out.add(sent)
            if all(not t.norm.isalpha() for t in doc.tokens[lo + 1:hi]):
                out.add(sent + 1)
    return frozenset(out)


def _resolve_actors(doc: Doc, names: dict[int, list[Match]], published: dt.date | None, res: Resources,
                    source: str | None = None) -> list[ActorMention]:
    out = []
    home = _home_aliases(doc, names, published, res, source)
    teasers = _teasers(doc)
    for sent, matches in names.items():
        if sent in teasers:
            continue
        location_end = -1   # end of the last country/capital read as a location in this sentence
        for m in sorted(matches, key=lambda x: (x.start, -x.end)):
            if _is_dateline(doc, m) and any(r == "place" for r, _ in m.payloads):
                continue
            if _is_location_only(doc, m, res) or (m.start == location_end and doc.tokens[m.start].norm[:1] == "و"
                                                    and any(r == "place" for r, _ in m.payloads)):
                location_end = m.end   # «في تونس ومصر», «حدود ليبيا والجزائر»: the coordinated name too
                continue
            if _is_patronymic(doc, m) or _is_accusative_nisba(doc, m, res):
                continue
            for role, ident in m.payloads:
                if role == "place":
                    continue
                group = res.actors.resolve_group(ident, published) if role not in (ROLE_OUTLET, ROLE_SOURCE) else None
                if (m.start, m.end) in home:
                    ident = group = home[(m.start, m.end)]
                    role = "group"
                end = m.end
                foreign = _foreign_body(doc, m, group, res)
                if foreign:   # «قوات حرس السواحل الإيطالية»: a Libyan body's name with another state's nisba
                    ident = group = foreign
                    role, end = "group", m.end + 1
                out.append(ActorMention(ident, group, doc.tokens[m.start].start, doc.tokens[end - 1].end,
                                        sent, role, m.start, end))
                break
    out.sort(key=lambda a: a.start)
    out = _unanchored_army(doc, out, names, res)
    out = _eastern_navy(out, names, res)
    return _members_of_named(doc, _bare_after_qualified(doc, out, res), res)


# «الجيش الليبي», «سلاح الجو الليبي» …: the LNA only where the article places it (guidelines: Haftar's forces,
# the east, Operation Dignity); the LNA's own names («الجيش الوطني», «القيادة العامة», Haftar) anchor it
_BARE_ARMY = frozenset(tuple(normalize_phrase(p)) for p in (
    "الجيش الليبي", "قوات الجيش الليبي", "الجيش الوطني", "قوات الجيش الوطني", "القوات المسلحة الليبية",
    "سلاح الجو الليبي", "القوات الجوية الليبية", "طيران الجيش الليبي", "طائرات الجيش الليبي"))
# districts where the LNA has held the ground since 2014–2017 (the east, the oil crescent, Jufra)
_LNA_DISTRICTS = frozenset({"Benghazi", "Derna", "Al Jabal al Akhdar", "Jabal al Akhdar", "Al Marj", "Butnan", "Tobruk",
                            "Al Wahat", "Sirte", "Al Jufrah", "Al Kufrah"})


_TRIPOLI_GROUPS = frozenset({"gna", "gnu", "gnc", "hcs", "rada", "libya_dawn", "misrata_forces", "bunyan_marsous", "pfg"})


def _eastern_navy(mentions: list[ActorMention], names: dict[int, list[Match]], res: Resources) -> list[ActorMention]:
    """«البحرية الليبية» is listed under the Tripoli government, but in an article that names the LNA, no
    Tripoli body, and only towns of the east (a ship seized off Derna) it is the LNA's navy."""
    navy = [a for a in mentions if a.group == "gna" and (res.actors.get(a.actor_id) is not None
                                                        and res.actors.get(a.actor_id).kind == "coast_guard")]
    if not navy or not any(a.group == "lna" for a in mentions):
        return mentions
    if any(a.group in _TRIPOLI_GROUPS and a not in navy for a in mentions):
        return mentions
    districts = {res.gazetteer[i].district for ms in names.values() for m in ms for r, i in m.payloads
                 if r == "place" and res.gazetteer[i].is_point and not res.gazetteer[i].ambiguous}
    if not districts or not districts <= _LNA_DISTRICTS:
        return mentions
    return [replace(a, group="lna") if a in navy else a for a in mentions]


_LNA_REGIONS = frozenset({"east_libya", "jabal_akhdar", "oil_crescent", "al_wahat", "al_butnan"})


def _unanchored_army(doc: Doc, mentions: list[ActorMention], names: dict[int, list[Match]], res: Resources) -> list[ActorMention]:
    """Drop «الجيش الليبي» (and the other bare names) when nothing in the article ties it to Haftar's
    forces: no other LNA name, no town of the east, the oil crescent or Jufra («امتنع الجيش الليبي عن
    التعليق» on a strike near Ubari)."""
    army = [a for a in mentions if a.group == "lna"]
    def is_bare(a: ActorMention) -> bool:
        words = tuple(t.norm for t in doc.tokens[a.token_start:a.token_end])
        first = words[0]   # proclitics: «وسلاح», «لسلاح», «للجيش»
        return any((w,) + words[1:] in _BARE_ARMY for w in (first, first[1:], first[2:], "ال" + first[2:]))
    bare = [a for a in army if is_bare(a)]
    if not bare or len(bare) < len(army):
        return mentions
    kinds = res.group_kinds
    if any(kinds.get(a.group or "") == "libyan_government" and a.group != "gaddafi_forces" for a in mentions):
        return mentions   # «… لمواجهة الجيش الليبي» after a Libyan government: one side of the conflict
    for matches in names.values():
        for m in matches:
            for r, i in m.payloads:
                if r == "place":
                    p = res.gazetteer[i]
                    if (p.is_point and not p.ambiguous and p.district in _LNA_DISTRICTS) or p.id in _LNA_REGIONS:
                        return mentions
    drop = {id(a) for a in bare}
    return [a for a in mentions if id(a) not in drop]


# plural nouns for the members of an armed group («الإرهابيين», «مسلحين»), as opposed to the groups
# themselves («الجماعات الإرهابية», «ميليشيات»)
_MEMBER_PLURALS = frozenset({"الارهابيين", "الارهابيون", "ارهابيين", "ارهابيون", "مسلحين", "مسلحون", "المسلحين",
                             "المسلحون", "المتشددين", "المتشددون", "المتطرفين", "المتطرفون"})


# the Islamist coalitions whose fighters the press calls «المتشددين», «الإرهابيين»
_JIHADIST_COALITIONS = frozenset({"brsc", "dmsc", "bdb"})


def _members_of_named(doc: Doc, mentions: list[ActorMention], res: Resources) -> list[ActorMention]:
    """«اعتقل مسلحين ينتمون لتنظيم القاعدة», «… الإرهابيين الذين التحقوا بداعش»: members named in the
    sentence of a jihadist group (or an Islamist coalition: «المتشددين … مجلس شورى مجاهدي درنة») are that
    group, not unnamed militias."""
    jihadist = defaultdict(set)
    for a in mentions:
        group = res.actors.groups.get(a.group or "")
        if group is not None and (group.kind == "jihadist_group" or group.id in _JIHADIST_COALITIONS):
            jihadist[a.sentence].add(a.group)
    out = []
    for a in mentions:
        if a.group == "local_militias" and a.token_end - a.token_start == 1:
            word = doc.tokens[a.token_start].norm
            bare = word[1:] if word[:1] in ("و", "ب", "ل", "ف") else word
            if a.sentence in jihadist and (word in _MEMBER_PLURALS or bare in _MEMBER_PLURALS):
                continue
            if (word in _SUICIDE_WORDS or bare in _SUICIDE_WORDS) and (jihadist or not _lone_attacker(doc, a.token_start)):
                continue   # «الانتحاري» of a group the article names; «هجوم انتحاري» (an adjective)
        out.append(a)
    return out


_SUICIDE_WORDS = frozenset({"انتحاري", "الانتحاري", "انتحاريا", "انتحاريان", "الانتحاريان", "انتحاريين",
                            "الانتحاريين", "انتحاريون", "الانتحاريون"})
# nouns that «انتحاري» qualifies as an adjective («هجوم انتحاري», «بحزام انتحاري», «العملية الانتحارية»)
_SUICIDE_HEADS = frozenset({"هجوم", "الهجوم", "هجمات", "الهجمات", "تفجير", "التفجير", "عمليه", "العمليه", "عمليات",
                            "العمليات", "حزام", "الحزام", "احزمه", "اعتداء", "الاعتداء", "سياره", "السياره", "عربه",
                            "العربه", "انفجار", "الانفجار", "هجوما", "تفجيرا", "اعتداءات", "الاعتداءات", "تفجيرات",
                            "التفجيرات", "عمل", "العمل"})


def _lone_attacker(doc: Doc, i: int) -> bool:
    """«انتحاري يفجر نفسه», «فجر الانتحاري نفسه»: the noun, not the adjective after an attack noun."""
    if i == 0:
        return True
    prev = doc.tokens[i - 1].norm
    if prev[:1] in ("و", "ب", "ل", "ف") and prev[1:] in _SUICIDE_HEADS:
        prev = prev[1:]
    return prev not in _SUICIDE_HEADS


def _home_aliases(doc: Doc, names: dict[int, list[Match]], published: dt.date | None, res: Resources,
               source: str | None) -> dict[tuple[int, int], str]:
    """«وحدات الجيش الوطني» in a Tunisian radio's story is Tunisia's army, though «الجيش الوطني» is an
    LNA alias; «مجلس النواب» its parliament, not the HoR (patterns.yaml `home_aliases`): in a foreign outlet's article (not a pan-Arab
    service) such a bare alias is the outlet's state unless its sentence names a Libyan government,
    force or town («قائد الجيش الوطني خليفة حفتر», «… لمواجهة الجيش الوطني» after «حكومة الوفاق») or
    the article names the same Libyan group by an unambiguous name. Returns (start, end) → state."""
    state = outlet_state(source, res)
    if state is None or (source or "").casefold() in {n.casefold() for n in res.patterns.get("international_services", [])}:
        return {}
    aliases = {tuple(normalize_phrase(p)) for p in res.patterns.get("home_aliases", [])}
    bare: dict[tuple[int, int], int] = {}   # span → sentence
    others: set[str] = set()               # groups named unambiguously in the article
    libyan_sents: set[int] = set()
    for sent, matches in names.items():
        for m in matches:
            words = tuple(t.norm for t in doc.tokens[m.start:m.end])
            first = words[0]
            is_alias = any(len(a) == len(words) and a[1:] == words[1:] and (first == a[0] or (
                first.endswith(a[0]) and len(first) - len(a[0]) <= 2)) for a in aliases)
            for role, ident in m.payloads:
                if role == "place":
                    place = res.gazetteer[ident]
                    if place.is_point and place.kind != "border_crossing" and not place.ambiguous:
                        libyan_sents.add(sent)   # an ambiguous name («الخضراء») is no evidence
                    continue
                if role in (ROLE_OUTLET, ROLE_SOURCE):
                    continue
                group = res.actors.resolve_group(ident, published)
                if is_alias:
                    bare[(m.start, m.end)] = sent
                    break
                kind = res.actors.groups[group].kind if group in res.actors.groups else ""
                if kind in ("libyan_government", "libyan_armed_force") and group != "local_militias":
                    libyan_sents.add(sent)
                    others.add(group)
                break
    out = {}
    for span, sent in bare.items():
        m_group = None
        for m in names[sent]:
            if (m.start, m.end) == span:
                m_group = next((res.actors.resolve_group(i, published) for r, i in m.payloads if r not in ("place", ROLE_OUTLET, ROLE_SOURCE)), None)
        if sent in libyan_sents or m_group in others:
            continue
        out[span] = state
    return out


# «حرس السواحل الإيطالي … وقال خفر السواحل»: the same body under another name
_BODY_SYNONYMS = {"حرس": "خفر", "وحرس": "وخفر", "لحرس": "لخفر", "بحرس": "بخفر"}


def _bare_after_qualified(doc: Doc, mentions: list[ActorMention], res: Resources) -> list[ActorMention]:
    """«أعلن خفر السواحل الإيطالي … ونقلت عن خفر السواحل قوله»: a bare body named after the same body
    with a state's nationality adjective is that state's body, not the default (Libyan) one."""
    qualified = []
    for a in mentions:
        if a.role in ("group", "actor") and a.token_end - a.token_start >= 2 and a.group:
            nat = _nationality(doc.tokens[a.token_end - 1].norm, res)
            if nat == a.group:
                qualified.append((tuple(t.norm for t in doc.tokens[a.token_start:a.token_end - 1]), nat, a.token_start))
    if not qualified:
        return mentions
    qualified = [(tuple(_BODY_SYNONYMS.get(w, w) for w in q), nat, st) for q, nat, st in qualified]
    out = []
    for a in mentions:
        core = tuple(_BODY_SYNONYMS.get(t.norm, t.norm) for t in doc.tokens[a.token_start:a.token_end])
        for q_core, nat, q_start in qualified:
            if (a.role in ("group", "actor") and q_start < a.token_start and nat != a.group and len(core) == len(q_core)
                    and core[1:] == q_core[1:] and (core[0].endswith(q_core[0]) or q_core[0].endswith(core[0]))):
                a = ActorMention(nat, nat, a.start, a.end, a.sentence, "group", a.token_start, a.token_end)
                break
        out.append(a)
    return out


def _main_place(places: list[PlaceMention], title_places: list[PlaceMention], res: Resources) -> str | None:
    """The article's main Libyan place: most mentioned point place (title mentions count double)."""
    score: Counter = Counter()
    first: dict[str, int] = {}
    for weight, mentions in ((2, title_places), (1, places)):
        for i, p in enumerate(mentions):
            if res.gazetteer[p.place_id].is_point:
                score[p.place_id] += weight
                first.setdefault(p.place_id, i if weight == 2 else 1000 + i)
    if not score:
        return None
    return max(score, key=lambda pid: (score[pid], -first[pid]))


# -- events ------------------------------------------------------------------------------------

def _events(doc: Doc, cues_by_sent: dict[int, list[Match]], places: list[PlaceMention], actors: list[ActorMention],
            main_place: str | None, published: dt.date | None, res: Resources) -> tuple[list[Event], list[tuple[int, int, str]]]:
    ranges = doc.ranges
    places_by_sent: dict[int, list[PlaceMention]] = defaultdict(list)
    for p in places:
        places_by_sent[p.sentence].append(p)
    actors_by_sent: dict[int, list[ActorMention]] = defaultdict(list)
    for a in actors:
        actors_by_sent[a.sentence].append(a)
    dateline_end = _dateline_end(doc)
    events: list[Event] = []
    cue_spans: list[tuple[int, int, str]] = []
    teasers = _teasers(doc)   # «اقرأ أيضا: …» links to other stories report no operation of this article
    for sent, cues in cues_by_sent.items():
        if sent in teasers:
            continue
        lo, hi = ranges[sent]
        found = _operation_types(cues, doc.norms[lo:hi])
        if not found:
            continue
        norms = doc.norms[lo:hi]
        sentence = doc.sentences[sent]
        text = doc.text[sentence.start:sentence.end]
        dates = find_dates(norms, res.dates, published)
        fatalities = _fatalities(norms, cues)
        sent_actors = [a for a in actors_by_sent.get(sent, []) if a.role not in (ROLE_OUTLET, ROLE_SOURCE)]
        attributed = list(dict.fromkeys(a.actor_id for a in actors_by_sent.get(sent, []) if a.role in (ROLE_OUTLET, ROLE_SOURCE)))
        sent_places = [p for p in places_by_sent.get(sent, []) if p.end > dateline_end] or places_by_sent.get(sent, [])
        clauses = _clauses(norms)
        for code, status, cue_matches in _by_status(found, norms, cues, clauses):
            first_cue = min(cue_matches, key=lambda c: c.start)
            actor1, actor2 = _actors_for(sent_actors, first_cue.start + lo, doc, res, lo)
            cue_char = doc.tokens[first_cue.start + lo].start
            place, precision = _event_place(sent_places, cue_char, main_place, res)
            date, date_precision = _event_date(dates, first_cue.start, published)
            spans = [(doc.tokens[c.start + lo].start, doc.tokens[c.end - 1 + lo].end) for c in cue_matches]
            cue_spans += [(s, e, code) for s, e in spans]
            events.append(Event(
                type=code, status=status,
                actor1=actor1.actor_id if actor1 else None, actor2=actor2.actor_id if actor2 else None,
                actor1_group=actor1.group if actor1 else None, actor2_group=actor2.group if actor2 else None,
                place=place, place_precision=precision, date=date, date_precision=date_precision,
                fatalities=fatalities if code in _VIOLENT else None,
                sentence=text, span=(sentence.start, sentence.end), sentence_idx=sent,
                attributed_to=attributed, cues=spans,
            ))
    return _drop_bombing_anaphora(_drop_kidnap_releases(_drop_strike_explosions(events, doc), doc), doc), cue_spans


_BARE_EXPLOSION = ("انفجار", "الانفجار", "انفجر", "ينفجر", "تنفجر", "انفجرت", "دوي", "صوت", "اصوات")
_BARE_BOMBARDMENT = ("قصف", "القصف", "يقصف", "تقصف", "قصفت", "قصفوا", "قصفا")


def _drop_strike_explosions(events: list[Event], doc: Doc) -> list[Event]:
    """In an article reporting an airstrike, «سمع دوي انفجار» and a bare «قصف» (no artillery, rocket or
    mortar word in the sentence) are that strike: a bombing known only from bare explosion words, or a
    shelling known only from bare «قصف», is dropped; an artillery strike or a battle («دوي الانفجارات» during
    clashes) likewise absorbs bare explosions."""
    types = {e.type for e in events}
    if not types & {"airstrike", "shelling", "armed_clash"}:
        return events

    def bare(e: Event, words: tuple[str, ...]) -> bool:
        for start, end in e.cues:
            parts = normalize_phrase(doc.text[start:end])
            norm = parts[0] if parts else ""
            if norm[:1] in ("و", "ف", "ب", "ل") and len(norm) > 3 and not norm.startswith(words):
                norm = norm[1:]
            if (len(parts) > 1 and words is _BARE_BOMBARDMENT) or not norm.startswith(words):
                return False
        return True
    return [e for e in events if not (e.type == "bombing" and bare(e, _BARE_EXPLOSION))
            and not (e.type == "shelling" and "airstrike" in types and bare(e, _BARE_BOMBARDMENT)
                     and not _artillery_words(e.sentence))]


# definite or construct nouns that refer back to an attack already named («الهجوم», «اعتداء مانشستر»)
_ATTACK_NOUNS = frozenset({"هجوم", "الهجوم", "الهجمات", "اعتداء", "الاعتداء", "الاعتداءات"})
_LAUNCHES = ("شن", "يشن", "تشن", "بدء", "بدا", "بدات", "اطلق", "اطلاق", "انطلاق", "قاد", "يقود", "تقود")


def _drop_bombing_anaphora(events: list[Event], doc: Doc) -> list[Event]:
    """In a bombing story «الهجوم», «الاعتداء» alone name the bombing («شقيق منفذ اعتداء مانشستر», «وتزامن الهجوم
    مع …»): a reported attack known only from such a noun is dropped when the article reports a bombing — not an
    attack on a target («هجوم على مقر الكتيبة»), nor one launched («شنت هجوما», «بدء الهجوم الحاسم»)."""
    if not any(e.type == "bombing" and e.status in ("reported", "claimed") for e in events):
        return events
    tokens = doc.tokens

    def anaphoric(e: Event) -> bool:
        for start, end in e.cues:
            parts = normalize_phrase(doc.text[start:end])
            if len(parts) != 1:
                return False
            tok = parts[0]
            if tok not in _ATTACK_NOUNS and tok[:1] in ("و", "ف", "ب") and tok[1:] in _ATTACK_NOUNS:
                tok = tok[1:]
            if tok not in _ATTACK_NOUNS:
                return False
            i = next((k for k, t in enumerate(tokens) if t.start == start), None)
            if i is None:
                return False
            after = doc.norms[i + 1:i + 3]
            before = doc.norms[max(i - 2, 0):i]
            if "علي" in after or any(b.lstrip("و").startswith(_LAUNCHES) for b in before):
                return False
        return True
    return [e for e in events if not (e.type == "attack" and e.status in ("reported", "planned") and anaphoric(e))]


def _drop_kidnap_releases(events: list[Event], doc: Doc) -> list[Event]:
    """In a kidnapping story, «المساعدة في إطلاق سراحهم» in another sentence is the hostages' release: an arrest
    known only from release/holding words is dropped when the article reports an abduction."""
    if not any(e.type == "abduction" for e in events):
        return events

    def release_only(e: Event) -> bool:
        for start, end in e.cues:
            parts = normalize_phrase(doc.text[start:end])
            if not parts or not _kidnap_release(parts, Match(0, len(parts), ())):
                return False
        return True
    def detainee_named(e: Event) -> bool:   # «طلبت الإفراج عن ليبي محتجز لدى الأمن»: a detainee's release
        return any(t.removeprefix("و").removeprefix("ال").startswith(("محتجز", "معتقل", "موقوف", "سجين", "سجناء"))
                   for t in normalize_phrase(e.sentence))
    return [e for e in events if not (e.type == "arrest" and release_only(e) and not detainee_named(e))]


def _artillery_words(sentence: str) -> bool:
    return any(w.startswith(_ARTILLERY) for w in normalize_phrase(sentence))


_ARTILLERY = ("مدفع", "المدفع", "بالمدفع", "قذيف", "القذيف", "قذائف", "القذائف", "صاروخ", "الصاروخ", "صواريخ", "الصواريخ",
              "هاون", "الهاون", "راجم", "الراجم", "غراد", "كاتيوشا", "دبابات", "الدبابات")


def _dateline_end(doc: Doc) -> int:
    """Character offset where an opening dateline («طرابلس - وكالة …:») ends, else 0."""
    for tok in doc.tokens[:4]:
        if tok.text in _DATELINE_MARKS:
            return tok.end
    return 0


_VIOLENT = frozenset({"airstrike", "shelling", "armed_clash", "attack", "bombing", "assassination"})


def _operation_types(cues: Sequence[Match], norms: Sequence[str] = ()) -> dict[str, list[Match]]:
    strong: dict[str, list[Match]] = defaultdict(list)
    weak: dict[str, list[Match]] = defaultdict(list)
    support, blocked, weak_blocked = set(), set(), set()
    for c in cues:
        for kind, value in c.payloads:
            if kind == OP:
                strong[value].append(c)
            elif kind == WEAK:
                weak[value].append(c)
            elif kind == SUPPORT:
                support.add(value)
            elif kind == BLOCK:
                blocked.add(value)
            elif kind == WEAK_BLOCK:   # «حكم على 45 منهم بالإعدام … بالسجن»: a court, not a killing or an arrest
                weak_blocked.add(value)
    confirmed = {code: matches for code, matches in weak.items()
                 if code in support and code not in strong and code not in weak_blocked}
    # a killing or a targeting typed only by weak words («قتل», «استهداف») belongs to the violent operation
    # the sentence names («مقتل اثنين في غارة جوية», «قيام قواته الجوية باستهداف» are airstrikes, not attacks)
    if "attack" in confirmed and _SUBSUMING_VIOLENCE & (set(strong) | set(confirmed)):
        del confirmed["attack"]
    # an intelligence service named in a detention or abduction («ساعدت المخابرات البريطانية في خطف الزوجين»,
    # «ضباط الاستخبارات استجوبوه أثناء اعتقاله») is that operation's actor, not a covert operation of its own
    if "covert_operation" in confirmed and {"arrest", "abduction"} & (set(strong) | set(confirmed)):
        del confirmed["covert_operation"]
    strong.update(confirmed)
    if norms:
        for code, m in _split_verb_ops(norms):
            if code not in strong:
                strong[code] = [m]
    # «الإفراج عن المختطفين», «مكان احتجازهما» in a kidnapping story: the release/holding is the abduction's
    if "abduction" in strong and "arrest" in strong and norms:
        kept = [m for m in strong["arrest"] if not _kidnap_release(norms, m)]
        if kept:
            strong["arrest"] = kept
        else:
            del strong["arrest"]
    if "arrest" in strong and norms:   # «تقدمت الوحدات باتجاه الملعب وسجن بشر»: a prison as a landmark
        kept = [m for m in strong["arrest"] if not _prison_landmark(norms, m)]
        if kept:
            strong["arrest"] = kept
        else:
            del strong["arrest"]
    if "arrest" in strong and norms:
        held = [m for m in strong["arrest"] if _held_by_gang(norms, m)]
        if held:   # «احتجزت العصابة ثلاثة عمال»: hostages of a gang, not detainees of the state
            strong["abduction"] = strong.get("abduction", []) + held
            strong["arrest"] = [m for m in strong["arrest"] if m not in held]
            if not strong["arrest"]:
                del strong["arrest"]
    if "attack" in strong and norms and not _specific_violence(norms, cues):
        kept = [m for m in strong["attack"] if not _generic_terror(norms, m)]
        if kept:
            strong["attack"] = kept
        else:
            del strong["attack"]
    if "assassination" in strong and "armed_clash" in strong and norms:
        # «أبرز من تم تصفيتهم خلال معارك الجيش»: eliminated in battle, not a targeted killing
        kept = [m for m in strong["assassination"] if not _elimination_word(norms[m.start])]
        if kept:
            strong["assassination"] = kept
        else:
            del strong["assassination"]
    if "territorial_control" not in strong and norms:
        ousted = _ousted_from_positions(norms)
        if ousted is not None:
            strong["territorial_control"] = [ousted]
    return {code: m for code, m in strong.items() if code not in blocked}


# verbs whose object particle or reflexive object may stand after the subject: «قبض معارضون مسلحون على
# القذافي», «فجر اثنان منهما نفسيهما», «ألقت عليهم الوحدات القبض» (the bare verb is also a noun: «قبض» payment,
# «فجر» dawn); «اعترض خفر السواحل أكثر من 6500 مهاجر» (a boat of migrants intercepted = caught)
# (code, verbs, object words, object is a prefix, reach in words)
_SPLIT_VERBS = (("bombing", frozenset({"فجر", "فجرت", "فجرا", "فجروا", "فجرتا"}), ("نفس", "انفس"), True, 4),
                ("arrest", frozenset({"قبض", "قبضت", "قبضوا", "قبضا"}), ("علي",), False, 4),
                ("arrest", frozenset({"القي", "القت", "القوا", "يلقي", "تلقي", "يلقون"}), ("القبض",), False, 5),
                ("arrest", frozenset({"اعترض", "اعترضت", "اعترضوا", "يعترض", "تعترض", "اعتراض", "باعتراض"}),
                 ("مهاجر", "المهاجر", "قارب", "القارب", "قوارب", "زورق", "الزورق", "زوارق"), True, 8))


def _split_verb_ops(norms: Sequence[str]) -> list[tuple[str, Match]]:
    out = []
    for i, tok in enumerate(norms):
        bare = tok[1:] if tok[:1] in ("و", "ف") and len(tok) > 3 else tok
        for code, verbs, objects, prefix, reach in _SPLIT_VERBS:
            if bare not in verbs and tok not in verbs:
                continue
            for j in range(i + 1, min(i + 1 + reach, len(norms))):
                if norms[j] in _CLAUSE_STOPS and norms[j] != "و":
                    break
                if norms[j].startswith(objects) if prefix else norms[j] in objects:
                    out.append((code, Match(i, i + 1, ((OP, code),))))
                    break
    return out + _people_stopped(norms)


# Maghrebi «إيقاف/أوقف» = arrest when people are the object: «إيقاف 5 أفراد», «وأوقفت الشخصين» (attached
# pronouns «تم إيقافهم» are cues in operations.yaml; not vehicles, production or fighting: «إيقاف القتال», «أوقفت السيارة»)
_STOP_VERBS = frozenset({"ايقاف", "اوقف", "اوقفت", "اوقفوا", "يوقف", "توقف", "يوقفون"})
_PEOPLE = ("شخص", "الشخص", "اشخاص", "الاشخاص", "افراد", "الافراد", "فرد", "شاب", "الشاب", "شبان", "مهاجر",
           "المهاجر", "افارقه", "الافارقه", "مشتبه", "المشتبه", "متهم", "المتهم", "عنصر", "العنصر", "عناصر",
           "العناصر", "امراه", "رجل", "الرجل", "مواطن", "المواطن", "مطلوب", "المطلوب", "سائق", "السائق", "ارهابي",
           "الارهابي", "مهرب", "المهرب", "تونسي", "التونسي", "جزائري", "مغربي", "مصري", "سوداني", "تشادي", "نيجيري",
           "سوري", "افريقي", "ليبيين", "ليبيان", "الليبيين", "الليبي", "ليبي")
_NUMBER_WORDS = frozenset({"اثنين", "اثنان", "ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره", "عدد",
                           "عشرات", "مئات"})


def _people_stopped(norms: Sequence[str]) -> list[tuple[str, Match]]:
    out = []
    for i, tok in enumerate(norms):
        bare = tok[1:] if tok[:1] in ("و", "ف") and len(tok) > 4 else tok
        if bare not in _STOP_VERBS and tok not in _STOP_VERBS:
            continue
        j = i + 1
        if j < len(norms) and (norms[j].isdigit() or norms[j] in _NUMBER_WORDS):
            j += 1
        if j < len(norms) and norms[j].startswith(_PEOPLE):
            out.append(("arrest", Match(i, i + 1, ((OP, "arrest"),))))
    return out


def _elimination_word(tok: str) -> bool:
    if tok[:1] in ("و", "ف", "ب", "ل") and len(tok) > 5:
        tok = tok[1:]
    return tok.startswith(("تصفي", "التصفي"))


_GANGS = ("العصابه", "عصابه", "العصابات", "عصابات", "مسلحون", "مسلحين", "المسلحون", "مجهولون", "الخاطف", "خاطف",
          "الميليشيا", "ميليشيا", "المليشيا", "مليشيا", "الخلي", "خلي")


_TOWARDS = frozenset({"باتجاه", "اتجاه", "نحو", "محيط", "بمحيط", "قرب", "بالقرب", "مدخل", "بمدخل", "امام", "قبالة",
                      "قباله"})


def _prison_landmark(norms: Sequence[str], m: Match) -> bool:
    """A bare «سجن» (noun or passive verb) in a list of places after a word of direction or vicinity names a
    prison building, not an imprisonment."""
    tok = norms[m.start]
    if tok[:1] in ("و", "ب") and len(tok) == 4:
        tok = tok[1:]
    return m.end - m.start == 1 and tok == "سجن" and any(t in _TOWARDS for t in norms[max(m.start - 6, 0):m.start])


def _held_by_gang(norms: Sequence[str], m: Match) -> bool:
    """«احتجزت العصابة …», «يحتجز مسلحون …»: a holding verb whose subject (next word or two) is a gang;
    «محتجزين لدى عناصر تنظيم داعش»: held by a gang or jihadist group."""
    tok = norms[m.start]
    if tok[:1] in ("و", "ف") and len(tok) > 4:
        tok = tok[1:]
    if tok.startswith(("محتجز", "المحتجز")) and m.end < len(norms) and norms[m.end] == "لدي":
        return any(t.startswith(_GANGS) or t in _JIHADIST for t in norms[m.end + 1:m.end + 4])
    if not tok.startswith(("احتجز", "يحتجز", "تحتجز")):
        return False
    return any(t.startswith(_GANGS) for t in norms[m.end:m.end + 2])


_JIHADIST = frozenset({"داعش", "تنظيم", "التنظيم", "القاعده", "الارهابيين", "ارهابيين", "الجماعات", "جماعه"})


def _generic_terror(norms: Sequence[str], m: Match) -> bool:
    """«العمليات الإرهابية», «عمليات إرهابية»: plural terror words name a kind of violence, not a reported attack."""
    tok = norms[m.start]
    if tok[:1] in ("و", "ف", "ب", "ل") and len(tok) > 5:
        tok = tok[1:]
    return m.end - m.start == 2 and tok.startswith(("عمليات", "العمليات", "لعمليات"))


def _specific_violence(norms: Sequence[str], cues: Sequence[Match]) -> bool:
    """Casualties or a finite verb of carrying out in the sentence make plural terror words a report of attacks
    (the verbal noun is the language of charges: «لضلوعهم في تنفيذ عمليات إرهابية»)."""
    if any(kind in (DEATH, INJURY) for c in cues for kind, _ in c.payloads):
        return True
    return any((t[1:] if t[:1] in ("و", "ف") and len(t) > 4 else t).startswith(_CARRIED_OUT) for t in norms)


_CARRIED_OUT = ("نفذ", "نفذت", "نفذوا", "ينفذ", "تنفذ", "وقعت", "شهدت", "اسفرت", "خلفت", "ضربت")
_OUSTERS = frozenset({"اطاح", "اطاحت", "اطاحوا", "يطيح", "تطيح", "الاطاحه", "اخرج", "اخرجت", "اخرجوا", "اجبر", "اجبرت",
                      "اجبروا"})
_POSITIONS = ("مواقع", "موقع", "مقر", "مقار", "مقرات", "معسكر", "المعسكر", "قاعد", "القاعد", "مطار", "المطار", "المدين",
              "مدين", "منطق", "المنطق", "احياء", "ثكن")


def _ousted_from_positions(norms: Sequence[str]) -> Match | None:
    """«أطاحت الفصائل بالحرس الرئاسي من مواقع في طرابلس», «أخرجت القوات المسلحين من المعسكر»: forced out of
    ground — taking it (a verb of ousting followed within six words by «من» + a position word)."""
    for i, tok in enumerate(norms):
        if (tok[1:] if tok[:1] in ("و", "ف") and len(tok) > 4 else tok) not in _OUSTERS:
            continue
        for j in range(i + 1, min(i + 7, len(norms) - 1)):
            if norms[j] == "من" and norms[j + 1].startswith(_POSITIONS):
                return Match(i, i + 1, ((OP, "territorial_control"),))
    return None


_RELEASE_OR_HOLD = ("اطلاق", "الافراج", "افراج", "افرج", "يفرج", "تفرج", "اطلق", "اطلقت", "يطلق", "تطلق", "احتجاز", "الاحتجاز",
                    "احتجز", "يحتجز", "تحتجز", "اخلاء")


def _kidnap_release(norms: Sequence[str], m: Match) -> bool:
    tok = norms[m.start]
    if tok.startswith("لل"):   # «للافراج عن» = لـ + الافراج
        tok = "ا" + tok[1:]
    elif tok[:1] in ("و", "ف", "ب", "ل") and len(tok) > 4 and not tok.startswith(("الا", "الإ")):
        tok = tok[1:]
    return tok.startswith(_RELEASE_OR_HOLD)


_SUBSUMING_VIOLENCE = frozenset({"airstrike", "shelling", "armed_clash", "bombing", "assassination"})


_CLAUSE_BREAKS = frozenset({"،", ",", "؛", ";", ":", "بينما", "فيما", "لكن", "ولكن", "غير", "الا", "حين"})


def _clauses(norms: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of the sentence's clauses, split at commas and «بينما», «فيما», «لكن» …"""
    out, start = [], 0
    for i, tok in enumerate(norms):
        if tok in _CLAUSE_BREAKS and i > start:
            out.append((start, i))
            start = i + 1 if tok in {"،", ",", "؛", ";", ":"} else i
    out.append((start, len(norms)))
    return out


def _by_status(found: dict[str, list[Match]], norms: Sequence[str], cues: Sequence[Match],
               clauses: list[tuple[int, int]]) -> list[tuple[str, str, list[Match]]]:
    """One event per operation type and status in the sentence («تدرس … نشر قوات، بينما رفضت
    … تأكيد نشر قواتها» gives a planned and a denied deployment)."""
    out: dict[tuple[str, str], list[Match]] = {}
    for code, matches in found.items():
        for m in matches:
            lo, hi = next(((a, b) for a, b in clauses if a <= m.start < b), (0, len(norms)))
            # status words govern what follows them («تعتزم … إرسال قوات», «نفت … شن غارات»); one after
            # the cue usually belongs to another verb («… إيقاف 7 أفارقة كانوا يعتزمون العبور»)
            clause_cues = [c for c in cues if lo <= c.start < hi and (c.start <= m.start or not _is_status(c))]
            if _prevented(clause_cues, m):
                continue
            status = _status(norms, clause_cues, m)
            if status == "reported" and _foiled(norms, cues, m, code):
                status = "planned"   # «كان يرتدي حزاما ناسفا ولم يستطع تفجيره», «إحباط تفجير سيارة مفخخة»
            if status == "reported" and code in _CLAIMABLE and _later_claim(norms, cues, m):
                status = "claimed"   # «قتل جنديان في هجوم انتحاري، وأعلن داعش مسؤوليته عنه»
            elif status == "reported" and code not in _DEMAND_PART and _demanded(norms, m):
                status = "planned"   # «طالب المجلس بوقف إطلاق النار»
            out.setdefault((code, status), []).append(m)
    return [(code, status, ms) for (code, status), ms in out.items()]


_CLAIMABLE = frozenset({"airstrike", "shelling", "armed_clash", "attack", "bombing", "assassination", "abduction"})


def _foiled(norms: Sequence[str], cues: Sequence[Match], op_cue: Match, code: str) -> bool:
    """A bomb that was defused or failed to go off («تفكيك عبوة», «لم يستطع تفجيره», «إحباط تفجير») did not
    explode: planned. The bomb is the sentence's subject (the belt is named before its failed detonation).
    Other operations are not foiled this way: a repelled attack («الجيش يحبط هجوما على قاعدة») is still an
    attack that happened (gold treats it as reported)."""
    return code == "bombing" and any(kind == FOILED for c in cues for kind, _ in c.payloads)


def _later_claim(norms: Sequence[str], cues: Sequence[Match], op_cue: Match) -> bool:
    """A claim of responsibility after the operation in the same sentence (claims look back at what they claim)."""
    return any(kind == STATUS and value == "claimed" and c.start > op_cue.start and not _negated_status(norms, c)
               for c in cues for kind, value in c.payloads)


# demands belong to these operations themselves: protesters' demands, ransom demands, calls to free detainees
_DEMAND_PART = frozenset({"protest", "abduction", "arrest"})
_DEMAND_WORDS = frozenset({"طالب", "يطالب", "تطالب", "طالبت", "طالبوا", "يطالبون", "تطالبان", "مطالبا", "مطالبين", "مطالبه",
                           "المطالبه", "مطالب", "المطالب", "مطالبات", "المطالبات", "مطالبته", "مطالبتها", "مطالبتهم",
                           "دعا", "دعت", "دعوا", "يدعو", "تدعو", "يدعون", "داعيا", "داعيه", "داعين", "دعوه", "الدعوه",
                           "دعوات", "ناشد", "ناشدت", "يناشد", "تناشد", "حث", "حثت", "يحث", "تحث"})


def _demanded(norms: Sequence[str], op_cue: Match) -> bool:
    """A demand or call word shortly before the operation, the operation being its object («طالب المجلس بوقف
    القتال», «دعت البعثة الأطراف إلى وقف», «المطالب ومن بينها وقف») — not «طالب بالتحقيق في الغارات» — with no
    relative clause in between."""
    tok = norms[op_cue.start]
    prev = norms[op_cue.start - 1] if op_cue.start else ""
    start = op_cue.start
    if prev.startswith("ب") and len(prev) > 3 and prev not in ("بين", "بعد", "بينما") and not tok.startswith("ب"):
        start -= 1   # «مطالب بفتح ممر آمن», «طالب بإعلان هدنة»: a verbal noun between demand and operation
        tok, prev = prev, norms[start - 1] if start else ""
    if not (tok.startswith(("ب", "وب")) or prev in ("الي", "بينها", "منها", "ومنها")):
        return False
    for j in range(start - 1, max(start - 6, 0) - 1, -1):
        tok = norms[j]
        if tok in _RELATIVES:
            return False
        if tok[:1] in ("و", "ف") and len(tok) > 4:
            tok = tok[1:]
        if tok in _DEMAND_WORDS:
            return True
    return False


_STATUS_NEGATORS = frozenset({"لم", "ولم", "لا", "ولا", "لن", "ولن", "ليس", "عدم", "بعدم", "دون", "بدون"})


def _negated_status(norms: Sequence[str], cue: Match) -> bool:
    """«لم تعلن أي جهة مسؤوليتها», «لا تنفي», «لم تتبن»: a negated claim or denial is neither."""
    if any(norms[j] in _STATUS_NEGATORS for j in range(max(cue.start - 4, 0), cue.start)):
        return True
    # «لم تعلن أية جهة حتى الآن مسؤوليتها»: the negated claim verb stands before subject and adverbs
    return any(norms[j] in _STATUS_NEGATORS and j + 1 < cue.start and norms[j + 1] in _CLAIM_VERBS
               for j in range(max(cue.start - 8, 0), cue.start))


_CLAIM_VERBS = frozenset({"تعلن", "يعلن", "تتبن", "يتبن", "تتبني", "يتبني", "تعترف", "يعترف"})


def _prevented(cues: Sequence[Match], op_cue: Match) -> bool:
    """«لتجنب القتال», «خطة منع … السيارات المفخخة»: the operation is what someone wants to avert."""
    return any(kind == PREVENT and c.end <= op_cue.start and op_cue.start - c.end <= _PREVENT_WINDOW
               for c in cues for kind, _ in c.payloads)


_PREVENT_WINDOW = 3


def _is_status(cue: Match) -> bool:
    return any(kind == STATUS for kind, _ in cue.payloads)


def _status(norms: Sequence[str], cues: Sequence[Match], op_cue: Match) -> str:
    statuses = {value for c in cues for kind, value in c.payloads if kind == STATUS
                and not (value in ("claimed", "denied") and c is not op_cue and _negated_status(norms, c))
                and not (value == "planned" and c is not op_cue and _planned_out_of_reach(norms, c, op_cue))
                and not (value == "denied" and _bare_refusal(norms, c))}
    negated = not _custody_release(norms, op_cue) and any(
        kind == NEGATION and op_cue.start - _negation_reach(norms, c) <= c.start < op_cue.start
        and _negation_binds(norms, c.end, op_cue.start) for c in cues for kind, _ in c.payloads)
    if "claimed" in statuses:
        return "claimed"
    if "denied" in statuses or negated:
        return "denied"
    # «لا يعلمون متى سيتم إطلاق سراحهم»: a release still to come means the detention is real
    if not _held_person(norms[op_cue.start]) and not _custody_release(norms, op_cue) and (
            "planned" in statuses or _future_verb_before(norms, op_cue) or _purpose_form(norms, op_cue, cues)
            or _future_after(norms, op_cue) or _on_the_way_to(norms, op_cue)):
        return "planned"
    return "reported"


_RELEASES = ("اطلاق", "الافراج", "افراج", "افرج", "يفرج", "تفرج", "اطلق", "اطلقت", "يطلق", "تطلق")


def _custody_release(norms: Sequence[str], op_cue: Match) -> bool:
    """«لم يتم إطلاق سراحه», «لم يفرج عن المخطوفين»: an arrest or abduction known from its release; a negated
    release means the person is still held — the operation stands."""
    if not any(kind == OP and value in ("arrest", "abduction") for kind, value in op_cue.payloads):
        return False
    tok = norms[op_cue.start]
    if tok[:1] in ("و", "ف", "ب", "ل") and len(tok) > 4 and not tok.startswith(("الا", "الإ")):
        tok = tok[1:]
    return tok.startswith(_RELEASES)


_REFUSALS = frozenset({"رفض", "رفضت", "يرفض", "ترفض", "رفضوا", "يرفضون", "رفضه", "رفضها"})
_CONFIRMING = ("تاكيد", "التاكيد", "الافصاح", "الكشف", "الاعتراف", "الاقرار", "التعليق")


def _bare_refusal(norms: Sequence[str], cue: Match) -> bool:
    """A bare refusal verb denies an operation only as a refusal to confirm it («رفضت لندن تأكيد نشر قوات»);
    «رفض الخاطفون إطلاق المخطوف» refuses something else."""
    if cue.end - cue.start != 1:
        return False
    tok = norms[cue.start]
    if tok[:1] in ("و", "ف") and len(tok) > 4:
        tok = tok[1:]
    return tok in _REFUSALS and not any(t.lstrip("وب").startswith(_CONFIRMING) or t.startswith(_CONFIRMING)
                                        for t in norms[cue.end:cue.end + 4])


_NEGATION_SUBJECT_WINDOW = 7


def _negation_reach(norms: Sequence[str], neg: Match) -> int:
    """How far back a negation may stand: three words, or a clause when a light verb follows it at once and a
    subject sits between verb and operation («لم تشن القوات الجوية أي غارات»)."""
    nxt = norms[neg.end] if neg.end < len(norms) else ""
    return _NEGATION_SUBJECT_WINDOW if nxt in _LIGHT_VERBS else _NEGATION_WINDOW


# a future or modal predicate right after the operation, which is its subject: «أكبر معارك الجيش ستكون في
# الغرب», «هجوما قد يكون وشيكا»
_FUTURE_COPULAS = frozenset({"ستكون", "سيكون", "ستكونان", "ستبدا", "سيبدا", "ستقع", "سيقع", "ستحدث", "سيحدث",
                             "ستنطلق", "سينطلق", "ستندلع", "سيندلع"})
_MODAL_VERBS = frozenset({"يكون", "تكون", "يقع", "تقع", "يحدث", "تحدث", "تندلع", "يندلع", "يبدا", "تبدا", "ينطلق", "تنطلق"})
_CLAUSE_STOPS = frozenset({"،", ",", "؛", ";", ":", ".", "و", "بينما", "فيما", "لكن", "ولكن", "الذي", "التي", "الذين"})


def _future_after(norms: Sequence[str], op_cue: Match) -> bool:
    """The predicate follows the operation at once or after one genitive («معارك الجيش ستكون»); a modal «قد»
    only at once («هجوما قد يكون») — «تفكيك خلايا أخرى قد تكون مرتبطة» qualifies another noun."""
    if op_cue.end + 1 < len(norms) and norms[op_cue.end] == "قد" and norms[op_cue.end + 1] in _MODAL_VERBS:
        return True
    for j in range(op_cue.end, min(op_cue.end + 2, len(norms))):
        tok = norms[j]
        if tok in _CLAUSE_STOPS:
            return False
        if tok in _FUTURE_COPULAS:
            return True
    return False


def _on_the_way_to(norms: Sequence[str], op_cue: Match) -> bool:
    """«في طريقي إلى القتال», «في طريقهم إلى الهجوم»: an intention, not an act."""
    return op_cue.start >= 2 and norms[op_cue.start - 1] == "الي" and norms[op_cue.start - 2].startswith(("طريق", "بطريق"))


# verbs and particles that may stand between a negation and the operation it negates («لم تشن القوات أي غارات»,
# «لم يتم اعتقال», «لم تقع اشتباكات»); any other word in between is what is negated («لم يستمر اتفاق وقف …»,
# «غير قانونية وبتعذيبهم»)
_LIGHT_VERBS = frozenset({"يتم", "تتم", "تم", "يقع", "تقع", "وقع", "وقعت", "يشن", "تشن", "شن", "شنت", "ينفذ", "تنفذ", "نفذ",
                          "نفذت", "يحدث", "تحدث", "حدث", "حدثت", "تشهد", "يشهد", "تسجل", "يسجل", "يكن", "تكن", "يقم", "تقم",
                          "تجر", "يجر", "تجري", "يجري", "يوجد", "توجد", "يطلق", "تطلق", "يسجل"})
_LIGHT_WORDS = frozenset({"هناك", "اي", "ايه", "باي", "بايه", "من", "عن", "علي", "قط", "ابدا", "اطلاقا", "بعد", "وجود", "حدوث",
                          "وقوع"})


def _negation_binds(norms: Sequence[str], neg_end: int, op_start: int) -> bool:
    verb_seen = False
    for tok in norms[neg_end:op_start]:
        if tok in _LIGHT_VERBS:
            verb_seen = True
        elif tok not in _LIGHT_WORDS and not verb_seen:
            return False
    return True


_PLANNED_WINDOW = 8
_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي"})


def _planned_out_of_reach(norms: Sequence[str], cue: Match, op_cue: Match) -> bool:
    """A plan/threat/call word governs the operation that follows it closely, not one after a relative pronoun
    («هددت … بإيقاف نشاطها … رئيسها الذي اختطف») or many words later («بالدعوة إلى الانضمام … تم إلقاء القبض»)."""
    if cue.end > op_cue.start:
        return False
    between = norms[cue.end:op_cue.start]
    return len(between) > _PLANNED_WINDOW or any(t in _RELATIVES for t in between)


def _purpose_form(norms: Sequence[str], op_cue: Match, cues: Sequence[Match] = ()) -> bool:
    """«لتحرير درنة», «للسيطرة على»: a verbal noun with purpose لـ states an aim, not an act —
    unless the لـ is governed by what precedes it: a verb of undergoing/confronting («تعرض للهجوم»,
    «تصدت للهجوم»), a facility noun («معسكرات لتدريب»), or a verbal noun of the same operation
    («استعادة القوات للسيطرة على»)."""
    tok = norms[op_cue.start]
    if tok[:1] in ("و", "ف") and len(tok) > 4:
        tok = tok[1:]
    if not (tok.startswith("ل") and not tok.startswith(("لقي", "لقوا")) and (len(tok) > 4 and (
            tok.startswith("لل") or tok[1:2] in ("ت", "ا", "إ")) or tok.startswith(_LAM_FORM1))) or tok.endswith(("ين", "ون")):
        return False   # «للمهاجمين»: a plural participle (the attackers), not a verbal noun
    prev = norms[op_cue.start - 1] if op_cue.start > 0 else ""
    if prev[:1] in ("و", "ف") and len(prev) > 4:
        prev = prev[1:]
    if prev in _FACILITY_NOUNS or prev in _IN_ADDITION:
        return False
    for word in norms[max(op_cue.start - 6, 0):op_cue.start]:   # «تعرض مركز للشرطة في سبها للهجوم»
        if (word[1:] if word[:1] in ("و", "ف") and len(word) > 4 else word).startswith(_LAM_GOVERNORS):
            return False
    codes = {v for k, v in op_cue.payloads if k in (OP, WEAK)}
    return not any(op_cue.start - 3 <= c.start < op_cue.start and not norms[c.start].startswith("ل")
                   and any(k in (OP, WEAK) and v in codes for k, v in c.payloads) for c in cues)


_LAM_GOVERNORS = ("تعرض", "يتعرض", "تتعرض", "التعرض", "تصدى", "تصدت", "تصدوا", "يتصدى", "تتصدى", "التصدي",
                  "تصدي", "صمد", "صمدت",
                  # forced to, i.e. done («مما اضطر الدورية للرمي على عجلات السيارة»)
                  "اضطر", "يضطر", "تضطر", "مضطر")
# («باستخدام طائرات لقصف معسكرات» is a strike carried out: strike nouns are not listed)
_LAM_FORM1 = ("لوقف", "لنشر", "لحشد", "لدحر", "لطرد")   # «لوقف التصعيد», «لنشر قوات»: form-I verbal nouns of purpose
# prepositional phrases that govern لـ themselves: «إضافة لاستعادته» (in addition to), «نتيجة للاشتباكات» (as a result of)
_IN_ADDITION = frozenset({"اضافه", "بالاضافه", "علاوه", "وعلاوه", "نتيجه", "ونتيجه", "نظرا", "تبعا", "خلافا", "وفقا"})
_FACILITY_NOUNS = frozenset({"معسكر", "معسكرات", "المعسكر", "المعسكرات", "مركز", "مراكز", "المركز", "المراكز", "مركزا",
                             "معسكرا", "مقرا", "معهد", "المعهد",
                             "مخيم", "مخيمات", "قاعده", "قواعد", "مقر", "مقرات"})


def _held_person(token: str) -> bool:
    """«سيتم تسليم الموقوف»: a detainee noun names someone already held; a plan in its clause is another act."""
    return token.startswith(("الموقوف", "المعتقل", "المحتجز", "السجين", "السجناء", "الاسري", "المختطف", "المخطوف"))


# words that begin like a future verb (سـ + imperfect) but are not one («ساهم في اعتقال», «سيطرة», «سنوات»)
_NOT_FUTURE = ("سيطر", "سياس", "سيار", "ستين", "سنوات", "سنه", "ساع", "سابق", "سكان", "سلاح", "سجن", "سري", "سفين", "سبت",
               "ساهم", "ساعد", "سافر", "ساحل", "ساح", "سارع", "سالم", "سامي", "ساند", "ساخن", "ساد")


def _future_verb_before(norms: Sequence[str], op_cue: Match) -> bool:
    """«سترسل», «سيتم», «ستنشر»: a future-marked verb at or just before the cue."""
    for j in range(max(op_cue.start - 3, 0), op_cue.start + 1):
        tok = norms[j]
        stripped = tok[1:] if tok[:1] in ("و", "ف") and len(tok) > 4 else tok
        if len(stripped) >= 4 and stripped.startswith(_FUTURE_PREFIXES) and not stripped.endswith("ي") \
                and not stripped.startswith(_NOT_FUTURE):
            return True
    return False


def _actors_for(sent_actors: list[ActorMention], cue_token: int, doc: Doc, res: Resources, lo: int) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1: nearest actor before the cue that no target word introduces, else the first such
    actor after it; actor2: the first actor after a target marker, else the next actor of another
    group."""
    is_target = {id(a): "target_markers" in _previous_cue(doc, a.token_start, res, lo) for a in sent_actors}
    before = [a for a in sent_actors if a.token_end <= cue_token and not is_target[id(a)]]
    after = [a for a in sent_actors if a.token_start >= cue_token]
    actor1 = before[-1] if before else next((a for a in after if not is_target[id(a)]), None)
    group1 = actor1.group if actor1 else None
    targets = [a for a in sent_actors if is_target[id(a)] and a is not actor1 and a.group != group1]
    after_targets = [a for a in targets if a.token_start >= cue_token]
    actor2 = (after_targets or targets or [None])[0]
    if actor2 is None:
        actor2 = next((a for a in after if a is not actor1 and a.group and a.group != group1), None)
    return actor1, actor2


def _event_place(sent_places: list[PlaceMention], cue_char: int, main_place: str | None, res: Resources) -> tuple[str | None, int | None]:
    """The most specific Libyan place of the sentence (closest to the cue on ties), else the
    article's main place at lower precision."""
    libyan = [p for p in sent_places if res.gazetteer[p.place_id].is_libyan]
    if libyan:
        best = min(libyan, key=lambda p: (p.precision, 0 if res.gazetteer[p.place_id].is_point else 1,
                                          abs(p.start - cue_char)))
        return best.place_id, best.precision
    if main_place:
        return main_place, max(FALLBACK_PRECISION, res.gazetteer[main_place].precision)
    return None, None


def _event_date(dates: list[DateMention], cue_token: int, published: dt.date | None) -> tuple[dt.date | None, str | None]:
    if dates:
        best = min(dates, key=lambda d: abs(d.start - cue_token))
        return best.date, best.precision
    if published is not None:
        return published, "week"
    return None, None


def _fatalities(norms: Sequence[str], cues: Sequence[Match]) -> int | None:
    """Deaths stated in the sentence: the largest number whose nearest death/injury cue (within
    four words) is a death cue — «مقتل 3 وإصابة 12» gives 3, not 12."""
    marks: dict[int, str] = {}
    for c in cues:
        for kind, _ in c.payloads:
            if kind in (DEATH, INJURY, VICTIM, LOWER_BOUND):
                for i in range(c.start, c.end):
                    marks.setdefault(i, kind)
    if DEATH not in marks.values():
        return None
    words = {c.start: v for c in cues for k, v in c.payloads if k == NUMBER}
    best: int | None = None
    for i, tok in enumerate(norms):
        value = parse_number(tok)
        if value is None and i in words:
            value = words[i][0]
        if value is None or value > 5000 or (1900 < value < 2100):
            continue
        nearest = _nearest_mark(marks, i)
        if nearest == DEATH:
            best = max(best or 0, value)
    return best


def _nearest_mark(marks: dict[int, str], i: int, window: int = 4) -> str | None:
    """The closest death/injury cue to token i within `window` words; «ما لا يقل عن» and
    other lower-bound phrases do not count as distance."""
    best: tuple[int, str] | None = None
    for step in (1, -1):
        j, dist = i + step, 1
        while dist <= window and j >= 0:
            kind = marks.get(j)
            if kind in (DEATH, INJURY):
                if best is None or dist < best[0]:
                    best = (dist, kind)
                break
            if kind != LOWER_BOUND:
                dist += 1
            j += step
    return best[1] if best else None


# -- output ------------------------------------------------------------------------------------

def event_id(article_id: str, event: Event) -> str:
    key = f"{article_id}|{event.sentence_idx}|{event.type}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


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
