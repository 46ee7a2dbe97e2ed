"""Journal > Import entries…: progress, the outcome in words, and Cancel storing nothing."""

from __future__ import annotations

import json
import threading

import pytest

from app.journal import importers
from tests.helpers import exports
from tests.helpers.journal_ui import build_tab, create_through_welcome
from ui.journal.import_dialog import ImportDialog


@pytest.fixture
def tab(qtbot, app_context):
    tab = build_tab(qtbot, app_context)
    create_through_welcome(qtbot, tab)
    return tab


def _dialog(qtbot, tab):
    dialog = ImportDialog(session=tab.workspace.session, keep_location=False, parent=tab)
    qtbot.addWidget(dialog)
    return dialog


def test_import_shows_progress_then_the_outcome_and_the_list_fills(qtbot, tab, tmp_path):
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(exports.JRNL_DOCUMENT))
    dialog = _dialog(qtbot, tab)
    dialog.show()
    dialog.choose(str(path))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert dialog.summary.text() == ("Added 2, updated 0, skipped 2: jrnl.json: entry 4 left "
                                     "out: its date “02/05/2021” cannot be read; entry 3 (Sunday 2 "
                                     "May 2021): it repeats an earlier entry of the export.")
    assert "skipped jrnl.json: entry 4 left out" in dialog.details.toPlainText()
    assert dialog.imported and dialog.close_button.text() == "Close"
    tab.workspace.reload()
    assert tab.workspace.sidebar.entry_model.rowCount() == 2


def test_cancel_stores_nothing(qtbot, tab, tmp_path, monkeypatch):
    path = exports.dayone_zip(tmp_path / "export.zip")
    gate = threading.Event()
    real = importers.read_source

    def slow_read(source):
        gate.wait(5)
        return real(source)

    monkeypatch.setattr(importers, "read_source", slow_read)
    before = tab.workspace.session.counts()
    dialog = _dialog(qtbot, tab)
    dialog.choose(str(path))
    dialog.start()
    assert dialog.running()
    dialog.close_button.click()  # Cancel while it runs
    gate.set()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert dialog.summary.text() == "The import was cancelled; nothing was added."
    assert tab.workspace.session.counts() == before and not dialog.imported


def test_a_bad_file_is_one_line(qtbot, tab, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just words")
    dialog = _dialog(qtbot, tab)
    dialog.choose(str(path))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert dialog.summary.text().startswith("notes.txt: is not an export Hearth can read")
    assert dialog.details.isHidden()
