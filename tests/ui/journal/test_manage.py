"""Journal > Manage journals: rename, delete with a backup first, and reorder."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.safety import backup as B
from app.services import journal as core
from ui import settings as S
from ui.journal.manage import ManageJournalsDialog, ordered
from ui.settings import Settings

PASS = "amber lantern over quiet water"


def _dialog(qtbot, context, **kwargs):
    dialog = ManageJournalsDialog(context=context, settings=Settings(context.data_dir),
                                  **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _names(dialog):
    return [dialog.list.item(n).text().split("  ·  ")[0] for n in range(dialog.list.count())]


def test_reordering_is_kept_for_the_chooser(qtbot, app_context):
    for name in ("Alma", "Bo", "Cy"):
        core.create_journal(app_context, name, None)
    dialog = _dialog(qtbot, app_context)
    assert _names(dialog) == ["Alma", "Bo", "Cy"]
    dialog.list.setCurrentRow(2)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert _names(dialog) == ["Cy", "Alma", "Bo"] and not dialog.up_button.isEnabled()
    order = Settings(app_context.data_dir).get(S.JOURNAL_ORDER)
    assert [i.name for i in ordered(core.list_journals(app_context), order)] == [
        "Cy", "Alma", "Bo"]


def test_rename_refuses_a_taken_name_in_words(qtbot, app_context, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    core.create_journal(app_context, "Alma", None)
    core.create_journal(app_context, "Bo", None)
    dialog = _dialog(qtbot, app_context)
    dialog.list.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("bo", True)))
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert "already a journal" in dialog.error.text()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Alma B", True)))
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert _names(dialog) == ["Alma B", "Bo"]


def test_deleting_a_protected_journal_asks_its_passphrase_and_backs_it_up(qtbot, app_context):
    info, _ = core.create_protected_journal(app_context, "Mine", PASS)
    answers = ["not it", PASS]
    dialog = _dialog(qtbot, app_context, confirm=lambda info: True,
                     ask_passphrase=lambda info: answers.pop(0))
    assert dialog._on_delete_button_clicked() is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=15000)  # done, whichever came first
    assert "does not unlock" in dialog.error.text() and _names(dialog) == ["Mine"]
    assert dialog._on_delete_button_clicked() is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=15000)  # done, whichever came first
    assert _names(dialog) == [] and dialog.error.text() == ""
    [kept] = B.list_backups(app_context.data_dir, B.journal_key(info.id))
    assert kept.reason == "pre-delete"
    B.verify_backup(kept.path, passphrase=PASS)  # it still opens, with its key file
