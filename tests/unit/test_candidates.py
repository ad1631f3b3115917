"""Discovery candidates (Review page): names the dictionaries miss, and the words that must not become one."""
from __future__ import annotations

import datetime as dt

import pytest

from marsad.extract import extract
from marsad.text import clean_text

DAY = dt.date(2019, 5, 1)


def candidates(text: str, res) -> set[tuple[str, str]]:
    return {(c.name_norm, c.kind) for c in extract("", clean_text(text), DAY, res).candidates}


@pytest.mark.parametrize("text, name, kind", [
    ("اشتبكت كتيبة الفرسان السود مع دورية في الضواحي.", "الفرسان السود", "armed_group"),
    ("قال آمر القوة الثالثة إن وحداته عادت إلى مواقعها.", "القوه الثالثه", "armed_group"),
    ("وصل العقيد فرج الدرسي إلى مقر المديرية صباحا.", "فرج الدرسي", "person"),
    ("سقطت قذيفة على منزل في بلدة الفقهاء جنوب الجفرة.", "الفقهاء", "place"),
    ("تجمع السكان في منطقة سيدي فرج شرق المدينة.", "سيدي فرج", "place"),
])
def test_names_are_proposed(text, name, kind, res):
    assert (name, kind) in candidates(text, res)


@pytest.mark.parametrize("text", [
    "وصلت قوات الشرق إلى أطراف المدينة.",                       # a direction
    "أعلنت جماعة إرهابية مسؤوليتها عن التفجير.",                 # an indefinite adjective
    "اشتبكت الكتيبة مع قوات محسوبة على النظام السابق.",          # a participle
    "قال آمر المنطقة العسكرية إن الهجوم صُد.",                   # a unit with no name
    "أمر قاض بحبس المتهمين أربعة أيام.",                        # «أمر» (ordered) is not «آمر»
    "سيطر المسلحون على مدينة تسيطر عليها القبائل منذ سنوات.",    # a verb with its resumptive pronoun
    "نجحت الدولة في تنظيم انتخابات هادئة.",                      # «تنظيم» as organising
    "قالت مصادر محلية إن قوات انسحبت من المواقع ليلا.",         # an operation word
])
def test_words_that_are_not_names(text, res):
    assert candidates(text, res) == set(), candidates(text, res)


def test_a_new_place_starts_at_the_place_its_example_names(res):
    from marsad.discovery import suggest_location

    near = suggest_location("هاجم مسلحون بلدة الفقهاء قرب سبها فجر الأحد.", res)
    assert near["id"] == "2212775" and 26 < near["lat"] < 28 and 14 < near["lon"] < 15.5   # Sabha
    assert suggest_location("قال المتحدث إن الوضع هادئ.", res) is None
