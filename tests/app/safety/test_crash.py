"""Crash test: SIGKILL a process saving entries, drafts and activities at random moments;
every save that returned before the kill must survive, files intact, the draft offered."""

import sys

import pytest

from tests.helpers.crash import run_crashes, verify

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork")


@pytest.mark.slow
def test_no_returned_save_is_lost_across_many_kills(tmp_path):
    data_dir = tmp_path / "data"
    report = run_crashes(data_dir, kills=32, seed=7, max_run_seconds=0.25)
    assert report.kills == 32
    verify(data_dir, report)
    assert report.saves > 30, "the saver barely saved anything: the test proves little"
    assert all(report.reported.values()), report.reported.keys()
    assert report.entries_lost == 0, report.lost
    assert report.problems == []
    assert report.last_draft is not None and report.draft_offered
