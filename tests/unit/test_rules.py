"""Extraction rules that golden cases cannot state: the article's outlet, and statuses that must be absent.
Sentences are written for these tests."""
from __future__ import annotations

import datetime as dt

from marsad.extract import extract
from marsad.text import clean_text


def _run(text: str, res, source: str | None = None, date: dt.date = dt.date(2017, 5, 19)):
    return extract("", clean_text(text), date, res, source)


def _groups(ex) -> set[str]:
    return {a.group for a in ex.actors if a.group and a.role not in ("outlet", "source")}


def test_home_body_followed_by_an_admin_area_is_the_outlets_state(res):
    ex = _run("تمكنت وحدات الحرس الوطني بمعتمدية بن قردان من إيقاف 11 شخصا حاولوا اجتياز الحدود.", res, "Jawhara FM")
    assert "tun" in _groups(ex)


def test_home_body_of_a_libyan_government_is_not_the_outlets_state(res):
    ex = _run("طالبت وزارة العدل في الحكومة المؤقتة بالإفراج عن المعتقلين.", res, "Jawhara FM")
    assert "tun" not in _groups(ex)


def test_home_body_in_a_libyan_town_is_not_the_outlets_state(res):
    ex = _run("أعلنت وزارة الداخلية بطرابلس القبض على عصابة.", res, "Jawhara FM")
    assert "tun" not in _groups(ex)


def test_tunisian_judicial_police_is_a_home_body(res):
    ex = _run("تمكنت فرقة الشرطة العدلية بسوسة من القبض على مهرب.", res, "Jawhara FM")
    assert "tun" in _groups(ex)


def test_international_services_have_no_home_bodies(res):
    ex = _run("قال وزير الداخلية إن المهاجرين سيحاكمون بعد وصول السفينة.", res, "BBC", dt.date(2018, 7, 12))
    assert "gbr" not in _groups(ex)


def test_a_detainee_handed_over_later_is_no_planned_arrest(res):
    ex = _run("تم إيقاف شخص مشتبه به، وسيتم تسليم الموقوف إلى النيابة العمومية.", res, "Jawhara FM")
    assert {(e.type, e.status) for e in ex.events if e.type == "arrest"} == {("arrest", "reported")}


def test_discussed_ceasefire_is_planned(res):
    ex = _run("ناقش الطرفان الحرص على تهدئة الأوضاع في الجنوب.", res)
    assert {(e.type, e.status) for e in ex.events} == {("ceasefire", "planned")}


def test_approaching_control_is_planned(res):
    ex = _run("تزامن الهجوم مع اقتراب الجيش من بسط سيطرته على المدينة.", res, date=dt.date(2018, 5, 31))
    assert ("territorial_control", "planned") in {(e.type, e.status) for e in ex.events}
    assert ("territorial_control", "reported") not in {(e.type, e.status) for e in ex.events}
