"""Marsad dashboard entry point: `streamlit run app.py` (store: $MARSAD_STORE or data/store/)."""
from __future__ import annotations

import streamlit as st

from components import data
from components.filters import sidebar, tr
from components.ui import inject_css
from marsad.assets import ensure_static

st.set_page_config(page_title="Marsad — مرصد", page_icon="📡", layout="wide")
ensure_static()
inject_css()

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/map.py", title="Map", icon=":material/map:"),
    st.Page("pages/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("pages/operations.py", title="Operations", icon=":material/local_fire_department:"),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:"),
    st.Page("pages/briefing.py", title="Briefing", icon=":material/print:"),
    st.Page("pages/data.py", title="Data", icon=":material/database:"),
    st.Page("pages/review.py", title="Review", icon=":material/rule:"),
]
page = st.navigation(PAGES)
st.sidebar.markdown("### Marsad — <span lang='ar' dir='rtl'>مرصد</span>", unsafe_allow_html=True)
labels = data.labels()
res, problem = data.resources()
if problem:
    st.sidebar.caption(tr("Names from the store (dictionaries not loaded).", "الأسماء من المخزن (القواميس غير محملة)."))
filters = sidebar(labels)
page.run()
