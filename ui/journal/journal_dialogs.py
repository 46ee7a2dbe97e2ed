"""The Journal menu's two dialogs about journals themselves: Manage journals and Journal
preferences, run for the tab and applied to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui import settings as S

if TYPE_CHECKING:
    from ui.journal.tab import JournalTab


def manage_journals(tab: JournalTab) -> None:
    """Rename, delete and reorder journals; the chooser follows what changed."""
    from ui.journal.manage import ManageJournalsDialog

    tab.run_dialog(ManageJournalsDialog(context=tab.context, settings=tab.settings,
                                        parent=tab))
    if tab.workspace is None:
        tab.show_start()  # the journal shown may be renamed, deleted or reordered


def preferences(tab: JournalTab) -> None:
    """Auto-lock minutes and whether photos keep the place they were taken."""
    from ui.journal.dialogs import PreferencesDialog

    dialog = PreferencesDialog(minutes=tab.idle.minutes, parent=tab,
                               keep_location=tab.settings.get(S.KEEP_PHOTO_LOCATION))
    if tab.run_dialog(dialog):
        tab.set_auto_lock_minutes(dialog.minutes())
        tab.settings.set(S.KEEP_PHOTO_LOCATION, dialog.keep_location())
