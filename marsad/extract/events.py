"""Operations: cue matches → typed events with actors, place, date, fatalities and evidence."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Sequence

from marsad.actors import ROLE_OUTLET, ROLE_SOURCE
from marsad.dates import DateMention, find_dates
from marsad.extract.actors import _DATELINE_MARKS, _teasers
from marsad.extract.model import FALLBACK_PRECISION, ActorMention, Event, PlaceMention
from marsad.extract.places import _previous_cue
from marsad.extract.status import (
    _CLAUSE_STOPS,
    _SUBSUMING_VIOLENCE,
    _by_status,
    _clauses,
)
from marsad.lexicon import Resources
from marsad.matcher import Match
from marsad.operations import (
    BLOCK,
    DEATH,
    INJURY,
    LOWER_BOUND,
    NUMBER,
    OP,
    SUPPORT,
    VICTIM,
    WEAK,
    WEAK_BLOCK,
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
        for code, status, cue_matches in _by_status(found, norms, cues, clauses):
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


_SHOOTING = re.compile("رصاص|إطلاق النار|إطلاق نار|أطلق|مسلح|اشتباك|اقتحم|اقتحام|قناص")


def _drop_bombing_anaphora(events: list[Event], doc: Doc) -> list[Event]:
    """In a bombing story «الهجوم», «الاعتداء» alone name the bombing («شقيق منفذ اعتداء مانشستر», «وتزامن الهجوم
    مع …»): a reported attack known only from such a noun is dropped when the article reports a bombing — not an
    attack on a target («هجوم على مقر الكتيبة»), nor one launched («شنت هجوما», «بدء الهجوم الحاسم»)."""
    bombed = {e.sentence_idx for e in events if e.type == "bombing" and e.status in ("reported", "claimed")}
    if not bombed:
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
            # «الاعتداء على طائرة ركاب انفجرت»: in the bombing's own sentence, with no shooting, the target
            # does not make it a second operation
            same = e.sentence_idx in bombed and not _SHOOTING.search(e.sentence)
            if ("علي" in after and not same) or any(b.lstrip("و").startswith(_LAUNCHES) for b in before):
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
    events = [e for e in events if not (e.type == "arrest" and release_only(e) and not detainee_named(e))]
    return _drop_release_abductions(events, doc)


# nouns naming the hostages, their captors or the ransom: in a release sentence they refer back to the abduction
_HOSTAGE_NOUNS = ("مخطوف", "المخطوف", "مختطف", "المختطف", "رهين", "الرهين", "رهائن", "الرهائن", "كرهائن",
                  "خاطف", "الخاطف", "فديه", "الفديه", "اختطاف", "الاختطاف", "خطف", "الخطف")
_RELEASE_WORDS = ("افرج", "الافراج", "افراج", "يفرج", "تفرج", "للافراج", "بالافراج", "تحرير", "حرر", "تحرر")


def _release_sentence(norms: Sequence[str]) -> bool:
    """«وأفرج عن المخطوفين», «أُطلق سراح الرهائن», «تحرير المختطفين»: the sentence reports a release."""
    for i, tok in enumerate(norms):
        t = tok[1:] if tok[:1] in ("و", "ف") and len(tok) > 4 else tok
        if t.startswith(_RELEASE_WORDS) or (t.startswith(("اطلق", "يطلق", "تطلق", "اطلاق")) and i + 1 < len(norms)
                                             and norms[i + 1].startswith("سراح")):
            return True
    return False


def _drop_release_abductions(events: list[Event], doc: Doc) -> list[Event]:
    """A release is no new abduction: an abduction known only from hostage/captor nouns («المخطوفين», «الرهائن»,
    «الخاطفون», «بعد اختطافهم») in a sentence reporting their release is dropped when the article reports the
    abduction elsewhere — the abduction reported earlier stands; a release-only article keeps it (the release
    reports the abduction that preceded it)."""
    def release_bound(e: Event) -> bool:
        if not _release_sentence(normalize_phrase(e.sentence)):
            return False
        for start, end in e.cues:
            parts = normalize_phrase(doc.text[start:end])
            tok = parts[0] if parts else ""
            if tok[:1] in ("و", "ف", "ب", "ل", "ك") and len(tok) > 4 and not tok.startswith(_HOSTAGE_NOUNS):
                tok = tok[1:]
            if not tok.startswith(_HOSTAGE_NOUNS) or tok in ("خطف", "خطفت", "خطفوا", "اختطف", "اختطفت", "اختطفوا"):
                return False
        return True
    bound = {id(e) for e in events if e.type == "abduction" and release_bound(e)}
    if not bound or not any(e.type == "abduction" and id(e) not in bound for e in events):
        return events
    return [e for e in events if id(e) not in bound]


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
    if "abduction" in strong and norms:
        _drop_matches(strong, "arrest", lambda m: _kidnap_release(norms, m))
    if norms:   # «تقدمت الوحدات باتجاه الملعب وسجن بشر»: a prison as a landmark
        _drop_matches(strong, "arrest", lambda m: _prison_landmark(norms, m))
    if "arrest" in strong and norms:
        held = [m for m in strong["arrest"] if _held_by_gang(norms, m)]
        if held:   # «احتجزت العصابة ثلاثة عمال»: hostages of a gang, not detainees of the state
            strong["abduction"] = strong.get("abduction", []) + held
            _drop_matches(strong, "arrest", lambda m: m in held)
    if norms and not _specific_violence(norms, cues):
        # plural terror words («العمليات الإرهابية») and verbal attacks («هاجم … بعنف») report no violent act
        _drop_matches(strong, "attack", lambda m: _generic_terror(norms, m) or _verbal_attack(norms, m))
    if "armed_clash" in strong and norms:
        # «أبرز من تم تصفيتهم خلال معارك الجيش»: eliminated in battle, not a targeted killing
        _drop_matches(strong, "assassination", lambda m: _elimination_word(norms[m.start]))
    if "territorial_control" not in strong and norms:
        ousted = _ousted_from_positions(norms)
        if ousted is not None:
            strong["territorial_control"] = [ousted]
    return {code: m for code, m in strong.items() if code not in blocked}


def _drop_matches(strong: dict[str, list[Match]], code: str, drop) -> None:
    """Remove the matches of one type that `drop` rejects; the type goes when none is left."""
    if code not in strong:
        return
    kept = [m for m in strong[code] if not drop(m)]
    if kept:
        strong[code] = kept
    else:
        del strong[code]

# verbs whose object particle or reflexive object may stand after the subject: «قبض معارضون مسلحون على
# القذافي», «فجر اثنان منهما نفسيهما», «ألقت عليهم الوحدات القبض» (the bare verb is also a noun: «قبض» payment,
# «فجر» dawn); «اعترض خفر السواحل أكثر من 6500 مهاجر» (a boat of migrants intercepted = caught)
# (code, verbs, object words, object is a prefix, reach in words)
_SPLIT_VERBS = (("bombing", frozenset({"فجر", "فجرت", "فجرا", "فجروا", "فجرتا"}), ("نفس", "انفس"), True, 4),
                ("arrest", frozenset({"قبض", "قبضت", "قبضوا", "قبضا"}), ("علي",), False, 4),
                ("arrest", frozenset({"القي", "القت", "القوا", "يلقي", "تلقي", "يلقون"}), ("القبض",), False, 5),
                # «ويقبع هاشم حاليا في سجن بطرابلس»: held in a prison, the subject between
                ("arrest", frozenset({"يقبع", "تقبع", "يقبعون", "يقبعان", "قبع"}), ("سجن", "السجن", "السجون", "سجون", "زنزان"),
                 True, 5),
                # «أطلقت اليوم السلطات الليبية سراح 8 تونسيين»: a release reports the detention before it
                ("arrest", frozenset({"اطلق", "اطلقت", "اطلقوا", "يطلق", "تطلق"}), ("سراح",), False, 5),
                # «أطلق المسلحون النار على الدورية»: the subject between the verb and its object
                ("attack", frozenset({"اطلق", "اطلقت", "اطلقوا", "يطلق", "تطلق", "يطلقون"}), ("النار", "الرصاص", "النيران"),
                 False, 4),
                ("arrest", frozenset({"اعترض", "اعترضت", "اعترضوا", "يعترض", "تعترض", "اعتراض", "باعتراض"}),
                 ("مهاجر", "المهاجر", "قارب", "القارب", "قوارب", "زورق", "الزورق", "زوارق"), True, 8))


_SPLIT_VERB_WORDS = frozenset(w for _, verbs, *_ in _SPLIT_VERBS for w in verbs)


def _split_verb_ops(norms: Sequence[str]) -> list[tuple[str, Match]]:
    out = []
    for i, tok in enumerate(norms):
        bare = tok[1:] if tok[:1] in ("و", "ف") and len(tok) > 3 else tok
        if bare not in _SPLIT_VERB_WORDS and tok not in _SPLIT_VERB_WORDS:
            continue
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
    if not tok.startswith(("احتجز", "يحتجز", "تحتجز", "احتجاز", "محتجز", "المحتجز")):
        return False
    return any(t.startswith(_GANGS) for t in norms[m.end:m.end + 2]) or _agent_is_gang(norms, m.end)


def _agent_is_gang(norms: Sequence[str], end: int, reach: int = 8) -> bool:
    """«تم احتجازهم منذ يومين في ليبيا من قبل مجموعة مسلحة»: the passive's agent, in the same clause, is a gang."""
    for j in range(end, min(end + reach, len(norms) - 1)):
        if norms[j] in (".", "؛", ";"):
            return False
        if norms[j] == "من" and norms[j + 1] == "قبل":
            pair = " ".join(norms[j + 2:j + 4])
            return pair.startswith(_GANGS) or pair.startswith(_ARMED_GROUPS)
    return False

# «مجموعة مسلحة», «جماعة مسلحة»: the head noun names a gang only with «مسلحة» after it
_ARMED_GROUPS = ("مجموعه مسلحه", "جماعه مسلحه")

_JIHADIST = frozenset({"داعش", "تنظيم", "التنظيم", "القاعده", "الارهابيين", "ارهابيين", "الجماعات", "جماعه"})


_VERBAL_MANNER = frozenset({"بعنف", "بشده", "بقوه", "منتقدا", "منتقده", "واصفا", "واصفه", "متهما", "متهمه", "لفظيا",
                            "كلاميا", "اعلاميا", "سياسيا"})


def _verbal_attack(norms: Sequence[str], m: Match) -> bool:
    """«هاجم نائب الوزير بعنف مستشار الأمن القومي», «هاجمت الحكومة بشدة …»: an attack verb with a manner of speech
    after it (and no casualties or shooting in the sentence, see `_specific_violence`) is criticism."""
    tok = norms[m.start]
    if tok[:1] in ("و", "ف") and len(tok) > 4:
        tok = tok[1:]
    return tok.startswith(("هاجم", "يهاجم", "تهاجم")) and any(t in _VERBAL_MANNER for t in norms[m.end:m.end + 7])


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
