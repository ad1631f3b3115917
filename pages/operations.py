"""Operations: over time by type and by status, by place, and a sortable events table that opens articles."""
import streamlit as st

from components import charts, data
from components.filters import current, lang, tr
from components.ui import ARTICLES_PAGE, events_display, require_data
from marsad.query import choose_bucket
from components.boot import page_guard

page_guard()

st.title(tr("Operations", "العمليات"))
if require_data():
    f, lg, labels = current(), lang(), data.labels()
    k = data.q("kpis", f)
    lo, hi = (f.date_from, f.date_to) if f.date_from and f.date_to else (k.get("first"), k.get("last"))
    bucket = choose_bucket(lo, hi)
    t1, t2 = st.tabs([tr("By type", "حسب النوع"), tr("By status", "حسب الحالة")])
    with t1:
        by_type = data.q("events_over_time", f, bucket, by="type")
        st.plotly_chart(charts.events_timeline(by_type, labels, lg, by="type", bucket=bucket, height=440),
                        width="stretch", key="ops_by_type")
    with t2:
        st.plotly_chart(charts.events_timeline(data.q("events_over_time", f, bucket, by="status"), labels, lg, by="status", bucket=bucket),
                        width="stretch", key="ops_by_status")
    undated = int(k.get("events") or 0) - int(by_type["n"].sum() if not by_type.empty else 0)
    if undated > 0:
        st.caption(tr(f"{undated:,} undated events are counted in the table but not drawn over time.",
                      f"{undated:,} حدثاً دون تاريخ محسوبة في الجدول وغير مرسومة عبر الزمن."))
    st.subheader(tr("Operations by place", "العمليات حسب المكان"))
    st.plotly_chart(charts.stacked_places(data.q("ops_by_place", f, 12), labels, lg), width="stretch", key="ops_places")

    st.subheader(tr("Events", "الأحداث"))
    total = data.q("count_events", f)
    limit = 2000
    table = data.q("events_table", f, limit)
    shown = events_display(table, labels, lg)
    st.caption(tr(f"{total:,} events match the filters" + (f"; the {limit:,} most recent are listed" if total > limit else "")
                  + ". Select a row to open its article.",
                  f"{total:,} حدثاً يطابق المرشحات" + (f"؛ تُعرض أحدث {limit:,}" if total > limit else "") + ". اختر صفاً لفتح المقال."))
    event = st.dataframe(
        shown, hide_index=True, width="stretch", height=460, on_select="rerun", selection_mode="single-row", placeholder="—",
        key="ops_table", column_order=["date", "type", "status", "actor1", "actor2", "place", "fatalities", "outlet", "evidence"],
        column_config={
            "date": st.column_config.DateColumn(tr("Date", "التاريخ"), width="small"),
            "type": st.column_config.TextColumn(tr("Type", "النوع"), width="medium"),
            "status": st.column_config.TextColumn(tr("Status", "الحالة"), width="small"),
            "actor1": st.column_config.TextColumn(tr("Actor 1", "الفاعل 1"), width="medium"),
            "actor2": st.column_config.TextColumn(tr("Actor 2", "الفاعل 2"), width="medium"),
            "place": st.column_config.TextColumn(tr("Place", "المكان"), width="small"),
            "fatalities": st.column_config.NumberColumn(tr("Fatalities", "القتلى"), width="small"),
            "outlet": st.column_config.TextColumn(tr("Outlet", "المصدر"), width="small"),
            "evidence": st.column_config.TextColumn(tr("Evidence", "الدليل"), width="large"),
        })
    rows = (event.selection.rows if event is not None and hasattr(event, "selection") else []) or []
    if rows:
        article_id = shown.iloc[rows[0]]["article_id"]
        st.session_state["articles_open"] = article_id
        st.switch_page(ARTICLES_PAGE, query_params={"article": article_id})
