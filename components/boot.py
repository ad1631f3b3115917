"""Guard for page files: make sure they run under app.py's st.navigation.

Streamlit keeps a process-wide flag saying whether the app uses the legacy `pages/` directory mode.
It is set when the server starts (because `pages/` exists) and cleared only when `st.navigation`
runs. If the very first request after start-up is a deep link such as `/map?place=…`, Streamlit
runs `pages/map.py` on its own — without app.py's page config, CSS, sidebar filters and
navigation. `page_guard()` (first line of every page) detects that case, clears the flag and reruns,
so app.py takes over and runs the requested page.
"""
from __future__ import annotations

import streamlit as st


def page_guard() -> None:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - other Streamlit versions
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
