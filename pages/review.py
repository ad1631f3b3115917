"""Review: names the dictionaries do not know yet, and one action to add one to the user's overlay."""
import html

import pandas as pd
import streamlit as st

from components import data
from components.boot import page_guard
from components.filters import lang, open_page_filtered, tr

page_guard()
goto = st.session_state.pop("review_goto", None)
if goto:
    open_page_filtered(*goto)

KINDS = {"armed_group": ("Armed group", "جماعة مسلحة"), "person": ("Person", "شخص"),
         "organisation": ("Organisation", "هيئة"), "place": ("Place", "مكان")}
OWN_GROUP = "__own__"
GROUP_NOUNS = ("كتيبة", "الكتيبة", "لواء", "اللواء", "ميليشيا", "مليشيا", "ميليشيات", "مليشيات", "سرية", "قوة",
               "قوات", "تنظيم", "جماعة")

st.title(tr("Review", "المراجعة"))
st.caption(tr("Names Marsad does not know yet, found after «مدينة», «كتيبة», «لواء», «قوات», «المتحدث باسم» … and "
              "counted across the store. Add one to your own dictionary (the overlay in the store folder) and the "
              "store is reprocessed with it.",
              "أسماء لا يعرفها مرصد بعد، وُجدت بعد «مدينة» و«كتيبة» و«لواء» و«قوات» و«المتحدث باسم»… أضف أحدها إلى قاموسك."))

added = st.session_state.pop("review_added", None)
if added:
    st.success(added["message"], icon=":material/check:")
    place = added["kind"] == "place"
    target = ("pages/map.py", {"places": [added["id"]]}) if place else ("pages/actors.py", {"actors": [added["group"]]})
    # a callback, because the message (and this button) is gone on the rerun its click causes
    st.button(tr(f"Show «{added['en']}» on the {'Map' if place else 'Actors page'}",
                 f"عرض «{added['ar']}» في {'الخريطة' if place else 'صفحة الفاعلين'}"), icon=":material/arrow_forward:",
              key="review_show_added", on_click=lambda: st.session_state.update(review_goto=target))

if data.is_empty():
    st.info(tr("The store is empty: add articles on the Data page first.", "المخزن فارغ: أضف مقالات من صفحة البيانات."),
            icon=":material/info:")
    st.stop()

res, problem = data.resources()
c1, c2 = st.columns([1, 2])
min_count = c1.number_input(tr("Seen at least (times)", "عدد المرات على الأقل"), min_value=1, max_value=1000, value=2,
                            key="review_min")
kinds = c2.multiselect(tr("Kinds", "الأنواع"), list(KINDS), default=list(KINDS), key="review_kinds",
                       format_func=lambda k: f"{KINDS[k][0]} — {KINDS[k][1]}")
frame = data.frame_or_empty(data.q("candidates", None, min_count=int(min_count)))
if not frame.empty:
    frame = frame[frame["kind"].isin(kinds)]
if frame.empty:
    st.success(tr("No unknown names at this threshold.", "لا أسماء غير معروفة عند هذا الحد."), icon=":material/check:")
    st.stop()

view = pd.DataFrame({
    tr("Name", "الاسم"): frame["name"], tr("After", "بعد"): frame["cue"],
    tr("Kind", "النوع"): frame["kind"].map(lambda k: KINDS.get(k, (k, k))[1 if lang() == "ar" else 0]),
    tr("Mentions", "الإشارات"): frame["mentions"], tr("Articles", "المقالات"): frame["articles"],
    tr("First seen", "أول ظهور"): frame["first_seen"].astype(str).str[:10],
    tr("Last seen", "آخر ظهور"): frame["last_seen"].astype(str).str[:10],
    tr("Example", "مثال"): frame["example"].str.slice(0, 160),
})
picked = st.dataframe(view, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                      key="review_table", height=min(420, 38 + 35 * len(view)))
rows = picked.selection.rows if picked and picked.selection else []
if not rows:
    st.caption(tr("Select a row to add that name to your dictionary.", "اختر صفاً لإضافة الاسم إلى قاموسك."))
    st.stop()

cand = frame.iloc[rows[0]]
st.subheader(tr("Add to my dictionary", "إضافة إلى قاموسي"))
with st.container(border=True):
    st.markdown(f"<div dir='rtl' lang='ar' class='ar'>{html.escape(str(cand['example']))}</div>", unsafe_allow_html=True)
    default_ar = f"{cand['cue']} {cand['name']}" if cand["kind"] == "armed_group" and cand["cue"] in GROUP_NOUNS else cand["name"]
    # the kind decides which fields follow, so it is chosen outside the form (a form only reruns on submit)
    kind = st.selectbox(tr("Kind", "النوع"), list(KINDS), index=list(KINDS).index(cand["kind"]) if cand["kind"] in KINDS else 0,
                        format_func=lambda k: f"{KINDS[k][0]} — {KINDS[k][1]}", key=f"review_kind_{cand['name']}")
    near = None
    if kind == "place" and res is not None:
        from marsad.discovery import suggest_location

        near = suggest_location(str(cand["example"]), res)
        if near:
            st.caption(tr(f"Coordinates start at {near['en']} («{near['ar']}»), named in the example: move them to the place itself.",
                          f"الإحداثيات مبدئياً عند «{near['ar']}» المذكورة في المثال: عدّلها إلى موقع المكان نفسه."))
    with st.form("review_accept"):
        a1, a2 = st.columns(2)
        name_ar = a1.text_input(tr("Arabic name (as written in articles)", "الاسم بالعربية"), value=default_ar)
        name_en = a2.text_input(tr("English name", "الاسم بالإنجليزية"), value="")
        group, lat, lon, district = OWN_GROUP, None, None, ""
        if kind == "place":
            p1, p2, p3 = st.columns(3)
            lat = p1.number_input(tr("Latitude", "خط العرض"), value=float(near["lat"]) if near else 32.0,
                                  min_value=19.0, max_value=34.0, format="%.4f")
            lon = p2.number_input(tr("Longitude", "خط الطول"), value=float(near["lon"]) if near else 15.0,
                                  min_value=9.0, max_value=26.0, format="%.4f")
            district = p3.text_input(tr("District", "الشعبية"), value=(near or {}).get("district") or "")
        else:
            groups = sorted(res.group_labels.items(), key=lambda kv: kv[1][0]) if res is not None else []
            # only an armed group can stand as a group of its own; a person or a body belongs to one
            own = [(OWN_GROUP, (tr("— a new actor group of its own —", "— مجموعة فاعلين جديدة —"), ""))]
            choices = dict([*(own if kind == "armed_group" else []), *groups])
            group = st.selectbox(tr("Rolls up to (actor group)", "يتبع (مجموعة الفاعلين)"), list(choices),
                                 index=0 if kind == "armed_group" else None,
                                 placeholder=tr("Choose the group it acts for", "اختر المجموعة التي يتبعها"),
                                 format_func=lambda g: f"{choices[g][0]} — {choices[g][1]}" if choices[g][1] else choices[g][0])
        submitted = st.form_submit_button(tr("Add and reprocess", "إضافة وإعادة المعالجة"), type="primary",
                                          icon=":material/playlist_add:")
    if submitted:
        if not name_en.strip() or not name_ar.strip():
            st.error(tr("Give both an Arabic and an English name.", "أدخل الاسم بالعربية والإنجليزية."))
        elif group is None:
            st.error(tr("Choose the actor group it rolls up to.", "اختر مجموعة الفاعلين التي يتبعها."))
        else:
            from marsad.discovery import accept_candidate
            from marsad.pipeline import reprocess
            from marsad.resources import ResourceError, load_resources

            store = data.get_store()
            try:
                entry = accept_candidate(store.root, name_ar=name_ar.strip(), name_en=name_en.strip(), kind=kind,
                                         group=None if kind == "place" or group == OWN_GROUP else group,
                                         lat=lat, lon=lon, district=district or None)
            except ResourceError as exc:
                st.error(str(exc))
            else:
                with st.spinner(tr("Reprocessing the store with your dictionary…", "جارٍ إعادة المعالجة…")):
                    summary = reprocess(store, load_resources(store.root))
                data.clear_caches()
                # the name is known now: show the list without it, and say what was done
                st.session_state["review_added"] = {
                    "message": tr(f"Added «{entry['ar']}» ({entry['en']}, id {entry['id']}); {summary['articles']} "
                                  f"articles reprocessed, {summary['events']} events.",
                                  f"أضيف «{entry['ar']}»؛ أعيدت معالجة {summary['articles']} مقالاً."),
                    "kind": kind, "id": entry["id"], "group": entry.get("group") or entry["id"],
                    "en": entry["en"], "ar": entry["ar"]}
                st.session_state.pop("review_table", None)
                st.rerun()

overlay = data.get_store().root / "dictionary_overlay.yaml"
if overlay.exists():
    with st.expander(tr("My dictionary (overlay)", "قاموسي"), expanded=False):
        st.caption(str(overlay))
        st.code(overlay.read_text(encoding="utf-8"), language="yaml")
