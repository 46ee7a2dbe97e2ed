"""The list of journals in the shared database, and the life of their files.

Every journal is `journals/<token>.db` in the data folder. Before Hearth creates a journal
file it announces it in `journal_file_intent` (committed first); the announcement is
dropped once the file is listed in `journal` and whatever it replaced is gone. So every
journal file is listed, announced by a live process, announced by one that died (a leftover
whose fate the registry decides), or unknown. Hearth deletes only leftovers it can account
for; an unknown journal file is adopted back as "Recovered journal <date>".

The `journal` and `journal_file_intent` tables are read and written only in this package:
through the bound models while the app is open (`rows`, `files`, `journals`, `rewrite`),
and with short connections of their own while a restore has every database closed
(`offline`).
"""

from app.journal.registry.files import adopt_unlisted_files, reconcile, settle_leftovers
from app.journal.registry.journals import (
    counts,
    create_journal,
    delete_journal,
    get_journal,
    list_journals,
    open_file,
    open_journal,
    rename_journal,
    verify_opens,
)
from app.journal.registry.offline import (
    RegistryRow,
    carry_over,
    new_file_name,
    read_registry,
    switch_file,
)
from app.journal.registry.rewrite import change_passphrase, protect_journal, unprotect_journal
from app.journal.registry.rows import NAME_MAX, RECOVERED_NAME, busy_files, ensure_closed

__all__ = [
    "NAME_MAX", "RECOVERED_NAME", "RegistryRow", "adopt_unlisted_files", "busy_files",
    "carry_over", "change_passphrase", "counts", "create_journal", "delete_journal",
    "ensure_closed", "get_journal", "list_journals", "new_file_name", "open_file",
    "open_journal", "protect_journal", "read_registry", "reconcile", "rename_journal",
    "settle_leftovers", "switch_file", "unprotect_journal", "verify_opens",
]
