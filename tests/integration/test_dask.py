"""The Dask engine (a real LocalCluster, two worker processes) gives the local engine's store."""
import pandas as pd
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

SAMPLE = ROOT / "data" / "sample"
IGNORED = {"batch_id", "path"}   # batch ids and file layout differ by design


def _content(store, table, key):
    frame = store.read(table).to_pandas()
    cols = sorted(c for c in frame.columns if c not in IGNORED)
    frame = frame[cols]
    for c in cols:   # lists (attributed_to) and dates compare as text
        frame[c] = frame[c].map(lambda v: "|".join(map(str, v)) if hasattr(v, "__len__") and not isinstance(v, str) else str(v))
    return frame.sort_values(key).reset_index(drop=True)


def assert_same_content(a, b) -> None:
    """The two stores hold the same rows (batch ids and file names aside)."""
    for table, key in (("articles", ["article_id"]), ("events", ["event_id"]),
                       ("place_mentions", ["article_id", "start", "place_id"]),
                       ("actor_mentions", ["article_id", "start", "actor_id"]),
                       ("story_bands", ["article_id", "band"])):
        pd.testing.assert_frame_equal(_content(a, table, key), _content(b, table, key), check_dtype=False)


def test_dask_store_equals_local_store(tmp_path):
    from marsad.distributed import ingest_dask
    from marsad.pipeline import ingest_paths
    from marsad.store import Store

    inputs = [SAMPLE / "jsonl", SAMPLE / "trec", SAMPLE / "csv"]
    local, dask = Store(tmp_path / "local"), Store(tmp_path / "dask")
    r1 = ingest_paths(inputs, local)
    r2 = ingest_dask(inputs, dask, workers=2)
    assert (r2.added, r2.duplicates, r2.near_duplicates, r2.files) == (r1.added, r1.duplicates, r1.near_duplicates, r1.files)
    assert r2.added > 100
    assert_same_content(local, dask)
    assert not list((dask.root / "_staging").glob("*")), "staging files left behind"
