"""Opening the data folder whatever state it is in: the start-up policy, free of any window.

A damaged, empty or foreign `hearth.db` is never written to: it is kept aside byte for byte
and the newest sound backup is offered (or a fresh start, which lists every journal file
again). A folder that cannot take writes opens for reading. The decision rests on typed
errors, never on the words of a message, so rewording one cannot switch off the offer.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from app import dates
from app.context import AppContext, open_app
from app.db_files import MISSING, file_kind
from app.errors import DamagedDatabaseError, DatabaseOpenError, DataFolderError, HearthError
from app.paths import shared_db_path
from app.safety.hooks import backup_before_migrate
from app.safety.storage import (
    ReadOnlyStorageError,
    open_app_read_only,
    probe_writable,
    storage_error,
)

log = logging.getLogger(__name__)

# ask(question, button, detail) -> bool: whether the person chose `button`.
Ask = Callable[[str, str, str], bool]


def when_text(moment: dt.datetime) -> str:
    """A backup's time as people read it, short for a list: "Tue 1 Dec 2026 at 19:05"."""
    return f"{dates.short_day_text(moment.date())} at {dates.time_text(moment)}"


def open_data_safely(data_dir: Path, *, interactive: bool, ask: Ask | None = None
                     ) -> tuple[AppContext | None, str | None]:
    """Open the data folder: back up before an upgrade, offer the newest good backup when
    the shared file is damaged or not Hearth's (keeping that file aside), and fall back to
    reading only when the folder cannot take writes.

    Returns (context, notice): a notice to show once the window is up, or, with no
    context, the message to end with. `ask` is needed when `interactive`.
    """
    problem = probe_writable(data_dir)
    if isinstance(problem, ReadOnlyStorageError) and shared_db_path(data_dir).is_file():
        # Found up front: on a read-only disk SQLite only says it cannot open the file (it
        # cannot make the files it keeps beside it). A full disk still opens for writing,
        # so saves work again once there is room.
        return _open_read_only(data_dir, problem.message)
    try:
        context = open_app(data_dir, before_migrate=backup_before_migrate(data_dir))
    except DamagedDatabaseError as exc:
        return _recover_damaged(data_dir, exc, interactive=interactive, ask=ask)
    except DatabaseOpenError as exc:
        translated = storage_error(exc) or problem  # a full disk: no room for SQLite's files
        if translated is not None:
            return _open_read_only(data_dir, translated.message)
        return None, exc.message
    except Exception as exc:  # only a folder that cannot take writes is handled here
        translated = storage_error(exc)
        if translated is None and isinstance(exc, DataFolderError):
            translated = exc
        if translated is None:
            raise
        return _open_read_only(data_dir, translated.message)
    notice = _recovered_notice(context)
    if problem is not None:
        notice = problem.message if notice is None else f"{notice}\n\n{problem.message}"
    return context, notice


def _recovered_notice(context: AppContext) -> str | None:
    if not context.recovered:
        return None
    names = ", ".join(f"“{info.name}”" for info in context.recovered)
    return (f"Hearth found journal files its list did not name and listed them again: "
            f"{names}. Rename them as you like; a protected one opens with its passphrase.")


def _open_read_only(data_dir: Path, reason: str) -> tuple[AppContext | None, str | None]:
    log.warning("data folder cannot take writes; opening read-only")
    try:
        return open_app_read_only(data_dir), reason
    except HearthError as exc:
        return None, f"{reason}\n\n{exc.message}"


def _recover_damaged(data_dir: Path, exc: DamagedDatabaseError, *, interactive: bool,
                     ask: Ask | None) -> tuple[AppContext | None, str | None]:
    from app.safety import backup as backups

    log.error("shared database damaged or foreign (%s); looking for a backup",
              type(exc).__name__)
    if not interactive or ask is None:
        return None, (f"{exc.message} Start the Hearth window to restore a backup, or use "
                      "`hearth restore FILE`.")
    good = backups.newest_good_backup(data_dir)
    if good is not None:
        question = (
            f"The newest sound backup is from {when_text(good.created)} "
            f"({backups.describe_size(good.size)}). Restore it? The file there now is kept "
            "aside, untouched, next to it, and your journals stay as they are.")
        button = "Restore backup"
    else:
        question = (
            "There is no sound backup of it. Hearth can start with empty shared data; the "
            "file there now is kept aside, untouched, and every journal file is listed "
            "again.")
        button = "Start fresh"
    if not ask(question, button, exc.detail or exc.message):
        return None, exc.message
    try:
        if good is not None:
            aside = backups.restore_backup(data_dir, good).kept_aside
        elif file_kind(shared_db_path(data_dir)) != MISSING:
            aside = backups.keep_aside(shared_db_path(data_dir))
        else:
            aside = None
        context = open_app(data_dir, fresh=True)
    except HearthError as again:
        return None, again.message
    where = f" The file that was there is kept as {aside.name}." if aside else ""
    done = f"restored from the backup of {when_text(good.created)}" if good \
        else "started fresh"
    notice = f"Your shared data was {done}.{where}"
    recovered = _recovered_notice(context)
    return context, notice if recovered is None else f"{notice}\n\n{recovered}"
