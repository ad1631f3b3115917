"""Map: one circle per place (SQL aggregate), colour by dominant operation type, click to filter."""
import streamlit as st
from streamlit_folium import st_folium

from components import data
from components.filters import current, lang, request_change, tr
from components.mapview import build_map, legend_html, legend_items, match_click
from components.ui import require_data
from components.boot import page_guard

page_guard()

st.title(tr("Map", "الخريطة"))
if require_data():
    f, lg, labels = current(), lang(), data.labels()
    c1, c2, c3 = st.columns([2, 2, 3])
    metric = c1.segmented_control(tr("Circle size", "حجم الدائرة"), ["events", "mentions"], default="events",
                                  key="map_metric", required=True,
                                  format_func=lambda v: {"events": tr("Events", "الأحداث"), "mentions": tr("Mentions", "الإشارات")}[v])
    heat = c2.toggle(tr("Heat layer", "طبقة الكثافة"), key="map_heat")
    tiles = c3.segmented_control(tr("Background", "الخلفية"), ["none", "osm", "carto"], default="none", key="map_tiles",
                                 required=True, help=tr("Tiles need internet access; the plain outline works offline.",
                                                        "تحتاج الخرائط الجاهزة إلى الإنترنت؛ المخطط البسيط يعمل دون اتصال."),
                                 format_func=lambda v: {"none": tr("Outline (offline)", "مخطط (دون اتصال)"),
                                                        "osm": "OpenStreetMap", "carto": "Carto"}[v])
    places = data.q("map_places", f)
    details = data.q("place_details", f)
    left, right = st.columns([5, 2])
    with left:
        if places.empty:
            st.info(tr("No mapped places for these filters.", "لا توجد أماكن على الخريطة لهذه المرشحات."))
        else:
            st.html(legend_html(legend_items(places, labels, lg, metric or "events"), tr("Dominant operation:", "العملية الغالبة:")))
        m = build_map(places, labels, lg, metric=metric or "events", details=details, heat=bool(heat),
                      tiles=tiles or "none", selected=f.places)
        out = st_folium(m, key="marsad_map", height=620, use_container_width=True,
                        returned_objects=["last_object_clicked", "last_object_clicked_tooltip"])
        clicked = (out or {}).get("last_object_clicked")
        pid = match_click(places, clicked, (out or {}).get("last_object_clicked_tooltip"), metric or "events")
        if pid and st.session_state.get("_map_last_click") != clicked:
            st.session_state["_map_last_click"] = clicked
            if (pid,) != tuple(f.places):
                request_change(places=[pid])
        n_drawn = int((places[metric or "events"] > 0).sum()) if not places.empty else 0
        st.caption(tr(f"{n_drawn} places drawn · circle area ∝ {metric}; click a circle to filter by that place.",
                      f"{n_drawn} مكاناً · مساحة الدائرة تتناسب مع العدد؛ انقر دائرة لتصفية المكان."))
    with right:
        if f.places:
            st.markdown(tr("**Selected place**", "**المكان المحدد**"))
            for p in f.places:
                st.markdown(f"- {labels.place_both(p)}")
            if st.button(tr("Show all places", "عرض كل الأماكن"), key="map_clear_place"):
                st.session_state["_map_last_click"] = clicked
                request_change(places=[])
        st.markdown(tr("**Top places**", "**أبرز الأماكن**"))
        shown = places[places[metric or "events"] > 0] if not places.empty else places
        if shown.empty:
            st.caption(tr("None for these filters.", "لا شيء لهذه المرشحات."))
        else:
            top = shown.nlargest(12, metric or "events")
            st.dataframe(
                top.assign(name=[labels.place(p, lg) for p in top["place_id"]])[["name", "events", "mentions"]],
                hide_index=True, width="stretch",
                column_config={"name": tr("Place", "المكان"), "events": tr("Events", "الأحداث"),
                               "mentions": tr("Mentions", "الإشارات")})
        regions = data.q("map_regions", f)
        st.markdown(tr("**Regions and countries** (not drawn)", "**مناطق ودول** (غير مرسومة)"))
        if regions.empty:
            st.caption(tr("None for these filters.", "لا شيء لهذه المرشحات."))
        else:
            level_name = {"region": tr("Region", "منطقة"), "country": tr("Libya (country)", "ليبيا (الدولة)"),
                          "foreign": tr("Foreign", "أجنبي")}
            st.dataframe(
                regions.assign(name=[(ar if lg == "ar" else en) or pid for pid, en, ar in
                                     regions[["place_id", "name_en", "name_ar"]].itertuples(index=False)],
                               level=[level_name.get(v, v) for v in regions["level"]])[["name", "level", "mentions", "events"]],
                hide_index=True, width="stretch",
                # fixed widths: the four columns fit the narrow right column without a horizontal scroll
                column_config={"name": st.column_config.TextColumn(tr("Name", "الاسم"), width=118),
                               "level": st.column_config.TextColumn(tr("Level", "المستوى"), width=66),
                               "mentions": st.column_config.NumberColumn(tr("Mentions", "الإشارات"), width=62),
                               "events": st.column_config.NumberColumn(tr("Events", "الأحداث"), width=54)})
