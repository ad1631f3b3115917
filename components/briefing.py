"""Briefing: the current filters as one print-ready set of pieces, shared by the Briefing page and
its exports (self-contained HTML, PNG charts, CSV, GeoJSON). Takes a DuckDB connection, no Streamlit."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from components import charts
from components.export import briefing_html, events_csv, events_geojson_bytes, figure_png
from components.labels import Labels
from components.mapview import build_map, standalone_html
from components.reader import evidence_html
from components.style import op_color
from marsad import query as Q


def title_for(f: Q.Filters, labels: Labels, lg: str) -> str:
    base = "موجز مرصد" if lg == "ar" else "Marsad briefing"
    bits = []
    if f.places:
        bits.append(", ".join(labels.place(p, lg) for p in f.places[:3]))
    if f.actors:
        bits.append(", ".join(labels.group(a, lg) for a in f.actors[:3]))
    if f.date_from or f.date_to:
        bits.append(f"{f.date_from or '…'} – {f.date_to or '…'}")
    return base + (": " + " · ".join(bits) if bits else "")


def _runner(con, fetch=None):
    """fetch(name, filters, *args) → query result; default: call marsad.query directly on `con`."""
    if fetch is not None:
        return fetch
    return lambda name, filters, *args: getattr(Q, name)(con, filters, *args)


def figures(con, f: Q.Filters, labels: Labels, lg: str, fetch=None) -> list[tuple[str, str, go.Figure]]:
    """(slug, title, figure) for the briefing charts (`fetch` lets the page use its cache)."""
    run = _runner(con, fetch)
    k = run("kpis", f)
    lo, hi = (f.date_from, f.date_to) if f.date_from and f.date_to else (k.get("first"), k.get("last"))
    bucket = Q.choose_bucket(lo, hi)
    t_time = "الأحداث عبر الزمن" if lg == "ar" else "Events over time"
    t_act = "أبرز الفاعلين" if lg == "ar" else "Top actors"
    t_pl = "أبرز الأماكن" if lg == "ar" else "Top places"
    return [
        ("timeline", t_time, charts.events_timeline(run("events_over_time", f, bucket), labels, lg, bucket=bucket,
                                                           title=t_time)),
        ("actors", t_act, charts.top_bar(run("top_actors", f, 8), lambda r: labels.group(r.group_id, lg), lang=lg, title=t_act,
                                         max_label=24)),
        ("places", t_pl, charts.top_bar(run("top_places", f, 8), lambda r: (r.name_ar if lg == "ar" else r.name_en) or r.place_id,
                                         lang=lg, title=t_pl, color="#5f7d4e")),
    ]


def map_for(con, f: Q.Filters, labels: Labels, lg: str, height: int = 520, fetch=None):
    run = _runner(con, fetch)
    return build_map(run("map_places", f), labels, lg, details=run("place_details", f), height=height, selected=f.places)


def key_events_html(con, f: Q.Filters, labels: Labels, lg: str, n: int = 10, fetch=None) -> str:
    """Key events (most fatalities first, then latest) with evidence and citation (outlet, date)."""
    # One entry per evidence sentence: the same sentence often yields several events (a clash and an
    # attack) and near-duplicate articles of one story repeat it, so fetch more and keep the first.
    frame = _runner(con, fetch)("key_events", f, n * 4)
    if frame.empty:
        return "<p>" + html.escape("لا أحداث" if lg == "ar" else "No events for these filters.") + "</p>"
    out, seen = [], set()
    for r in frame.itertuples(index=False):
        key = " ".join(str(r.sentence or r.event_id).split())
        if key in seen:
            continue
        seen.add(key)
        day = str(r.day)[:10] if r.day is not None and str(r.day) != "NaT" else ("دون تاريخ" if lg == "ar" else "undated")
        actors = " → ".join(labels.group(a, lg) for a in (r.actor1_group, r.actor2_group) if isinstance(a, str) and a)
        place = (r.place_ar if lg == "ar" else r.place_en) if isinstance(r.place_en, str) else ""
        fat = (f"{int(r.fatalities)} {'قتلى' if lg == 'ar' else 'killed'}"
               if r.fatalities is not None and pd.notna(r.fatalities) else "")   # None, NaN or pd.NA
        meta = " · ".join(b for b in (day, actors, place, fat) if b)
        source = r.source if isinstance(r.source, str) else ""
        title = r.title if isinstance(r.title, str) else ""
        cite = ", ".join(b for b in (source, f"«{title}»" if title else "") if b) or None
        out.append(evidence_html(r.sentence, meta, op_color(r.type), labels.op(r.type, lg), cite=cite))
        if len(out) >= n:
            break
    return "".join(out)


def filter_summary(f: Q.Filters, labels: Labels, lg: str) -> list[tuple[str, str]]:
    from components.filters import summary  # summary is pure; module import is cheap
    return summary(f, labels, lg)


def html_export(con, f: Q.Filters, labels: Labels, lg: str, static_dir: Path) -> bytes:
    figs = figures(con, f, labels, lg)
    m = map_for(con, f, labels, lg)
    sections = ["<h2>" + html.escape("أبرز الأحداث" if lg == "ar" else "Key events") + "</h2>",
                key_events_html(con, f, labels, lg)]
    page = briefing_html(title_for(f, labels, lg), filter_summary(f, labels, lg), [(t, fig) for _, t, fig in figs],
                         standalone_html(m, static_dir), sections, generated=dt.datetime.now())
    return page.encode("utf-8")


def png_export(con, f: Q.Filters, labels: Labels, lg: str, slug: str) -> bytes:
    for s, _, fig in figures(con, f, labels, lg):
        if s == slug:
            return figure_png(fig, width=1200)
    raise KeyError(slug)


def csv_export(con, f: Q.Filters) -> bytes:
    return events_csv(Q.events_table(con, f, limit=None))


def geojson_export(con, f: Q.Filters) -> bytes:
    return events_geojson_bytes(Q.events_geojson(Q.events_table(con, f, limit=None)))
