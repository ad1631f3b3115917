from marsad.matcher import PhraseMatcher, clitic_variants
from marsad.text import analyze, normalize_cue, normalize_phrase


def _find(m, text):
    doc = analyze(text)
    return [(x.start, x.end, x.payloads) for x in m.find([t.norm for t in doc.tokens])]


def test_clitic_variants():
    assert "القوات" in clitic_variants("والقوات")
    assert "ليبيا" in clitic_variants("بليبيا")
    assert "داعش" in clitic_variants("لداعش")
    assert "الجيش" in clitic_variants("للجيش")
    assert "مدينه" in clitic_variants("بمدينه")
    assert "الجيش" in clitic_variants("وللجيش")


def test_proclitics_on_the_first_word_only():
    m = PhraseMatcher()
    m.add(normalize_phrase("القوات الأمريكية"), "usa")
    m.add(normalize_phrase("داعش"), "isis")
    m.add(normalize_phrase("صبراتة"), "sabratha")
    assert [p for *_, p in _find(m, "والقوات الأمريكية بمدينة صبراتة تقاتل لداعش")] == [("usa",), ("sabratha",), ("isis",)]


def test_longest_match_wins():
    m = PhraseMatcher()
    m.add(normalize_phrase("طرابلس"), "tripoli")
    m.add(normalize_phrase("طرابلس اللبنانية"), "tripoli_lb")
    assert _find(m, "في طرابلس اللبنانية")[0][2] == ("tripoli_lb",)


def test_prefix_wildcard_on_last_word():
    m = PhraseMatcher()
    m.add(normalize_cue("اشتباك*"), "clash")
    m.add(normalize_cue("قصف جوي*"), "air")
    assert [p for *_, p in _find(m, "اندلعت اشتباكات عنيفة بعد قصف جوية")] == [("clash",), ("air",)]
