"""Journal files about to be written, and what a process that died left: every new file
is announced (committed) before it exists, so Hearth removes only leftovers it can account
for and lists again, as "Recovered journal <date>", any journal file the registry lost."""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

import peewee

from app import sqlcipher
from app.context import AppContext
from app.db_files import EMPTY, OPAQUE, PLAIN, file_kind, remove_db_files
from app.journal.registry.rows import RECOVERED_NAME, busy_files, info_of, name_taken, now_text
from app.journal.registry.settled import MAIN_FILE, keep_ids_above_backups
from app.migrations import HISTORY_TABLE
from app.models.journal_registry import Journal, JournalFileIntent
from app.paths import JOURNALS_DIR_NAME, ensure_private_dir, journals_dir
from app.safety.leftovers import process_alive
from app.safety.storage import translate_storage_errors

if TYPE_CHECKING:
    from app.journal.types import JournalInfo

log = logging.getLogger(__name__)


def announce_file(context: AppContext, *, journal_id: int | None = None,
                  replaces: str | None = None) -> tuple[str, Path]:
    """Pick a new journal file name and record (committed) that it is about to be written;
    returns (relative name, path). The caller lists it or calls `withdraw_file`."""
    ensure_private_dir(journals_dir(context.data_dir))
    with translate_storage_errors(), context.db.atomic():
        while True:
            relative = f"{JOURNALS_DIR_NAME}/{secrets.token_hex(8)}.db"
            path = context.data_dir / relative
            taken = Journal.select().where(Journal.file == relative).exists() or \
                JournalFileIntent.select().where(JournalFileIntent.file == relative).exists()
            if not taken and file_kind(path) == "missing":
                break
        JournalFileIntent.insert(file=relative, journal_id=journal_id, replaces=replaces,
                                 pid=os.getpid(), created_at=now_text()).execute()
    return relative, path


def announce_removal(relative: str) -> None:
    """Record, inside the transaction that unlists `relative`, that its file is about to
    go: a process killed before it is gone leaves a leftover the next start removes, not a
    file it lists again as a recovered journal. The caller settles it once the file is gone."""
    JournalFileIntent.insert(file=relative, journal_id=None, replaces=None, pid=os.getpid(),
                             created_at=now_text()).on_conflict_replace().execute()


def settle_file(relative: str) -> None:
    """Drop the announcement of `relative`; call inside the transaction that lists it."""
    JournalFileIntent.delete().where(JournalFileIntent.file == relative).execute()


def withdraw_file(context: AppContext, relative: str) -> None:
    """Remove an announced file that will not be listed, then its announcement; a file some
    journal lists after all is never removed."""
    with contextlib.suppress(peewee.DatabaseError), context.db.atomic():
        if not Journal.select().where(Journal.file == relative).exists():
            remove_db_files(context.data_dir / relative)
        settle_file(relative)


def _stale(intent: JournalFileIntent) -> bool:
    if not process_alive(intent.pid):
        return True
    with contextlib.suppress(ValueError):
        age = datetime.datetime.now() - datetime.datetime.fromisoformat(intent.created_at)
        return os.name != "posix" and age > datetime.timedelta(days=1)
    return False


def settle_leftovers(context: AppContext) -> int:
    """Finish what a process that died left announced: remove the unfinished copy, or the
    file a finished rewrite replaced. Returns how many files were removed."""
    removed = 0
    for intent in list(JournalFileIntent.select()):
        if not _stale(intent):
            continue
        with context.db.atomic():  # decided and done under the write lock
            removed += _settle_one(context, intent)
    return removed


def _settle_one(context: AppContext, intent: JournalFileIntent) -> int:
    if JournalFileIntent.get_or_none(JournalFileIntent.id == intent.id) is None:
        return 0  # another process settled it first
    if Journal.select().where(Journal.file == intent.file).exists():
        # The new file made it into the registry: the one it replaced is the leftover.
        still_listed = intent.replaces and Journal.select().where(
            Journal.file == intent.replaces).exists()
        doomed = None if still_listed else intent.replaces
    else:
        doomed = intent.file  # never listed: an unfinished copy or an unused new file
    removed = 0
    if doomed and MAIN_FILE.fullmatch(Path(doomed).name):
        path = context.data_dir / doomed
        if file_kind(path) in (PLAIN, OPAQUE, EMPTY, "missing"):
            remove_db_files(path)
            removed = 1
            log.info("removed leftover journal file %s", path.name)
    JournalFileIntent.delete().where(JournalFileIntent.id == intent.id).execute()
    return removed


def adopt_unlisted_files(context: AppContext) -> list[JournalInfo]:
    """List again every journal file in `journals/` the registry lost (an older shared
    database restored, a fresh start), as "Recovered journal <date>": locked until its
    passphrase is given when it is encrypted. Files that are not journals are left alone."""
    folder = journals_dir(context.data_dir)
    if not folder.is_dir() or folder.is_symlink():
        return []
    adopted = []
    for path in sorted(folder.iterdir()):
        if not MAIN_FILE.fullmatch(path.name) or path.name in busy_files():
            continue
        relative = f"{JOURNALS_DIR_NAME}/{path.name}"
        if _named(relative):
            continue  # the common case, decided without taking the write lock
        kind = file_kind(path)
        if kind not in (PLAIN, OPAQUE) or (kind == PLAIN and not _is_journal(path)):
            log.warning("left alone an unlisted file in the journals folder: %s", path.name)
            continue
        when = datetime.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        with context.db.atomic():
            # Looked at again under the write lock: another process announces a file (in a
            # committed transaction) before it creates it, so one named by nobody now is
            # truly unknown, not a copy being made this very moment.
            if _named(relative):
                continue
            journal_id = Journal.insert(
                name=_free_name(f"{RECOVERED_NAME} {when:%Y-%m-%d}"), file=relative,
                protected=kind == OPAQUE, created_at=when.isoformat()).execute()
        log.warning("adopted unlisted journal file %s as journal %s", path.name, journal_id)
        adopted.append(info_of(context, Journal.get_by_id(journal_id)))
    return adopted


def _named(relative: str) -> bool:
    """Whether the registry accounts for `relative`: listed, announced, or the file an
    announced copy is replacing (the rewrite removes it itself once the copy is listed)."""
    return (Journal.select().where(Journal.file == relative).exists()
            or JournalFileIntent.select().where(
                (JournalFileIntent.file == relative)
                | (JournalFileIntent.replaces == relative)).exists())


def _is_journal(path: Path) -> bool:
    tables = sqlcipher.plain_tables(path)
    return tables is not None and HISTORY_TABLE in tables and "entry" in tables


def _free_name(base: str) -> str:
    name, n = base, 1
    while name_taken(name):
        n += 1
        name = f"{base} ({n})"
    return name


def reconcile(context: AppContext) -> list[JournalInfo]:
    """At start-up: settle what a dead process left, then adopt unlisted journal files."""
    settle_leftovers(context)
    keep_ids_above_backups(context)
    return adopt_unlisted_files(context)


