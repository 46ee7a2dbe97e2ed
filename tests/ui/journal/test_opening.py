"""Unlocking a journal an older Hearth wrote: the index is rebuilt off the UI thread, with
the busy page and its progress shown only when the work takes a while."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from app.db_files import remove_db_files
from app.journal.keys.file import has_key_file
from app.journal.registry import busy_files
from app.migrations.journal import m0002_word_forms_draft_prompt as step
from app.services import journal
from tests.app.migrations.journal.test_m0002_word_forms_draft_prompt import (
    ENTRIES,
    write_v1_journal,
)
from tests.helpers.journal_ui import PASSPHRASE, build_tab
from ui.journal import opening

SHOTS = os.environ.get("HEARTH_SHOTS")


@pytest.fixture
def old_journal(app_context):
    info = journal.create_journal(app_context, "Ours", PASSPHRASE)
    remove_db_files(info.path)
    write_v1_journal(info.path, PASSPHRASE, ENTRIES * 10)
    return info


@pytest.fixture
def held(monkeypatch):
    """Hold the rebuild after its second batch until the test lets it go on."""
    gate = threading.Event()
    reached = threading.Event()
    real = opening._open

    def slow_open(context, journal_id, passphrase, report):
        def report_and_wait(done, total):
            report(done, total)
            if done == 10:
                reached.set()
                gate.wait(30)
        return real(context, journal_id, passphrase, report_and_wait)

    monkeypatch.setattr(step, "BATCH", 5)
    monkeypatch.setattr(opening, "_open", slow_open)
    yield gate, reached
    gate.set()


def test_a_slow_upgrade_shows_its_progress_then_opens(qtbot, app_context, old_journal, held):
    gate, reached = held
    tab = build_tab(qtbot, app_context)
    assert tab.current_page() is tab.lock_page
    assert tab.unlock(PASSPHRASE) is False  # not yet: the rebuild runs on a worker
    assert reached.wait(30)
    qtbot.waitUntil(lambda: tab.current_page() is tab.busy_page, timeout=5000)
    bar = tab.busy_page.progress
    qtbot.waitUntil(lambda: (bar.value(), bar.maximum()) == (10, 30), timeout=5000)
    assert tab.busy_page.title.text() == opening.UPGRADE_TITLE
    assert tab.is_locked() and tab.text_widgets() == []
    if SHOTS:
        tab.grab().save(str(Path(SHOTS) / "journal-upgrading.png"))
    with qtbot.waitSignal(tab.unlocked, timeout=30000):
        gate.set()
    assert tab.current_page() is tab.workspace
    titles = {hit.title for hit in tab.session.search("walk").hits}
    assert titles == {"Walking by the canal"}


def test_an_upgrade_done_within_the_delay_never_shows_the_busy_page(qtbot, app_context,
                                                                     old_journal, monkeypatch):
    monkeypatch.setattr(opening, "PROGRESS_DELAY_MS", 120_000)  # done long before that
    tab = build_tab(qtbot, app_context)
    pages = []
    tab.stack.currentChanged.connect(lambda _index: pages.append(tab.current_page()))
    with qtbot.waitSignal(tab.unlocked, timeout=30000):
        assert tab.unlock(PASSPHRASE) is False
    assert tab.busy_page not in pages
    assert len(tab.session.search("walks").hits) == 10


def test_a_wrong_passphrase_changes_nothing_and_says_so(qtbot, app_context, old_journal):
    tab = build_tab(qtbot, app_context)
    assert tab.unlock("not it at all") is False
    # A file without a key file may also have lost it: the message says both.
    assert tab.lock_page.error.text().startswith("That passphrase does not unlock this journal")
    assert not tab.unlocker.upgrading


def test_locking_during_the_upgrade_closes_the_session_it_brings(qtbot, app_context,
                                                                  old_journal, held):
    gate, reached = held
    tab = build_tab(qtbot, app_context)
    tab.unlock(PASSPHRASE)
    assert reached.wait(30)
    tab.lock()
    assert tab.current_page() is tab.lock_page and not tab.unlocker.upgrading
    gate.set()
    # The worker finishes its work (the schema step, then the move to key slots) and
    # closes the file again.
    qtbot.waitUntil(lambda: has_key_file(journal.get_journal(app_context, old_journal.id).path)
                    and not busy_files(), timeout=60000)
    assert tab.is_locked() and tab.text_widgets() == []
    # The upgrade itself was finished and kept: the next unlock is the quick one.
    assert tab.unlock(PASSPHRASE) is True
