"""Rewriting a journal file with another key: the questions asked first, and the work.

A new passphrase, protecting a plain journal, or removing the protection; the work runs on a
worker thread.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from app.services import journal as core
from ui.journal.dialogs import ChangePassphraseDialog, ProtectDialog, UnprotectDialog

CHANGE, NEW_KEY, PROTECT, UNPROTECT = "change", "new-key", "protect", "unprotect"
TITLES = {CHANGE: "Changing the passphrase…", NEW_KEY: "Re-encrypting your journal…",
          PROTECT: "Encrypting your journal…", UNPROTECT: "Removing the protection…"}
DONE = {CHANGE: "Passphrase changed", NEW_KEY: "Passphrase and key changed: save the new "
        "recovery kit", PROTECT: "Journal protected",
        UNPROTECT: "Protection removed"}


@dataclass(frozen=True)
class Rewrite:
    """What to do once a rewrite has finished. The new passphrase is kept only until the
    journal reopens with it."""

    kind: str
    passphrase: str | None  # the one the journal opens with afterwards
    keep_entry: int | None  # the entry the editor showed, to show again


def ask_passphrases(kind: str, *, journal_name: str, run_dialog: Callable[..., bool],
                    parent) -> tuple[str | None, str | None] | None:
    """The (old, new) passphrases a rewrite of `kind` needs, or None when cancelled."""
    if kind == CHANGE:
        dialog = ChangePassphraseDialog(journal_name=journal_name, parent=parent)
        return dialog.values() if run_dialog(dialog) else None  # (old, new, new key too)
    if kind == PROTECT:
        dialog = ProtectDialog(journal_name=journal_name, parent=parent)
        return (None, dialog.passphrase()) if run_dialog(dialog) else None
    dialog = UnprotectDialog(journal_name=journal_name, parent=parent)
    return (dialog.passphrase(), None) if run_dialog(dialog) else None


def rewrite_work(kind: str, context, journal_id: int, old: str | None, new: str | None):
    """The BackgroundTask work for a rewrite; it returns the journal's session, reopened
    with its new key (the key derivation runs here too, off the UI thread), and the text
    of the new recovery key when one was made (None otherwise), for its kit."""
    return functools.partial(_rewrite, kind, context, journal_id, old, new)


def _rewrite(kind: str, context, journal_id: int, old: str | None, new: str | None,
             _report) -> tuple[core.JournalSession, str | None]:
    recovery_key = None
    if kind in (CHANGE, NEW_KEY):
        _, recovery_key = core.change_passphrase_keys(context, journal_id, old, new,
                                                      new_key=kind == NEW_KEY)
    elif kind == PROTECT:
        core.protect_journal(context, journal_id, new)
    else:
        core.unprotect_journal(context, journal_id, old)
    return core.open_journal(context, journal_id, new), recovery_key
