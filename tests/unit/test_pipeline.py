"""FileBatch: what a worker sends back for one input, and what the main process keeps of it."""
import datetime as dt

from marsad.ingest import ReadOptions, make_article
from marsad.pipeline import FileBatch, process_article

TEXTS = [
    "شنت طائرات أمريكية غارة جوية على مدينة صبراتة وقتل 40 شخصا.",
    "اندلعت اشتباكات في بنغازي بين الجيش الوطني الليبي وتنظيم داعش.",
    "اجتمع مجلس النواب في طبرق لمناقشة الميزانية.",
]


def _batch(res):
    articles = [make_article("", t, dt.date(2016, 2, 19), "Test", None, "x.txt", ReadOptions()) for t in TEXTS]
    return FileBatch.of([process_article(a, res) for a in articles])


def test_kept_drops_duplicates_and_sets_story_ids(res):
    batch = _batch(res)
    events_per_article = batch.counts["events"]
    assert events_per_article[0] >= 1 and events_per_article[1] >= 1
    tables = batch.kept(["story-a", None, "story-c"])
    assert tables["articles"].column("article_id").to_pylist() == [batch.article_ids[0], batch.article_ids[2]]
    assert tables["articles"].column("story_id").to_pylist() == ["story-a", "story-c"]
    events = tables["events"]
    assert set(events.column("article_id").to_pylist()) <= {batch.article_ids[0], batch.article_ids[2]}
    assert events.num_rows == events_per_article[0] + events_per_article[2]
    assert set(events.column("story_id").to_pylist()) <= {"story-a", "story-c"}
    bands = tables["story_bands"]
    assert bands.num_rows == 2 * len(batch.bands[0])
    assert bands.column("bucket").to_pylist()[: len(batch.bands[0])] == batch.bands[0]


def test_batch_round_trips_through_staging(res, tmp_path):
    batch = _batch(res)
    batch.save(tmp_path / "stage")
    loaded = FileBatch.load(tmp_path / "stage")
    assert loaded.article_ids == batch.article_ids and loaded.bands == batch.bands
    assert all(loaded.tables[t].equals(batch.tables[t]) for t in batch.tables)
    assert FileBatch.concat([batch, loaded]).article_ids == batch.article_ids * 2


def test_a_failed_background_write_leaves_the_store_unchanged(res, store, monkeypatch):
    import pytest

    from marsad import pipeline
    from marsad.store import Store
    from tests.integration.test_dask import SAMPLE

    pipeline.ingest_paths([SAMPLE / "jsonl"], store, res, snapshot=False)
    before = store.manifest()
    files_before = sorted(p for p in store.root.rglob("*.parquet"))
    monkeypatch.setattr(pipeline, "FLUSH_BYTES", 1)   # flush after every input file
    calls = {"n": 0}
    real = Store._write_files

    def failing(self, frames):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(self, frames)

    monkeypatch.setattr(Store, "_write_files", failing)
    with pytest.raises(OSError, match="disk full"):
        pipeline.ingest_paths([SAMPLE / "trec", SAMPLE / "csv", SAMPLE / "txt"], store, res, snapshot=False)
    assert calls["n"] >= 3
    assert store.manifest().version == before.version
    assert sorted(p for p in store.root.rglob("*.parquet")) == files_before
