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


def _reference_find(m, tokens, overlapping=False):
    """The matcher's trie tried at every token (no Aho-Corasick start filter)."""
    out, i = [], 0
    while i < len(tokens):
        hit = m.longest_at(tokens, i)
        if hit is None:
            i += 1
            continue
        out.append(hit)
        i = i + 1 if overlapping else hit.end
    return out


def test_start_filter_finds_what_the_trie_finds_at_every_token():
    import random

    rng = random.Random(5)
    words = ["القوات", "الجيش", "ليبيا", "طرابلس", "قصف", "جوي", "اشتباكات", "مدينه", "سرت", "داعش", "في", "على"]
    clitics = ["", "و", "ب", "ل", "وب", "ف", "لل", "ك"]
    m = PhraseMatcher()
    for k in range(40):
        phrase = [rng.choice(words) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            phrase[-1] = phrase[-1][:rng.randint(2, 4)] + "*"
        m.add(tuple(phrase), k)
    for _ in range(300):
        tokens = [rng.choice(clitics) + rng.choice(words) for _ in range(rng.randint(0, 25))]
        for overlapping in (False, True):
            got = [(x.start, x.end, x.payloads) for x in m.find(tokens, overlapping)]
            want = [(x.start, x.end, x.payloads) for x in _reference_find(m, tokens, overlapping)]
            assert got == want, tokens


def test_an_empty_matcher_finds_nothing():
    assert PhraseMatcher().find(["ليبيا"]) == []


def test_a_word_completing_an_exact_and_a_prefix_phrase_carries_both():
    m = PhraseMatcher()
    m.add(normalize_cue("مقاتلات"), "airstrike")
    m.add(normalize_cue("مقاتل*"), "fighters")
    assert _find(m, "حلقت مقاتلات فوق المدينة") == [(1, 2, ("fighters", "airstrike"))]
