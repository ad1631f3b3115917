"""Actor mentions: dictionary names with their dated groups, states named by adjectives, the outlet's own state's bodies."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from marsad.actors import ROLE_OUTLET, ROLE_SOURCE
from marsad.extract.model import ActorMention
from marsad.extract.names import _glued_b, capital_governs
from marsad.lexicon import Resources
from marsad.matcher import Match
from marsad.operations import (
    OP,
    WEAK,
)
from marsad.text import Doc, normalize_phrase


def _adjective_actors(doc: Doc, names: dict[int, list[Match]], cues: dict[int, list[Match]], res: Resources) -> list[ActorMention]:
    """States named by an adjective: after an operation cue («الغارة الجوية الأمريكية») or
    coordinated with a force name («القوات الخاصة البريطانية والأمريكية»)."""
    ranges = doc.ranges
    officials = res.officials.find_by_sentence(doc.norms, ranges)
    # «مقتل ثلاثة أمريكيين», «انتحاريين بريطانيين»: a plural demonym after an operation names people of
    # that nationality, not the state (patterns.yaml `state_demonyms` name it after officials only)
    demonyms = res.demonym_words
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
            if i in cue_ends and i + 1 < hi and not _nationality(doc.norms[i], res):
                j = i + 1   # «الغارة الجوية الأمريكية»: one qualifying word between cue and adjective
            while j < hi:
                group = _nationality(doc.norms[j], res)
                if group is None:
                    break
                word = doc.norms[j]
                if i not in official_ends and (word in demonyms or (word[:1] == "و" and word[1:] in demonyms)):
                    break
                t = doc.tokens[j]
                out.append(ActorMention(group, group, t.start, t.end, sent, "group", j, j + 1))
                j += 1
    return out


_QUOTES = frozenset({'"', "«", "»", "“", "”", "'"})


def _quoted_names(doc: Doc, res: Resources) -> list[ActorMention]:
    """«من قبضة "القاعدة"»: a word that names a group only in quotation marks (patterns.yaml `quoted_names`)."""
    if not res.quoted_names:
        return []
    out = []
    toks, norms, text = doc.tokens, doc.norms, doc.text
    for sent, (lo, hi) in doc.ranges.items():
        for i in range(lo, hi):
            group = res.quoted_names.get(norms[i])
            tok = toks[i]
            if group and text[tok.start - 1:tok.start] in _QUOTES and text[tok.end:tok.end + 1] in _QUOTES:
                out.append(ActorMention(group, group, tok.start, tok.end, sent, "group", i, i + 1))
    out.sort(key=lambda a: a.start)
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


def _home_state(source: str | None, res: Resources) -> str | None:
    """The state of a foreign outlet whose unqualified bodies are its own; None for Libyan outlets and
    for pan-Arab services (BBC Arabic, CNN Arabic …), which always qualify their home state's bodies."""
    if (source or "").casefold() in res.international_services:
        return None
    return outlet_state(source, res)


def _home_state_bodies(doc: Doc, names: dict[int, list[Match]], res: Resources, source: str | None) -> list[ActorMention]:
    """«وزارة الداخلية» with no nationality word, in a foreign outlet's article → that state."""
    group = _home_state(source, res)
    if group is None:
        return []
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
            while after < len(doc.tokens) and doc.norms[after] in _FORMER:
                after += 1   # «وزير الداخلية الأسبق في حكومة …»
            nxt = doc.norms[after] if after < len(doc.tokens) else ""
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
    nxt = doc.norms[end] if end < len(doc.tokens) else ""
    if nxt == "في" and end + 1 < len(doc.tokens):
        end += 1
        nxt = "ب" + doc.norms[end]
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
    prev = doc.norms[m.start - 1]
    before = doc.norms[m.start - 2] if m.start > 1 else ""
    return prev in _PATRONYMIC or before in _PATRONYMIC


def _is_location_only(doc: Doc, m: Match, res: Resources) -> bool:
    """«في باريس», «بمصر»: a country or capital used as a location, not as a government."""
    places = [res.gazetteer[i] for r, i in m.payloads if r == "place"]
    if not places:
        return False
    prev = doc.norms[m.start - 1] if m.start > 0 else ""
    before = doc.norms[m.start - 2] if m.start > 1 else ""
    border = prev == "مع" and before.startswith(("الحدود", "حدود", "والحدود"))   # «الحدود مع مصر»
    # «السفر إلى كل من ليبيا وتونس», «سكان كل من الجزائر وليبيا»: the list after a locative or a
    # population noun (the coordinated names follow through `location_end`)
    head = doc.norms[m.start - 3] if m.start > 2 else ""
    listed = prev == "من" and before == "كل" and (head in _LOCATIVE or head in _POPULATION_HEADS)
    distance = prev == "عن" and before in _DISTANCE_WORDS   # «تبعد عن تونس 600 كلم»
    economy = (prev[1:] if prev[:1] in ("و", "ل", "ب") else prev) in _ECONOMY_HEADS   # «إنتاج الولايات المتحدة»
    return (listed or distance or economy or prev in _POPULATION_HEADS or prev in _LOCATIVE or prev in _SPORTS_HEADS or prev in _BORDER_HEADS or border or _facility_head(prev)
            or _is_origin(doc, m.start) or _glued_b(doc.norms[m.start], places) or _year_in_brackets(doc, m.end))


# a post held in a body («الناطق الرسمي السابق باسم المجلس الرئاسي», «وكان الجضران آمر حرس المنشآت», «شغل منصب
# ملحق ثقافي في حكومة الغويل»): a former post does not make the body an actor (gold guidelines)
_POSTS = ("امر", "قائد", "رئيس", "مدير", "الناطق", "المتحدث", "ناطق", "متحدث", "عضو", "ملحق", "منصب", "وزير", "امين",
          "مستشار", "سفير", "نائب", "مسؤول", "قياديا", "قيادي")
_PAST_FORMER = frozenset({"السابق", "الاسبق", "السابقه", "الاسبقه", "سابقا"})
_WAS = frozenset({"كان", "وكان", "شغل", "وشغل", "تولي", "وتولي"})


def _former_post(doc: Doc, m: Match) -> bool:
    norms = doc.norms
    before = [t[1:] if t[:1] in ("و", "ب", "ل") and len(t) > 3 and t[1:].startswith(_POSTS) else t
              for t in norms[max(m.start - 4, 0):m.start]]
    if any(t in _PAST_FORMER for t in before) and any(t.startswith(_POSTS) for t in before):
        return True   # «الناطق الرسمي السابق باسم المجلس»
    # «رئيس الحكومة الليبية السابق», «رئيس تونس السابق»: a post (in the name or just before it) with «السابق» after
    if m.end < len(norms) and norms[m.end] in _PAST_FORMER and (
            norms[m.start].startswith(_POSTS) or any(t.startswith(_POSTS) for t in before[-2:])):
        return True
    window = norms[max(m.start - 7, 0):m.start]
    for k, t in enumerate(window):
        if t in _WAS:
            rest = window[k + 1:]
            # a subject between «كان» and the post («وكان الجضران آمر …»), or «شغل منصب …»
            if t.endswith(("شغل", "تولي")) or (len(rest) >= 2 and not rest[0].startswith(_POSTS)):
                return any(r.startswith(_POSTS) for r in rest)
    return False


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
    if i >= 0 and doc.norms[i] in _ORIGIN_LISTS:
        i -= 1
    if i < 0 or doc.norms[i] not in _ORIGIN_MARKS:
        return False
    head = doc.norms[i - 1] if i > 0 else ""
    if head in _AGENT_BEFORE_MIN or head[1:] in _AGENT_BEFORE_MIN or (head[:1] == "ب" and len(head) > 4):
        return False
    head2 = doc.norms[i - 2] if i > 1 else ""   # «دعما سخيا من الدوحة»: an adjective between
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
    token = doc.norms[m.start]
    if not token.endswith("يا") or not any(r == "place" and res.gazetteer[i].kind == "country" for r, i in m.payloads):
        return False
    prev = doc.norms[m.start - 1]
    return (len(prev) >= 4 and prev.endswith("ا") and not prev.endswith(("وا", "يا", "ها", "نا")) and not prev.startswith("ال")
            and prev not in _ADVERBS_A and prev.isalpha())

# «مباراة تونس», «مونديال روسيا», «منتخب مصر»: a country as a team or a tournament host
_SPORTS_HEADS = frozenset({"مباراه", "المباراه", "مونديال", "منتخب", "لمنتخب", "كاس", "بطوله", "دوري", "اولمبياد"})

_READ_ALSO = frozenset({"اقرا", "اقرئي", "طالع", "شاهد"})


def _foreign_body(doc: Doc, m: Match, group: str | None, res: Resources) -> str | None:
    """The state of a nationality adjective right after a Libyan body's name («قوات حرس السواحل
    الإيطالية», «البحرية التونسية»), else None; not after militias or jihadists (nationals, not a state)."""
    kind = res.actors.groups[group].kind if group in res.actors.groups else ""
    if kind not in ("libyan_government", "libyan_armed_force") or group == "local_militias" or m.end >= len(doc.tokens):
        return None
    nxt = doc.norms[m.end]
    return _nationality(nxt, res) if nxt[:1] != "و" else None


def _teasers(doc: Doc) -> frozenset[int]:
    """«اقرأ أيضا: …», «اقرأ.. لجنة بريطانية: …»: links to other stories inside or after the article
    (ignored, as the guidelines say); a bare «اقرأ..» sentence takes the next one with it."""
    out = set()
    for sent, (lo, hi) in doc.ranges.items():
        bare_also = hi > lo and doc.norms[lo] == "ايضا" and all(not t.norm.isalpha() for t in doc.tokens[lo + 1:hi])
        if bare_also:
            out.add(sent + 1)   # CNN «ايضاً..» on its own line, then the linked headline
        if hi > lo and doc.norms[lo] in _READ_ALSO and (hi - lo == 1 or doc.norms[lo + 1] in ("ايضا", ".", ":", "..")):
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
            if _is_location_only(doc, m, res) or (m.start == location_end and doc.norms[m.start][:1] == "و"
                                                    and any(r == "place" for r, _ in m.payloads)):
                location_end = m.end   # «في تونس ومصر», «حدود ليبيا والجزائر»: the coordinated name too
                continue
            if _is_patronymic(doc, m) or _is_accusative_nisba(doc, m, res) or _former_post(doc, m):
                continue
            if _addressee(doc, m) and all(_group_kind(res, res.actors.resolve_group(i, published)) == "international_org"
                                          for r, i in m.payloads if r != "place"):
                continue   # «في رسالة لمجلس الأمن», «تشكو مصر إلى الأمم المتحدة»: the body receives, it does not act
            seat = next((res.seats_of_government[i] for r, i in m.payloads if r == "place" and i in res.seats_of_government), None)
            if seat and m.end - m.start == 1 and capital_governs(doc.norms, m.start, *doc.ranges[sent], res.government_verbs):
                # «وطرابلس تشكو مصر»: the capital stands for the government of the date (places.yaml drops the city)
                out.append(ActorMention(seat, res.actors.resolve_group(seat, published), doc.tokens[m.start].start,
                                        doc.tokens[m.start].end, sent, res.actors[seat].role, m.start, m.end))
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
    if published is None:
        out = _undated_names_by_company(out, res)
    out = _unanchored_army(doc, out, names, res)
    out = _eastern_navy(out, names, res)
    return _members_of_named(doc, _bare_after_qualified(doc, out, res), res)

def _undated_names_by_company(mentions: list[ActorMention], res: Resources) -> list[ActorMention]:
    """In an undated article a dated name («وزير الخارجية الليبي», «المجلس الرئاسي») takes the one of its groups that the
    article names outright («حكومة الوفاق», «السراج»), not the latest by default."""
    def choices(a: ActorMention) -> set[str]:
        entry = res.actors.get(a.actor_id)
        return {f.group for f in entry.affiliations} if entry is not None else set()

    groups = [choices(a) for a in mentions]
    named = {a.group for a, g in zip(mentions, groups) if a.group and len(g) <= 1}
    out = []
    for a, g in zip(mentions, groups):
        company = g & named if len(g) > 1 else set()
        out.append(replace(a, group=company.pop()) if len(company) == 1 else a)
    return out


def _group_kind(res: Resources, group: str | None) -> str | None:
    entry = res.actors.groups.get(group) if group else None
    return entry.kind if entry is not None else None


_LETTER_NOUNS = frozenset({"رساله", "رسالتها", "رسالته", "رسائل", "شكوي", "مذكره", "خطاب", "خطابا", "رسالتين"})
_COMPLAINT_WORDS = frozenset({"تشكو", "يشكو", "شكت", "شكا", "شكوي", "شكواها", "شكواه", "رساله", "رسالتها", "رسالته", "مذكره",
                              "خطاب", "بعث", "بعثت", "وجه", "وجهت", "تقدمت", "تقدم", "احالت", "احال"})


def _addressee(doc: Doc, m: Match) -> bool:
    """A body named as the receiver of a letter or complaint: «رسالة لمجلس الأمن» (the لـ on the name after a letter
    noun) or «تشكو مصر إلى الأمم المتحدة» (إلى after a complaint or sending word within four words)."""
    if m.start == 0:
        return False
    prev = doc.norms[m.start - 1]
    if prev in _LETTER_NOUNS and doc.norms[m.start].startswith("ل"):
        return True
    return prev in ("الي", "لدي") and any(doc.norms[j] in _COMPLAINT_WORDS for j in range(max(m.start - 5, 0), m.start - 1))


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
            word = doc.norms[a.token_start]
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
    prev = doc.norms[i - 1]
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
    state = _home_state(source, res)
    if state is None:
        return {}
    aliases = res.home_aliases
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
            nat = _nationality(doc.norms[a.token_end - 1], res)
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
