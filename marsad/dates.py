"""Dates in Arabic news: absolute dates and relative expressions resolved against publication.

Month names (Western, Levantine, Maghrebi, Libyan), weekdays and relative expressions come from
`resources/dates.yaml`. An undated article never gets a date from a relative expression.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from marsad.matcher import PhraseMatcher
from marsad.text import normalize_phrase, parse_number

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PAST_WORDS = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق"})
_FUTURE_WORDS = frozenset({"المقبل", "المقبله", "القادم", "القادمه"})
_UNITS = {"يوم": DAY, "يومين": DAY, "ايام": DAY, "اسبوع": WEEK, "اسبوعين": WEEK, "اسابيع": WEEK,
          "شهر": MONTH, "شهرين": MONTH, "اشهر": MONTH, "شهور": MONTH, "عام": YEAR, "عامين": YEAR,
          "اعوام": YEAR, "سنه": YEAR, "سنتين": YEAR, "سنوات": YEAR}
_DUALS = {"يومين", "اسبوعين", "شهرين", "عامين", "سنتين"}


@dataclass(frozen=True, slots=True)
class DateMention:
    date: dt.date
    precision: str
    start: int   # token index
    end: int
    relative: bool


@dataclass(frozen=True)
class DateLexicon:
    matcher: PhraseMatcher
    relative: tuple[Mapping, ...]
    version: str = ""
    context_required: frozenset = frozenset()   # month names that are also common words


def build_date_lexicon(data: Mapping) -> DateLexicon:
    m: PhraseMatcher = PhraseMatcher()
    for month, names in (data.get("months") or {}).items():
        for name in names:
            m.add(normalize_phrase(name), ("month", int(month)))
    for day, names in (data.get("weekdays") or {}).items():
        for name in names:
            m.add(normalize_phrase(name), ("weekday", int(day)))
    context = frozenset(normalize_phrase(n) for n in data.get("context_required") or ())
    relative = tuple(data.get("relative") or ())
    for i, rel in enumerate(relative):
        for phrase in rel.get("phrases", []):
            tokens = normalize_phrase(phrase)
            if tokens:
                m.add(tokens, ("relative", i))
    return DateLexicon(m, relative, str(data.get("version", "")), context)


def shift(date: dt.date, unit: str, n: int) -> dt.date:
    if unit == DAY:
        return date + dt.timedelta(days=n)
    if unit == WEEK:
        return date + dt.timedelta(weeks=n)
    if unit == MONTH:
        total = date.year * 12 + date.month - 1 + n
        year, month = divmod(total, 12)
        return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))
    return date.replace(year=date.year + n, day=min(date.day, calendar.monthrange(date.year + n, date.month)[1]))


def _part_of(date: dt.date, unit: str, part: str | None) -> dt.date:
    """Anchor a month/year/week date on its start, middle or end ('mid' of the month = 15th)."""
    if unit == MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day={"start": 1, "mid": 15, "end": last}.get(part or "", 1))
    if unit == YEAR:
        return {"start": dt.date(date.year, 1, 1), "mid": dt.date(date.year, 7, 1),
                "end": dt.date(date.year, 12, 31)}.get(part or "", dt.date(date.year, 1, 1))
    if unit == WEEK:
        return date - dt.timedelta(days=date.weekday())
    return date


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if 1900 < year < 2100 else None
    except ValueError:
        return None


def find_dates(tokens: Sequence[str], lexicon: DateLexicon, published: dt.date | None) -> list[DateMention]:
    """Date mentions in a token sequence (normalized tokens), resolved against `published`."""
    out: list[DateMention] = []
    for i, tok in enumerate(tokens):
        m = _NUMERIC_DATE.match(tok)
        if m:
            d = _valid(int(m[3]), int(m[2]), int(m[1])) if m[1] else _valid(int(m[4]), int(m[5]), int(m[6]))
            if d:
                out.append(DateMention(d, DAY, i, i + 1, False))
    taken = {i for d in out for i in range(d.start, d.end)}
    for match in lexicon.matcher.find(tokens):
        if match.start in taken:
            continue
        kind, value = match.payloads[0]
        mention = None
        if kind == "month":
            if tuple(tokens[match.start:match.end]) in lexicon.context_required and not _month_context(tokens, match):
                continue
            mention = _month_mention(tokens, match.start, match.end, value, published)
        elif kind == "weekday":
            mention = _weekday_mention(tokens, match.start, match.end, value, published)
        elif kind == "relative" and published is not None:
            rel = lexicon.relative[value]
            unit, offset = rel.get("unit", DAY), int(rel.get("offset", 0))
            date = _part_of(shift(published, unit, offset), unit, rel.get("part"))
            mention = DateMention(date, rel.get("precision", unit), match.start, match.end, True)
        if mention:
            out.append(mention)
    out.extend(_ago_mentions(tokens, published))
    out.sort(key=lambda d: d.start)
    return out


def _month_context(tokens, match) -> bool:
    """A day number before, «شهر» before, or a year after an ambiguous month name."""
    before = tokens[match.start - 1] if match.start > 0 else ""
    after = tokens[match.end] if match.end < len(tokens) else ""
    year = parse_number(after)
    return parse_number(before) is not None or before in ("شهر", "الشهر") or (year is not None and 1900 < year < 2100)


def _month_mention(tokens, start, end, month, published) -> DateMention | None:
    day = parse_number(tokens[start - 1]) if start > 0 else None
    if day is not None and not 1 <= day <= 31:
        day = None
    year = parse_number(tokens[end]) if end < len(tokens) else None
    year_end = end + 1
    if year is None and end + 1 < len(tokens) and tokens[end] in ("من", "عام", "سنه"):
        year, year_end = parse_number(tokens[end + 1]), end + 2
    if year is not None and not 1900 < year < 2100:
        year = None
    relative = False
    if year is None:
        if published is None:
            return None
        relative = True
        year = published.year
        following = tokens[end] if end < len(tokens) else ""
        if following in _PAST_WORDS and month >= published.month:
            year -= 1
        elif following in _FUTURE_WORDS and month <= published.month:
            year += 1
        elif following not in _FUTURE_WORDS and (month, day or 1) > (published.month, published.day):
            year -= 1  # «في أكتوبر» in a February article: last October
    date = _valid(year, month, day or 1)
    if date is None:
        return None
    first = start - 1 if day is not None else start
    last = year_end if not relative else end
    return DateMention(date, DAY if day else MONTH, first, last, relative)


def _weekday_mention(tokens, start, end, weekday, published) -> DateMention | None:
    if published is None:
        return None
    following = tokens[end] if end < len(tokens) else ""
    delta = (published.weekday() - weekday) % 7
    if following in _FUTURE_WORDS:
        date = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    else:
        if following in _PAST_WORDS and delta == 0:
            delta = 7
        date = published - dt.timedelta(days=delta)
    return DateMention(date, DAY, start, end + (following in _PAST_WORDS | _FUTURE_WORDS), True)


def _ago_mentions(tokens, published) -> list[DateMention]:
    """«قبل ثلاثة أيام», «قبل يومين», «منذ أسبوع» resolved against publication."""
    if published is None:
        return []
    out = []
    for i, tok in enumerate(tokens[:-1]):
        if tok not in ("قبل", "منذ"):
            continue
        n, j = 1, i + 1
        num = parse_number(tokens[j])
        if num is not None and j + 1 < len(tokens):
            n, j = num, j + 1
        unit = _UNITS.get(tokens[j])
        if unit is None:
            continue
        if tokens[j] in _DUALS:
            n = 2
        out.append(DateMention(shift(published, unit, -n), unit, i, j + 1, True))
    return out


def parse_date_value(value) -> dt.date | None:
    """A date from an input field: ISO date/datetime, RFC-2822, dd/mm/yyyy, or a date object."""
    from email.utils import parsedate_to_datetime

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or text.lower() in ("nan", "none", "null", "nat"):
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if m:
        return _valid(int(m[3]), int(m[2]), int(m[1]))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
