"""Folium map of Libya: one circle per place (from `query.map_places`), offline by default.

Offline means: Leaflet and plugins load from the app's own `static/` folder (`/app/static/...`), no
tile server is used (`tiles=None`) and the background is a plain sea colour with Libya's outline
(`components.libya_outline`). OpenStreetMap / Carto tiles can be switched on when online.
"""
from __future__ import annotations

import html
import math
import re
from pathlib import Path

import folium
import folium.plugins
import pandas as pd

from components.labels import Labels
from components.libya_outline import BOUNDS, CENTER, LIBYA_OUTLINE
from components.style import FONT_STACK, NO_EVENT_COLOR, op_color

STATIC_PREFIX = "/app/static"
TILES = {
    "none": None,
    "osm": ("OpenStreetMap", None),
    "carto": ("CartoDB positron", None),
}
SEA = "#dce8f2"
LAND = "#f7f4ec"
BORDER = "#8a8f98"

# Which local file replaces which library; anything else folium asks for is dropped.
LOCAL_JS = {"leaflet": "leaflet/leaflet.js", "jquery": "folium/jquery-shim.js",
            "leaflet-heat.js": "folium/leaflet_heat.min.js"}
LOCAL_CSS = {"leaflet_css": "leaflet/leaflet.css"}


def localize_assets(m: folium.Map, prefix: str = STATIC_PREFIX) -> folium.Map:
    """Point every script/stylesheet of the map and its plugins at local files under `prefix`.

    folium's defaults reference CDNs (leaflet, jquery, bootstrap, awesome-markers, fontawesome …);
    the map only needs Leaflet (and Leaflet.heat for the heat layer), so the rest are dropped.
    Instance attributes shadow the class defaults, so other maps are not affected.
    """
    for elem in _walk(m):
        if hasattr(elem, "default_js"):
            elem.default_js = [(name, f"{prefix}/{LOCAL_JS[name]}") for name, _ in elem.default_js if name in LOCAL_JS]
        if hasattr(elem, "default_css"):
            elem.default_css = [(name, f"{prefix}/{LOCAL_CSS[name]}") for name, _ in elem.default_css if name in LOCAL_CSS]
    return m


def _walk(elem):
    yield elem
    for child in getattr(elem, "_children", {}).values():
        yield from _walk(child)


def radius_for(value: float, vmax: float, rmin: float = 4.0, rmax: float = 26.0) -> float:
    """Circle radius in pixels: area proportional to the count."""
    if not vmax or value <= 0:
        return rmin
    return round(rmin + (rmax - rmin) * math.sqrt(value / vmax), 2)


def popup_html(row, details: dict[str, pd.DataFrame] | None, labels: Labels, lang: str) -> str:
    """Escaped popup: names, counts by type, top actors and latest events with article titles."""
    e = html.escape
    pid = row.place_id
    parts = [f"<div style=\"font-family:{e(FONT_STACK)};font-size:12px;min-width:220px\">",
             f"<b>{e(str(row.name_en or pid))}</b> — <span dir=\"rtl\" lang=\"ar\">{e(str(row.name_ar or ''))}</span>",
             f"<div>{int(row.events)} {'حدث' if lang == 'ar' else 'events'} · {int(row.mentions)} "
             f"{'إشارة' if lang == 'ar' else 'mentions'}</div>"]
    if details:
        bt = details.get("by_type")
        if bt is not None and not bt.empty:
            rows = bt[bt["place_id"] == pid].head(6)
            if not rows.empty:
                parts.append("<table style=\"margin-top:4px\">")
                for r in rows.itertuples(index=False):
                    parts.append(f"<tr><td><span style=\"color:{op_color(r.type)}\">●</span> {e(labels.op(r.type, lang))}</td>"
                                 f"<td style=\"text-align:right\">{int(r.n)}</td></tr>")
                parts.append("</table>")
        ac = details.get("actors")
        if ac is not None and not ac.empty:
            names = [e(labels.group(g, lang)) for g in ac[ac["place_id"] == pid]["group_id"]]
            if names:
                parts.append(f"<div style=\"margin-top:4px\"><i>{'أبرز الفاعلين' if lang == 'ar' else 'Top actors'}:</i> "
                             f"{', '.join(names)}</div>")
        la = details.get("latest")
        if la is not None and not la.empty:
            rows = la[la["place_id"] == pid]
            if not rows.empty:
                parts.append(f"<div style=\"margin-top:4px\"><i>{'آخر الأحداث' if lang == 'ar' else 'Latest'}:</i><ul style=\"margin:0;padding-inline-start:16px\">")
                for r in rows.itertuples(index=False):
                    day = "" if r.day is None or pd.isna(r.day) else str(r.day)[:10]
                    title = r.title if isinstance(r.title, str) else ""
                    source = f" ({e(r.source)})" if isinstance(r.source, str) and r.source else ""   # NaN: no outlet
                    parts.append(f"<li>{e(day)} {e(labels.op(r.type, lang))}: "
                                 f"<span dir=\"rtl\" lang=\"ar\">{e(title)}</span>{source}</li>")
                parts.append("</ul></div>")
    parts.append("</div>")
    return "".join(parts)


def build_map(places: pd.DataFrame, labels: Labels, lang: str = "en", metric: str = "events",
              details: dict[str, pd.DataFrame] | None = None, heat: bool = False, tiles: str = "none",
              prefix: str = STATIC_PREFIX, height: int = 620, selected: tuple[str, ...] = ()) -> folium.Map:
    """The map; `places` comes from `query.map_places` (one row per place), `metric` 'events'|'mentions'."""
    m = folium.Map(location=CENTER, zoom_start=5, tiles=None, min_zoom=4, max_zoom=12, control_scale=True,
                   prefer_canvas=False, max_bounds=True, zoom_snap=0.25, zoom_delta=0.5, min_lat=BOUNDS[0][0] - 6, max_lat=BOUNDS[1][0] + 6,
                   min_lon=BOUNDS[0][1] - 10, max_lon=BOUNDS[1][1] + 10, height=height)
    m.get_root().header.add_child(folium.Element(
        f"<style>.leaflet-container{{background:{SEA};font-family:{FONT_STACK}}}</style>"))
    if tiles in ("osm", "carto"):
        folium.TileLayer(TILES[tiles][0]).add_to(m)
    outline = folium.Polygon(LIBYA_OUTLINE, color=BORDER, weight=1.4, fill=True, fill_color=LAND,
                             fill_opacity=1.0 if tiles == "none" else 0.0)
    outline.options["interactive"] = False  # folium drops this keyword; clicks must reach the circles
    outline.add_to(m)
    circles = folium.FeatureGroup(name="places")
    metric = metric if metric in ("events", "mentions") else "events"
    if places is not None and not places.empty:
        vmax = float(places[metric].max() or 0)
        if heat:
            pts = [[float(r.lat), float(r.lon), float(getattr(r, metric))] for r in places.itertuples(index=False)
                   if getattr(r, metric) > 0]
            if pts:
                folium.plugins.HeatMap(pts, radius=28, blur=22, min_opacity=0.35, max_zoom=8).add_to(m)
        for row in places.itertuples(index=False):
            value = float(getattr(row, metric))
            if value <= 0:
                continue
            color = op_color(row.dominant_type) if isinstance(row.dominant_type, str) else NO_EVENT_COLOR
            name = labels.place(row.place_id, lang) if row.place_id in labels.places else (
                (row.name_ar if lang == "ar" else row.name_en) or row.place_id)
            tip = tooltip_text(row, value)
            is_sel = row.place_id in selected
            folium.CircleMarker(
                location=(float(row.lat), float(row.lon)), radius=radius_for(value, vmax),
                color="#111111" if is_sel else color, weight=3 if is_sel else 1, fill=True, fill_color=color,
                fill_opacity=0.35 if heat else 0.72, tooltip=folium.Tooltip(html.escape(tip)),
                popup=folium.Popup(popup_html(row, details, labels, lang), max_width=340),
            ).add_to(circles)
            del name
    circles.add_to(m)
    m.fit_bounds(BOUNDS)
    return localize_assets(m, prefix)


def tooltip_text(row, value: float) -> str:
    """Tooltip of a place circle; also how a click is matched back to its place."""
    return f"{row.name_en or row.place_id} — {row.name_ar or ''}: {int(value)}"


def match_click(places: pd.DataFrame, clicked: dict | None, tooltip: str | None = None,
                metric: str = "events", tolerance: float = 0.5) -> str | None:
    """place_id of the clicked circle. st_folium reports the click position (not the circle's
    centre) and the tooltip text: the tooltip identifies the place exactly; otherwise the nearest
    place within `tolerance` degrees of the click is taken."""
    if places is None or places.empty:
        return None
    if tooltip:
        tip = " ".join(str(tooltip).split())
        for row in places.itertuples(index=False):
            if " ".join(tooltip_text(row, float(getattr(row, metric, 0) or 0)).split()) == tip:
                return str(row.place_id)
        name = tip.split(" — ")[0]
        hits = places[places["name_en"] == name]
        if len(hits) == 1:
            return str(hits.iloc[0]["place_id"])
    if not clicked:
        return None
    lat, lon = clicked.get("lat"), clicked.get("lng", clicked.get("lon"))
    if lat is None or lon is None:
        return None
    d = (places["lat"] - float(lat)).abs() + (places["lon"] - float(lon)).abs()
    i = d.idxmin()
    return str(places.loc[i, "place_id"]) if d.loc[i] <= tolerance else None


def legend_items(places: pd.DataFrame, labels: Labels, lang: str = "en", metric: str = "events") -> list[tuple[str, str, int]]:
    """(colour, label, n places) for the dominant types of the drawn circles, most common first."""
    if places is None or places.empty:
        return []
    drawn = places[places[metric] > 0] if metric in places else places
    counts = drawn["dominant_type"].fillna("").value_counts()
    items = []
    for code, n in counts.items():
        if code:
            items.append((op_color(code), labels.op(code, lang), int(n)))
        else:
            items.append((NO_EVENT_COLOR, "Mentions only" if lang == "en" else "إشارات فقط", int(n)))
    return items


def legend_html(items: list[tuple[str, str, int]], title: str = "") -> str:
    e = html.escape
    spans = "".join(f"<span><span class=\"sw\" style=\"background:{e(c)}\"></span><span class=\"bidi\">{e(lbl)}</span></span>"
                    for c, lbl, _ in items)
    head = f"<b>{e(title)}</b>&nbsp;" if title else ""
    return f"<div class=\"mr-legend\">{head}{spans}</div>"


def standalone_html(m: folium.Map, static_dir: Path, prefix: str = STATIC_PREFIX) -> str:
    """The map as one HTML document with Leaflet (and plugins) inlined — opens offline from disk."""
    page = m.get_root().render()

    def inline_js(match: re.Match) -> str:
        rel = match.group(1)
        return "<script>" + (static_dir / rel).read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>"

    def inline_css(match: re.Match) -> str:
        rel = match.group(1)
        return "<style>" + (static_dir / rel).read_text(encoding="utf-8") + "</style>"

    page = re.sub(r'<script src="' + re.escape(prefix) + r'/([^"]+)"></script>', inline_js, page)
    page = re.sub(r'<link rel="stylesheet" href="' + re.escape(prefix) + r'/([^"]+)"\s*/>', inline_css, page)
    return page


def external_urls(page: str) -> list[str]:
    """http(s) URLs that a rendered page would load (script src / link href) — for tests."""
    return re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
