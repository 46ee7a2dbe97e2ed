"""Exporting the calendar from the window into a device, a FIFO, a symlink and a folder."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from app.services import calendar as cal
from tests.helpers.output_targets import (
    FifoReader,
    assert_same_device,
    listing,
    make_char_device,
)
from ui.calendar import ics_tasks


@pytest.fixture
def tab(make_tab):
    cal.create_activity(cal.ActivityInput(title="Walk", start=dt.datetime(2026, 3, 3, 9)))
    return make_tab()


def _export_to(qtbot, tab, monkeypatch, path) -> str:
    """Choose `path` in the save dialog (no dialog can be clicked offscreen) and export;
    the outcome's heading and text."""
    monkeypatch.setattr(ics_tasks.QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(path), ics_tasks.ICS_FILTER))
    tab.files.export_action.trigger()
    with qtbot.waitSignal(tab.files.job.finished, timeout=10_000) as done:
        pass
    box = done.args[0]
    words = f"{box.text()} {box.informativeText()}"
    box.close()
    return words


def test_a_device_keeps_its_name_and_its_kind(qtbot, tab, monkeypatch, tmp_path):
    device = tmp_path / "null"
    before = make_char_device(device)
    assert "1 plan exported." in _export_to(qtbot, tab, monkeypatch, device)
    assert_same_device(device, before)
    assert listing(tmp_path) == ["data", "null"]


def test_a_fifo_receives_the_calendar(qtbot, tab, monkeypatch, tmp_path):
    reader = FifoReader(tmp_path / "pipe")
    assert "1 plan exported." in _export_to(qtbot, tab, monkeypatch, reader.path)
    assert b"SUMMARY:Walk" in reader.join()
    assert stat.S_ISFIFO(os.lstat(reader.path).st_mode)


def test_a_symlink_is_followed_and_kept(qtbot, tab, monkeypatch, tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "plans.ics"
    target.write_bytes(b"old")
    link = tmp_path / "plans.ics"
    link.symlink_to(target)
    _export_to(qtbot, tab, monkeypatch, link)
    assert link.is_symlink() and b"SUMMARY:Walk" in target.read_bytes()


def test_a_folder_is_refused_in_words(qtbot, tab, monkeypatch, tmp_path):
    (tmp_path / "plans.ics").mkdir()
    words = _export_to(qtbot, tab, monkeypatch, tmp_path / "plans.ics")
    assert "did not work" in words and "is a folder" in words
    assert listing(tmp_path / "plans.ics") == []
