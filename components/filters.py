"""Global sidebar filters shared by every page, mirrored in the URL (st.query_params).

Widgets keep their values in `st.session_state` under the keys below. On the first run of a session
they are seeded from the URL, so a copied link reproduces the view; after each run the URL is
rewritten from the current filters. Pages change filters with `request_change(...)` (applied before
the widgets are drawn on the next run), never by touching widget keys directly.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from components import data
from components.labels import KINDS, Labels
from marsad.query import STATUSES, Filters

PRESETS = ("30d", "1y", "all", "custom")
PRESET_LABELS = {"30d": ("Last 30 days of data", "آخر 30 يوماً"), "1y": ("Last year of data", "آخر سنة"),
                 "all": ("All", "الكل"), "custom": ("Custom", "مخصص")}
K = {"preset": "f_preset", "range": "f_range", "actors": "f_actors", "places": "f_places", "types": "f_types",
     "statuses": "f_statuses", "outlets": "f_outlets", "story": "f_story", "lang": "f_lang"}
URL_KEYS = set(Filters.PARAM_KEYS) | {"range", "lang"}
PENDING = "_marsad_pending_filters"
SEEDED = "_marsad_seeded"
CURRENT = "_marsad_filters"


def lang() -> str:
    return "ar" if st.session_state.get(K["lang"]) == "ar" else "en"


def tr(en: str, ar: str) -> str:
    return ar if lang() == "ar" else en


def _url_params() -> dict[str, list[str]]:
    qp = st.query_params
    return {k: qp.get_all(k) for k in qp.keys()}


def _defaults() -> dict[str, Any]:
    return {K["preset"]: "all", K["range"]: None, K["actors"]: [], K["places"]: [], K["types"]: [],
            K["statuses"]: [], K["outlets"]: [], K["story"]: False}


def _seed_from_url() -> None:
    if st.session_state.get(SEEDED):
        return
    params = _url_params()
    f = Filters.from_params(params)
    ss = st.session_state
    for key, value in _defaults().items():
        ss.setdefault(key, value)
    ss.setdefault(K["lang"], "en")
    preset = (params.get("range") or [""])[-1]
    if f.date_from or f.date_to:
        ss[K["preset"]] = "custom"
        ss[K["range"]] = (f.date_from, f.date_to)
    elif preset in PRESETS:
        ss[K["preset"]] = preset
    ss[K["actors"]] = list(f.actors)
    ss[K["places"]] = list(f.places)
    ss[K["types"]] = list(f.types)
    ss[K["statuses"]] = list(f.statuses)
    ss[K["outlets"]] = list(f.outlets)
    ss[K["story"]] = f.one_per_story
    if (params.get("lang") or [""])[-1] == "ar":
        ss[K["lang"]] = "ar"
    ss[SEEDED] = True


def seed_state() -> None:
    """Seed language and filters from the URL once per session (call before the navigation is built)."""
    _seed_from_url()


def request_change(**changes: Any) -> None:
    """Ask for filter changes (e.g. places=['2210247']) and rerun; applied before widgets render."""
    pending = dict(st.session_state.get(PENDING) or {})
    pending.update(changes)
    st.session_state[PENDING] = pending
    st.rerun()


def open_page_filtered(page: str, changes: dict[str, Any]) -> None:
    """Switch to `page` with filter changes (e.g. {'actors': ['lna']}) applied before its widgets render."""
    pending = dict(st.session_state.get(PENDING) or {})
    pending.update(changes)
    st.session_state[PENDING] = pending
    st.switch_page(page)


def _apply_pending() -> None:
    pending = st.session_state.pop(PENDING, None)
    if not pending:
        return
    for name, value in pending.items():
        if name in K:
            st.session_state[K[name]] = list(value) if isinstance(value, (list, tuple)) else value


def clear_filters() -> None:
    for key, value in _defaults().items():
        st.session_state[key] = value


def _preset_range(preset: str, bounds: tuple[dt.date | None, dt.date | None]) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = bounds
    if preset == "30d" and hi:
        return hi - dt.timedelta(days=29), hi
    if preset == "1y" and hi:
        return hi - dt.timedelta(days=364), hi
    return None, None


def _keep_known(key: str, options: list[str]) -> list[str]:
    """Options for a multiselect, keeping selected values that the store does not have (yet)."""
    selected = [v for v in st.session_state.get(key) or [] if v not in options]
    return options + selected


def sidebar(labels: Labels) -> Filters:
    """Draw the global filters in the sidebar and return the current `Filters`."""
    _seed_from_url()
    _apply_pending()
    ss = st.session_state
    bounds = data.q("data_bounds") if not data.is_empty() else (None, None)
    sb = st.sidebar
    sb.segmented_control("Language / اللغة", ["en", "ar"], key=K["lang"], required=True,
                         format_func=lambda v: "English" if v == "en" else "العربية")
    lg = lang()
    sb.segmented_control(tr("Period", "الفترة"), list(PRESETS), key=K["preset"], required=True,
                         format_func=lambda v: PRESET_LABELS[v][1 if lg == "ar" else 0])
    preset = ss.get(K["preset"]) or "all"
    if preset == "custom":
        lo, hi = bounds
        current = ss.get(K["range"]) or (lo, hi)
        if current and None in current:
            current = (current[0] or lo, current[1] or hi)
        if not ss.get(K["range"]) or None in ss.get(K["range"]):
            ss[K["range"]] = current if all(current) else (dt.date(2011, 1, 1), dt.date.today())
        sb.date_input(tr("From – to", "من – إلى"), key=K["range"], format="YYYY-MM-DD")
        rng = ss.get(K["range"]) or (None, None)
        rng = tuple(rng) + (None,) * (2 - len(tuple(rng)))
        date_from, date_to = rng[0], rng[1]
    else:
        date_from, date_to = _preset_range(preset, bounds)
    if date_from or date_to:
        sb.caption(f"{date_from or '…'} → {date_to or '…'}")

    actors = labels.sort_groups(list(data.q("actor_options")["group_id"].dropna()) + list(labels.groups))
    sb.multiselect(tr("Actors", "الفاعلون"), _keep_known(K["actors"], actors), key=K["actors"],
                   format_func=lambda g: f"{labels.group_both(g)} · {labels.kind(labels.kind_of(g), lg)}",
                   placeholder=tr("All actors", "كل الفاعلين"))
    places = data.q("place_options")
    sb.multiselect(tr("Cities and places", "المدن والأماكن"), _keep_known(K["places"], list(places["place_id"])),
                   key=K["places"], format_func=labels.place_both, placeholder=tr("All places", "كل الأماكن"))
    types = list(dict.fromkeys(list(labels.operations) + list(data.q("type_options")["type"])))
    sb.multiselect(tr("Operation types", "أنواع العمليات"), _keep_known(K["types"], types), key=K["types"],
                   format_func=labels.op_both, placeholder=tr("All types", "كل الأنواع"))
    sb.multiselect(tr("Statuses", "الحالات"), list(STATUSES), key=K["statuses"], format_func=labels.status_both,
                   placeholder=tr("All statuses", "كل الحالات"))
    sb.multiselect(tr("Outlets", "المصادر"), _keep_known(K["outlets"], list(data.q("outlet_options")["source"])),
                   key=K["outlets"], placeholder=tr("All outlets", "كل المصادر"))
    sb.toggle(tr("Count each story once", "احتساب كل قصة مرة واحدة"), key=K["story"],
              help=tr("Near-duplicate articles (same story_id) count once.", "المقالات شبه المكررة تُحتسب مرة واحدة."))

    f = Filters(date_from=date_from, date_to=date_to, actors=ss.get(K["actors"]), places=ss.get(K["places"]),
                types=ss.get(K["types"]), statuses=ss.get(K["statuses"]), outlets=ss.get(K["outlets"]),
                one_per_story=bool(ss.get(K["story"])))
    active = not f.is_default or preset != "all"
    sb.button(tr("Clear filters", "مسح المرشحات"), on_click=clear_filters, disabled=not active,
              icon=":material/filter_alt_off:", width="stretch")
    sb.caption(tr("The address bar holds these filters: copy the link to share this view.",
                  "رابط الصفحة يحفظ هذه المرشحات: انسخه لمشاركة العرض."))
    _sync_url(f, preset, lg)
    ss[CURRENT] = f
    return f


def _sync_url(f: Filters, preset: str, lg: str) -> None:
    wanted: dict[str, str | list[str]] = {}
    params = f.to_params()
    if preset != "custom":
        params.pop("from", None)
        params.pop("to", None)
        if preset != "all":
            wanted["range"] = preset
    wanted.update(params)
    if lg == "ar":
        wanted["lang"] = "ar"
    qp = st.query_params
    current = {k: qp.get_all(k) for k in qp.keys() if k in URL_KEYS}
    norm = {k: (v if isinstance(v, list) else [v]) for k, v in wanted.items()}
    if current == norm:
        return
    for key in list(qp.keys()):
        if key in URL_KEYS and key not in wanted:
            del qp[key]
    for key, value in wanted.items():
        if current.get(key) != norm[key]:
            qp[key] = value


def current() -> Filters:
    return st.session_state.get(CURRENT) or Filters()


def summary(f: Filters, labels: Labels, lg: str) -> list[tuple[str, str]]:
    """(label, value) pairs describing the filters, for headers, briefings and exports."""
    def tt(en: str, ar: str) -> str:
        return ar if lg == "ar" else en

    rows = [(tt("Period", "الفترة"), f"{f.date_from or tt('start', 'البداية')} → {f.date_to or tt('end', 'النهاية')}"
             if (f.date_from or f.date_to) else tt("All dates", "كل التواريخ"))]
    if f.actors:
        rows.append((tt("Actors", "الفاعلون"), ", ".join(labels.group(a, lg) for a in f.actors)))
    if f.places:
        rows.append((tt("Places", "الأماكن"), ", ".join(labels.place(p, lg) for p in f.places)))
    if f.types:
        rows.append((tt("Operation types", "أنواع العمليات"), ", ".join(labels.op(t, lg) for t in f.types)))
    if f.statuses:
        rows.append((tt("Statuses", "الحالات"), ", ".join(labels.status(s, lg) for s in f.statuses)))
    if f.outlets:
        rows.append((tt("Outlets", "المصادر"), ", ".join(f.outlets)))
    if f.one_per_story:
        rows.append((tt("Stories", "القصص"), tt("each story counted once", "كل قصة مرة واحدة")))
    return rows


__all__ = ["seed_state", "sidebar", "current", "request_change", "clear_filters", "lang", "tr", "summary", "KINDS"]
