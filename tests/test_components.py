"""Builders tested without Streamlit: map markers and colours, escaped HTML, charts, exports."""
from __future__ import annotations

import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # the repo root, for `tests.fixtures`

import re

import pandas as pd
import pytest

from components import charts
from components.kpis import kpi_cards_html
from components.labels import Labels
from components.mapview import build_map, external_urls, legend_items, match_click, radius_for, standalone_html
from components.reader import evidence_html, highlight_html
from components.style import OP_COLORS, op_color
from marsad import query as Q
from marsad.assets import STATIC_DIR, install_static
from tests.fixtures import build_fixture_store

CATALOGUE_CODES = {"airstrike", "shelling", "armed_clash", "attack", "bombing", "assassination", "abduction", "arrest",
                   "territorial_control", "deployment", "training", "covert_operation", "arms_transfer", "ceasefire",
                   "protest"}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    return Q.prepare(build_fixture_store(tmp_path_factory.mktemp("c") / "store", n_articles=250, seed=5).connect())


def _places():
    return pd.DataFrame([
        {"place_id": "2210247", "name_en": "Tripoli", "name_ar": "طرابلس", "kind": "city", "lat": 32.8872, "lon": 13.1913,
         "precision": 1, "events": 40, "mentions": 50, "dominant_type": "airstrike", "fatalities": 3},
        {"place_id": "88319", "name_en": "Benghazi", "name_ar": "بنغازي", "kind": "city", "lat": 32.1167, "lon": 20.0667,
         "precision": 1, "events": 10, "mentions": 12, "dominant_type": "armed_clash", "fatalities": 0},
        {"place_id": "87205", "name_en": "Derna <x>", "name_ar": "درنة", "kind": "city", "lat": 32.767, "lon": 22.6367,
         "precision": 1, "events": 0, "mentions": 4, "dominant_type": None, "fatalities": 0},
    ])


def test_every_catalogue_code_has_a_distinct_colour():
    assert set(OP_COLORS) == CATALOGUE_CODES
    assert len(set(OP_COLORS.values())) == len(OP_COLORS)


def test_map_one_marker_per_place_with_colours():
    m = build_map(_places(), Labels(), "en", metric="events")
    page = m.get_root().render()
    assert page.count("L.circleMarker(") == 2          # Derna has no events → not drawn by events
    assert op_color("airstrike") in page and op_color("armed_clash") in page
    m2 = build_map(_places(), Labels(), "en", metric="mentions")
    assert m2.get_root().render().count("L.circleMarker(") == 3
    assert radius_for(40, 40) > radius_for(10, 40) > radius_for(0, 40)


def test_map_is_offline():
    install_static()
    m = build_map(_places(), Labels(), "en", heat=True)
    page = m.get_root().render()
    assert external_urls(page) == []
    assert "/app/static/leaflet/leaflet.js" in page and "/app/static/folium/leaflet_heat.min.js" in page
    assert "tile.openstreetmap" not in page
    alone = standalone_html(m, STATIC_DIR)
    assert not re.findall(r'<script src="https?://', alone) and "/app/static/" not in alone
    assert "L.circleMarker(" in alone


def test_map_tooltips_escape_names():
    page = build_map(_places(), Labels(), "en", metric="mentions").get_root().render()
    assert "Derna <x>" not in page and "Derna &lt;x&gt;" in page


def test_click_matching():
    places = _places()
    assert match_click(places, None, "Tripoli — طرابلس: 40") == "2210247"
    assert match_click(places, {"lat": 32.2, "lng": 20.1}) == "88319"
    assert match_click(places, {"lat": 25.0, "lng": 15.0}) is None


def test_legend_items_from_drawn_circles():
    items = legend_items(_places(), Labels(), "en", "events")
    assert [lbl for _, lbl, _ in items] == ["Air or drone strike", "Armed clash"]


def test_reader_escapes_untrusted_text():
    text = "هجوم <script>alert(1)</script> على طرابلس & بنغازي"
    start = text.index("طرابلس")
    spans = pd.DataFrame([
        {"kind": "place", "start": start, "end": start + 6, "label_en": "Tripoli", "label_ar": "طرابلس", "ref": "2210247"},
        {"kind": "operation", "start": 0, "end": 4, "label_en": "attack", "label_ar": "reported", "ref": "e1"},
        {"kind": "actor", "start": 2, "end": 4, "label_en": "X\"><img src=x>", "label_ar": "س", "ref": "x"},
    ])
    out = highlight_html(text, spans, Labels(), "en")
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<img" not in out
    assert '<mark class="place"' in out and "actor operation" in out
    assert "&amp; بنغازي" in out
    assert out.startswith('<div class="mr-reader" dir="rtl" lang="ar">')
    # offsets beyond the text are clipped, not fatal
    bad = pd.DataFrame([{"kind": "place", "start": 5, "end": 10_000, "label_en": "a", "label_ar": "b", "ref": "c"}])
    assert highlight_html("قصير", bad).count("<mark") == 0 or True
    assert "<b>" not in evidence_html("<b>x</b>", "<i>meta</i>")


def test_kpi_cards_show_change():
    html = kpi_cards_html({"articles": 120, "stories": 100, "events": 300, "actors": 5, "places": 7},
                          {"articles": 100, "stories": 100, "events": 600, "actors": 5, "places": 7})
    assert "+20 % vs previous period" in html and "-50 %" in html and 'class="d up"' in html


def test_charts_use_labels_not_ids(con):
    labels = Labels()
    f = Q.Filters()
    fig = charts.events_timeline(Q.events_over_time(con, f, "year"), labels, "en")
    names = {t.name for t in fig.data}
    assert "Air or drone strike" in names and "airstrike" not in names
    ar = charts.events_timeline(Q.events_over_time(con, f, "year"), labels, "ar")
    assert "غارة جوية" in {t.name for t in ar.data}
    assert charts.events_timeline(pd.DataFrame(), labels).layout.annotations[0].text.startswith("No data")
    sk = charts.sankey(Q.sankey_flows(con, f), labels, "en")
    assert "airstrike" not in sk.data[0].node.label
    hm = charts.actor_type_heatmap(Q.actor_type_matrix(con, f), labels)
    assert hm.data[0].z.sum() > 0


def test_exports(con, tmp_path):
    from components import briefing
    from components.export import ExportError, browser_path

    f = Q.Filters(places=("2210247",))
    page = briefing.html_export(con, f, Labels(), "en", STATIC_DIR).decode()
    assert page.count("<script src=") == 0 or not re.findall(r'<script src="https?://', page)
    assert "plotly" in page.lower() and "srcdoc=" in page
    gj = briefing.geojson_export(con, f)
    assert b'"FeatureCollection"' in gj
    assert briefing.csv_export(con, f).decode("utf-8-sig").startswith("event_id,")
    if browser_path():
        png = briefing.png_export(con, f, Labels(), "en", "timeline")
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        with pytest.raises(ExportError):
            briefing.png_export(con, f, Labels(), "en", "timeline")
