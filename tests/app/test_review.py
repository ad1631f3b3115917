"""AppTest: the Review page lists an unknown militia found in ingested articles."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from streamlit.testing.v1 import AppTest

from tests.fixtures import ingest_reports

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ["اشتبكت كتيبة النسور الحمر مع قوات الوفاق في مدينة غريان أمس.",
         "قالت مصادر إن كتيبة النسور الحمر انسحبت من جنوب طرابلس.",
         "اتهم سكان كتيبة النسور الحمر بخطف مدنيين في ترهونة."]


def test_review_lists_unknown_militia(monkeypatch, tmp_path):
    store = ingest_reports(tmp_path, TEXTS, ["2019-05", "2019-06", "2019-07"])
    monkeypatch.setenv("MARSAD_STORE", str(store.root))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/review.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    names = list(table.iloc[:, 0])
    assert "النسور الحمر" in names
    row = table[table.iloc[:, 0] == "النسور الحمر"].iloc[0]
    assert int(row.iloc[3]) == 3   # mentions
