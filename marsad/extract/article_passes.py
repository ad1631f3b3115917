"""Article-level passes over the events of one article: a strike's explosions, a bombing told as «الهجوم», a
kidnapping's release and its hostages are one operation, not several."""
from __future__ import annotations

import re
from typing import Sequence

from marsad.extract.model import Event
from marsad.extract.operation_types import _HELD_BACK, _held_by_authority, _kidnap_release
from marsad.matcher import Match
from marsad.text import Doc, normalize_phrase

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
        releasing = _release_sentence(normalize_phrase(e.sentence)) or "اخلاء" in " ".join(normalize_phrase(e.sentence))
        for start, end in e.cues:
            parts = normalize_phrase(doc.text[start:end])
            back_ref = len(parts) == 1 and parts[0].removeprefix("و").removeprefix("ب") in _HELD_BACK and releasing
            if not parts or not (back_ref or _kidnap_release(parts, Match(0, len(parts), ()))):
                return False
        return True
    # «طلبت الإفراج عن ليبي محتجز لدى الأمن»: a detainee's release
    events = [e for e in events if not (e.type == "arrest" and release_only(e)
                                        and not _held_by_authority(normalize_phrase(e.sentence), reach=None))]
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

_ARTILLERY = ("مدفع", "المدفع", "بالمدفع", "مدافع", "المدافع", "بالمدافع", "قذيف", "القذيف", "قذائف", "القذائف", "صاروخ", "الصاروخ", "صواريخ", "الصواريخ",
              "هاون", "الهاون", "راجم", "الراجم", "غراد", "كاتيوشا", "دبابات", "الدبابات")
