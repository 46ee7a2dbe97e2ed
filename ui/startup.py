"""Start-up and shut-down around the window: open the data folder safely (a damaged,
read-only or full one), say what that had to do, back up once a day, and finish a restore
asked for while the window ran.

This runs before the first paint, so it imports the backup machinery only on the paths
that need it: a normal start opens the database and nothing more.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from app import APP_NAME
from app.context import AppContext
from app.errors import HearthError
from app.safety import opening
from app.safety.opening import when_text

log = logging.getLogger(__name__)


# ----- pending restore (runs once the window and every database are closed) ---------------

_pending: dict = {}


def request_restore(info, passphrase: str | None) -> None:
    """Ask for `info` (a BackupInfo) to be restored once the window has closed."""
    _pending.clear()
    _pending.update(info=info, passphrase=passphrase)


class RestoreResult(NamedTuple):
    ok: bool
    message: str


def finish_pending_restore(data_dir: Path) -> RestoreResult | None:
    """Do the restore asked for while the window ran (every database is closed by now);
    None when none was asked for."""
    if not _pending:
        return None
    from app.safety import backup as backups

    info, passphrase = _pending.pop("info"), _pending.pop("passphrase")
    try:
        outcome = backups.restore_backup(data_dir, info, passphrase=passphrase)
    except HearthError as exc:
        log.error("restore failed: %s", type(exc).__name__)
        return RestoreResult(False, f"The backup could not be restored: {exc.message}")
    kept = f" The file it replaced is kept as {outcome.kept_aside.name}." \
        if outcome.kept_aside else ""
    kept += "".join(f" {note}" for note in outcome.notes)
    return RestoreResult(True, f"{info.label} was restored from {when_text(info.created)}."
                               f"{kept}")


def relaunch_command(argv: list[str] | None = None) -> list[str]:
    """The command that starts this same app again with the same options."""
    args = list(sys.argv[1:] if argv is None else argv)
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "ui", *args]


def relaunch() -> None:
    import subprocess

    subprocess.Popen(relaunch_command(), close_fds=True)  # noqa: S603 (our own program)


# ----- start-up ------------------------------------------------------------------------------


def open_data_safely(data_dir: Path, *, interactive: bool,
                     ask: Callable[[str, str, str], bool] | None = None
                     ) -> tuple[AppContext | None, str | None]:
    """The core's start-up policy (app.safety.opening), asking in a message box."""
    return opening.open_data_safely(data_dir, interactive=interactive,
                                    ask=ask or (_ask_damaged if interactive else None))


def _ask_damaged(question: str, button: str, detail: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText("Hearth's data file is damaged or is not Hearth's, and cannot be opened.")
    box.setInformativeText(question)
    action = box.addButton(button, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(action)
    box.setDetailedText(detail)
    box.exec()
    return box.clickedButton() is action


def show_startup_notice(window, notice: str | None) -> None:
    """Show what start-up had to do (a restore, a read-only folder) over the window."""
    if not notice:
        return
    from PySide6.QtWidgets import QMessageBox

    window.statusBar().showMessage(notice, 15000)
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, notice,
                      QMessageBox.StandardButton.Ok, window)
    box.setAccessibleName("Data notice")
    box.open()
    window._startup_notice = box  # keep it alive while it shows


def start_daily_backup(window):
    """Back up each database once a day, off the UI thread, right after start-up; returns
    the BackgroundTask."""
    from app.safety import backup as backups
    from ui.background import BackgroundTask

    data_dir = window.context.data_dir

    def work(_report):
        return backups.daily_backup(data_dir)

    task = BackgroundTask(work, name="daily backup", parent=window)
    task.succeeded.connect(lambda outcome: log.info("daily backup: %d made, %d skipped",
                                                    len(outcome.made), len(outcome.skipped)))
    task.failed.connect(lambda message: log.warning("daily backup failed"))
    task.start()
    return task
