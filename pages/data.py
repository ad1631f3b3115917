"""Data: store status, upload and ingest of files (every format the engine reads), reprocess."""
import json
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from components import data
from components.filters import tr
from components.ui import day_text
from components.boot import page_guard

page_guard()

def _display_name(path: str, names: dict[str, str]) -> str:
    """An input as the user knows it: the uploaded file name (and zip member), not the temp path."""
    head, sep, member = path.partition("!")
    return names.get(head, Path(head).name) + sep + member


FORMATS = ["txt", "trec", "json", "jsonl", "csv", "html", "htm", "zip"]

st.title(tr("Data", "البيانات"))
status = data.q("store_status")
store = data.get_store()
c = st.columns(5)
c[0].metric(tr("Articles", "المقالات"), f"{int(status['articles'] or 0):,}")
c[1].metric(tr("Distinct stories", "القصص المختلفة"), f"{int(status['stories'] or 0):,}")
c[2].metric(tr("Events", "الأحداث"), f"{int(status['events'] or 0):,}")
c[3].metric(tr("Batches", "الدفعات"), f"{int(status['batches'] or 0):,}")
c[4].metric(tr("Last ingest", "آخر إدخال"), str(status["last_ingest"])[:10] if status["last_ingest"] else "—",
            help=str(status["last_ingest"])[:19] if status["last_ingest"] else None)
st.caption(tr(f"Store: `{store.root}` · {int(status['undated'] or 0):,} undated articles · "
              f"{int(status['place_mentions'] or 0):,} place and {int(status['actor_mentions'] or 0):,} actor mentions",
              f"المخزن: `{store.root}`"))

res, problem = data.resources()
versions = dict(getattr(res, "versions", {}) or {}) if res is not None else {}
batches = data.q("batches")
with st.expander(tr("Dictionary versions", "إصدارات القواميس"), expanded=False):
    if versions:
        st.dataframe(pd.DataFrame(sorted(versions.items()), columns=["file", "version"]), hide_index=True)
    elif problem:
        st.warning(problem)
    if not batches.empty and batches["dictionary_versions"].notna().any():
        st.caption(tr("Versions used by the last batch:", "الإصدارات المستخدمة في آخر دفعة:"))
        try:
            st.json(json.loads(batches["dictionary_versions"].dropna().iloc[0]))
        except (ValueError, TypeError):
            st.code(str(batches["dictionary_versions"].dropna().iloc[0]))

st.subheader(tr("Add articles", "إضافة مقالات"))
try:
    from marsad.pipeline import ingest_paths, reprocess
    engine_error = None
except Exception as exc:  # the pipeline is written by another engineer; show why it is missing
    ingest_paths = reprocess = None
    engine_error = f"{type(exc).__name__}: {exc}"

if engine_error or res is None:
    st.warning(tr("Ingest is not available yet: the extraction engine could not be loaded "
                  f"({engine_error or problem}).", "الإدخال غير متاح حالياً: تعذر تحميل محرك الاستخراج."),
               icon=":material/construction:")
files = st.file_uploader(tr("Files (txt, TREC, JSON, JSONL, CSV, HTML or zip)", "ملفات (txt أو TREC أو JSON أو CSV أو HTML أو zip)"),
                         type=FORMATS, accept_multiple_files=True, key="data_upload",
                         disabled=bool(engine_error or res is None))
go = st.button(tr("Process the files", "معالجة الملفات"), type="primary", disabled=not files or bool(engine_error or res is None),
               icon=":material/play_arrow:")
if go and files:
    with tempfile.TemporaryDirectory(prefix="marsad-upload-") as tmp:
        paths = []
        for i, up in enumerate(files):
            name = Path(up.name).name or f"upload-{i}"
            target = Path(tmp) / f"{i:04d}-{name}"
            target.write_bytes(up.getbuffer())
            paths.append(target)
        bar = st.progress(0.0, text=tr("Starting…", "جارٍ البدء…"))

        def progress(done: int, total: int, path: str) -> None:
            bar.progress(min(1.0, done / max(total, 1)), text=f"{done}/{total} · {Path(str(path)).name}")

        with st.spinner(tr("Extracting events…", "جارٍ استخراج الأحداث…")):
            report = ingest_paths(paths, store, res, progress=progress)
        bar.progress(1.0, text=tr("Done", "تم"))
    names = {str(p): up.name for p, up in zip(paths, files)}   # show the uploaded names, not temp paths
    for row in report.per_file:
        row["file"] = _display_name(row["file"], names)
    st.session_state["data_last_report"] = report
    st.session_state["data_last_names"] = names
    data.clear_caches()
    st.rerun()   # redraw the counts and the batches with the new store
report = st.session_state.get("data_last_report")
if report is not None:
    st.success(tr(f"Added {report.added} · duplicates {report.duplicates} · near-duplicates {report.near_duplicates} · "
                  f"skipped {len(report.skipped)}",
                  f"أضيف {report.added} · مكرر {report.duplicates} · شبه مكرر {report.near_duplicates} · متروك {len(report.skipped)}"))
    frame = report.to_frame()
    st.dataframe(frame, hide_index=True, width="stretch")
    for skip in report.skipped:   # each skipped input, named, with its reason
        shown = _display_name(str(skip.path), st.session_state.get("data_last_names", {}))
        st.markdown(f"- :orange[{tr('Skipped', 'متروك')}] `{shown}"
                    f"{':' + str(skip.line) if skip.line else ''}` — {skip.reason}")
    if getattr(report, "events_by_type", None):
        st.caption(", ".join(f"{k}: {v}" for k, v in sorted(report.events_by_type.items())))

st.subheader(tr("Reprocess", "إعادة المعالجة"))
st.caption(tr("Re-run extraction over every stored article with the current dictionaries (after editing them).",
              "إعادة الاستخراج لكل المقالات المخزنة بالقواميس الحالية."))
if st.button(tr("Reprocess the store", "إعادة معالجة المخزن"), disabled=bool(engine_error or res is None) or not status["articles"],
             icon=":material/refresh:"):
    bar = st.progress(0.0)

    def progress2(done: int, total: int, path: str) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=f"{done}/{total}")

    with st.spinner(tr("Reprocessing…", "جارٍ إعادة المعالجة…")):
        reprocess(store, res, progress=progress2)
    data.clear_caches()
    st.success(tr("Reprocessed.", "تمت إعادة المعالجة."))

st.subheader(tr("Batches", "الدفعات"))
if batches.empty:
    st.caption(tr("No batches yet.", "لا دفعات بعد."))
else:
    st.dataframe(batches.assign(started=[day_text(s) if s is None else str(s)[:19] for s in batches["started"]]).drop(
        columns=["dictionary_versions"]), hide_index=True, width="stretch")
