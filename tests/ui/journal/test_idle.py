"""Auto-lock after idle time, with a fake clock instead of waiting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services import journal as core
from ui import settings as S
from ui.journal.idle import IdleWatcher
from ui.journal.tab import JournalTab
from ui.navigation import Navigator
from ui.settings import Settings


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock():
    return FakeClock()


def test_watcher_fires_only_after_the_idle_time(qtbot, clock):
    watcher = IdleWatcher(minutes=5, clock=clock)
    fired = []
    watcher.idle_timed_out.connect(lambda: fired.append(True))
    watcher.arm()
    assert watcher.timer.isActive()
    clock.advance(4.9)
    watcher.check()
    assert not fired
    clock.advance(0.2)
    watcher.check()
    assert fired == [True] and not watcher.is_armed()
    watcher.stop()


def test_zero_minutes_means_never(qtbot, clock):
    watcher = IdleWatcher(minutes=0, clock=clock)
    watcher.arm()
    assert not watcher.timer.isActive()
    clock.advance(600)
    with qtbot.assertNotEmitted(watcher.idle_timed_out):
        watcher.check()
    watcher.stop()


def test_idle_tab_locks_and_input_resets_the_timer(qtbot, clock, app_context):
    info = core.create_journal(app_context, "Sam", None)
    settings = Settings(app_context.data_dir)
    assert settings.get(S.AUTO_LOCK_MINUTES) == 5
    tab = JournalTab(context=app_context, navigator=Navigator(), settings=settings,
                     idle_clock=clock)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.journal.id == info.id and not tab.is_locked()

    clock.advance(4)
    qtbot.keyClicks(tab.editor.body_edit, "still here")  # any input counts as activity
    clock.advance(4)
    tab.idle.timer.timeout.emit()
    assert not tab.is_locked()

    clock.advance(1.5)
    editor = tab.editor
    with qtbot.waitSignal(tab.locked, timeout=1000):
        tab.idle.timer.timeout.emit()
    assert tab.is_locked() and tab.editor is None
    assert editor.body_edit.toPlainText() == ""
    assert tab.current_page() is tab.lock_page
    qtbot.mouseClick(tab.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    [draft] = tab.session.pending_drafts()  # what was typed before the lock is kept
    assert draft.data.body == "still here"
    tab.shutdown()


def test_preference_changes_the_idle_time(qtbot, clock, app_context):
    core.create_journal(app_context, "Sam", None)
    settings = Settings(app_context.data_dir)
    tab = JournalTab(context=app_context, navigator=Navigator(), settings=settings,
                     idle_clock=clock)
    qtbot.addWidget(tab)
    tab.set_auto_lock_minutes(1)
    assert settings.get(S.AUTO_LOCK_MINUTES) == 1
    clock.advance(1.1)
    tab.idle.check()
    assert tab.is_locked()
    tab.shutdown()
