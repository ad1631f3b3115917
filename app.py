"""Marsad dashboard entry point: `streamlit run app.py` (store: $MARSAD_STORE or data/store/)."""
from __future__ import annotations

import streamlit as st

from components import data
from components.filters import seed_state, sidebar, tr
from components.ui import inject_css
from marsad.assets import ensure_static

st.set_page_config(page_title="Marsad — مرصد", page_icon="📡", layout="wide")
ensure_static()
inject_css()
seed_state()  # language and filters from the URL, before the page titles are chosen

PAGES = [
    st.Page("pages/overview.py", title=tr("Overview", "نظرة عامة"), icon=":material/dashboard:", default=True),
    st.Page("pages/map.py", title=tr("Map", "الخريطة"), icon=":material/map:"),
    st.Page("pages/actors.py", title=tr("Actors", "الفاعلون"), icon=":material/groups:"),
    st.Page("pages/operations.py", title=tr("Operations", "العمليات"), icon=":material/local_fire_department:"),
    st.Page("pages/articles.py", title=tr("Articles", "المقالات"), icon=":material/article:"),
    st.Page("pages/briefing.py", title=tr("Briefing", "الإحاطة"), icon=":material/print:"),
    st.Page("pages/data.py", title=tr("Data", "البيانات"), icon=":material/database:"),
    st.Page("pages/review.py", title=tr("Review", "المراجعة"), icon=":material/rule:"),
]
page = st.navigation(PAGES)
st.sidebar.markdown("### Marsad — <span lang='ar' dir='rtl'>مرصد</span>", unsafe_allow_html=True)
labels = data.labels()
res, problem = data.resources()
if problem:
    st.sidebar.caption(tr("Names from the store (dictionaries not loaded).", "الأسماء من المخزن (القواميس غير محملة)."))
filters = sidebar(labels)
page.run()
