"""Small Streamlit helpers shared by pages (CSS, first-run message, evidence lists)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data
from components.filters import lang, tr
from components.labels import Labels
from components.reader import evidence_html
from components.style import CSS, op_color

DATA_PAGE = "pages/data.py"
ARTICLES_PAGE = "pages/articles.py"


def inject_css() -> None:
    st.html(CSS)


def require_data() -> bool:
    """False (after a first-run message pointing to the Data page) when the store is empty."""
    if not data.is_empty():
        return True
    st.info(tr("The store is empty. Add articles on the **Data** page (upload text, TREC, JSON, CSV, HTML or "
               "zip files) to see events, actors and places here.",
               "المخزن فارغ. أضف مقالات من صفحة **البيانات** (ملفات نصية أو TREC أو JSON أو CSV أو HTML أو zip) "
               "لعرض الأحداث والفاعلين والأماكن هنا."), icon=":material/info:")
    st.page_link(DATA_PAGE, label=tr("Go to the Data page", "الانتقال إلى صفحة البيانات"), icon=":material/upload:")
    return False


def day_text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return tr("undated", "دون تاريخ")
    return str(value)[:10]


def event_meta(row, labels: Labels, lg: str) -> str:
    actors = " → ".join(labels.group(a, lg) for a in (row.actor1_group, row.actor2_group) if isinstance(a, str) and a)
    place = (row.place_ar if lg == "ar" else row.place_en) if isinstance(getattr(row, "place_en", None), str) else ""
    source = row.source if isinstance(row.source, str) else ""   # NaN when the article has no outlet
    bits = [day_text(row.day), labels.status(row.status, lg), actors, place, source]
    return " · ".join(b for b in bits if b)


def evidence_list(frame: pd.DataFrame, labels: Labels, with_titles: bool = True) -> str:
    lg = lang()
    out = []
    for row in frame.itertuples(index=False):
        meta = event_meta(row, labels, lg)
        cite = row.title if with_titles and isinstance(getattr(row, "title", None), str) else None
        out.append(evidence_html(row.sentence, meta, op_color(row.type), labels.op(row.type, lg), cite=cite))
    return "".join(out)


def events_display(frame: pd.DataFrame, labels: Labels, lg: str) -> pd.DataFrame:
    """Events table with names instead of ids (for st.dataframe)."""
    if frame.empty:
        return pd.DataFrame(columns=["date", "type", "status", "actor1", "actor2", "place", "fatalities",
                                     "outlet", "evidence", "article_id"])
    def grp(v):
        return labels.group(v, lg) if isinstance(v, str) and v else ""
    out = pd.DataFrame({
        "date": pd.to_datetime(frame["day"]).dt.date,
        "type": [labels.op(t, lg) for t in frame["type"]],
        "status": [labels.status(s, lg) for s in frame["status"]],
        "actor1": [grp(v) for v in frame["actor1_group"]],
        "actor2": [grp(v) for v in frame["actor2_group"]],
        "place": [(ar if lg == "ar" else en) if isinstance(en, str) else "" for en, ar in zip(frame["place_en"], frame["place_ar"])],
        "fatalities": frame["fatalities"].astype("Int64"),
        "outlet": frame["source"].fillna(""),
        "evidence": frame["sentence"].fillna(""),
        "article_id": frame["article_id"],
    })
    return out
