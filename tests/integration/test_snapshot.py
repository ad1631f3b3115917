"""Ingest writes a dashboard snapshot of the new store version; it answers like the Parquet store."""
from marsad import query as Q
from marsad.pipeline import ingest_paths
from marsad.store import Store
from tests.conftest import ROOT


def test_snapshot_per_version_matches_the_store(tmp_path):
    store = Store(tmp_path / "store")
    ingest_paths([ROOT / "data" / "sample" / "trec"], store)
    first = Q.snapshot_path(store)
    assert first.exists()
    snap = Q.open_snapshot(store).cursor()
    live = Q.prepare(store.connect())
    f = Q.Filters(types=("airstrike", "armed_clash"))
    assert Q.kpis(snap, f) == Q.kpis(live, f)
    assert Q.map_places(snap, Q.Filters()).equals(Q.map_places(live, Q.Filters()))
    assert len(Q.search_articles(snap, Q.Filters(), ("مصراته",), (), (), 50)) > 0

    ingest_paths([ROOT / "data" / "sample" / "csv"], store)    # a new version replaces the old snapshot
    assert Q.snapshot_path(store).exists() and not first.exists()
    assert Q.kpis(Q.open_snapshot(store).cursor(), Q.Filters())["articles"] == Q.kpis(Q.prepare(store.connect()), Q.Filters())["articles"]
