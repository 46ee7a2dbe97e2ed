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

from collections.abc import Sequence
from pathlib import Path

from app.errors import NotFoundError, ValidationError, WrongPassphraseError
from app.journal.registry import (
    JournalUpgradeNeededError,
    NoKeyFileError,
    change_data_key,
    change_passphrase,
    change_passphrase_keys,
    check_recovery_groups,
    create_journal,
    create_protected_journal,
    delete_journal,
    get_journal,
    kit_pending,
    list_journals,
    mark_kit_saved,
    new_recovery_key,
    open_journal,
    protect_journal,
    rename_journal,
    unprotect_journal,
    uses_key_slots,
)
from app.journal.registry import recover as recover_journal
from app.journal.session import JournalBusyError, JournalClosedError, JournalSession
from app.journal.types import (
    EXPORT_FORMATS,
    EXPORT_WARNING,
    LOST_PASSPHRASE_WARNING,
    MARK_END,
    MARK_START,
    MOOD_MAX,
    MOOD_MIN,
    NO_FILTERS,
    DeletedEntry,
    Draft,
    Entry,
    EntryFilters,
    EntryInput,
    EntrySummary,
    ExportResult,
    JournalInfo,
    JournalStats,
    MoodPoint,
    SearchHit,
    SearchResult,
)

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_WARNING",
    "LOST_PASSPHRASE_WARNING",
    "MARK_END",
    "MARK_START",
    "MOOD_MAX",
    "MOOD_MIN",
    "NO_FILTERS",
    "DeletedEntry",
    "Draft",
    "Entry",
    "EntryFilters",
    "EntryInput",
    "EntrySummary",
    "ExportResult",
    "JournalBusyError",
    "JournalClosedError",
    "JournalInfo",
    "JournalSession",
    "JournalStats",
    "JournalUpgradeNeededError",
    "MoodPoint",
    "NotFoundError",
    "SearchHit",
    "SearchResult",
    "ValidationError",
    "WrongPassphraseError",
    "change_data_key",
    "change_passphrase",
    "change_passphrase_keys",
    "NoKeyFileError",
    "check_recovery_groups",
    "create_journal",
    "create_protected_journal",
    "kit_pending",
    "mark_kit_saved",
    "new_recovery_key",
    "recover_journal",
    "uses_key_slots",
    "delete_journal",
    "export_entries",
    "get_journal",
    "list_journals",
    "open_journal",
    "protect_journal",
    "rename_journal",
    "unprotect_journal",
]


def export_entries(session: JournalSession, entry_ids: Sequence[int] | None, fmt: str,
                   out_path: Path) -> ExportResult:
    """Write the chosen entries (None: all) to `out_path` as `fmt` (see EXPORT_FORMATS);
    the writers (PDF, HTML, Markdown) load on the first export."""
    from app.journal.export import export_entries as write

    return write(session, entry_ids, fmt, out_path)
