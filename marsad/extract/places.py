"""Place mentions: disambiguation of gazetteer matches, place cues, the article's main place."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace

from marsad.extract.actors import _teasers
from marsad.extract.model import PlaceMention
from marsad.extract.names import _glued_b, capital_governs
from marsad.lexicon import Resources
from marsad.matcher import Match
from marsad.places import Place
from marsad.text import Doc


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
    if places and _glued_b(doc.norms[token_index], places):
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
    anchors: dict[int, set[int]] = defaultdict(set)         # token ends of point places, per sentence
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
            if _inside_organisation_name(doc, m.start, lo, candidates, res):
                continue   # «شركة مليتة», «مديرية أمن بنغازي»: part of a name
            cues = _previous_cue(doc, m.start, res, lo, candidates)
            if m.end - m.start > 1 and _self_cued(doc.norms[m.start], res):
                cues.add("place_cues")   # «حي البلاد», «منطقة كمكوم»: the name carries its own cue
            start, end = doc.tokens[m.start].start, doc.tokens[m.end - 1].end
            precision = place.precision
            if "near_cues" in cues and place.precision == 1:
                precision = 2
            sent_idx = sentence_override if sentence_override is not None else sent
            if place.kind in _NAMED_FACILITIES and place.parent:
                cues.add("place_cues")   # «معسكر الصاعقة»: the head noun is the cue, only the town is open
            if place.ambiguous and "place_cues" not in cues and "near_cues" not in cues:
                if _coordinated_with_place(doc, m.start, sent, anchors):
                    anchors[sent].add(m.end)   # «طرابلس والخمس وسرت»: a list of places
                    accepted.append(PlaceMention(place.id, start, end, sent_idx, precision))
                    continue
                pending.append((place, start, end, sent_idx, precision))
                continue
            if place.is_point:
                anchors[sent].add(m.end)
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
    if res.seats_of_government:
        accepted = _governments_beside_capitals(accepted, doc, res)
    accepted.sort(key=lambda p: (p.sentence, p.start))
    return accepted


def _inside_organisation_name(doc: Doc, token_index: int, lo: int, places: list[Place], res: Resources) -> bool:
    """The name follows the head of an organisation's name within its sentence, with no glued preposition."""
    if not res.name_heads or token_index <= lo or _glued_b(doc.norms[token_index], places):
        return False
    for width in (1, 2):
        if token_index - width < lo:
            break
        words = doc.norms[token_index - width:token_index]
        first = words[0][1:] if words[0][:1] in ("و", "ل", "ب") and len(words[0]) > 3 else words[0]
        if (first, *words[1:]) in res.name_heads or tuple(words) in res.name_heads:
            return True
    return False


def _self_cued(token: str, res: Resources) -> bool:
    """The name's first word is itself a place cue («حي», «منطقة», «بلدة»)."""
    bare = token[1:] if token[:1] in ("و", "ب", "ل", "ف") and len(token) > 3 else token
    m = res.place_cues.longest_at((bare,), 0)
    return m is not None and "place_cues" in m.payloads


# «في روما وطرابلس», «من القاهرة وطرابلس»: places where something happens, not governments
_LOCATIVE = frozenset({"في", "الي", "من", "نحو", "مطاري", "مدينتي"})


def _governments_beside_capitals(accepted: list[PlaceMention], doc: Doc, res: Resources) -> list[PlaceMention]:
    """«العلاقات بين واشنطن وطرابلس», «اتفقت روما وطرابلس»: a seat of government joined by «و» to a foreign city
    stands for its government — not in a sentence about travel between the two («رحلات بين القاهرة وطرابلس»); so does
    one that is the subject of a verb of governing («وطرابلس تشكو مصر»)."""
    if not any(p.place_id in res.seats_of_government for p in accepted):
        return accepted
    starts = {t.start: i for i, t in enumerate(doc.tokens)}
    foreign_ends = {p.end for p in accepted if res.gazetteer[p.place_id].kind == "foreign_city"}
    foreign_starts = {p.start for p in accepted if res.gazetteer[p.place_id].kind == "foreign_city"}
    out = []
    for p in accepted:
        i = starts.get(p.start)
        if p.place_id in res.seats_of_government and i is not None and p.sentence >= 0:
            lo, hi = doc.ranges[p.sentence]
            travel = any(t in res.travel_words or t[1:] in res.travel_words for t in doc.norms[lo:hi])
            after = i + 1 < hi and doc.norms[i + 1].startswith("و") and doc.tokens[i + 1].start in foreign_starts
            before = (doc.norms[i].startswith("و") and i > lo and doc.tokens[i - 1].end in foreign_ends
                      and not (i - 2 >= lo and doc.norms[i - 2] in _LOCATIVE))
            if not travel and (after or before):
                continue
            if capital_governs(doc.norms, i, lo, hi, res.government_verbs):
                continue   # «وطرابلس تشكو مصر»: the government, not the city
        out.append(p)
    return out

def _coordinated_with_place(doc: Doc, token_index: int, sent: int, anchors: dict[int, set[int]]) -> bool:
    """The name follows a point place of its sentence with «و» or a comma: «طرابلس والخمس», «سرت، الخمس»."""
    if doc.norms[token_index].startswith("و") and token_index in anchors.get(sent, ()):
        return True
    return token_index > 0 and doc.norms[token_index - 1] in ("،", ",") and token_index - 1 in anchors.get(sent, ())


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
    after = {doc.norms[j] for j in range(m.end, min(m.end + 4, hi))}
    before = {doc.norms[j] for j in range(max(m.start - 2, 0), m.start)}
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
