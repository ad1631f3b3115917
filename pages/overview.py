"""Overview: KPIs with change vs the previous period, events over time, top actors and places, latest events."""
import streamlit as st

from components import charts, data
from components.filters import current, lang, tr
from components.kpis import kpi_cards_html
from components.ui import evidence_list, require_data
from marsad.query import choose_bucket
from components.boot import page_guard

page_guard()

st.title(tr("Overview", "نظرة عامة"))
if require_data():
    f, lg, labels = current(), lang(), data.labels()
    k = data.q("kpis", f)
    prev_f = f.previous_period()
    prev = data.q("kpis", prev_f) if prev_f else None
    st.html(kpi_cards_html(k, prev, lg))
    lo, hi = (f.date_from, f.date_to) if f.date_from and f.date_to else (k.get("first"), k.get("last"))
    bucket = choose_bucket(lo, hi)
    bucket_name = {"day": tr("daily", "يومي"), "week": tr("weekly", "أسبوعي"), "month": tr("monthly", "شهري")}[bucket]
    st.subheader(tr(f"Events over time ({bucket_name})", f"الأحداث عبر الزمن ({bucket_name})"))
    timeline = data.q("events_over_time", f, bucket)
    st.plotly_chart(charts.events_timeline(timeline, labels, lg, bucket=bucket), width="stretch", key="ov_timeline")
    undated = int(k.get("events") or 0) - int(timeline["n"].sum() if not timeline.empty else 0)
    if undated > 0:
        st.caption(tr(f"{undated:,} undated events are counted above but not drawn.",
                      f"{undated:,} حدثاً دون تاريخ محسوبة أعلاه وغير مرسومة."))
    c1, c2 = st.columns(2)
    with c1:
        st.subheader(tr("Top actors", "أبرز الفاعلين"))
        st.plotly_chart(charts.top_bar(data.q("top_actors", f, 10), lambda r: labels.group(r.group_id, lg), lang=lg),
                        width="stretch", key="ov_actors")
    with c2:
        st.subheader(tr("Top places", "أبرز الأماكن"))
        st.plotly_chart(charts.top_bar(data.q("top_places", f, 10), lambda r: (r.name_ar if lg == "ar" else r.name_en) or r.place_id,
                                       lang=lg, color="#5f7d4e"), width="stretch", key="ov_places")
    st.subheader(tr("Latest events", "آخر الأحداث"))
    latest = data.q("latest_events", f, 8)
    if latest.empty:
        st.caption(tr("No events for these filters.", "لا أحداث لهذه المرشحات."))
    else:
        st.html(evidence_list(latest, labels))
