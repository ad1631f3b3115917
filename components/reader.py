"""Article reader: the article text (untrusted) as escaped HTML with highlighted spans.

Spans come from place_mentions / actor_mentions / events (start, end offsets into the stored text).
Every piece of text is `html.escape`d; only the tags written here are emitted. Overlapping spans are
handled by cutting the text at every boundary and giving each piece the classes of all spans that
cover it (an operation cue that contains a place keeps both highlights).
"""
from __future__ import annotations

import html
from typing import Iterable

import pandas as pd

from components.labels import Labels

KINDS = ("place", "actor", "operation")


def _title(kind: str, row, labels: Labels, lang: str) -> str:
    if kind == "place":
        return f"{row.label_en or ''} — {row.label_ar or ''}"
    if kind == "actor":
        return labels.group_both(row.ref) if row.ref in labels.groups else f"{row.label_en or ''} — {row.label_ar or ''}"
    # operation: label_en holds the type code, label_ar the status (see query.article_spans)
    return f"{labels.op(row.label_en, lang)} · {labels.status(row.label_ar, lang)}"


def highlight_html(text: str, spans: pd.DataFrame | None, labels: Labels | None = None, lang: str = "en",
                   kinds: Iterable[str] = KINDS) -> str:
    """`<div class="mr-reader" dir="rtl" lang="ar">…</div>` with <mark class="place|actor|operation">."""
    labels = labels or Labels()
    text = text or ""
    n = len(text)
    wanted = set(kinds)
    items = []
    if spans is not None and not spans.empty:
        for row in spans.itertuples(index=False):
            if row.kind not in wanted or row.start is None or row.end is None or pd.isna(row.start) or pd.isna(row.end):
                continue
            s, e = max(0, int(row.start)), min(n, int(row.end))
            if e > s:
                items.append((s, e, row.kind, _title(row.kind, row, labels, lang)))
    cuts = sorted({0, n, *[s for s, _, _, _ in items], *[e for _, e, _, _ in items]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        cover = [it for it in items if it[0] <= a and it[1] >= b]
        if not cover:
            out.append(piece)
            continue
        classes = " ".join(k for k in KINDS if any(it[2] == k for it in cover))
        title = " | ".join(dict.fromkeys(it[3] for it in cover))
        out.append(f'<mark class="{classes}" title="{html.escape(title, quote=True)}">{piece}</mark>')
    return f'<div class="mr-reader" dir="rtl" lang="ar">{"".join(out)}</div>'


def legend_html(lang: str = "en") -> str:
    names = {"place": ("Place", "مكان"), "actor": ("Actor", "فاعل"), "operation": ("Event sentence", "جملة الحدث")}
    parts = [f'<mark class="{k}">{html.escape(names[k][1] if lang == "ar" else names[k][0])}</mark>' for k in KINDS]
    return f'<div class="mr-reader" style="font-size:0.9rem;line-height:1.6;padding:0.3rem 0.8rem">{" &nbsp; ".join(parts)}</div>'


def evidence_html(sentence: str | None, meta: str, color: str | None = None, chip: str | None = None,
                  cite: str | None = None) -> str:
    """One event's evidence sentence (Arabic, RTL) with an escaped meta line (type, date …) and an
    optional citation (outlet, title) isolated so right-to-left titles do not reorder the meta line."""
    chip_html = (f'<span class="mr-chip" style="background:{html.escape(color or "#666")}">{html.escape(chip)}</span>'
                 if chip else "")
    cite_html = f' — <bdi dir="auto">{html.escape(cite)}</bdi>' if cite else ""
    return (f'<div class="mr-evidence"><div class="m">{chip_html}<bdi>{html.escape(meta)}</bdi>{cite_html}</div>'
            f'<div class="s" dir="rtl" lang="ar">{html.escape(sentence or "")}</div></div>')
