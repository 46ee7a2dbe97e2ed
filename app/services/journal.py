"""Journal use cases: the registry of journals, unlocking one, entries, search, drafts, export.

Each journal is its own database file (`journals/<token>.db` in the data folder); the shared
database keeps only the registry (name, file, protected or not). A protected journal is
encrypted whole with SQLCipher: entries, tags, the full-text index, drafts and the WAL.
Passphrases are never stored, logged or read from the environment.

Unlocking returns a `JournalSession`, which owns the one connection to that file. All of its
methods take and return frozen dataclasses (see `app.journal.types`). A session's calls are
serialised by a lock and share one connection, so it may be used from a worker thread and
then from the UI thread; closing it (locking the journal) closes the connection.

Errors: `ValidationError` (with `field`) for bad input, `WrongPassphraseError` for a
passphrase that does not unlock a journal (no byte of any file changed), `NotFoundError` for
a journal or entry that is gone, `JournalClosedError` for a call on a locked session,
`JournalBusyError` when a journal is open while its file is being replaced,
`JournalUpgradeNeededError` when `open_journal(upgrade=False)` meets an older file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import NotFoundError as NotFoundError
from app.errors import ValidationError as ValidationError
from app.errors import WrongPassphraseError as WrongPassphraseError
from app.lazy_names import lazy_names

if TYPE_CHECKING:
    from app.journal.session import JournalSession
    from app.journal.types import ExportResult

# Each public name and the module that holds it (`recover_journal` is the registry's
# `recover`). A name's module loads when the name is first asked for, so a window that
# opens on a locked journal reads the registry without loading sessions, keys or the values
# of an open journal.
_REGISTRY = "app.journal.registry"
_SESSION = "app.journal.session"
_TYPES = "app.journal.types"
_HOME = {
    **dict.fromkeys((
        "JournalUpgradeNeededError", "NoKeyFileError", "change_data_key", "change_passphrase",
        "change_passphrase_keys", "check_recovery_groups", "create_journal",
        "create_protected_journal", "delete_journal", "get_journal", "kit_pending",
        "list_journals", "mark_kit_saved", "new_recovery_key", "open_journal",
        "protect_journal", "rename_journal", "unprotect_journal", "uses_key_slots",
    ), _REGISTRY),
    "recover_journal": _REGISTRY,
    **dict.fromkeys(("JournalBusyError", "JournalClosedError", "JournalSession"), _SESSION),
    **dict.fromkeys((
        "EXPORT_FORMATS", "EXPORT_WARNING", "LOST_PASSPHRASE_WARNING", "MARK_END",
        "MARK_START", "MOOD_MAX", "MOOD_MIN", "NO_FILTERS", "DeletedEntry", "Draft", "Entry",
        "EntryFilters", "EntryInput", "EntrySummary", "ExportResult", "JournalStats",
        "MoodPoint", "SearchHit", "SearchResult",
    ), _TYPES),
    "JournalInfo": "app.journal.info",
}
_RENAMED = {"recover_journal": "recover"}

__all__ = sorted([*_HOME, "NotFoundError", "ValidationError", "WrongPassphraseError",
                  "export_entries"])


__getattr__, __dir__ = lazy_names(globals(), _HOME, renamed=_RENAMED)


def export_entries(session: JournalSession, entry_ids: Sequence[int] | None, fmt: str,
                   out_path: Path) -> ExportResult:
    """Write the chosen entries (None: all) to `out_path` as `fmt` (see EXPORT_FORMATS);
    the writers (PDF, HTML, Markdown) load on the first export."""
    from app.journal.export import export_entries as write

    return write(session, entry_ids, fmt, out_path)
