from camel_tools.utils.dediac import dediac_ar

from marsad.text import analyze, clean_text, normalize, normalize_cue, normalize_phrase, parse_number, search_key


def test_normalization_folds_hamza_teh_marbuta_alef_maksura_and_diacritics():
    assert normalize("إيطاليا") == normalize("ايطاليا")
    assert normalize("مصراتة") == normalize("مصراته")
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("غارةً") == normalize("غارة")
    assert normalize("الـقـوات") == "القوات"
    assert normalize("آذار") == "اذار"


def test_normalization_is_camel_dediac():
    word = "طَرَابُلُس"
    assert normalize(word) == dediac_ar(word)


def test_arabic_indic_digits_read_as_numbers():
    assert parse_number("٤٠") == 40
    assert parse_number("٢٠١٦") == 2016
    assert parse_number("1,200") == 1200
    assert parse_number("خمسة") is None


def test_phrase_and_article_use_the_same_profile():
    doc = analyze(clean_text("وصلت القوَّات الأميركيّة."))
    assert normalize_phrase("القوات الأميركية") == tuple(t.norm for t in doc.tokens[1:3])


def test_cue_keeps_wildcard():
    assert normalize_cue("اشتباكات*") == ("اشتباكات*",)
    assert normalize_cue("قصف جوي*") == ("قصف", "جوي*")


def test_tokens_have_offsets_into_the_text():
    text = clean_text("قال المتحدث: «غارة جوية» على سرت.\nوفي طرابلس، هدوء حذر")
    doc = analyze(text)
    for tok in doc.tokens:
        assert text[tok.start:tok.end] == tok.text
    assert len(doc.sentences) == 2
    assert doc.sentence_text(1).startswith("وفي طرابلس")


def test_clean_text_removes_invisible_marks_and_normalizes_newlines():
    assert clean_text("\ufeffطرابلس\u200f\r\nليبيا") == "طرابلس\nليبيا"


def test_search_key_matches_spelling_variants():
    assert search_key("مصراته") in search_key("وصلت القوات إلى مصراتة أمس")


def test_tokens_are_camel_tools_tokens_with_offsets():
    from camel_tools.tokenizers.word import simple_word_tokenize

    from marsad.text import QUOTES

    text = clean_text("قال: «الجيش» (الليبي) سيطر على 3 مواقع!! 🇱🇾 في 12/05/2019، و«داعش»... ok-test\nسطر ثانٍ؟ نعم.")
    doc = analyze(text)
    assert [t.text for t in doc.tokens] == [t for t in simple_word_tokenize(text) if t not in QUOTES]
    assert all(text[t.start:t.end] == t.text for t in doc.tokens)
    assert [t.norm for t in doc.tokens] == list(doc.norms)
    assert doc.tokens[2:4] == [doc.tokens[2], doc.tokens[3]]
