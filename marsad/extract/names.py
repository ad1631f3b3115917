"""Dictionary matches per sentence (names, cues), country context, and discovery candidates."""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import Sequence

from marsad.extract.model import Candidate
from marsad.lexicon import Resources
from marsad.matcher import Match
from marsad.operations import (
    OP,
    STATUS,
    SUPPORT,
    WEAK,
)
from marsad.places import Place
from marsad.text import Doc, normalize_phrase


def _pronoun_suffixed(word: str) -> bool:
    """«صفوفهم», «قواتها»: a possessive suffix marks a common noun, not a name."""
    return len(word) > 5 and word.endswith(("هم", "هما", "ها", "كم", "هن"))


def _candidates(doc: Doc, names: dict[int, list[Match]], res: Resources,
                cues: dict[int, list[Match]] | None = None) -> list[Candidate]:
    """Words after «مدينة», «كتيبة», «المتحدث باسم» … that no dictionary entry covers and that read as a name: not a
    function word, an operation or status word («قوات انسحبت», «الكتيبة بالقبض»), a prepositional phrase
    («قوة للأغراض»), an indefinite adjective («جماعة إرهابية», «مدينة منكوبة») or a participle («قوات محسوبة»).
    A commander's unit («آمر القوة الثالثة») is the armed group «القوة الثالثة»."""
    known_tokens = {i for matches in names.values() for m in matches for i in range(m.start, m.end)}
    cue_tokens = {doc.ranges[sent][0] + i for sent, matches in (cues or {}).items() for m in matches
                  if any(kind in _WORD_CUES for kind, _ in m.payloads) for i in range(m.start, m.end)}
    out: list[Candidate] = []
    for sent, matches in res.discovery.find_by_sentence(doc.norms, doc.ranges).items():
        _, hi = doc.ranges[sent]
        for m in matches:
            kind, words, cue = m.payloads[0]
            start = m.end
            if "أ" in doc.tokens[m.start].text and doc.tokens[m.start].norm.endswith("امر"):
                continue   # «أمر قاض بحبسه»: «أمر» (ordered, an order) is not «آمر» (commander)
            if kind == "place" and start < hi and doc.tokens[start].norm in _COMPOUND_HEADS:
                words = 2   # «منطقة سيدي فرج», «حي بئر الأسطى»
            if kind == "person" and start < hi and doc.tokens[start].norm in _UNIT_NOUNS:
                kind, start, words = "armed_group", start + 1, 1   # a commander's unit: one name word after it
            end = start
            while end < hi and end - start < words:
                tok = doc.tokens[end]
                if (not tok.norm.isalpha() or tok.norm in res.not_names or end in known_tokens or end in cue_tokens
                        or len(tok.norm) < 2 or _pronoun_suffixed(tok.norm) or tok.norm.startswith(_PREPOSITIONAL)):
                    break
                end += 1
            if end == start or start in known_tokens or _not_a_name(doc.tokens[start].norm, kind) \
                    or (start + 1 < hi and doc.tokens[start + 1].norm in _RESUMPTIVE):
                continue
            if start > m.end:
                start = m.end   # «القوة الثالثة»: the unit noun is part of the name
            text = doc.text[doc.tokens[start].start:doc.tokens[end - 1].end]
            out.append(Candidate(cue, kind, text, " ".join(t.norm for t in doc.tokens[start:end]), sent,
                                 doc.tokens[start].start, doc.tokens[end - 1].end))
    return out

_WORD_CUES = frozenset({OP, WEAK, STATUS, SUPPORT})

# a commander of a unit: «آمر القوة الثالثة», «قائد الكتيبة 166»
_UNIT_NOUNS = frozenset(normalize_phrase("القوة الكتيبة اللواء السرية المجموعة الغرفة الوحدة قوة كتيبة لواء سرية مجموعة "
                                         "غرفة وحدة"))

# heads of compound place names, which take the next word with them
_COMPOUND_HEADS = frozenset(normalize_phrase("سيدي عين بئر رأس وادي بني بن أبو بو أم"))

# «بالقبض», «للأغراض», «كالعادة», «بتشكيل»: a preposition with the article or a verbal noun, never the start of a name
_PREPOSITIONAL = ("بال", "لل", "كال", "بت")

# «مدينة تسيطر عليها الميليشيات»: a verb with its resumptive pronoun, not a name
_RESUMPTIVE = frozenset(normalize_phrase("عليها عليه عليهم فيها فيه فيهم منها منه بها به لها له"))


def _not_a_name(word: str, kind: str) -> bool:
    """An indefinite adjective in -iyya («إرهابية», «برية», «عادية»); for groups and people also an indefinite
    participle («محسوبة», «متحالفة», «مندسين») or accusative («جريحا»), and for people a plural («تساؤلات»)."""
    if word.startswith("ال") or len(word) < 4:
        return False
    if word.endswith("يه"):
        return True
    if kind == "place" or len(word) < 5:
        return False
    return (word.startswith("م") and word.endswith(("ه", "ين", "ون"))) or word.endswith("ا") \
        or (kind == "person" and word.endswith("ات"))


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


def _name_matches(doc: Doc, res: Resources) -> dict[int, list[Match]]:
    """Dictionary-name matches per sentence (token indices are global into doc.tokens)."""
    out: dict[int, list[Match]] = defaultdict(list)
    norms = doc.norms
    fixed = [_doubled_alef(n) for n in norms] if "اال" in " ".join(norms) else norms   # typos are rare
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


def _glued_b(token: str, places: list[Place]) -> bool:
    """The name carries the preposition ب («بمصر», «وبسرت») — not a name that starts with ب."""
    if len(token) <= 3 or not (token[0] == "ب" or token[:2] in ("وب", "فب")):
        return False
    bare = token[1:] if token[0] in "وف" else token   # «وبريطانيا»: the conjunction, then a name in ب
    return not any(normalize_phrase(n)[:1] in ((token,), (bare,)) for p in places for n in p.names_ar)


def capital_governs(norms: Sequence[str], i: int, lo: int, hi: int, verbs: frozenset) -> bool:
    """A capital that is the subject of a verb of governing right after or before it («وطرابلس تشكو مصر», «إذا طلبت
    طرابلس ذلك») stands for its government."""
    def bare(t: str) -> str:
        return t[1:] if t[:1] in ("و", "ف") and len(t) > 3 else t
    return (i + 1 < hi and bare(norms[i + 1]) in verbs) or (i - 1 >= lo and bare(norms[i - 1]) in verbs)
