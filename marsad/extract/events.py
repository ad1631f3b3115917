"""Operations: cue matches → typed events with actors, place, date, fatalities and evidence."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Sequence

from marsad.actors import ROLE_OUTLET, ROLE_SOURCE
from marsad.dates import DateMention, find_dates
from marsad.extract.actors import _DATELINE_MARKS, _teasers
from marsad.extract.article_passes import (
    _drop_bombing_anaphora,
    _drop_kidnap_releases,
    _drop_strike_explosions,
)
from marsad.extract.model import FALLBACK_PRECISION, ActorMention, Event, PlaceMention
from marsad.extract.operation_types import (
    _operation_types,
    _person_victim,
    _surrender_cue,
)
from marsad.extract.places import _previous_cue
from marsad.extract.status import (
    _CLAUSE_STOPS,
    _by_status,
    _clauses,
)
from marsad.lexicon import Resources
from marsad.matcher import Match
from marsad.operations import (
    DEATH,
    INJURY,
    LOWER_BOUND,
    NUMBER,
    VICTIM,
)
from marsad.text import Doc, normalize_phrase, parse_number


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
        found = _person_victim(found, doc.norms[lo:hi], cues, actors_by_sent.get(sent, []), lo, res)
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
        reporters = _reporters(sent_actors, norms, lo)
        for code, status, cue_matches in _by_status(found, norms, cues, clauses, published.year if published else None):
            if code == "arrest" and status == "planned" and all(_surrender_cue(norms, c) for c in cue_matches):
                continue   # «في حال سلموا أنفسهم», «دعا … إلى تسليم أنفسهم»: a call to surrender is no arrest (gold)
            first_cue = min(cue_matches, key=lambda c: c.start)
            reporting = [a for a in reporters if not _reporter_is_agent(norms, reporters[a], first_cue.start)]
            actor1, actor2 = _actors_for([a for a in sent_actors if a not in reporting], first_cue.start + lo, doc, res, lo)
            event_attributed = attributed + [a.actor_id for a in reporting if a.actor_id not in attributed]
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
                attributed_to=event_attributed, cues=spans,
            ))
    return _drop_bombing_anaphora(_drop_kidnap_releases(_drop_strike_explosions(events, doc), doc), doc), cue_spans


def _dateline_end(doc: Doc) -> int:
    """Character offset where an opening dateline («طرابلس - وكالة …:») ends, else 0."""
    for tok in doc.tokens[:4]:
        if tok.text in _DATELINE_MARKS:
            return tok.end
    return 0

_VIOLENT = frozenset({"airstrike", "shelling", "armed_clash", "attack", "bombing", "assassination"})


def _norm_set(words: str) -> frozenset[str]:
    return frozenset(normalize_phrase(words))

# verbs whose subject reports or judges an operation rather than carrying it out
_SPEECH_VERBS = _norm_set("قال قالت قالوا يقول تقول أعلن أعلنت أعلنوا يعلن تعلن أفاد أفادت أفادوا يفيد تفيد ذكر ذكرت "
                          "ذكروا يذكر تذكر أكد أكدت أكدوا يؤكد تؤكد أوضح أوضحت صرح صرحت أشار أشارت أضاف أضافت كشف كشفت "
                          "أورد أوردت أبلغ أبلغت رصد رصدت وثق وثقت أحصى أحصت")

_JUDGING_VERBS = _norm_set("ندد نددت نددوا يندد تندد أدان أدانت أدانوا يدين تدين استنكر استنكرت استنكروا يستنكر تستنكر "
                           "شجب شجبت شجبوا يشجب تشجب")

_ACCORDING_TO = _norm_set("حسب بحسب حسبما وفق وفقا طبقا نقلا")

_COMPLEMENTIZERS = _norm_set("أن إن بأن")

_SELF_COMPLEMENTS = _norm_set("أنه أنها أنهم أنهما أننا إنه إنها إنهم إنهما إننا بأنه بأنها بأنهم بأنهما بأننا")

# «إن بلاده سترسل قوات», «أن طائراتها قصفت»: the speaker's own state, government or forces (with a pronoun suffix)
_OWN_FORCES = ("قوات", "طائرات", "طيران", "وحدات", "عناصر", "مقاتلي", "جنود", "مدفعي", "سلاح", "كتائب", "سرايا",
               "بلاد", "بلد", "دولت", "حكومت", "جيش", "قيادت", "اجهزت", "وزارت")


def _verb(tok: str, verbs: frozenset[str]) -> bool:
    return tok in verbs or (tok[:1] in ("و", "ف") and tok[1:] in verbs)


def _reporters(sent_actors: list[ActorMention], norms: Sequence[str], lo: int) -> dict[ActorMention, tuple[int, bool]]:
    """Actors that are the subject of a reporting or judging verb («أعلنت بعثة الأمم المتحدة أن …», «البعثة قالت»,
    «أدانت الحكومة …») or follow «بحسب/وفقا لـ»: actor → (verb position in the sentence, judging verb?)."""
    out: dict[ActorMention, tuple[int, bool]] = {}
    for a in sent_actors:
        start, end = a.token_start - lo, a.token_end - lo
        for j in range(start - 1, max(start - 4, -1), -1):   # VSO: «أعلنت [اليوم] البعثة»
            tok = norms[j]
            if _verb(tok, _SPEECH_VERBS) or _verb(tok, _JUDGING_VERBS) or (tok in _ACCORDING_TO and j == start - 1):
                out[a] = (j, _verb(tok, _JUDGING_VERBS) or tok in _ACCORDING_TO)
                break
            if tok in _CLAUSE_STOPS or tok in _COMPLEMENTIZERS or tok in _SELF_COMPLEMENTS:
                break
        if a not in out and start >= 2 and norms[start - 1] == "عن" and norms[start - 2] in ("نقلا", "نقلت", "نقل"):
            out[a] = (start - 2, True)
        if a not in out and end < len(norms) and (_verb(norms[end], _SPEECH_VERBS) or _verb(norms[end], _JUDGING_VERBS)):
            out[a] = (end, _verb(norms[end], _JUDGING_VERBS))   # SVO: «البعثة الأممية قالت إن …»
    return out


def _reporter_is_agent(norms: Sequence[str], where: tuple[int, bool], cue: int) -> bool:
    """The reporter also carries out the operation: it speaks (not condemns) before the cue and either announces
    its own act («أعلن الجيش السيطرة على …») or says it acted («قالت القوات إنها قصفت», «أكد الجيش أن طائراته …»).
    A complement with another subject («أعلنت البعثة أن غارة جوية استهدفت …») reports someone else's act;
    «قال الرئيس التركي إن بلاده سترسل قوات» is the speaker's own state."""
    verb, judging = where
    if judging or verb >= cue:
        return False
    for j in range(verb + 1, cue):
        tok = norms[j]
        if tok in _SELF_COMPLEMENTS:
            return True
        if tok in _COMPLEMENTIZERS:
            nxt = norms[j + 1] if j + 1 < len(norms) else ""
            return nxt.startswith(_OWN_FORCES) and nxt.endswith(("ها", "ه", "هم", "نا")) and not nxt.endswith("ات")
    return True


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
    cumulative = _cumulative_tokens(norms)
    best: int | None = None
    for i, tok in enumerate(norms):
        if i in cumulative:
            continue
        value = parse_number(tok)
        if value is None and i in words:
            value = words[i][0]
        if value is None or value > 5000 or (1900 < value < 2100):
            continue
        nearest = _nearest_mark(marks, i)
        if nearest == DEATH:
            best = max(best or 0, value)
    return best

# a toll over a period, not one event's deaths: «منذ بداية الحرب», «منذ اندلاع المعارك», «منذ 2011» (since …), «الحصيلة
# الإجمالية», «خلال العام الماضي». «منذ يومين», «منذ ساعات» (… ago) date the event and do not make a total.
_TOTALS = frozenset({"اجمالي", "الاجمالي", "الاجماليه", "اجماليه", "اجمالا", "مجموع", "المجموع", "بمجموع", "الكلي", "الكليه"})

_AGO_UNITS = ("يوم", "ايام", "ساعه", "ساعات", "ساعتين", "اسبوع", "اسابيع", "دقائق", "دقيقه", "ليله", "ليلتين",
              "قليل", "لحظات", "فتره", "وقت")

_PERIODS = ("العام", "عام", "السنه", "سنه", "السنوات", "سنوات", "الاعوام", "اعوام", "الاشهر", "اشهر", "الشهور", "شهور",
            "الشهر", "الاسابيع", "الايام", "الفتره")

_TOLL_VERBS = frozenset({"ارتفع", "ارتفعت", "يرتفع", "ترتفع", "ليرتفع", "لترتفع", "ارتفاع", "وارتفع", "وارتفعت",
                         "فارتفع", "فارتفعت", "بلغ", "بلغت", "يبلغ", "تبلغ", "وبلغ", "وبلغت", "وصل", "وصلت", "ووصل", "ووصلت"})

_TOLL_NOUNS = ("عدد", "حصيله", "الحصيله", "اجمالي", "مجموع")


def _since_total(norms: Sequence[str], i: int) -> bool:
    """Token i opens a total: «منذ» + a starting point (not a span «منذ يومين» = two days ago), a total word, or
    «خلال» + a period («خلال العام الماضي», «خلال الأشهر الستة»)."""
    tok = norms[i]
    if tok in _TOTALS:
        return True
    if tok in ("منذ", "ومنذ"):
        nxt = [t for t in norms[i + 1:i + 3] if parse_number(t) is None and t not in ("بضعه", "بضع", "عده")]
        return not (nxt and nxt[0].startswith(_AGO_UNITS))
    if tok in ("خلال", "طوال", "طيله") and i + 1 < len(norms):
        return norms[i + 1].startswith(_PERIODS)
    return False


def _cumulative_tokens(norms: Sequence[str]) -> set[int]:
    """Tokens of clauses that state a total since some point or a running toll («ارتفع عدد القتلى منذ اندلاع المعارك
    إلى 200», «حصيلة … منذ بدء الهجوم», «مئات المدنيين قتلوا منذ بداية الحرب»): such numbers are no one event's
    fatalities. A running-toll verb («ارتفع/بلغ عدد|حصيلة») followed by a total spans the rest of the sentence."""
    totals = [i for i in range(len(norms)) if _since_total(norms, i)]
    if not totals:
        return set()
    out: set[int] = set()
    for i, t in enumerate(norms):
        if t in _TOLL_VERBS and any(n.startswith(_TOLL_NOUNS) for n in norms[i + 1:i + 4]) and totals[-1] > i:
            out.update(range(i, len(norms)))
            break
    for start, end in _clauses(norms):
        if any(start <= i < end for i in totals):
            out.update(range(start, end))
    return out


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
