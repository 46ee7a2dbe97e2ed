"""BackgroundTask: the one way slow work leaves the UI thread, and what it says when it fails."""

from __future__ import annotations

import errno
import logging
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool

from app.errors import HearthError
from app.safety.storage import FULL_MESSAGE
from ui.background import UNEXPECTED_MESSAGE, BackgroundTask


def _run(qtbot, work, **kwargs) -> tuple[str, object]:
    """Start a task and wait for its outcome: ("succeeded", result) or ("failed", message)."""
    task = BackgroundTask(work, **kwargs)
    outcome = []
    task.succeeded.connect(lambda result: outcome.append(("succeeded", result)))
    task.failed.connect(lambda message: outcome.append(("failed", message)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert not task.running
    [found] = outcome
    return found


def test_the_result_and_progress_arrive_on_the_ui_thread(qtbot):
    ui_thread = threading.get_ident()
    seen = []

    def work(report):
        report(1, 2)
        return threading.get_ident()

    task = BackgroundTask(work)
    task.progressed.connect(lambda done, total: seen.append((done, total,
                                                             threading.get_ident())))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as done:
        task.start()
    assert done.args[0] != ui_thread  # the work ran elsewhere
    assert seen == [(1, 2, ui_thread)]


def test_the_users_error_is_told_in_its_own_words(qtbot):
    def work(_report):
        raise HearthError("That file is not a calendar.")

    assert _run(qtbot, work) == ("failed", "That file is not a calendar.")


def test_a_full_disk_is_told_as_such_and_a_bug_plainly(qtbot, caplog):
    def full(_report):
        raise OSError(errno.ENOSPC, "No space left on device")

    def bug(_report):
        raise KeyError("oops")

    assert _run(qtbot, full) == ("failed", FULL_MESSAGE)
    with caplog.at_level(logging.ERROR, logger="ui.background"):
        assert _run(qtbot, bug, name="a sum") == ("failed", UNEXPECTED_MESSAGE)
    assert "a sum failed" in caplog.text and "KeyError" in caplog.text


def test_the_worker_closes_its_own_connection_whatever_the_outcome(qtbot):
    threads = {}

    def work(_report):
        threads["work"] = threading.get_ident()
        raise HearthError("no")

    def close_connection():
        threads["closed"] = threading.get_ident()

    assert _run(qtbot, work, close_connection=close_connection)[0] == "failed"
    assert threads["closed"] == threads["work"] != threading.get_ident()


def test_an_owner_gone_meanwhile_drops_the_outcome_quietly(qtbot, caplog):
    release = threading.Event()
    owner = QObject()
    task = BackgroundTask(lambda report: (release.wait(5), report(1, 1)), name="slow work",
                          parent=owner)
    pool = QThreadPool()
    task.start(pool)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with caplog.at_level(logging.INFO, logger="ui.background"):
        release.set()
        assert pool.waitForDone(5000)
    assert "slow work ended after its owner was gone" in caplog.text
