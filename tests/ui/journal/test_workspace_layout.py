"""The journal's three columns stay put while a person types and the save status changes,
at the smallest supported window and with the largest text size."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from app.services.journal import EntryInput
from tests.helpers.journal_ui import create_through_welcome

SHOTS = os.environ.get("HEARTH_SHOTS")  # a folder to keep the screens in, to look at them


def columns(workspace) -> list[tuple[int, int]]:
    """Where each column starts and how wide it is, in the workspace's coordinates."""
    result = []
    for index in range(workspace.splitter.count()):
        widget = workspace.splitter.widget(index)
        result.append((widget.mapTo(workspace, QPoint(0, 0)).x(), widget.width()))
    return result


def settle(qtbot) -> None:
    # Layout changes arrive as posted events; let every one of them run.
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(1)


@pytest.mark.parametrize("text_size", ["normal", "larger"])
def test_columns_keep_their_place_while_typing(make_window, qtbot, text_size, tmp_path):
    window = make_window()
    window.set_text_size(text_size)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.show_tab("journal")
    tab = window.journal_tab
    create_through_welcome(qtbot, tab, passphrase=None)
    tab.session.save_entry(EntryInput(date=datetime.date.today(), title="Canal",
                                      body="We walked by the **canal**.", tags=("walks",)))
    workspace = tab.workspace
    workspace._refresh_after_change()
    editor = workspace.editor
    settle(qtbot)
    start = columns(workspace)
    seen = [start]

    editor.body_edit.setFocus()
    for word in ["Tonight", " we", " walked", " all", " the", " way", " home", "."]:
        qtbot.keyClicks(editor.body_edit, word)
        settle(qtbot)
        seen.append(columns(workspace))
    statuses = ["Editing…", "Draft kept 21:00", "Restored draft, not saved yet",
                "Saved 21:04", "New entry",
                "This entry could not be saved: the disk is full. Free some space."]
    for status in statuses:
        editor.set_status(status)
        settle(qtbot)
        seen.append(columns(workspace))
    editor.body_edit.setPlainText("word " * 12345)  # a five-digit word count
    settle(qtbot)
    seen.append(columns(workspace))
    workspace.flush_draft()  # "Draft kept …" from the real path
    settle(qtbot)
    seen.append(columns(workspace))
    assert all(place == start for place in seen), "\n".join(map(str, seen))
    # The status is shown whole when it fits, and never pushes the page wider.
    assert editor.status_label.full_text() == editor.status_label.toolTip() != ""
    if SHOTS:
        editor.set_status("Restored draft, not saved yet")
        settle(qtbot)
        window.grab().save(str(Path(SHOTS) / f"journal-typing-{text_size}.png"))
