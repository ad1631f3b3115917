import datetime as dt

import pandas as pd
import pytest

from marsad.store import SCHEMAS, StoreError


def _articles(ids, month="2016-02"):
    return pd.DataFrame({"article_id": ids, "story_id": ids, "title": ["t"] * len(ids), "text": ["x"] * len(ids),
                         "published": [dt.date(2016, 2, 19)] * len(ids), "month": [month] * len(ids)})


def test_empty_store_has_all_views(store):
    con = store.connect()
    for table in SCHEMAS:
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)


def test_append_partitions_by_month_and_reads_back(store):
    with store.lock():
        store.append({"articles": _articles(["a", "b"])})
        store.append({"articles": pd.concat([_articles(["c"], "2017-01"), _articles(["d"], "undated")])})
    files = [str(f) for f in store.files("articles")]
    assert any("month=2016-02" in f for f in files) and any("month=undated" in f for f in files)
    assert store.connect().execute("SELECT count(*) FROM articles").fetchone() == (4,)
    assert store.article_ids() == {"a", "b", "c", "d"}


def test_failed_transaction_leaves_store_exactly_as_before(store):
    with store.lock():
        store.append({"articles": _articles(["a"])})
    before = store.manifest()
    files_before = sorted(p for p in store.root.rglob("*.parquet"))
    with pytest.raises(KeyboardInterrupt):
        with store.lock(), store.transaction() as tx:
            tx.write({"articles": _articles(["b", "c"])})
            raise KeyboardInterrupt  # Ctrl-C mid-ingest
    assert store.manifest() == before
    assert sorted(p for p in store.root.rglob("*.parquet")) == files_before
    assert store.article_ids() == {"a"}


def test_orphans_from_a_killed_writer_are_ignored_then_removed(store):
    with store.lock():
        store.append({"articles": _articles(["a"])})
    orphan = store.root / "articles" / "month=2016-02" / "part-orphan.parquet"
    _articles(["zzz"]).to_parquet(orphan)
    assert store.article_ids() == {"a"}          # readers only see the manifest
    with store.lock():
        pass
    assert not orphan.exists()


def test_unknown_column_is_rejected_before_anything_is_written(store):
    with pytest.raises(StoreError, match="unknown columns"):
        with store.lock():
            store.append({"articles": _articles(["a"]).assign(bogus=1)})
    assert not store.exists()


def test_compact_merges_files(store):
    with store.lock():
        for i in range(5):
            store.append({"articles": _articles([f"a{i}"])})
    assert store.compact()["articles"] == (5, 1)
    assert store.article_ids() == {f"a{i}" for i in range(5)}
