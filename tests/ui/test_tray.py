"""Closing to the tray, quitting from it, and the preferences that choose both."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui import settings as S
from ui import tray

# The offscreen platform has no tray; one is pretended below, and Qt says it cannot wire
# the icon to a tray window that does not exist.
pytestmark = pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface")


@pytest.fixture
def with_tray(monkeypatch):
    monkeypatch.setattr(tray, "tray_available", lambda: True)
    yield
    QApplication.setQuitOnLastWindowClosed(True)


def shown(qtbot, window):
    window.show()
    qtbot.waitUntil(window.has_started)  # the tray icon is made after the first paint
    return window


def test_closing_quits_by_default_even_with_a_tray(qtbot, make_window, with_tray):
    window = shown(qtbot, make_window())
    assert window.tray.is_shown()
    assert window.settings.get(S.CLOSE_TO_TRAY) is False
    assert window.close()
    assert not window.tray.is_shown()


def test_closing_keeps_running_in_the_tray_when_chosen(qtbot, make_window, with_tray):
    window = shown(qtbot, make_window())
    window.build_all_tabs()
    window.settings.set(S.CLOSE_TO_TRAY, True)
    calendar = window.calendar_tab
    assert not window.close()  # refused: hidden instead
    assert not window.isVisible() and window.tray.is_shown()
    assert not QApplication.quitOnLastWindowClosed()
    assert calendar.reminders.timer.isActive()  # reminders keep coming

    window.tray.open_requested.emit()
    assert window.isVisible()
    window.quit()
    assert not window.isVisible() and not window.tray.is_shown()
    assert not calendar.reminders.timer.isActive()


def test_quit_from_the_tray_while_hidden(qtbot, make_window, with_tray):
    window = shown(qtbot, make_window())
    window.settings.set(S.CLOSE_TO_TRAY, True)
    window.close()
    assert window.tray.is_shown()
    window.tray.quit_action.trigger()
    assert not window.tray.is_shown()
    assert QApplication.quitOnLastWindowClosed()


def test_without_a_tray_closing_always_quits(qtbot, make_window, monkeypatch):
    monkeypatch.setattr(tray, "tray_available", lambda: False)
    window = shown(qtbot, make_window())
    window.settings.set(S.CLOSE_TO_TRAY, True)
    assert window.close()
    dialog = make_window().open_preferences()
    assert not dialog.tray_check.isEnabled() and not dialog.tray_check.isChecked()
    assert "no tray" in dialog.tray_note.text()
    dialog.reject()


def test_a_reminder_notification_click_shows_the_calendar(qtbot, make_window, with_tray):
    window = shown(qtbot, make_window())
    sent = []
    window.tray.notify = lambda title, text: sent.append((title, text)) or True
    window.navigator.notify("Coming up", "Dinner: Today at 19:00", "calendar")
    assert sent == [("Coming up", "Dinner: Today at 19:00")]
    window.tray.message_clicked.emit()
    assert window.current_tab() is window.calendar_tab


def test_preferences_are_off_by_default_and_turn_on_the_login_entry(
        qtbot, make_window, with_tray, tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    window = shown(qtbot, make_window())
    dialog = window.open_preferences()
    assert not dialog.tray_check.isChecked() and not dialog.login_check.isChecked()
    entry = config / "autostart" / "hearth.desktop"
    assert str(entry) in dialog.login_note.text()
    assert "reminders" in dialog.tray_note.text().lower()
    dialog.tray_check.setChecked(True)
    dialog.login_check.setChecked(True)
    dialog.accept()
    assert window.settings.get(S.CLOSE_TO_TRAY) is True
    text = entry.read_text(encoding="utf-8")
    assert "X-Hearth-Autostart=true" in text
    # A data folder that is not the default one is named, so login opens the same data.
    assert str(window.context.data_dir) in text

    again = window.open_preferences()
    assert again.tray_check.isChecked() and again.login_check.isChecked()
    again.login_check.setChecked(False)
    again.accept()
    assert not entry.exists()


def test_a_login_entry_that_cannot_be_written_is_said_and_keeps_the_dialog(
        qtbot, make_window, with_tray, tmp_path, monkeypatch):
    config = tmp_path / "config"
    (config / "autostart").mkdir(parents=True)
    (config / "autostart" / "hearth.desktop").write_text("[Desktop Entry]\nExec=mine\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    window = shown(qtbot, make_window())
    dialog = window.open_preferences()
    dialog.login_check.setChecked(True)
    dialog.accept()
    assert dialog.isVisible() and not dialog.login_error.isHidden()
    assert "not written by Hearth" in dialog.login_error.text()
    assert (config / "autostart" / "hearth.desktop").read_text() == "[Desktop Entry]\nExec=mine\n"
    dialog.reject()


def test_the_settings_read_booleans_back_from_the_ini_file(make_window, data_dir):
    window = make_window()
    window.settings.set(S.CLOSE_TO_TRAY, False)
    window.settings.sync()
    assert S.Settings(data_dir).get(S.CLOSE_TO_TRAY) is False
    window.settings.set(S.CLOSE_TO_TRAY, True)
    window.settings.sync()
    assert S.Settings(data_dir).get(S.CLOSE_TO_TRAY) is True
