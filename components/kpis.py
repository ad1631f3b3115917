"""KPI cards as one escaped HTML block (values and change vs the previous period)."""
from __future__ import annotations

import datetime as dt
import html
from typing import Any, Mapping

LABELS = {
    "articles": ("Articles", "المقالات"),
    "stories": ("Distinct stories", "القصص المختلفة"),
    "events": ("Events", "الأحداث"),
    "actors": ("Actors", "الفاعلون"),
    "places": ("Places", "الأماكن"),
    "period": ("Period covered", "الفترة المغطاة"),
}


def fmt_int(value: Any) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return "—"


def delta(current: Any, previous: Any) -> tuple[str, str]:
    """('+12 % vs previous period', 'up'|'down'|'flat'); ('', '') when no comparison."""
    if previous is None or current is None:
        return "", ""
    cur, prev = int(current), int(previous)
    if prev == 0:
        return ("new vs previous period", "up") if cur else ("no change", "flat")
    pct = (cur - prev) / prev * 100
    cls = "up" if pct > 0.5 else "down" if pct < -0.5 else "flat"
    return f"{pct:+.0f} % vs previous period ({fmt_int(prev)})", cls


def period_text(first: dt.date | None, last: dt.date | None) -> str:
    if not first or not last:
        return "—"
    return f"{first:%Y-%m-%d} → {last:%Y-%m-%d}"


def kpi_cards_html(current: Mapping[str, Any], previous: Mapping[str, Any] | None = None, lang: str = "en") -> str:
    cards = []
    for key in ("articles", "stories", "events", "actors", "places"):
        d_text, d_cls = delta(current.get(key), previous.get(key) if previous else None)
        label = LABELS[key][1] if lang == "ar" else LABELS[key][0]
        cards.append(f'<div class="mr-kpi" data-kpi="{key}"><div class="l">{html.escape(label)}</div>'
                     f'<div class="v">{html.escape(fmt_int(current.get(key)))}</div>'
                     f'<div class="d {d_cls}">{html.escape(d_text)}</div></div>')
    label = LABELS["period"][1] if lang == "ar" else LABELS["period"][0]
    cards.append(f'<div class="mr-kpi" data-kpi="period"><div class="l">{html.escape(label)}</div>'
                 f'<div class="v" style="font-size:1.0rem;padding-top:0.35rem">'
                 f'{html.escape(period_text(current.get("first"), current.get("last")))}</div><div class="d"></div></div>')
    return f'<div class="mr-kpis">{"".join(cards)}</div>'
