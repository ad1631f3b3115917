"""Actors: timelines compared, actor × operation heatmap, actor → operation → place Sankey, profile."""
import html

import streamlit as st

from components import charts, data
from components.filters import current, lang, tr
from components.ui import day_text, evidence_list, require_data
from marsad.query import choose_bucket
from components.boot import page_guard

page_guard()

st.title(tr("Actors", "الفاعلون"))
if require_data():
    f, lg, labels = current(), lang(), data.labels()
    top = data.q("top_actors", f, 25)
    options = labels.sort_groups(top["group_id"].dropna().tolist() or [])
    default = list(f.actors) if f.actors else top["group_id"].dropna().head(4).tolist()
    k = data.q("kpis", f)
    lo, hi = (f.date_from, f.date_to) if f.date_from and f.date_to else (k.get("first"), k.get("last"))
    bucket = choose_bucket(lo, hi)

    st.subheader(tr("Actor timelines", "الخط الزمني للفاعلين"))
    c1, c2 = st.columns([4, 1])
    chosen = c1.multiselect(tr("Compare actors", "مقارنة الفاعلين"), options=list(dict.fromkeys(options + default)),
                            default=default, key="actors_compare", format_func=lambda g: labels.group(g, lg))
    metric = c2.segmented_control(tr("Count", "العدّ"), ["events", "mentions"], default="events", key="actors_metric",
                                  required=True, format_func=lambda v: {"events": tr("Events", "الأحداث"),
                                                                         "mentions": tr("Mentions", "الإشارات")}[v])
    st.plotly_chart(charts.actor_timeline(data.q("actor_timeline", f, tuple(chosen), bucket), labels, lg,
                                          metric=metric or "events", bucket=bucket), width="stretch", key="actors_timeline")

    st.subheader(tr("Actors × operation types", "الفاعلون × أنواع العمليات"))
    st.plotly_chart(charts.actor_type_heatmap(data.q("actor_type_matrix", f, 12), labels, lg), width="stretch",
                    key="actors_heatmap")
    st.subheader(tr("Actor → operation → place", "فاعل ← عملية ← مكان"))
    st.plotly_chart(charts.sankey(data.q("sankey_flows", f, 7, 8), labels, lg), width="stretch", key="actors_sankey")

    st.subheader(tr("Actor profile", "ملف الفاعل"))
    profile_options = list(dict.fromkeys(options + default)) or [None]
    first = profile_options.index(default[0]) if default and default[0] in profile_options else 0   # the most active
    pick = st.selectbox(tr("Actor", "الفاعل"), options=profile_options, index=first, key="actors_profile",
                        format_func=lambda g: labels.group_both(g) if g else "—")
    if pick:
        prof = data.q("actor_profile", f, pick)
        s = prof["summary"]
        en, ar = labels.groups.get(pick, (labels.group(pick, "en"), labels.group(pick, "ar")))
        st.html(f"<h3 style='margin:0'>{html.escape(en)} — <span lang='ar' dir='rtl'>{html.escape(ar)}</span></h3>"
                f"<div style='color:#52606d'>{html.escape(labels.kind(labels.kind_of(pick), lg))} · "
                f"{html.escape(tr('group id', 'المعرف'))}: <code>{html.escape(pick)}</code></div>")
        m1, m2, m3, m4, m5 = st.columns(5)
        m1.metric(tr("Events", "الأحداث"), f"{int(s['events'] or 0):,}")
        m2.metric(tr("Mentions", "الإشارات"), f"{int(s['mentions'] or 0):,}")
        m3.metric(tr("Articles", "المقالات"), f"{int(s['articles'] or 0):,}")
        m4.metric(tr("First seen", "أول ظهور"), day_text(s["first_seen"]) if s["first_seen"] else "—")
        m5.metric(tr("Last seen", "آخر ظهور"), day_text(s["last_seen"]) if s["last_seen"] else "—")
        a, b, c = st.columns(3)
        with a:
            st.markdown(tr("**Names seen in articles**", "**الأسماء الواردة في المقالات**"))
            names = prof["names"]
            aliases = labels.aliases.get(pick)
            if aliases:
                st.caption(tr("Dictionary aliases", "الأسماء في القاموس") + ": " + ", ".join(aliases[0] + aliases[1]))
            if names.empty:
                st.caption("—")
            else:
                st.dataframe(names[["name_ar", "name_en", "n"]], hide_index=True, width="stretch",
                             column_config={"name_ar": tr("Arabic", "بالعربية"), "name_en": tr("English", "بالإنجليزية"),
                                            "n": st.column_config.NumberColumn(tr("Mentions", "الإشارات"), width="small")})
        with b:
            st.markdown(tr("**Places**", "**الأماكن**"))
            pl = prof["places"]
            st.dataframe(pl.assign(place=[labels.place(p, lg) for p in pl["place_id"]])[["place", "n"]],
                         hide_index=True, width="stretch",
                         column_config={"place": tr("Place", "المكان"), "n": tr("Events", "الأحداث")})
        with c:
            st.markdown(tr("**Co-actors**", "**فاعلون مشاركون**"))
            co = prof["co_actors"]
            st.dataframe(co.assign(actor=[labels.group(g, lg) for g in co["group_id"]])[["actor", "n"]],
                         hide_index=True, width="stretch",
                         column_config={"actor": tr("Actor", "الفاعل"), "n": tr("Shared events", "أحداث مشتركة")})
        st.markdown(tr("**Latest evidence**", "**أحدث الأدلة**"))
        if prof["latest"].empty:
            st.caption(tr("No events for this actor under the filters.", "لا أحداث لهذا الفاعل ضمن المرشحات."))
        else:
            st.html(evidence_list(prof["latest"], labels))
