"""Briefing: a clean, print-ready view of the current filters, with exports."""
import functools
import html

import streamlit as st
from streamlit_folium import st_folium

from components import briefing, data
from components.filters import current, lang, tr
from components.kpis import kpi_cards_html
from components.ui import require_data
from marsad.assets import STATIC_DIR
from components.boot import page_guard

page_guard()

if require_data():
    f, lg, labels = current(), lang(), data.labels()
    st.html(f"<h1 style='margin:0 0 .2rem 0;font-size:1.9rem' class='bidi'>{html.escape(briefing.title_for(f, labels, lg))}</h1>")
    rows = briefing.filter_summary(f, labels, lg)
    st.html("<table class='mr-list'>" + "".join(
        f"<tr><td><b>{html.escape(k)}</b></td><td class='bidi'>{html.escape(v)}</td></tr>" for k, v in rows) + "</table>")
    st.html(kpi_cards_html(data.q("kpis", f), None, lg))
    con = data.cursor()
    figs = briefing.figures(con, f, labels, lg, fetch=data.q)
    left, right = st.columns([3, 2])
    with left:
        st_folium(briefing.map_for(con, f, labels, lg, fetch=data.q), key="briefing_map", height=470, use_container_width=True,
                  returned_objects=[])
    with right:
        st.plotly_chart(figs[1][2], width="stretch", key="brief_actors")
    st.plotly_chart(figs[0][2], width="stretch", key="brief_timeline")
    st.subheader(tr("Key events", "أبرز الأحداث"))
    st.html(briefing.key_events_html(con, f, labels, lg, n=8, fetch=data.q))

    st.divider()
    st.subheader(tr("Exports", "التصدير"))
    conn = data.connection()

    def run(fn, *args):
        return fn(conn.cursor(), *args)

    stamp = (f.date_to or f.date_from or "all")
    c = st.columns(4)
    c[0].download_button(tr("Briefing (HTML, offline)", "الموجز (HTML)"),
                         functools.partial(run, briefing.html_export, f, labels, lg, STATIC_DIR),
                         file_name=f"marsad-briefing-{stamp}.html", mime="text/html", icon=":material/description:",
                         on_click="ignore", key="dl_html")
    c[1].download_button(tr("Events (CSV)", "الأحداث (CSV)"), functools.partial(run, briefing.csv_export, f),
                         file_name=f"marsad-events-{stamp}.csv", mime="text/csv", icon=":material/table:",
                         on_click="ignore", key="dl_csv")
    c[2].download_button(tr("Events (GeoJSON)", "الأحداث (GeoJSON)"), functools.partial(run, briefing.geojson_export, f),
                         file_name=f"marsad-events-{stamp}.geojson", mime="application/geo+json", icon=":material/public:",
                         on_click="ignore", key="dl_geojson")
    with c[3]:
        for slug, title, _ in figs:
            st.download_button(tr(f"{title} (PNG)", f"{title} (PNG)"),
                               functools.partial(run, briefing.png_export, f, labels, lg, slug),
                               file_name=f"marsad-{slug}-{stamp}.png", mime="image/png", icon=":material/image:",
                               on_click="ignore", key=f"dl_png_{slug}")
