"""Golden cases (cases*.yaml): short texts written for Marsad → expected ids."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from marsad.extract import extract, to_json
from marsad.text import clean_text

CASES = [case for path in sorted(Path(__file__).parent.glob("cases*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


def run(case, res):
    published = case.get("date")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    ex = extract(case.get("title", ""), clean_text(case["text"]), published, res, case.get("source"))
    return to_json({}, ex, res)


def _matches(event: dict, want: dict) -> bool:
    for key, value in want.items():
        got = event.get(key)
        if key == "date":
            value = value.isoformat() if isinstance(value, dt.date) else value
        if key == "attributed_to":
            if not set(value) <= set(got or []):
                return False
        elif got != value:
            return False
    return True


_EXPECTATIONS = frozenset({"places", "not_places", "actors", "not_actors", "events", "no_events"})


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case, res):
    want = case["expect"]
    assert want and set(want) <= _EXPECTATIONS and all(want[key] is not None and (key == "events" or want[key]) for key in want), \
        f"case {case['name']!r}: an empty or unknown expectation checks nothing: {want}"
    out = run(case, res)
    places = {p["id"] for p in out["places"]}
    groups = {a["group"] for a in out["actors"] if a["group"]}
    types = {e["type"] for e in out["events"]}
    problems = []
    problems += [f"missing place {p}" for p in want.get("places", []) if p not in places]
    problems += [f"wrong place {p}" for p in want.get("not_places", []) if p in places]
    problems += [f"missing actor {a}" for a in want.get("actors", []) if a not in groups]
    problems += [f"wrong actor {a}" for a in want.get("not_actors", []) if a in groups]
    problems += [f"wrong event type {t}" for t in want.get("no_events", []) if t in types]
    if want.get("events") == []:   # «events: []» means no operation at all
        problems += [f"unexpected event {t}" for t in sorted(types)]
    for ev in want.get("events", []):
        if not any(_matches(e, ev) for e in out["events"]):
            problems.append(f"no event matching {ev}")
    assert not problems, f"{problems}\nplaces={sorted(places)} actors={sorted(groups)}\nevents=" + "\n".join(
        str({k: e[k] for k in ('type', 'status', 'actor1', 'actor2', 'place', 'place_precision', 'date', 'date_precision', 'fatalities', 'attributed_to')}) for e in out["events"])
