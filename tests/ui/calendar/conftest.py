"""Fixtures for the Calendar tab's tests: a hand-moved clock and a real tab builder."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from app.calendar import store
from tests.helpers.clock import FakeClock
from ui.calendar.tab import CalendarTab
from ui.navigation import Navigator
from ui.settings import Settings

MONDAY = dt.datetime(2026, 3, 2, 10, 0)


@pytest.fixture
def clock(monkeypatch):
    """The tab's clock, which the calendar core reads too (when a plan or a reminder is
    saved), so the two never disagree about what time it is."""
    clock = FakeClock(MONDAY)
    monkeypatch.setattr(store, "current_time", clock)
    return clock


@pytest.fixture
def navigator():
    return Navigator()


@pytest.fixture
def make_tab(qtbot, app_context, clock, navigator):
    """Build the real tab (call again for a second one on the same data folder)."""
    built = []

    def build():
        tab = CalendarTab(context=app_context, navigator=navigator,
                          settings=Settings(app_context.data_dir), clock=clock)
        qtbot.addWidget(tab)
        tab.resize(1100, 760)
        tab.show()
        qtbot.waitExposed(tab)
        built.append(tab)
        return tab

    yield build
    for tab in built:
        # Stop timers and workers and delete on this thread, before the database closes.
        tab.shutdown()
        tab.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
