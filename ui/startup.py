"""Start-up and shut-down around the window: open the data folder safely (a damaged,
read-only or full one), say what that had to do, back up once a day, and finish a restore
asked for while the window ran.

This runs before the first paint, so it imports the backup machinery only on the paths
that need it: a normal start opens the database and nothing more.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app import APP_NAME
from app.context import AppContext, open_app
from app.errors import DatabaseOpenError, DataFolderError, HearthError
from app.safety.hooks import backup_before_migrate
from app.safety.storage import open_app_read_only, probe_writable, storage_error

log = logging.getLogger(__name__)


# ----- pending restore (runs once the window and every database are closed) ---------------

_pending: dict = {}


def when_text(moment: dt.datetime) -> str:
    """A backup's time as the dialogs show it, e.g. "Tue 01 Dec 2026, 19:05"."""
    return f"{moment:%a %d %b %Y, %H:%M}"


def request_restore(info, passphrase: str | None) -> None:
    """Ask for `info` (a BackupInfo) to be restored once the window has closed."""
    _pending.clear()
    _pending.update(info=info, passphrase=passphrase)


@dataclass(frozen=True)
class RestoreResult:
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
    return RestoreResult(True, f"{info.label} was restored from {when_text(info.created)}."
                               f"{kept}")


def relaunch_command(argv: list[str] | None = None) -> list[str]:
    """The command that starts this same app again with the same options."""
    args = list(sys.argv[1:] if argv is None else argv)
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "app", *args]


def relaunch() -> None:
    import subprocess

    subprocess.Popen(relaunch_command(), close_fds=True)  # noqa: S603 (our own program)


# ----- start-up ------------------------------------------------------------------------------


def open_data_safely(data_dir: Path, *, interactive: bool,
                     ask: Callable[[str, str, str], bool] | None = None
                     ) -> tuple[AppContext | None, str | None]:
    """Open the data folder for the window: back up before an upgrade, offer the newest good
    backup when the shared file is damaged (keeping that file aside), and fall back to
    reading only when the folder cannot take writes.

    Returns (context, notice): a notice to show once the window is up, or, with no
    context, the message to end with.
    """
    try:
        context = open_app(data_dir, before_migrate=backup_before_migrate(data_dir))
    except DatabaseOpenError as exc:
        from app.safety import backup as backups

        if not backups.open_error_is_damage(exc):
            return None, exc.message
        return _recover_damaged(data_dir, exc, interactive=interactive, ask=ask)
    except Exception as exc:  # only a folder that cannot take writes is handled here
        translated = storage_error(exc)
        if translated is None and isinstance(exc, DataFolderError):
            translated = exc
        if translated is None:
            raise
        return _open_read_only(data_dir, translated.message)
    problem = probe_writable(data_dir)
    if problem is not None:
        return context, problem.message
    return context, None


def _open_read_only(data_dir: Path, reason: str) -> tuple[AppContext | None, str | None]:
    log.warning("data folder cannot take writes; opening read-only")
    try:
        return open_app_read_only(data_dir), reason
    except HearthError as exc:
        return None, f"{reason}\n\n{exc.message}"


def _recover_damaged(data_dir: Path, exc: DatabaseOpenError, *, interactive: bool,
                     ask: Callable[[str, str, str], bool] | None = None
                     ) -> tuple[AppContext | None, str | None]:
    from app.safety import backup as backups

    log.error("shared database damaged; looking for a backup")
    if not interactive:
        return None, exc.message
    good = backups.newest_good_backup(data_dir)
    if good is not None:
        question = (
            f"The newest sound backup is from {when_text(good.created)} "
            f"({backups.describe_size(good.size)}). Restore it? The damaged file is kept "
            "aside, untouched, next to it.")
        button = "Restore backup"
    else:
        question = (
            "There is no sound backup of it. Hearth can start with empty shared data; the "
            "damaged file is kept aside, untouched, and your journal files stay where they "
            "are.")
        button = "Start fresh"
    if not (ask or _ask_damaged)(question, button, exc.detail or exc.message):
        return None, exc.message
    try:
        if good is not None:
            aside = backups.restore_backup(data_dir, good).kept_aside
        else:
            aside = backups.keep_aside(data_dir / "hearth.db")
        context = open_app(data_dir)
    except HearthError as again:
        return None, again.message
    where = f" The damaged file is kept as {aside.name}." if aside else ""
    done = f"restored from the backup of {when_text(good.created)}" if good \
        else "started fresh"
    return context, f"Your shared data was {done}.{where}"


def _ask_damaged(question: str, button: str, detail: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText("Hearth's data file is damaged and cannot be opened.")
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
