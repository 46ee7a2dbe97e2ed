"""File > Back up now, File > Restore from backup…, and start-up with a damaged file."""

import datetime as dt
import os

import pytest
from PySide6.QtWidgets import QApplication

from app.models.meta import AppMeta
from app.safety import backup as B
from tests.helpers.safety import PASSPHRASE, entry_titles, journal_path, make_journal, meta_of
from ui import startup
from ui.backup_dialog import BackupTableModel, RestoreDialog


@pytest.fixture(autouse=True)
def _no_pending_restore():
    yield
    startup._pending.clear()


def _file_menu_texts(window):
    return [a.text() for a in window.menus["file"].actions()]


def test_file_menu_offers_backup_and_restore(make_window):
    window = make_window()
    texts = _file_menu_texts(window)
    assert "Back &up now" in texts and "&Restore from backup…" in texts
    assert texts.index("&Restore from backup…") < texts.index("&Quit")


def test_back_up_now_copies_every_database(make_window, qtbot, data_dir):
    window = make_window()
    make_journal(window.context, passphrase=None)
    window.backup_actions.backup_action.trigger()
    qtbot.waitUntil(lambda: window.backup_actions._task is None, timeout=10_000)
    assert {b.key for b in B.list_backups(data_dir)} == {"hearth", "journal-1"}
    assert "Backed up 2 files" in window.statusBar().currentMessage()


def test_backup_model_passes_the_model_tester(qtmodeltester, app_context, data_dir):
    B.backup_database(data_dir, "hearth")
    model = BackupTableModel()
    model.set_backups(B.list_backups(data_dir))
    qtmodeltester.check(model)


def test_dialog_lists_verifies_and_confirms_a_restore(qtbot, app_context, data_dir):
    with app_context.db.atomic():
        AppMeta.set_value("version", "old")
    old = B.backup_database(data_dir, "hearth", now=dt.datetime(2026, 1, 2, 9, 30))
    with app_context.db.atomic():
        AppMeta.set_value("version", "new")
    dialog = RestoreDialog(data_dir=data_dir)
    qtbot.addWidget(dialog)
    assert dialog.proxy.rowCount() == 1
    index = dialog.proxy.index(0, 0)
    assert index.data() == "Fri 2 Jan 2026 at 09:30"
    assert dialog.proxy.index(0, 3).data() == B.describe_size(old.size)
    assert not dialog.restore_button.isEnabled()
    dialog.select_row(0)
    assert dialog.restore_button.isEnabled()
    dialog.confirm_restore = lambda info: True
    with qtbot.waitSignal(dialog.restore_confirmed, timeout=10_000) as blocker:
        dialog.restore_button.click()
    info, passphrase = blocker.args
    assert info.path == old.path and passphrase is None
    startup.request_restore(info, passphrase)
    app_context.close()
    result = startup.finish_pending_restore(data_dir)
    assert result.ok and "restored" in result.message
    assert meta_of(data_dir / "hearth.db")["version"] == "old"
    assert startup.finish_pending_restore(data_dir) is None


def test_dialog_reports_a_damaged_backup_and_restores_nothing(qtbot, app_context, data_dir):
    info = B.backup_database(data_dir, "hearth")
    info.path.write_bytes(os.urandom(info.size))
    dialog = RestoreDialog(data_dir=data_dir)
    qtbot.addWidget(dialog)
    dialog.select_row(0)
    dialog.confirm_restore = lambda info: pytest.fail("must not offer a damaged backup")
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert "damaged" in dialog.status_label.text()


def test_dialog_asks_a_protected_backup_for_its_passphrase(qtbot, app_context, data_dir):
    journal_id = make_journal(app_context)
    B.backup_database(data_dir, B.journal_key(journal_id))
    dialog = RestoreDialog(data_dir=data_dir)
    qtbot.addWidget(dialog)
    dialog.select_row(0)
    dialog.ask_passphrase = lambda info: "wrong one"
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert "does not unlock" in dialog.status_label.text()
    dialog.ask_passphrase = lambda info: PASSPHRASE
    dialog.confirm_restore = lambda info: True
    with qtbot.waitSignal(dialog.restore_confirmed, timeout=10_000) as blocker:
        dialog.restore_button.click()
    assert blocker.args[1] == PASSPHRASE
    startup.request_restore(*blocker.args)
    app_context.close()
    assert startup.finish_pending_restore(data_dir).ok
    assert len(entry_titles(journal_path(data_dir, journal_id), passphrase=PASSPHRASE)) == 3


def test_dialog_back_up_now_shows_progress_and_lists_the_new_backup(qtbot, app_context,
                                                                     data_dir):
    dialog = RestoreDialog(data_dir=data_dir)
    qtbot.addWidget(dialog)
    assert dialog.empty_label.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.backed_up, timeout=10_000):
        dialog.backup_button.click()
    assert dialog.proxy.rowCount() == 1
    assert not dialog.empty_label.isVisibleTo(dialog)


def test_start_up_offers_the_newest_good_backup_for_a_damaged_file(app_context, data_dir):
    with app_context.db.atomic():
        AppMeta.set_value("who", "us")
    B.backup_database(data_dir, "hearth")
    app_context.close()
    junk = b"not a database at all " * 400
    (data_dir / "hearth.db").write_bytes(junk)
    asked = []
    context, notice = startup.open_data_safely(
        data_dir, interactive=True, ask=lambda q, button, detail: asked.append(button) or True)
    try:
        assert asked == ["Restore backup"]
        assert AppMeta.get_value("who") == "us"
        assert "restored" in notice
    finally:
        context.close()
    (aside,) = data_dir.glob("hearth.db.damaged-*")
    assert aside.read_bytes() == junk


def test_start_up_with_damage_and_no_backup_can_start_fresh(data_dir):
    data_dir.mkdir()
    (data_dir / "hearth.db").write_bytes(b"\x00" * 5000)
    context, notice = startup.open_data_safely(
        data_dir, interactive=True, ask=lambda q, button, detail: button == "Start fresh")
    context.close()
    assert "started fresh" in notice
    assert len(list(data_dir.glob("hearth.db.damaged-*"))) == 1


def test_start_up_with_damage_declined_changes_nothing(data_dir):
    data_dir.mkdir()
    junk = os.urandom(9000)
    (data_dir / "hearth.db").write_bytes(junk)
    context, message = startup.open_data_safely(
        data_dir, interactive=True, ask=lambda *a: False)
    assert context is None and "damaged" in message
    assert (data_dir / "hearth.db").read_bytes() == junk


def test_relaunch_command_repeats_the_options():
    assert startup.relaunch_command(["--data-dir", "/x"])[-3:] == ["ui", "--data-dir",
                                                                         "/x"]


def test_screens_render(qtbot, app_context, data_dir, tmp_path):
    make_journal(app_context, passphrase=PASSPHRASE)
    for day in range(3):
        B.backup_all(data_dir, reason="daily", now=dt.datetime(2026, 3, 10 + day, 9, 0))
    dialog = RestoreDialog(data_dir=data_dir)
    qtbot.addWidget(dialog)
    dialog.resize(760, 500)
    dialog.show()
    dialog.select_row(1)
    QApplication.processEvents()
    assert not dialog.grab().isNull()
    if os.environ.get("HEARTH_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["HEARTH_SHOTS"], "backup_dialog.png"))
