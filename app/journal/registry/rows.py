"""The journal table through its model: rows as JournalInfo values, names, and which
journal files this process has open.

Listing and getting journals live here, not with the rest of `journals`, so the lock screen
and the chooser read the registry without loading what opens a journal."""

from __future__ import annotations

import datetime
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import peewee

from app.context import AppContext
from app.errors import NotFoundError, ValidationError
from app.models.journal_registry import Journal
from app.text import check_storable

if TYPE_CHECKING:
    from app.journal.info import JournalInfo

NAME_MAX = 60
RECOVERED_NAME = "Recovered journal"

# Files of journals with an open session in this process, with how many sessions use each.
_open_files: dict[Path, int] = {}
_open_lock = threading.Lock()


def list_journals(context: AppContext) -> list[JournalInfo]:
    """Every journal, by name."""
    rows = Journal.select().order_by(peewee.fn.lower(Journal.name), Journal.id)
    return [info_of(context, row) for row in rows]


def get_journal(context: AppContext, journal_id: int) -> JournalInfo:
    """One journal's registry entry; NotFoundError when it was deleted."""
    return info_of(context, row_of(journal_id))


def info_of(context: AppContext, row: Journal) -> JournalInfo:
    # Imported here: a start that lists no journal never needs the journal's value.
    from app.journal.info import JournalInfo

    return JournalInfo(
        id=row.id,
        name=row.name,
        protected=bool(row.protected),
        path=context.data_dir / row.file,
        created_at=datetime.datetime.fromisoformat(row.created_at),
    )


def row_of(journal_id: int) -> Journal:
    row = Journal.get_or_none(Journal.id == journal_id)
    if row is None:
        raise NotFoundError("That journal no longer exists.")
    return row


def now_text() -> str:
    return datetime.datetime.now().replace(microsecond=0).isoformat()


def clean_name(name: str, *, except_id: int | None = None) -> str:
    name = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", str(name or "")).split())
    if not name:
        raise ValidationError("Give the journal a name.", field="name")
    if len(name) > NAME_MAX:
        raise ValidationError(
            f"A journal name can be at most {NAME_MAX} characters long.", field="name"
        )
    # Bytes that are not UTF-8 (a name typed in another encoding, given on a command line)
    # reach Python as lone surrogates, which SQLite cannot hold.
    check_storable(name, field="name")
    if name_taken(name, except_id):
        raise ValidationError("There is already a journal with that name.", field="name")
    return name


def name_taken(name: str, except_id: int | None = None) -> bool:
    clash = Journal.select().where(peewee.fn.lower(Journal.name) == name.lower())
    if except_id is not None:
        clash = clash.where(Journal.id != except_id)
    return clash.exists()


def ensure_closed(info: JournalInfo) -> None:
    with _open_lock:
        busy = bool(_open_files.get(info.path))
    if busy:
        from app.journal.session import JournalBusyError  # the session loads on first unlock

        raise JournalBusyError("Lock this journal first, then try again.")


def busy_files() -> set[str]:
    """Names of the journal files this process has open."""
    with _open_lock:
        return {path.name for path in _open_files}


def file_opened(path: Path) -> None:
    with _open_lock:
        _open_files[path] = _open_files.get(path, 0) + 1


def file_closed(path: Path) -> None:
    with _open_lock:
        left = _open_files.get(path, 0) - 1
        if left > 0:
            _open_files[path] = left
        else:
            _open_files.pop(path, None)
