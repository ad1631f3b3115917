"""Operation cues, status cues and fatality words (`resources/operations.yaml`) in one cue matcher."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from marsad.matcher import PhraseMatcher
from marsad.resources import ResourceError
from marsad.text import normalize_cue

STATUSES = ("reported", "claimed", "denied", "planned")
# Cue payload kinds
OP, WEAK, SUPPORT, BLOCK, STATUS, NEGATION, SPEECH, ATTRIBUTION, PREVENT = (
    "op", "weak", "support", "block", "status", "neg", "speech", "attrib", "prevent")
WEAK_BLOCK, FOILED = "weakblock", "foiled"   # cancels a type's weak cues; a thwarted/failed attempt
NUMBER, VICTIM, DEATH, INJURY, LOWER_BOUND = "number", "victim", "death", "injury", "lower"


@dataclass(frozen=True)
class OperationType:
    code: str
    en: str
    ar: str


@dataclass(frozen=True)
class OperationLexicon:
    types: Mapping[str, OperationType]
    matcher: PhraseMatcher
    version: str = ""


def _add_all(m: PhraseMatcher, phrases, payload, source: str, where: str) -> None:
    for phrase in phrases or []:
        if not isinstance(phrase, str) or not phrase.strip():
            raise ResourceError(f"{source}: {where}: empty or non-text cue {phrase!r}")
        tokens = normalize_cue(phrase)
        if not tokens:
            raise ResourceError(f"{source}: {where}: cue {phrase!r} has no words")
        m.add(tokens, payload)


def _add_overlapping_blockers(m: PhraseMatcher, op: Mapping, code: str) -> None:
    """Matches do not overlap, so a blocker starting with a cue's last word («على الحريق» after «السيطرة على»)
    is never seen after that cue: the cue followed by the blocker's rest is added as a blocker too
    («السيطرة على الحريق»)."""
    blockers = [normalize_cue(b) for b in op.get("blockers") or [] if isinstance(b, str)]
    for cue in list(op.get("cues") or []) + list(op.get("weak_cues") or []):
        tokens = normalize_cue(cue) if isinstance(cue, str) else ()
        if len(tokens) < 2:
            continue
        last = tokens[-1]
        for b in blockers:
            if len(b) < 2 or b[0].endswith("*"):
                continue
            if b[0] == last or (last.endswith("*") and b[0].startswith(last[:-1])):
                m.add(tokens[:-1] + b, (BLOCK, code))


def build_operation_lexicon(data: Mapping, known_codes: set[str] | None = None, source: str = "operations.yaml") -> OperationLexicon:
    m: PhraseMatcher = PhraseMatcher()
    types: dict[str, OperationType] = {}
    for op in data["operations"]:
        code = op["code"]
        if known_codes is not None and code not in known_codes:
            raise ResourceError(f"{source}: operation {code!r} is not a catalogue code")
        types[code] = OperationType(code, op.get("en", code), op.get("ar", code))
        _add_all(m, op.get("cues"), (OP, code), source, f"{code}.cues")
        _add_all(m, op.get("weak_cues"), (WEAK, code), source, f"{code}.weak_cues")
        _add_all(m, op.get("support"), (SUPPORT, code), source, f"{code}.support")
        _add_all(m, op.get("blockers"), (BLOCK, code), source, f"{code}.blockers")
        _add_all(m, op.get("weak_blockers"), (WEAK_BLOCK, code), source, f"{code}.weak_blockers")
        _add_overlapping_blockers(m, op, code)
    statuses = data.get("statuses") or {}
    for status in ("denied", "claimed", "planned"):
        _add_all(m, statuses.get(status), (STATUS, status), source, f"statuses.{status}")
    _add_all(m, statuses.get("negation"), (NEGATION, None), source, "statuses.negation")
    _add_all(m, statuses.get("prevented"), (PREVENT, None), source, "statuses.prevented")
    _add_all(m, statuses.get("foiled"), (FOILED, None), source, "statuses.foiled")
    _add_all(m, statuses.get("reported_speech"), (SPEECH, None), source, "statuses.reported_speech")
    _add_all(m, data.get("attribution"), (ATTRIBUTION, None), source, "attribution")
    fat = data.get("fatalities") or {}
    for word, spec in (fat.get("number_words") or {}).items():
        value, vague = (spec.get("value"), bool(spec.get("vague"))) if isinstance(spec, Mapping) else (spec, False)
        if not isinstance(value, int):
            raise ResourceError(f"{source}: fatalities.number_words.{word}: value must be an integer")
        _add_all(m, [word], (NUMBER, (value, vague)), source, f"fatalities.number_words.{word}")
    _add_all(m, fat.get("victim_nouns"), (VICTIM, None), source, "fatalities.victim_nouns")
    _add_all(m, fat.get("death_cues"), (DEATH, None), source, "fatalities.death_cues")
    _add_all(m, fat.get("injury_cues"), (INJURY, None), source, "fatalities.injury_cues")
    _add_all(m, fat.get("lower_bound"), (LOWER_BOUND, None), source, "fatalities.lower_bound")
    return OperationLexicon(types, m, str(data.get("version", "")))
