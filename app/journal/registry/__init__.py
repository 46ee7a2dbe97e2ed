"""The list of journals in the shared database, and the life of their files.

Every journal is `journals/<token>.db` in the data folder. Before Hearth creates a journal
file it announces it in `journal_file_intent` (committed first); the announcement is
dropped once the file is listed in `journal` and whatever it replaced is gone. So every
journal file is listed, announced by a live process, announced by one that died (a leftover
whose fate the registry decides), or unknown. Hearth deletes only leftovers it can account
for; an unknown journal file is adopted back as "Recovered journal <date>".

The `journal` and `journal_file_intent` tables are read and written only in this package:
through the bound models while the app is open (`rows`, `files`, `journals`, `rewrite`),
in plain SQL by start-up's question whether anything needs settling (`settled`), and with
short connections of their own while a restore has every database closed (`offline`).
"""

from app.lazy_names import lazy_names

# Each public name and the module that holds it. The package loads a module only when one
# of its names is asked for, so start-up's `reconcile` does not load the journal session.
_HOME = {
    "adopt_unlisted_files": "files", "reconcile": "files", "settle_leftovers": "files",
    "counts": "journals", "create_journal": "journals", "delete_journal": "journals",
    "JournalUpgradeNeededError": "journals", "get_journal": "rows", "list_journals": "rows", "open_file": "journals",
    "open_journal": "journals", "rename_journal": "journals", "verify_opens": "journals",
    "RegistryRow": "offline", "carry_over": "offline", "new_file_name": "offline",
    "read_registry": "offline", "switch_file": "offline",
    "change_passphrase": "rewrite", "change_passphrase_keys": "rewrite",
    "protect_journal": "rewrite",
    "unprotect_journal": "rewrite",
    "create_protected_journal": "journals",
    "change_data_key": "keyslots", "check_recovery_groups": "keyslots",
    "kit_pending": "kits", "mark_kit_saved": "keyslots", "new_recovery_key": "keyslots",
    "recover": "keyslots", "NoKeyFileError": "keyslots", "uses_key_slots": "kits",
    "NAME_MAX": "rows", "RECOVERED_NAME": "rows", "busy_files": "rows",
    "ensure_closed": "rows",
}

__all__ = sorted(_HOME)


__getattr__, __dir__ = lazy_names(globals(), _HOME, package=__name__, remember=False)
