"""No button or one-line label is cut short, on any tab or dialog, at 1024x700 with the normal
and the largest text size, and no dialog is wider or taller than such a window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from app.content.decks import load_journal_prompts
from app.context import open_app
from app.services.calendar import ImportSummary
from scripts.samples import calendar as calendar_sample
from scripts.samples import guides as guides_sample
from scripts.samples import journal as journal_sample
from tests.helpers.clipping import clipped, visible_rect
from ui.settings import TEXT_SIZE, Settings

WINDOW = (1024, 700)
TEXT_SIZES = ["normal", "larger"]


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.fixture(params=TEXT_SIZES)
def window(request, make_window, data_dir):
    context = open_app(data_dir)
    for sample in (guides_sample, calendar_sample, journal_sample):
        sample.seed(context)
    context.close()
    Settings(data_dir).set(TEXT_SIZE, request.param)
    window = make_window()
    window.resize(*WINDOW)
    window.show()
    window.build_all_tabs()
    settle()
    yield window
    for top in QApplication.topLevelWidgets():
        if top is not window and top.isVisible():
            top.close()


def assert_fits(top: QWidget, where: str) -> None:
    settle()
    if top.isWindow() and top is not top.window():
        top = top.window()
    assert top.width() <= WINDOW[0] and top.height() <= WINDOW[1], \
        f"{where} is {top.width()}x{top.height()}, more than a {WINDOW[0]}x{WINDOW[1]} window"
    assert clipped(top) == [], where


def show_dialog(dialog: QWidget, where: str) -> None:
    dialog.show()
    assert_fits(dialog, where)
    dialog.close()


def test_guides_tab_list_reader_and_cards(window):
    window.show_tab("guides")
    guides_sample.prepare(window)
    assert_fits(window, "the Guides reader")
    tab = window.guides_tab
    tab.show_cards()
    # The longest question of the deck, so a card that fits it fits them all.
    longest = max(tab.service.questions(), key=lambda q: len(q.text))
    tab.cards.show_question(longest)
    assert_fits(window, "a conversation card")
    label = tab.cards.question_label
    assert visible_rect(label).height() >= label.heightForWidth(label.width()), \
        "the card's question is cut off at the bottom"


def test_calendar_tab_and_its_dialogs(window):
    calendar_sample.prepare(window)
    assert_fits(window, "the Calendar tab")
    tab = window.calendar_tab
    show_dialog(tab.open_ideas(), "the ideas dialog")
    dialog = tab.open_new_dialog(dt.datetime.combine(dt.date.today(), dt.time(19, 0)))
    assert_fits(dialog, "the new activity dialog")
    dialog.close()
    idea_dialog = tab.open_ideas().browser.open_add_dialog()
    assert_fits(idea_dialog, "the own idea dialog")
    idea_dialog.close()
    # The sample leaves last Sunday's walk waiting to be asked about.
    went = next(b for b in window.findChildren(QPushButton)
                if b.isVisible() and b.text() == "We did it…")
    went.click()
    assert_fits(tab.outcome_dialog, "the how-did-it-go dialog")
    tab.outcome_dialog.close()


def test_window_dialogs(window, data_dir):
    from app.safety.backup import backup_all
    from ui.backup_dialog import RestoreDialog

    backup_all(data_dir, reason="manual")  # rows to show, with their dates and sizes
    show_dialog(RestoreDialog(data_dir=data_dir, parent=window), "the restore dialog")
    dialog = window.show_shortcuts()
    assert_fits(dialog, "the keyboard shortcuts")
    dialog.close()


def test_journal_tab_and_its_dialogs(window):
    from ui.journal.dialogs import (
        ChangePassphraseDialog,
        ExportDialog,
        PreferencesDialog,
        PromptDialog,
        ProtectDialog,
        UnprotectDialog,
    )
    from ui.journal.recovery_kit import new_kit_dialog

    journal_sample.prepare(window)
    assert_fits(window, "the Journal tab")
    for dialog, where in [
        (PromptDialog(prompts=load_journal_prompts(), parent=window), "the prompt dialog"),
        (ExportDialog(protected=True, selected_count=1, shown_count=12, parent=window),
         "the export dialog"),
        (PreferencesDialog(minutes=5, parent=window), "the preferences dialog"),
        (ProtectDialog(journal_name="Our journal", parent=window), "the protect dialog"),
        (ChangePassphraseDialog(journal_name="Our journal", parent=window),
         "the change passphrase dialog"),
        (UnprotectDialog(journal_name="Our journal", parent=window), "the unprotect dialog"),
        (new_kit_dialog(parent=window), "the new recovery key dialog"),
    ]:
        show_dialog(dialog, where)


def test_message_boxes_with_their_details_open(window):
    from ui.calendar.ics_tasks import _describe_import

    summary = ImportSummary(added=0, updated=1, unchanged=0,
                            skipped=("a VTODO (not an event)", "a VJOURNAL (not an event)"))
    heading, text, details = _describe_import(summary)
    box = QMessageBox(QMessageBox.Icon.Information, "Import calendar", heading,
                      QMessageBox.StandardButton.Ok, window)
    box.setInformativeText(text)
    box.setDetailedText(details)
    box.show()
    assert_fits(box, "the import result")
    details_button = next(b for b in box.findChildren(QPushButton)
                          if b.text().startswith("Show"))
    details_button.click()
    assert_fits(box, "the import result with its details shown")
    box.close()
