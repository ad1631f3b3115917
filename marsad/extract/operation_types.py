"""Operation types of one sentence: cue matches → the types it reports, after blockers, support, split verbs and
the context rules of each type (missiles named but not fired, abuse listed, people stopped, ground entered …)."""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from marsad.extract.actors import _QUOTES
from marsad.extract.model import ActorMention
from marsad.extract.status import (
    _CLAUSE_STOPS,
    _SUBSUMING_VIOLENCE,
)
from marsad.lexicon import Resources
from marsad.matcher import Match
from marsad.operations import (
    BLOCK,
    DEATH,
    INJURY,
    OP,
    SUPPORT,
    WEAK,
    WEAK_BLOCK,
)


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
    # a killing confirmed only by the victim's own militant label («مقتل عدد من القناصة», «قتلا ضمن صفوف
    # التنظيم الإرهابي») is a fighter's death, not an attack
    if "attack" in confirmed and norms and _victim_side_support_only(norms, cues):
        del confirmed["attack"]
    strong.update(confirmed)
    if norms:
        for code, m in _split_verb_ops(norms):
            if code not in strong:
                strong[code] = [m]
    # «الإفراج عن المختطفين», «مكان احتجازهما» in a kidnapping story: the release/holding is the abduction's
    if "abduction" in strong and norms and not _held_by_authority(norms):
        _drop_matches(strong, "arrest", lambda m: _kidnap_release(norms, m))
    if norms:   # «جرائم تشمل التعذيب والخطف والإعدام», «تجاوزات تتراوح بين الاعتقال والضرب»: kinds of abuse listed
        for code in ("abduction", "arrest"):
            _drop_matches(strong, code, lambda m: _abuse_list(norms, m))
    if norms:   # «تقدمت الوحدات باتجاه الملعب وسجن بشر»: a prison as a landmark
        _drop_matches(strong, "arrest", lambda m: _prison_landmark(norms, m))
    if "arrest" in strong and norms:
        held = [m for m in strong["arrest"] if _held_by_gang(norms, m)]
        if held:   # «احتجزت العصابة ثلاثة عمال»: hostages of a gang, not detainees of the state
            strong["abduction"] = strong.get("abduction", []) + held
            _drop_matches(strong, "arrest", lambda m: m in held)
    if norms and "shelling" in strong and "airstrike" not in strong:
        # «باستخدام طائرات الهليكوبتر لقصف معسكرات»: an aircraft named just before a bare «قصف» is the striker
        air = [m for m in strong["shelling"] if _aircraft_bombards(norms, m)]
        if air and all(m in air for m in strong["shelling"]):
            strong["airstrike"] = air
            del strong["shelling"]
    if norms and "shelling" in strong:
        # «صواريخ» sold, owned, found or negotiated about are no shelling without a launch, impact or casualty word
        _drop_matches(strong, "shelling", lambda m: _bare_missile(norms, m) and not _missile_used(norms, cues, m))
    if norms and not _specific_violence(norms, cues):
        # plural terror words («العمليات الإرهابية») and verbal attacks («هاجم … بعنف») report no violent act
        _drop_matches(strong, "attack", lambda m: _generic_terror(norms, m) or _verbal_attack(norms, m))
    if norms:   # «مصر تقاتل "الإرهاب" نيابة عن العالم»: fighting terrorism in the abstract is no battle
        _drop_matches(strong, "armed_clash", lambda m: _abstract_object(norms, m))
        # «#عام_على_اغتيال_جمال», «في الذكرى الثانية لاغتيال»: the anniversary of an operation is a time marker
        for code in list(strong):
            _drop_matches(strong, code, lambda m: _anniversary_of(norms, m))
        # «طائرة تابعة لنا تقصف رتلا عسكريا»: a column that is struck is the target, not a deployment
        _drop_matches(strong, "deployment", lambda m: _struck_column(norms, m))
    if "armed_clash" in strong and norms:
        # «أبرز من تم تصفيتهم خلال معارك الجيش»: eliminated in battle, not a targeted killing
        _drop_matches(strong, "assassination", lambda m: _elimination_word(norms[m.start]))
    if "deployment" not in strong and norms:
        present = _foreign_fighters_present(norms)
        if present is not None:   # «مرتزقة أوكرانيين وروس في صفوف قوات حفتر», «وجود 800 مقاتل روسي في ليبيا»
            strong["deployment"] = [present]
    if "territorial_control" not in strong and norms:
        taken = _ousted_from_positions(norms) or _force_entered(norms) or _control_taken(norms)
        if taken is not None:
            strong["territorial_control"] = [taken]
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

_SURRENDER_VERBS = frozenset({"سلم", "سلمت", "سلموا", "سلما", "سلمتا", "يسلم", "يسلمون", "يسلمان"})

_SELF = ("نفسه", "نفسها", "نفسيهما", "انفسهم", "انفسهن")

_DETAINEES = ("ارهابي", "الارهابي", "ارهابيين", "مطلوب", "المطلوب", "متهم", "المتهم", "مقاتل", "المقاتل", "عناصر",
              "العناصر", "مسلح", "المسلح", "اسري", "الاسري", "محتجز", "المحتجز", "معتقل", "المعتقل", "سجين", "السجين",
              "سجناء", "السجناء", "موقوف", "الموقوف", "مشتبه", "المشتبه", "دواعش", "الدواعش")

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
                 ("مهاجر", "المهاجر", "قارب", "القارب", "قوارب", "زورق", "الزورق", "زوارق"), True, 8),
                # «سلّم بعض المسلحين أنفسهم», «سلّم الشخصان … نفسيهما إلى السلطات»: fighters who surrender
                ("arrest", _SURRENDER_VERBS, _SELF, False, 10),
                # «الذي سقط الاثنين في قبضة الجيش», «وقع القذافي في قبضة تلك المجموعات» (a person; «سقطت المدينة
                # في قبضة المتطرفين» is feminine and stays territorial)
                ("arrest", frozenset({"سقط", "سقطوا", "وقع", "وقعوا"}), ("قبضه", "بقبضه"), False, 4),
                # «ووقع اثنان منهم أسرى لدى الجيش», «وقع ثالث أسيرا»
                ("arrest", frozenset({"وقع", "وقعوا", "وقعا", "وقعت"}), ("اسيرا", "اسري", "اسيرين", "الاسر", "اسيره"), False, 4),
                # «تسلمت تونس البارحة إرهابيين من طرف الأمن الليبي»: a custody hand-over received
                ("arrest", frozenset({"تسلمت", "تسلم", "يتسلم", "تتسلم", "سيتسلم", "ستتسلم", "تسلموا", "استلمت", "استلم",
                                      "لتسلم", "بتسلم"}), _DETAINEES, True, 4),
                # «دفعت رئاسة الأركان بجنود جدد إلى المحور»: forces pushed to a front, the subject between
                ("deployment", frozenset({"دفع", "دفعت", "يدفع", "تدفع", "ستدفع", "سيدفع", "دفعوا"}),
                 ("بجنود", "بتعزيزات", "بقوات", "بوحدات", "بمزيد", "بالمزيد", "بكتيب", "بارتال", "برتل", "بمقاتلين", "باليات"),
                 True, 4))

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
    return out + _people_stopped(norms) + _coast_guard_pickup(norms)

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
    before = norms[max(m.start - 3, 0):m.start]
    rel = len(before) >= 2 and before[-1] in ("التي", "الذي", "الذين") and any(t.startswith(_GANGS) for t in before[:-1])
    return rel or any(t.startswith(_GANGS) for t in norms[m.end:m.end + 2]) or _agent_is_gang(norms, m.end)


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

# a verb of judging coordinated with the attack verb («وهاجم X كل من الحكومة واعتبر …»), when nothing armed
# is named in the sentence
_JUDGING_COORD = frozenset({"واعتبر", "واعتبرت", "معتبرا", "معتبره", "وانتقد", "وانتقدت", "واتهم", "واتهمت", "ووصف", "ووصفت"})

_ARMED_WORDS = ("مسلح", "المسلح", "مجهول", "المجهول", "ملثم", "رصاص", "الرصاص", "بالرصاص", "النار", "قذائف", "عبوه", "ناسف")


def _verbal_attack(norms: Sequence[str], m: Match) -> bool:
    """«هاجم نائب الوزير بعنف مستشار الأمن القومي», «هاجمت الحكومة بشدة …»: an attack verb with a manner of speech
    after it (and no casualties or shooting in the sentence, see `_specific_violence`) is criticism."""
    tok = norms[m.start]
    if tok[:1] in ("و", "ف") and len(tok) > 4:
        tok = tok[1:]
    if not tok.startswith(("هاجم", "يهاجم", "تهاجم")):
        return False
    if any(t in _VERBAL_MANNER for t in norms[m.end:m.end + 7]):
        return True
    return any(t in _JUDGING_COORD for t in norms[m.end:m.end + 9]) and not any(
        t.lstrip("وب").startswith(_ARMED_WORDS) or t.startswith(_ARMED_WORDS) for t in norms)


_ABSTRACT_ENEMIES = frozenset({"الارهاب", "التطرف", "الفساد", "الجريمه", "التهريب", "الفقر", "الوباء", "كورونا"})

def _abstract_object(norms: Sequence[str], m: Match) -> bool:
    """A fight verb whose object, quoted or not, is an abstraction («تقاتل "الإرهاب"», «يقاتلون الفساد»)."""
    after = [t for t in norms[m.end:m.end + 3] if t not in _QUOTES]
    return bool(after) and after[0] in _ABSTRACT_ENEMIES


_ANNIVERSARY_ORDINALS = frozenset({"الاولي", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه", "السابعه", "الثامنه",
                                   "التاسعه", "العاشره"})
_ANNIVERSARY_HEADS = frozenset({"ذكري", "الذكري", "بذكري", "بالذكري", "لذكري", "للذكري"})
_YEARS_SINCE = frozenset({"عام", "عامان", "عامين", "سنه", "سنتان", "سنتين", "اعوام", "سنوات", "عقد"})


def _anniversary_of(norms: Sequence[str], m: Match) -> bool:
    """«عام على اغتيال …», «الذكرى الثانية لاغتيال …», «ذكرى تحرير …»: an anniversary word just before the cue (a
    hashtag's underscores and an ordinal may stand between)."""
    before = [t for t in norms[max(m.start - 5, 0):m.start] if t not in ("_", "#")]
    if not before:
        return False
    if before[-1] in _ANNIVERSARY_ORDINALS:
        before = before[:-1]
    if before and before[-1] in _ANNIVERSARY_HEADS:
        return True
    return len(before) >= 2 and before[-1] in ("علي", "مرور") and before[-2] in _YEARS_SINCE


_STRIKE_VERBS = ("قصف", "تقصف", "يقصف", "قصفت", "استهدف", "تستهدف", "يستهدف", "استهدفت", "ضرب", "ضربت", "تضرب",
                 "دمر", "دمرت", "تدمير", "استهداف")


def _struck_column(norms: Sequence[str], m: Match) -> bool:
    """A column («رتل», «أرتال») right after a strike verb is the strike's target."""
    if not norms[m.start].lstrip("و").startswith(("رتل", "الرتل", "ارتال", "الارتال")) or m.start == 0:
        return False
    prev = norms[m.start - 1]
    prev = prev[1:] if prev[:1] in ("و", "ف", "ب", "ل") and len(prev) > 4 else prev
    return prev.startswith(_STRIKE_VERBS)


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


_MERCENARY = ("مرتزق", "المرتزق", "بالمرتزق", "للمرتزق", "لمرتزق", "بمرتزق", "ومرتزق", "والمرتزق")
_FIGHTERS = ("مقاتل", "المقاتل", "بمقاتل", "لمقاتل", "للمقاتل", "ومقاتل", "والمقاتل", "مسلحين", "المسلحين")
_FOREIGN = frozenset({"اجانب", "الاجانب", "اجنبي", "الاجنبي", "روس", "الروس", "روسي", "الروسي", "اوكرانيين", "سوريين",
                      "السوريين", "سودانيين", "السودانيين", "تشاديين", "التشاديين", "افارقه", "الافارقه"})
# words that place the fighters in Libya's war: in a side's ranks, beside it, present, on the ground, enlisted, counted
_PRESENCE = frozenset({"صفوف", "بصفوف", "جانب", "وجود", "بوجود", "الارض", "استعانه", "لاستعانه", "باستعانه", "استعان",
                       "استعانت", "توجه", "جنسيات", "اعداد", "وصول", "انتشار", "تواجد"})


def _foreign_fighters_present(norms: Sequence[str]) -> Match | None:
    """Mercenaries or fighters named as foreign, with a word placing them in the war within six words
    («يقاتل مرتزقة فاغنر إلى جانب قوات», «أعداد وجنسيات المقاتلين الأجانب في ليبيا», «استعانة الأخير بمقاتلين
    أجانب»): a presence of forces (guidelines: fighters moved into Libya are a deployment)."""
    for i, tok in enumerate(norms):
        foreign = tok.startswith(_MERCENARY) or (
            tok.startswith(_FIGHTERS) and i + 1 < len(norms) and norms[i + 1] in _FOREIGN)
        if not foreign:
            continue
        window = norms[max(i - 6, 0):i + 7]
        if any(w in _PRESENCE or (w[:1] in ("و", "ب", "ل") and w[1:] in _PRESENCE) for w in window) or any(
                window[k] == "في" and window[k + 1] == "ليبيا" for k in range(len(window) - 1)):
            return Match(i, i + 1, ((OP, "deployment"),))
    return None


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

# «الجيش دخل أكبر أحياء المدينة», «غداة دخوله المدينة»: a force entering a place (the subject before the verb, which
# the phrase cues «دخلت قوات …» do not cover)
_ENTRY_WORDS = frozenset({"دخل", "دخلت", "دخلوا", "يدخل", "تدخل", "سيدخل", "ستدخل", "دخول", "دخوله", "دخولها", "دخولهم"})

_ENTRY_SKIP = frozenset({"الي", "اكبر", "احد", "اخر", "بعض", "معظم"})

_ENTERED_PLACES = ("احياء", "الاحياء", "حي", "مدين", "المدين", "منطق", "المنطق", "بلد", "البلد", "قاعد", "القاعد", "معسكر",
                   "المعسكر", "مطار", "المطار", "ميناء", "الميناء", "معبر", "المعبر", "الهلال", "قري", "القري", "ضاحي", "الضاحي")

_ENTERING_FORCES = ("الجيش", "القوات", "قوات", "وحدات", "الوحدات", "الكتائب", "كتائب", "كتيب", "الكتيب", "داعش", "التنظيم",
                    "تنظيم", "الميليشيا", "ميليشيا", "المليشيا", "مليشيا", "مسلح", "المسلح", "المقاتلين", "مقاتلي", "الثوار")


def _force_entered(norms: Sequence[str]) -> Match | None:
    """An entry verb with a force named within six words before it (or a noun with the force as its pronoun,
    «دخوله»), followed by a place word: ground taken."""
    for i, tok in enumerate(norms):
        bare = tok[1:] if tok[:1] in ("و", "ف", "ب", "ل") and len(tok) > 4 else tok
        if bare not in _ENTRY_WORDS:
            continue
        pronoun_noun = bare.startswith("دخول") and bare != "دخول"
        if not pronoun_noun and not any(t.startswith(_ENTERING_FORCES) or t[1:].startswith(_ENTERING_FORCES)
                                        for t in norms[max(i - 6, 0):i]):
            continue
        j = i + 1
        while j < len(norms) and j <= i + 3 and norms[j] in _ENTRY_SKIP:
            j += 1
        if j < len(norms) and norms[j].startswith(_ENTERED_PLACES):
            return Match(i, i + 1, ((OP, "territorial_control"),))
    return None

# «غداة سيطرة الجيش على المدينة», «بعد سيطرة داعش عليها»: the control noun after a time word names a taking;
# «تحت سيطرة», «مناطق سيطرة», «الخاضعة لسيطرة» describe who holds what
_STATIC_CONTROL = frozenset({"تحت", "خارج", "مناطق", "المناطق", "منطقه", "الخاضعه", "خاضعه", "خاضعا", "بقيت", "لازالت",
                             "تتنازع", "تعزيز", "يعزز"})

_TAKING_TIME = frozenset({"بعد", "غداه", "عقب", "اثر", "منذ", "قبل", "مع", "وبعد", "اعلن", "اعلنت", "امتدت", "وامتدت",
                          "توسعت"})


def _control_taken(norms: Sequence[str]) -> Match | None:
    for i, tok in enumerate(norms):
        if tok not in ("سيطره", "لسيطره", "بسيطره", "وسيطره"):
            continue
        prev = norms[i - 1] if i else ""
        if prev in _STATIC_CONTROL or prev.startswith("لل"):
            continue
        if prev not in _TAKING_TIME and tok[:1] not in ("ل", "ب"):
            continue
        for j in range(i + 2, min(i + 8, len(norms))):
            if norms[j] in ("،", ",", ".", "؛"):
                break
            if norms[j] in ("علي", "من"):
                return Match(i, i + 1, ((OP, "territorial_control"),))
    return None

_RELEASE_OR_HOLD = ("اطلاق", "الافراج", "افراج", "افرج", "يفرج", "تفرج", "اطلق", "اطلقت", "يطلق", "تطلق", "احتجاز", "الاحتجاز",
                    "احتجز", "يحتجز", "تحتجز", "اخلاء")

_AUTHORITY = ("الامن", "امن", "الشرطه", "شرطه", "السلطات", "سلطات", "النيابه", "القضاء", "السجون", "السجن", "سجن", "الحرس",
              "الجيش", "قوات", "القوات", "الاجهزه", "جهاز")


def _kidnap_release(norms: Sequence[str], m: Match) -> bool:
    tok = norms[m.start]
    if tok.startswith("لل"):   # «للافراج عن» = لـ + الافراج
        tok = "ا" + tok[1:]
    elif tok[:1] in ("و", "ف", "ب", "ل") and len(tok) > 4 and not tok.startswith(("الا", "الإ")):
        tok = tok[1:]
    return tok.startswith(_RELEASE_OR_HOLD)

_MISSILE_NOUNS = frozenset({"صاروخ", "صواريخ", "الصاروخ", "الصواريخ", "صاروخي", "الصاروخي", "صاروخيه", "الصاروخيه"})

_MISSILE_USE = ("اطلق", "يطلق", "تطلق", "اطلاق", "سقط", "يسقط", "تسقط", "سقوط", "اصاب", "استهدف", "يستهدف", "تستهدف",
                "استهداف", "قصف", "القصف", "يقصف", "تقصف", "دك", "يدك", "تدك", "انفجر", "انفجار", "استخدام", "الاستخدام",
                "استخدم", "باتجاه", "ضرب", "تضرب", "يضرب")


def _bare_missile(norms: Sequence[str], m: Match) -> bool:
    """A missile noun alone («صواريخ», «للصواريخ»), not a phrase such as «إطلاق صواريخ»."""
    if m.end - m.start != 1:
        return False
    tok = norms[m.start]
    if tok.startswith(("لل", "ولل", "فلل")):   # «للصواريخ» = لـ + الصواريخ
        tok = "ال" + tok.split("لل", 1)[1]
    if tok in _MISSILE_NOUNS:
        return True
    return tok[:1] in ("و", "ف", "ب", "ل", "ك") and tok[1:] in _MISSILE_NOUNS


def _missile_used(norms: Sequence[str], cues: Sequence[Match], m: Match) -> bool:
    """Missiles fired: casualties within eight words, or a launch, fall, strike or impact word in the sentence."""
    if any(kind in (DEATH, INJURY) and abs(c.start - m.start) <= 8 for c in cues for kind, _ in c.payloads):
        return True   # casualties next to the missile («سقط صاروخ … قتل شخصان»)
    return any((t[1:] if t[:1] in ("و", "ف") and len(t) > 3 else t).startswith(_MISSILE_USE) for t in norms)

_MILITANT_LABELS = ("ارهابي", "الارهابي", "مسلح", "المسلح", "قناص", "القناص", "ميليشي", "مليشي", "الميليشي", "المليشي",
                    "عناصر", "مجموعه")

_KILL_NOUNS = ("مقتل", "بمقتل", "لمقتل", "ومقتل", "مصرع", "بمصرع", "ومصرع")

_AGENT_MARKERS = frozenset({"علي", "يد", "بيد", "ايدي", "بايدي", "برصاص", "بنيران", "قبل", "جراء", "في", "خلال", "اثر",
                            "عقب", "بعد", "اثناء", "اثناءها", "عندما", "حين", "بسبب", "برصاصه"})


def _victim_side_support_only(norms: Sequence[str], cues: Sequence[Match]) -> bool:
    """All attack support words stand on the victim's side: within 4 words after a killing noun with no agent marker
    between («مقتل 10 من العناصر الإرهابية»), or right after «صفوف» («قتلا ضمن صفوف التنظيم الإرهابي»)."""
    kills = [c.start for c in cues for k, v in c.payloads if k == WEAK and v == "attack"
             and norms[c.start].startswith(_KILL_NOUNS)]
    sup = [c for c in cues for k, v in c.payloads if k == SUPPORT and v == "attack"]
    if not sup or not kills and not any(norms[j].lstrip("و").startswith(("صفوف", "بصفوف")) for j in range(len(norms))):
        return False
    if not all(norms[c.start].lstrip("وبل").startswith(_MILITANT_LABELS) for c in sup):
        return False   # «برصاص», «مجهولين», «أطلق»: the act itself, not the victim's label
    def victim(c):
        if any(norms[j].lstrip("و").startswith(("صفوف", "بصفوف")) for j in range(max(c.start - 2, 0), c.start)):
            return True
        for k in kills:
            if k < c.start <= k + 4 and not any(norms[j] in _AGENT_MARKERS for j in range(k + 1, c.start)):
                return True
        return False
    return all(victim(c) for c in sup)

_KILL_WORDS = ("قتل", "مقتل", "يقتل", "تقتل", "لقتل", "بقتل", "وقتل", "ويقتل", "فقتل", "مصرع")

_TIME_MARKS = frozenset({"قبل", "بعد", "منذ", "عقب", "اثر", "وبعد", "وقبل", "ومنذ"})

_SUBJ_CARRIERS = frozenset({"لكنه", "ولكنه", "انه", "بانه", "الذي", "وانه"})


def _person_victim(found: dict[str, list[Match]], norms: Sequence[str], cues: Sequence[Match],
                   sent_actors: list[ActorMention], lo: int, res: Resources) -> dict[str, list[Match]]:
    """A killing typed `attack` only by killing words whose victim is a named person («لقتل القذافي»,
    «قبض المسلحون على القذافي وقتلوه», «القذافي ... لكنه قتل») is an assassination (guidelines); «قبل مقتل القذافي»
    is a time marker (no operation)."""
    if "attack" not in found or "assassination" in found:
        return found
    ms = found["attack"]
    if not all(any(k == WEAK for k, _ in m.payloads) for m in ms):
        return found
    persons = []
    for a in sent_actors:
        ent = res.actors.get(a.actor_id)
        if ent is not None and getattr(ent, "kind", None) == "person":
            persons.append((a.token_start - lo, a.token_end - lo))
    if not persons:
        return found
    hit, timemark = False, False
    for m in ms:
        tok = norms[m.start]
        if not tok.startswith(_KILL_WORDS):
            return found
        after = any(m.end <= s <= m.end + 2 for s, _ in persons)
        pron = tok.endswith(("ه", "ها", "وه")) and any(e <= m.start for _, e in persons)
        passive = m.start > 0 and norms[m.start - 1] in _SUBJ_CARRIERS and any(e <= m.start for _, e in persons)
        if after or pron or passive:
            hit = True
            if after and m.start > 0 and norms[m.start - 1] in _TIME_MARKS:
                timemark = True
        else:
            return found
    if not hit:
        return found
    found = dict(found)
    ms = found.pop("attack")
    if not timemark:
        found["assassination"] = ms
    return found

_AIRCRAFT = ("طائر", "الطائر", "بطائر", "مروحي", "المروحي", "هليكوبتر", "الهليكوبتر", "هيلكوبتر", "الهيلكوبتر", "مقاتلات",
             "المقاتلات", "طيران", "الطيران")

_BARE_QASF = ("قصف", "القصف", "يقصف", "تقصف", "قصفت", "قصفوا", "قصفا", "لقصف", "بقصف", "وقصف", "وقصفت")


def _aircraft_bombards(norms: Sequence[str], m: Match) -> bool:
    """«باستخدام طائرات الهليكوبتر لقصف معسكرات»: an aircraft named at most four words before a bare «قصف» — or
    after it as the striker: «بقصف لطائرة تابعة لقوات حفتر», «القصف الذي نفذته طائرات», «تدل على أن الطائرات تتبع
    لدولتين» (not an aircraft hit: «قصف طائرة مدنية» has no agent mark)."""
    if m.end - m.start != 1 or not norms[m.start].startswith(_BARE_QASF):
        return False
    if any(norms[j].lstrip("و").startswith(_AIRCRAFT) for j in range(max(m.start - 4, 0), m.start)):
        return True
    for j in range(m.end, min(m.end + 10, len(norms))):
        tok = norms[j].lstrip("و")
        if tok.startswith(_AGENT_AIRCRAFT) or (tok.startswith(_AIRCRAFT) and (
                norms[j - 1] in _CARRIED_OUT_BY or (j + 1 < len(norms) and norms[j + 1] in _BELONGING))):
            return True
    return False

# an aircraft with the agentive لـ/بـ («قصف لطائرة», «قصف بطائرات مسيرة»), after «نفذته/شنته», or that «belongs to» a side
_AGENT_AIRCRAFT = ("لطائر", "بطائر", "للطائر", "بالطائر", "لمقاتلات", "بمقاتلات", "للمقاتلات", "بالمقاتلات", "لمروحي",
                   "بمروحي", "للطيران", "بالطيران")
_CARRIED_OUT_BY = frozenset({"نفذته", "نفذتها", "شنته", "شنتها", "تنفذه", "تشنه", "نفذه", "شنه"})
_BELONGING = frozenset({"تابعه", "التابعه", "تتبع", "يتبع", "تابعتين", "مجهوله"})

# «أنقذت البحرية الليبية أكثر من مئة مهاجر», «انتشل خفر السواحل الليبي مئات المهاجرين»: migrants picked up by a
# Libyan or Tunisian coast guard or navy are landed and detained (guidelines: arrest); not a foreign navy's or an
# NGO's rescue, not bodies recovered
_CG_HEAD = frozenset({"خفر", "حرس", "البحريه", "القوات"})

_CG_LOCAL = ("الليبي", "التونسي", "الوطني", "الوطنيه")

_PICKUP = ("انقذ", "انقاذ", "لانقاذ", "وانقذ", "انتشل", "انتشال", "وانتشل", "لانتشال")

_MIGRANTS = ("مهاجر", "المهاجر", "لاجئ", "اللاجئ", "ناجي", "الناجي", "افارقه", "الافارقه", "مئات", "عشرات", "الاف")


def _coast_guard_pickup(norms: Sequence[str]) -> list[tuple[str, Match]]:
    """A rescue or pick-up verb within six words of a Libyan or Tunisian coast guard or navy, with migrants or a number
    as its object (not bodies): an arrest (guidelines)."""
    local = []
    for i, tok in enumerate(norms):
        t = tok[1:] if tok[:1] in ("و", "ب", "ل") and tok[1:] in _CG_HEAD else tok
        if t in ("خفر", "حرس") and i + 2 < len(norms) and norms[i + 1] == "السواحل" and norms[i + 2].startswith(_CG_LOCAL):
            local.append(i)
        elif t == "البحريه" and i + 1 < len(norms) and norms[i + 1].startswith(_CG_LOCAL):
            local.append(i)
        elif t == "القوات" and i + 2 < len(norms) and norms[i + 1] == "البحريه" and norms[i + 2].startswith(_CG_LOCAL):
            local.append(i)
        elif t == "الحرس" and i + 1 < len(norms) and norms[i + 1] == "البحري":
            local.append(i)
    if not local:
        return []
    out = []
    for i, tok in enumerate(norms):
        if not tok.startswith(_PICKUP) or not any(abs(i - j) <= 6 for j in local):
            continue
        after = norms[i + 1:i + 9]
        for a in after:
            if a.startswith(("جثث", "جثه", "الجثث", "جثامين")):
                break   # «انتشل خفر السواحل الليبي جثث سبعة مهاجرين»: bodies recovered
            if a.startswith(_MIGRANTS) or a.isdigit():
                out.append(("arrest", Match(i, i + 1, ((OP, "arrest"),))))
                break
        if out:
            break
    return out


def _surrender_cue(norms: Sequence[str], c: Match) -> bool:
    """«سلموا أنفسهم», «استسلم»: the cue is a surrender verb."""
    tok = norms[c.start]
    tok = tok[1:] if tok[:1] in ("و", "ف") and len(tok) > 3 else tok
    return tok in _SURRENDER_VERBS or tok.startswith("استسلم")

_ABUSE_HEADS = ("جرائم", "الجرائم", "انتهاكات", "الانتهاكات", "تجاوزات", "التجاوزات", "ممارسات", "الممارسات")

_ABUSE_NOUNS = frozenset({"الخطف", "الاختطاف", "الاعتقال", "الاحتجاز", "التعذيب", "القتل", "الاعدام", "الضرب", "الاغتصاب",
                          "الاستغلال", "الابتزاز", "الاتجار", "السرقه", "النهب", "الاخفاء", "التهجير"})


def _abuse_list(norms: Sequence[str], m: Match) -> bool:
    """A bare definite verbal noun coordinated with other abuse nouns after «جرائم/انتهاكات/تجاوزات» names a kind of
    abuse, not an operation."""
    if m.end - m.start != 1:
        return False
    def bare(t):
        return t[1:] if t[:1] in ("و", "ل", "ب") and t[1:] in _ABUSE_NOUNS else t
    tok = bare(norms[m.start])
    if tok not in _ABUSE_NOUNS:
        return False
    near = [bare(t) for t in norms[max(m.start - 2, 0):m.start] + norms[m.start + 1:m.start + 3]]
    if not any(t in _ABUSE_NOUNS for t in near):
        return False
    return any(t.removeprefix("و").removeprefix("ب").removeprefix("ل").startswith(_ABUSE_HEADS) for t in norms[max(m.start - 8, 0):m.start])

_HELD_BACK = frozenset({"اعتقاله", "اعتقالها", "اعتقالهم", "اعتقالهما", "احتجازه", "احتجازها", "احتجازهم", "احتجازهما"})


_DETAINEE_NOUNS = ("محتجز", "موقوف", "معتقل", "سجين", "سجناء")


def _held_by_authority(norms: Sequence[str], reach: int | None = 5) -> bool:
    """«طالبوا بالإفراج عن قريب لهم محتجز لدى الشرطة»: the release demanded is of a detainee of the state — a detainee
    noun with an authority word within `reach` words after it (None: anywhere in the sentence)."""
    for i, t in enumerate(norms):
        if t.removeprefix("و").removeprefix("ال").startswith(_DETAINEE_NOUNS):
            window = norms if reach is None else norms[i + 1:i + 1 + reach]
            if any(w.removeprefix("و").removeprefix("ل").removeprefix("ب").startswith(_AUTHORITY) for w in window):
                return True
    return False
