"""Unknown names become candidates; accepting one makes it an actor after reprocessing."""

from marsad.discovery import accept_candidate, find_candidates
from marsad.pipeline import reprocess
from marsad.resources import load_resources
from marsad.store import Store
from tests.fixtures import ingest_reports

TEXTS = [
    "اندلعت اشتباكات عنيفة في مدينة ترهونة بين كتيبة الفرسان السود وقوات حكومة الوفاق.",
    "قالت مصادر محلية إن كتيبة الفرسان السود سيطرت على بوابة جنوب غريان أمس.",
    "اتهمت البعثة الأممية كتيبة الفرسان السود بخطف ثلاثة مدنيين في ترهونة.",
]


def test_new_militia_found_accepted_and_counted(tmp_path):
    store = ingest_reports(tmp_path, TEXTS, ["2020-01", "2020-02", "2020-03"], load_resources(tmp_path / "store"))

    candidates = find_candidates(store.connect(), min_count=2)
    row = candidates[candidates["name"] == "الفرسان السود"].iloc[0]
    assert row["mentions"] == 3 and row["articles"] == 3 and row["kind"] == "armed_group"
    assert str(row["first_seen"])[:10] == "2020-01-10"

    entry = accept_candidate(store.root, name_ar="كتيبة الفرسان السود", name_en="Black Knights Brigade",
                             kind="armed_group", group=None)   # an armed group of its own
    assert entry["id"] == "user_black_knights_brigade"
    reprocess(store)

    con = store.connect()
    n = con.execute("SELECT count(DISTINCT article_id) FROM actor_mentions WHERE actor_id = ?", [entry["id"]]).fetchone()[0]
    assert n == 3
    acting = con.execute("SELECT count(*) FROM events WHERE actor1 = ? OR actor2 = ?", [entry["id"]] * 2).fetchone()[0]
    assert acting >= 2
    assert "الفرسان السود" not in set(find_candidates(store.connect(), min_count=1)["name"])

    # …and it is an actor in the dashboard's charts (the same query functions the pages call)
    from marsad import query as Q

    con = Q.prepare(store.connect())
    top = Q.top_actors(con, Q.Filters(), 50)
    row = top[top["group_id"] == entry["id"]]
    assert not row.empty and row.iloc[0]["events"] >= 2 and row.iloc[0]["mentions"] == 3
    assert load_resources(store.root).group_labels[entry["id"]] == ("Black Knights Brigade", "كتيبة الفرسان السود")


def test_invalid_overlay_entry_leaves_overlay_untouched(tmp_path):
    import pytest

    from marsad.resources import ResourceError

    store = Store(tmp_path / "store")
    accept_candidate(store.root, name_ar="لواء النجم", name_en="Star Brigade", kind="armed_group", group="lna")
    before = (store.root / "dictionary_overlay.yaml").read_text(encoding="utf-8")
    with pytest.raises(ResourceError):
        accept_candidate(store.root, name_ar="لواء القمر", name_en="Moon Brigade", kind="armed_group", group="atlantis")
    assert (store.root / "dictionary_overlay.yaml").read_text(encoding="utf-8") == before
