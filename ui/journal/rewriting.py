"""Rewriting a journal file with another key: the questions asked first, the work, and
what the tab shows meanwhile and afterwards.

A new passphrase, a new recovery key (which re-encrypts the journal under a new key, see
`app.journal.registry.keyslots.new_recovery_key`), protecting a plain journal, or removing
the protection; the work runs on a worker thread. The journal locks first (its file is
replaced), the tab shows its busy page, and the journal opens again with its new key.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.services import journal as core
from ui.background import BackgroundTask
from ui.journal.dialogs import ChangePassphraseDialog, ProtectDialog, UnprotectDialog

if TYPE_CHECKING:
    from ui.journal.tab import JournalTab

CHANGE, NEW_KEY, NEW_KIT, PROTECT, UNPROTECT = (
    "change", "new-key", "new-kit", "protect", "unprotect")
TITLES = {CHANGE: "Changing the passphrase…", NEW_KEY: "Re-encrypting your journal…",
          NEW_KIT: "Making a new recovery key…",
          PROTECT: "Encrypting your journal…", UNPROTECT: "Removing the protection…"}
DONE = {CHANGE: "Passphrase changed", NEW_KEY: "Passphrase and key changed: save the new "
        "recovery kit", NEW_KIT: "New recovery key made: save its kit",
        PROTECT: "Journal protected", UNPROTECT: "Protection removed"}


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


def ask_and_start(tab: JournalTab, kind: str) -> None:
    """Ask for the passphrases a rewrite of `kind` needs, then rewrite (see `start`)."""
    answer = ask_passphrases(kind, journal_name=tab.journal.name, run_dialog=tab.run_dialog,
                             parent=tab)
    if answer is not None:
        old, new, *new_key = answer
        tab.rewrite_journal(NEW_KEY if any(new_key) else kind, old=old, new=new)


def start(tab: JournalTab, kind: str, old: str | None,
          new: str | None) -> BackgroundTask | None:
    """Lock the tab's journal, show the busy page and rewrite on a worker thread."""
    if tab.journal is None:
        return None
    keep_entry = tab.editor.entry_id if tab.editor is not None else None
    work = rewrite_work(kind, tab.context, tab.journal.id, old, new)
    tab.lock()
    tab.busy_page.prepare(TITLES[kind])
    tab.stack.setCurrentWidget(tab.busy_page)
    tab.update_actions()
    tab._rewrite = Rewrite(kind=kind, passphrase=new if kind != UNPROTECT else None,
                           keep_entry=keep_entry)
    task = BackgroundTask(work, name=f"journal {kind}", parent=tab)
    task.succeeded.connect(functools.partial(_on_succeeded, tab))
    task.failed.connect(functools.partial(_on_failed, tab))
    task.finished.connect(task.deleteLater)
    task.start()
    return task


def _on_succeeded(tab: JournalTab, result) -> None:
    session, recovery_key = result  # reopened with its new key on the worker thread
    rewrite, tab._rewrite = tab._rewrite, None
    tab.journal = session.info
    tab.enter_workspace(session)
    if rewrite.keep_entry is not None:
        tab.open_entry(rewrite.keep_entry)
    tab.navigator.show_status(DONE[rewrite.kind])
    if recovery_key is not None:  # the old one no longer works: show its kit now
        tab.keys.show_kit(recovery_key)


def _on_failed(tab: JournalTab, message: str) -> None:
    tab._rewrite = None
    tab._show_lock_page()
    tab.lock_page.show_error(message)


def rewrite_work(kind: str, context, journal_id: int, old: str | None, new: str | None):
    """The BackgroundTask work for a rewrite; it returns the journal's session, reopened
    with its new key (the key derivation runs here too, off the UI thread), and the text
    of the new recovery key when one was made (None otherwise), for its kit."""
    return functools.partial(_rewrite, kind, context, journal_id, old, new)


def _rewrite(kind: str, context, journal_id: int, old: str | None, new: str | None,
             _report) -> tuple[core.JournalSession, str | None]:
    recovery_key = None
    if kind == NEW_KIT:
        recovery_key = core.new_recovery_key(context, journal_id, old)
    elif kind in (CHANGE, NEW_KEY):
        _, recovery_key = core.change_passphrase_keys(context, journal_id, old, new,
                                                      new_key=kind == NEW_KEY)
    elif kind == PROTECT:
        core.protect_journal(context, journal_id, new)
    else:
        core.unprotect_journal(context, journal_id, old)
    return core.open_journal(context, journal_id, new), recovery_key
