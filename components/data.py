"""The dashboard's single data-access module: every page gets data through here.

* `st.cache_resource`: the DuckDB connection (keyed by store path + version token) and the engine's
  resources. Each query runs on its own cursor of that connection (thread-safe across sessions).
* `st.cache_data`: query results, keyed by version token + function name + Filters + arguments, so
  an ingest (which changes the token) invalidates everything at once.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from components.labels import Labels, from_resources
from marsad import query as Q
from marsad.store import Store

log = logging.getLogger(__name__)


def store_path() -> Path:
    return Path(os.environ.get("MARSAD_STORE") or "data/store")


def get_store() -> Store:
    return Store(store_path())


def token() -> str:
    return get_store().version_token()


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(path: str, version: str):
    store = Store(path)
    snapshot = Q.open_snapshot(store)   # written by ingest/reprocess: no copy into memory needed
    if snapshot is not None:
        return snapshot
    con = Q.tune(store.connect())
    return Q.prepare(con, materialize=True, derived=True)   # the snapshot's tables, without the search index


def connection():
    """The cached connection for the current store version (call `.cursor()` per thread)."""
    return _connection(str(store_path()), token())


def cursor():
    """A fresh cursor on the cached connection for the current store version."""
    return _connection(str(store_path()), token()).cursor()


@st.cache_data(max_entries=1024, show_spinner=False)
def _query(path: str, version: str, name: str, filters: Q.Filters | None, args: tuple, kwargs: tuple) -> Any:
    fn = getattr(Q, name)
    con = _connection(path, version).cursor()
    if filters is None:
        return fn(con, *args, **dict(kwargs))
    return fn(con, filters, *args, **dict(kwargs))


def q(name: str, filters: Q.Filters | None = None, *args: Any, **kwargs: Any) -> Any:
    """Run `marsad.query.<name>(con, filters, *args, **kwargs)` through the cache."""
    return _query(str(store_path()), token(), name, filters, tuple(args), tuple(sorted(kwargs.items())))


# -- engine resources and labels ------------------------------------------------------------------


@st.cache_resource(max_entries=2, show_spinner=False)
def _resources(path: str, overlay_mtime: float):
    try:
        from marsad.resources import load_resources
    except Exception as exc:  # the engine is being written concurrently
        return None, f"engine resources unavailable ({type(exc).__name__}: {exc})"
    try:
        return load_resources(overlay_dir=path), None
    except Exception as exc:
        log.warning("load_resources failed: %s", exc)
        return None, f"dictionaries could not be loaded ({type(exc).__name__}: {exc})"


def resources() -> tuple[Any, str | None]:
    """(resources or None, problem message or None)."""
    path = store_path()
    overlay = path / "dictionary_overlay.yaml"
    mtime = overlay.stat().st_mtime if overlay.exists() else 0.0
    return _resources(str(path), mtime)


@st.cache_data(max_entries=8, show_spinner=False)
def _labels(path: str, version: str, overlay_mtime: float) -> Labels:
    res, _ = _resources(path, overlay_mtime)
    labels = from_resources(res) if res is not None else Labels()
    con = _connection(path, version).cursor()
    labels.with_places(Q.place_options(con))
    groups = con.execute("""SELECT group_id, any_value(name_en) AS name_en, any_value(name_ar) AS name_ar,
                                   any_value(kind) AS kind FROM actor_mentions
                            WHERE actor_id = group_id GROUP BY group_id""").df()
    labels.with_groups_from_mentions(groups)
    return labels


def labels() -> Labels:
    path = store_path()
    overlay = path / "dictionary_overlay.yaml"
    return _labels(str(path), token(), overlay.stat().st_mtime if overlay.exists() else 0.0)


def is_empty() -> bool:
    status = q("store_status")
    return not status.get("articles")


def clear_caches() -> None:
    _query.clear()
    _labels.clear()


def frame_or_empty(value: Any) -> pd.DataFrame:
    return value if isinstance(value, pd.DataFrame) else pd.DataFrame()
