"""`ingest --workers 2` gives exactly the store of one process; event ids are unique."""
import pytest

from tests.integration.test_dask import SAMPLE, assert_same_content

pytestmark = pytest.mark.slow


def test_two_workers_store_equals_one_process_store(tmp_path, res):
    from marsad.pipeline import ingest_paths
    from marsad.store import Store

    inputs = [SAMPLE]
    one, two = Store(tmp_path / "one"), Store(tmp_path / "two")
    r1 = ingest_paths(inputs, one, res, snapshot=False)
    r2 = ingest_paths(inputs, two, res, workers=2, snapshot=False)
    assert (r2.added, r2.duplicates, r2.near_duplicates, r2.files) == (r1.added, r1.duplicates, r1.near_duplicates, r1.files)
    assert r1.added > 190
    assert_same_content(one, two)
    events = one.read("events").column("event_id").to_pylist()
    assert len(events) == len(set(events))
