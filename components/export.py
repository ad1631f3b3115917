"""Exports: chart PNGs (plotly + kaleido on the system Chromium), a self-contained briefing HTML,
and filtered events as CSV and GeoJSON."""
from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
from pathlib import Path
from typing import Iterable

import pandas as pd
import plotly.graph_objects as go

from components.style import CSS

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


class ExportError(RuntimeError):
    """An export cannot be produced (e.g. no Chromium for PNG rendering)."""


def browser_path() -> str | None:
    """The Chromium kaleido should drive: $BROWSER_PATH, else the Debian package's binary."""
    env = os.environ.get("BROWSER_PATH")
    if env and Path(env).exists():
        return env
    for cand in CHROMIUM_CANDIDATES:
        if Path(cand).exists():
            return cand
    found = shutil.which("chromium")
    return found


def figure_png(fig: go.Figure, width: int = 1200, height: int | None = None, scale: float = 1.0) -> bytes:
    """PNG bytes of a plotly figure. kaleido ≥ 1 drives a Chromium through choreographer, which looks
    for the browser in $BROWSER_PATH — set here to the system Chromium (no browser download)."""
    path = browser_path()
    if not path:
        raise ExportError("no Chromium found for PNG export: apt-get install -y chromium (or set BROWSER_PATH)")
    os.environ.setdefault("BROWSER_PATH", path)
    try:
        return fig.to_image(format="png", width=width, height=height or fig.layout.height or 450, scale=scale)
    except Exception as exc:  # kaleido raises several unrelated types
        raise ExportError(f"PNG export failed: {exc}") from exc


def events_csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def events_geojson_bytes(collection: dict) -> bytes:
    return json.dumps(collection, ensure_ascii=False, default=str).encode("utf-8")


def briefing_html(title: str, filter_summary: Iterable[tuple[str, str]], figures: Iterable[tuple[str, go.Figure]],
                  map_html: str | None, sections_html: Iterable[str] = (), generated: dt.datetime | None = None) -> str:
    """One HTML document that opens offline: plotly.js inlined once, the map in an iframe `srcdoc`
    (its Leaflet already inlined by `mapview.standalone_html`), all text escaped."""
    e = html.escape
    generated = generated or dt.datetime.now()
    parts = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
             f"<title>{e(title)}</title>", CSS,
             "<style>body{margin:24px auto;max-width:1180px;font-family:'Noto Sans Arabic','Noto Naskh Arabic','Noto Sans',sans-serif;color:#1f2933}"
             "h1{font-size:1.6rem;margin:0 0 .2rem} h2{font-size:1.15rem;margin:1.2rem 0 .4rem;border-bottom:1px solid #e4e7eb}"
             ".summary td{padding:.1rem .6rem .1rem 0;vertical-align:top;font-size:.9rem}"
             "iframe{border:1px solid #d0d7de;border-radius:6px;width:100%;height:560px}</style></head><body>",
             f"<h1>{e(title)}</h1><div style=\"color:#52606d;font-size:.85rem\">Generated {e(generated.strftime('%Y-%m-%d %H:%M'))} by Marsad</div>",
             "<table class=\"summary\">"]
    for key, value in filter_summary:
        parts.append(f"<tr><td><b>{e(key)}</b></td><td class=\"bidi\">{e(value)}</td></tr>")
    parts.append("</table>")
    if map_html:
        parts.append("<h2>Map</h2>")
        parts.append(f"<iframe srcdoc=\"{e(map_html, quote=True)}\" title=\"map\"></iframe>")
    first = True
    for name, fig in figures:
        parts.append(f"<h2>{e(name)}</h2>")
        parts.append(fig.to_html(full_html=False, include_plotlyjs=True if first else False,
                                 config={"displaylogo": False}))
        first = False
    parts.extend(sections_html)
    parts.append("</body></html>")
    return "".join(parts)
