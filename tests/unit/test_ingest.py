import datetime as dt
import json
import zipfile

import pytest

from marsad.ingest import ReadOptions, read_inputs

AR_TITLE = "غارة جوية قرب صبراتة"
AR_BODY = "صبراتة (وكالة الساحل للأنباء) - قالت مصادر محلية إن غارة جوية استهدفت موقعا غرب المدينة.\n\nوأضافت أن القتلى خمسة."


def read(paths, **kw):
    out = list(read_inputs([str(p) for p in paths], ReadOptions(**kw)))
    return [a for _, arts, _ in out for a in arts], [s for _, _, sk in out for s in sk]


def test_txt_title_date_from_filename_and_dateline_source(tmp_path):
    f = tmp_path / "2016-02-19_sabratha.txt"
    f.write_text(f"{AR_TITLE}\n\n{AR_BODY}", encoding="utf-8")
    (a,), skips = read([f])
    assert not skips
    assert a.title == AR_TITLE
    assert a.published == dt.date(2016, 2, 19)
    assert a.source == "وكالة الساحل للأنباء"
    assert a.text.startswith("صبراتة")


def test_txt_without_date_stays_undated_and_date_option_applies(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text(AR_BODY, encoding="utf-8")
    (a,), _ = read([f])
    assert a.published is None
    (b,), _ = read([f], date=dt.date(2020, 1, 2))
    assert b.published == dt.date(2020, 1, 2)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_encodings_are_detected(tmp_path, encoding):
    f = tmp_path / f"x-{encoding}.txt"
    f.write_bytes(f"{AR_TITLE}\n\n{AR_BODY}".encode(encoding))
    (a,), skips = read([f])
    assert not skips and a.title == AR_TITLE


def test_same_text_in_two_encodings_has_one_id(tmp_path):
    (tmp_path / "a.txt").write_bytes(AR_BODY.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(AR_BODY.encode("cp1256"))
    arts, _ = read([tmp_path])
    assert len({a.id for a in arts}) == 1


TREC = """<DOC>
<DOCNO>X-1</DOCNO>
<URL>https://example.invalid/1</URL>
<SRC>Barqa Observer</SRC>
<TITLE>عنوان أول</TITLE>
<TIME>Fri, 19 Feb 2016 14:10:00 +0200</TIME>
<AUTHOR></AUTHOR>
<TEXT>
نص الخبر الأول عن بنغازي.
</TEXT>
</DOC>
<DOC>
<DOCNO>X-2</DOCNO>
<SRC>Barqa Observer</SRC>
<TITLE>عنوان ثان</TITLE>
<TIME>03/04/2017</TIME>
<TEXT>
نص الخبر الثاني عن طبرق.
</TEXT>
</DOC>
<DOC>
<DOCNO>X-3</DOCNO>
<TEXT>
خبر مبتور بلا نهاية
"""


def test_trec_several_docs_time_formats_and_truncation(tmp_path):
    f = tmp_path / "feed.trec"
    f.write_text(TREC, encoding="utf-8")
    arts, skips = read([f])
    assert [a.published for a in arts] == [dt.date(2016, 2, 19), dt.date(2017, 4, 3)]
    assert arts[0].source == "Barqa Observer" and arts[0].url == "https://example.invalid/1"
    assert arts[0].path.endswith("#X-1")
    assert len(skips) == 1 and "truncated" in skips[0].reason and skips[0].line == 21


def test_jsonl_bad_line_is_skipped_with_its_line_number(tmp_path):
    f = tmp_path / "a.jsonl"
    rows = [json.dumps({"title": "t", "content": AR_BODY, "published": "2016-02-20"}, ensure_ascii=False),
            "{not json", json.dumps({"title": "no text"})]
    f.write_text("\n".join(rows), encoding="utf-8")
    arts, skips = read([f])
    assert len(arts) == 1 and arts[0].published == dt.date(2016, 2, 20)
    assert [(s.line, "invalid JSON" in s.reason or "no text" in s.reason) for s in skips] == [(2, True), (3, True)]


def test_json_array_with_field_map(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps([{"headline": "h", "body": AR_BODY, "date_extracted": "2018-05-02", "outlet": "Fezzan Post"}],
                            ensure_ascii=False), encoding="utf-8")
    (a,), _ = read([f])
    assert (a.title, a.published, a.source) == ("h", dt.date(2018, 5, 2), "Fezzan Post")
    (b,), _ = read([f], field_map={"title": "outlet", "text": "body"})
    assert b.title == "Fezzan Post"


def test_csv_without_text_column_is_a_clear_skip(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("headline,when\nx,2016-01-01\n", encoding="utf-8")
    arts, (skip,) = read([f])
    assert not arts and "no text column" in skip.reason and "headline, when" in skip.reason


def test_csv_reads_quoted_multiline_bodies(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text('title,body,date,source,url\n"t1","سطر أول\nسطر ثان",2019-04-04,Sahel News Agency,\n', encoding="utf-8")
    (a,), _ = read([f])
    assert a.text == "سطر أول\nسطر ثان" and a.published == dt.date(2019, 4, 4)


def test_html_main_text_only(tmp_path):
    f = tmp_path / "p.html"
    para = "استعادت قوات حكومة الوفاق قاعدة الوطية الجوية غرب طرابلس بعد معارك استمرت أسابيع. " * 3
    f.write_text(f"""<html><head><title>خبر</title><meta property="article:published_time" content="2020-05-18T10:00:00+02:00"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/x">رياضة</a></nav><article><h1>الوطية</h1><p>{para}</p><p>{para}</p></article>
<aside><a href="/y">أخبار ذات صلة: مباراة كرة قدم</a></aside><footer>جميع الحقوق محفوظة</footer></body></html>""", encoding="utf-8")
    (a,), skips = read([f])
    assert not skips
    assert "الوطية" in a.text and "جميع الحقوق" not in a.text and "رياضة" not in a.text
    assert a.published == dt.date(2020, 5, 18)


def test_zip_and_folders_recursive(tmp_path):
    sub = tmp_path / "in" / "deep"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(AR_BODY, encoding="utf-8")
    buf = tmp_path / "in" / "b.zip"
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("x/2017-01-02_c.txt", AR_BODY + " مختلف")
        z.writestr("y.jsonl", json.dumps({"text": AR_BODY + " ثالث"}, ensure_ascii=False))
    arts, skips = read([tmp_path / "in"])
    assert len(arts) == 3 and not skips
    assert any(a.path.endswith("b.zip!x/2017-01-02_c.txt") and a.published == dt.date(2017, 1, 2) for a in arts)


def test_bad_inputs_each_get_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary" * 20)
    (tmp_path / "latin.txt").write_bytes("caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1") * 3 + b"\x81\x8d\x8f\x90")
    (tmp_path / "big.txt").write_bytes(b"a" * 2000)
    (tmp_path / "x.docx").write_bytes(b"PK")
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04garbage")
    arts, skips = read([tmp_path], max_file_bytes=1000)
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in skips}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["bin.txt"]
    assert "encoding" in reasons["latin.txt"]
    assert "too large" in reasons["big.txt"]
    assert "unsupported" in reasons["x.docx"]
    assert "zip" in reasons["bad.zip"]
    assert not arts


def test_zip_bomb_limit(tmp_path):
    f = tmp_path / "bomb.zip"
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", "ا" * 2_000_000)
    arts, (skip,) = read([f], max_zip_bytes=1_000_000)
    assert "expands past the limit" in skip.reason and not arts


def test_same_article_twice_in_one_file_is_stored_once(tmp_path):
    from marsad.pipeline import ingest_paths
    from marsad.store import Store

    f = tmp_path / "a.jsonl"
    row = json.dumps({"title": "t", "content": AR_BODY, "published": "2016-02-20"}, ensure_ascii=False)
    f.write_text(row + "\n" + row + "\n", encoding="utf-8")
    report = ingest_paths([f], Store(tmp_path / "store"))
    assert (report.added, report.duplicates) == (1, 1)


def test_html_headline_once_and_site_name(tmp_path):
    f = tmp_path / "q.html"
    para = "أعلنت قوات حكومة الوفاق السيطرة على قاعدة الوطية الجوية بعد معارك استمرت أسابيع. " * 3
    f.write_text(f"""<html><head><title>قوات الوفاق تسيطر على الوطية | أفق ليبيا</title>
<meta property="og:title" content="قوات الوفاق تسيطر على الوطية"><meta property="og:site_name" content="Ofuq Libya">
<meta property="og:url" content="https://news.example.org/watiya"></head>
<body><article><h1>قوات الوفاق تسيطر على الوطية</h1><p>{para}</p><p>{para}</p></article></body></html>""",
                 encoding="utf-8")
    (a,), _ = read([f])
    assert a.title == "قوات الوفاق تسيطر على الوطية"
    assert not a.text.startswith(a.title) and a.text.startswith("أعلنت")
    assert a.source == "Ofuq Libya"
