"""Articles: normalized search (Arabic spelling variants, English entity names), list, and a reader that
highlights places, actors and operation cues (all text escaped)."""
import html
import re

import streamlit as st

from components import data
from components.filters import current, lang, tr
from components.reader import highlight_html, legend_html
from components.ui import day_text, require_data
from components.boot import page_guard

page_guard()

try:
    from marsad.text import normalize, search_key
except Exception:  # the engine's text module is always present, but keep the page usable
    def normalize(text: str) -> str:
        return text

    def search_key(text: str) -> str:
        return " ".join(text.split())

st.title(tr("Articles", "المقالات"))
if require_data():
    f, lg, labels = current(), lang(), data.labels()
    qp_article = st.query_params.get("article")
    if qp_article and st.session_state.get("_articles_from_url") != qp_article:
        st.session_state["_articles_from_url"] = qp_article
        st.session_state["articles_open"] = qp_article
    query = st.text_input(tr("Search the articles", "ابحث في المقالات"), key="articles_q",
                          placeholder=tr("Arabic text (any spelling: مصراته / مصراتة) or an English name (Misrata, Wagner)",
                                         "نص عربي (بأي إملاء: مصراته / مصراتة) أو اسم بالإنجليزية"))
    keys, place_ids, actor_ids = [], [], []
    if query.strip():
        keys = list(dict.fromkeys(k for k in (search_key(query.strip()), normalize(query.strip())) if k))
        ent = data.q("entity_ids_for_name", None, query.strip())
        place_ids, actor_ids = ent["places"], ent["actors"]
        if re.search(r"[A-Za-z]", query) and (place_ids or actor_ids):
            names = [labels.place_both(p) for p in place_ids] + [labels.group_both(a) for a in actor_ids]
            st.caption(tr("Also matching articles that mention: ", "وأيضاً المقالات التي تذكر: ") + "; ".join(names))
    results = data.q("search_articles", f, tuple(keys), tuple(place_ids), tuple(actor_ids), 300)
    left, right = st.columns([1, 1])
    with left:
        st.caption(tr(f"{len(results)} articles" + (" (first 300)" if len(results) >= 300 else ""),
                      f"{len(results)} مقالاً"))
        table = results.assign(date=[day_text(d) for d in results["published"]], source=results["source"].fillna(""))
        sel = st.dataframe(table[["title", "date", "source", "events"]], hide_index=True, width="stretch", height=560,
                           on_select="rerun", selection_mode="single-row", key="articles_list",
                           column_config={"date": st.column_config.TextColumn(tr("Date", "التاريخ"), width="small"),
                                          "source": st.column_config.TextColumn(tr("Outlet", "المصدر"), width="small"),
                                          "title": st.column_config.TextColumn(tr("Title", "العنوان"), width="large"),
                                          "events": st.column_config.NumberColumn(tr("Events", "الأحداث"), width="small")})
        rows = sel.selection.rows if sel is not None and hasattr(sel, "selection") else []
        if rows:
            st.session_state["articles_open"] = results.iloc[rows[0]]["article_id"]
    with right:
        article_id = st.session_state.get("articles_open") or (results.iloc[0]["article_id"] if not results.empty else None)
        art = data.q("article", None, article_id) if article_id else None
        if not art:
            st.info(tr("Select an article to read it.", "اختر مقالاً لقراءته."))
        else:
            st.html(f"<h3 dir='rtl' lang='ar' style='text-align:right;margin:0'>{html.escape(art.get('title') or '')}</h3>")
            st.html(f"<div style='color:#52606d;font-size:.85rem'><bdi>{html.escape(str(art.get('source') or ''))}</bdi> · "
                    f"{html.escape(day_text(art.get('published')))} · {int(art.get('n_chars') or 0):,} "
                    f"{html.escape(tr('characters', 'حرفاً'))}</div>")
            if art.get("url"):
                st.link_button(tr("Open the original", "فتح الأصل"), art["url"], icon=":material/open_in_new:")
            st.html(legend_html(lg))
            spans = data.q("article_spans", None, article_id)
            st.html(highlight_html(art.get("text") or "", spans, labels, lg))
            evs = data.q("article_events", None, article_id)
            st.markdown(tr(f"**Events in this article ({len(evs)})**", f"**الأحداث في هذا المقال ({len(evs)})**"))
            if not evs.empty:
                st.dataframe(evs.assign(
                    type_=[labels.op(t, lg) for t in evs["type"]], status_=[labels.status(s, lg) for s in evs["status"]],
                    a1=[labels.group(a, lg) if isinstance(a, str) else "" for a in evs["actor1_group"]],
                    a2=[labels.group(a, lg) if isinstance(a, str) else "" for a in evs["actor2_group"]],
                    place=[(ar if lg == "ar" else en) if isinstance(en, str) else "" for en, ar in zip(evs["place_en"], evs["place_ar"])],
                    date=[day_text(d) for d in evs["day"]])[["date", "type_", "status_", "a1", "a2", "place", "fatalities", "sentence"]],
                    hide_index=True, width="stretch", placeholder="—",
                    column_config={"date": tr("Date", "التاريخ"), "type_": tr("Type", "النوع"), "status_": tr("Status", "الحالة"),
                                   "a1": tr("Actor 1", "الفاعل 1"), "a2": tr("Actor 2", "الفاعل 2"), "place": tr("Place", "المكان"),
                                   "fatalities": tr("Fatalities", "القتلى"), "sentence": tr("Evidence", "الدليل")})
            story = art.get("story_id")
            if story:
                sib = data.q("story_articles", None, story)
                if len(sib) > 1:
                    st.markdown(tr(f"**Same story in {len(sib)} articles**", f"**القصة نفسها في {len(sib)} مقالات**"))
                    st.dataframe(sib.assign(date=[day_text(d) for d in sib["published"]], source=sib["source"].fillna(""))
                                 [["date", "source", "title"]],
                                 hide_index=True, width="stretch",
                                 column_config={"date": tr("Date", "التاريخ"), "source": tr("Outlet", "المصدر"),
                                                "title": tr("Title", "العنوان")})
