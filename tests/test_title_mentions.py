"""Places and actors named only in the title count for the article but are not highlighted in its body."""
import json

from marsad import query as Q
from marsad.pipeline import ingest_paths


def test_title_mentions_count_but_are_not_body_spans(tmp_path, store, res):
    record = {"title": "داعش يتبنى هجوما في سرت", "text": "قال مسؤول محلي إن الهجوم وقع صباح اليوم وأسفر عن سقوط قتلى.",
              "date": "2016-05-02", "source": "Test"}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    ingest_paths([path], store, res, snapshot=False)
    con = Q.prepare(store.connect())
    actors = con.execute("SELECT group_id, sentence_idx FROM actor_mentions").fetchall()
    assert ("isis", -1) in actors
    places = con.execute("SELECT place_id, sentence_idx FROM place_mentions").fetchall()
    assert ("2210554", -1) in places   # Sirte (GeoNames 2210554), in the title only
    article_id = con.execute("SELECT article_id FROM articles").fetchone()[0]
    spans = Q.article_spans(con, article_id)
    assert "isis" not in set(spans["ref"]) and "2210554" not in set(spans["ref"])
