"""End-to-end: upload articles on the Data page of an empty store; they are processed and counted."""
from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import _need_browser, serve
from tests.e2e.test_dashboard_e2e import _is_local, _new_page, _settle

pytestmark = pytest.mark.e2e


def test_upload_processes_files_and_reports_skips(tmp_path, browser, artifacts):
    _need_browser()
    good = tmp_path / "2016-02-20_report.txt"
    good.write_text("غارة أمريكية قرب صبراتة\n\nقتل 40 شخصا في غارة جوية أمريكية على معسكر لداعش قرب صبراتة أمس.",
                    encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "اشتباكات", "content": "اندلعت اشتباكات في طرابلس بين مجموعات مسلحة.",
                                "published": "2018-08-27"}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    with serve(tmp_path / "store", tmp_path) as url:
        context, page, requests = _new_page(browser)
        page.goto(url + "/data")
        _settle(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(good), str(feed)])
        page.get_by_role("button", name="Process the files").click()
        page.get_by_text("Added 2").wait_for(timeout=60_000)
        _settle(page)
        body = page.inner_text("body")
        assert "duplicates 0" in body and "skipped 1" in body
        assert "invalid JSON" in body          # the bad line is reported with its reason
        page.screenshot(path=str(artifacts / "data-upload.png"))
        page.goto(url + "/")
        _settle(page)
        assert not page.locator('[data-testid="stException"]').count()
        assert "store is empty" not in page.inner_text("body")
        assert all(_is_local(u) for u in requests), [u for u in requests if not _is_local(u)]
        context.close()
