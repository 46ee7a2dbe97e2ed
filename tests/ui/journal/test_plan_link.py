"""An entry written about a plan and the plan link both ways: "About: …" in the entry opens
the plan in the Calendar, the plan's menu opens the entry, the reflection comes along, and
no journal text reaches the shared database."""

from __future__ import annotations

import dataclasses
import datetime
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from app.services import calendar as cal
from app.services import journal as core
from tests.helpers.journal_ui import PASSPHRASE
from ui.calendar import journal_links
from ui.calendar.formatting import short_day
from ui.journal.plan_link import GONE

SHOTS = os.environ.get("HEARTH_SHOTS")
SECRET = "zqvelvetheron"  # a word typed only into the journal


def past_plan(title="Picnic by the canal") -> cal.Occurrence:
    day = datetime.date.today() - datetime.timedelta(days=2)
    activity = cal.create_activity(cal.ActivityInput(
        title=title, start=datetime.datetime.combine(day, datetime.time(18, 0))))
    return next(o for o in cal.occurrences_on(day) if o.uid == activity.uid)


def write_about_it(qtbot, window, occ, reflection: str):
    calendar = window.calendar_tab
    dialog = calendar.review(occ.key)
    dialog.reflection_edit.setPlainText(reflection)
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    return window.journal_tab


def test_write_about_it_links_both_ways(qtbot, make_window, app_context, data_dir):
    core.create_journal(app_context, "Maya", None)
    window = make_window()
    window.resize(1024, 700)
    window.show()
    occ = past_plan()
    tab = write_about_it(qtbot, window, occ, "We laughed at the swans.")
    assert window.current_tab() is tab
    editor = tab.editor
    assert editor.body_edit.toPlainText() == "We laughed at the swans.\n\n"
    assert not editor.is_dirty()  # nothing to keep until the person writes
    assert editor.plan_button.isVisibleTo(editor)
    assert editor.plan_button.text() == \
        f"About: Picnic by the canal, {short_day(occ.start.date())}"
    editor.body_edit.setFocus()
    qtbot.keyClicks(editor.body_edit, f"The {SECRET} stood still.")
    with qtbot.waitSignal(tab.entry_saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    entry_id = saved.args[0]
    entry = tab.session.get_entry(entry_id)
    assert entry.activity_uid == occ.uid
    assert entry.body.startswith("We laughed at the swans.\n\nThe ")
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "journal-about-plan.png"))

    # The entry's link shows the plan in the Calendar.
    qtbot.mouseClick(editor.plan_button, Qt.MouseButton.LeftButton)
    calendar = window.calendar_tab
    assert window.current_tab() is calendar
    assert calendar.month_view.selected_key() == occ.key

    # The plan's menu opens the entry, and "Write about it" opens it rather than a second.
    assert window.navigator.journal_entries_about(occ.uid) == (entry_id,)
    menu = QMenu()
    journal_links.add_menu_action(menu, window.navigator, occ)
    (action,) = [a for a in menu.actions() if a.text() == journal_links.OPEN_ENTRY]
    tab.editor.start_new()
    action.trigger()
    assert window.current_tab() is tab and tab.editor.entry_id == entry_id
    write_about_it(qtbot, window, occ, "We laughed at the swans.")
    assert tab.editor.entry_id == entry_id and tab.session.count_entries() == 1

    # The link is the journal's alone: the shared database holds none of the entry.
    window.close()
    for path in data_dir.glob("hearth.db*"):
        assert SECRET.encode() not in path.read_bytes()


def test_a_locked_journal_tells_the_calendar_nothing(qtbot, make_window, app_context):
    info = core.create_journal(app_context, "Maya", PASSPHRASE)
    occ = past_plan()
    with core.open_journal(app_context, info.id, PASSPHRASE) as session:
        session.save_entry(core.EntryInput(date=occ.start.date(), body="About the picnic.",
                                           activity_uid=occ.uid))
    window = make_window()
    window.show()
    window.build_all_tabs()
    assert window.navigator.journal_entries_about(occ.uid) == ()
    menu = QMenu()
    journal_links.add_menu_action(menu, window.navigator, occ)
    assert journal_links.OPEN_ENTRY not in [a.text() for a in menu.actions()]
    tab = window.journal_tab
    assert tab.unlock(PASSPHRASE)
    assert len(window.navigator.journal_entries_about(occ.uid)) == 1
    tab.lock()
    assert window.navigator.journal_entries_about(occ.uid) == ()


def test_a_renamed_plan_shows_its_new_title_and_a_deleted_one_says_so(qtbot, make_window,
                                                                      app_context):
    core.create_journal(app_context, "Maya", None)
    occ = past_plan()
    window = make_window()
    window.show()
    tab = write_about_it(qtbot, window, occ, "")
    assert tab.editor.body_edit.toPlainText() == ""
    qtbot.keyClicks(tab.editor.body_edit, "Lovely.")
    with qtbot.waitSignal(tab.entry_saved) as saved:
        tab.save()
    activity = cal.get_activity(occ.activity_id)
    cal.update_activity(activity.id, dataclasses.replace(activity.to_input(),
                                                         title="Picnic at the lock"))
    tab.editor.start_new()
    tab.open_entry(saved.args[0])
    assert tab.editor.plan_button.text().startswith("About: Picnic at the lock, ")
    cal.delete_activity(activity.id)
    tab.editor.start_new()
    tab.open_entry(saved.args[0])
    assert tab.editor.plan_button.text() == GONE
    assert not tab.editor.plan_button.isEnabled()
