"""Ideas, reminders, after-the-date prompts, the month grid's keys and the item models."""

from __future__ import annotations

import datetime as dt
import random

from PySide6.QtCore import Qt

from app.content.decks import load_ideas
from app.services import calendar as cal
from tests.ui.calendar.conftest import MONDAY
from ui.calendar.ideas import IdeasBrowser
from ui.calendar.models import AgendaModel, AgendaRow, IdeaFilterModel, IdeaModel
from ui.calendar.month_view import CellEntry, MonthView
from ui.calendar.tab import LAST_SEEN
from ui.settings import Settings

# ----- ideas ----------------------------------------------------------------------------


def test_idea_plan_this_prefills_the_dialog(qtbot, make_tab):
    tab = make_tab()
    qtbot.mouseClick(tab.header.ideas_button, Qt.MouseButton.LeftButton)
    browser = tab.ideas_dialog.browser
    browser.category_combo.setCurrentIndex(browser.category_combo.findData("outdoors"))
    browser.cost_combo.setCurrentIndex(browser.cost_combo.findData(0))
    idea = browser.current_idea()
    assert idea.category == "outdoors" and idea.cost == 0
    qtbot.mouseClick(browser.plan_button, Qt.MouseButton.LeftButton)

    dialog = tab.activity_dialog
    assert not tab.ideas_dialog.isVisible()
    assert dialog.title_edit.text() == idea.title
    assert dialog.category_combo.currentData() == "outdoors"
    assert dialog.notes_edit.toPlainText() == idea.description
    assert dialog.value().duration_minutes == idea.minutes


def test_idea_picker_inside_the_dialog_fills_it_in(qtbot, make_tab):
    tab = make_tab()
    tab.new_item()
    dialog = tab.activity_dialog
    qtbot.mouseClick(dialog.idea_button, Qt.MouseButton.LeftButton)
    picker = dialog.findChild(IdeasBrowser)
    picker.search_edit.setText("stargazing")
    assert picker.proxy.rowCount() == 1
    qtbot.mouseClick(picker.plan_button, Qt.MouseButton.LeftButton)
    assert dialog.title_edit.text() == "Stargazing on a blanket"
    assert dialog.value().duration_minutes == 90


def test_surprise_me_fits_the_evening(qtbot):
    browser = IdeasBrowser(ideas=load_ideas(), rng=random.Random(7))
    qtbot.addWidget(browser)
    browser.evening_combo.setCurrentIndex(browser.evening_combo.findData(30))
    for _ in range(10):
        qtbot.mouseClick(browser.surprise_button, Qt.MouseButton.LeftButton)
        assert browser.current_idea().minutes <= 30
    browser.cost_combo.setCurrentIndex(browser.cost_combo.findData(0))
    browser.category_combo.setCurrentIndex(browser.category_combo.findData("out"))
    browser.evening_combo.setCurrentIndex(browser.evening_combo.findData(30))
    assert browser.surprise() is None
    assert "Nothing fits" in browser.surprise_note.text()


def test_idea_filters_combine(qtbot):
    model = IdeaModel(ideas=load_ideas())
    proxy = IdeaFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filters(category="at-home", max_minutes=60, max_cost=0)
    ideas = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 6) for r in range(proxy.rowCount())]
    assert ideas and all(i.category == "at-home" and i.minutes <= 60 and i.cost == 0
                         for i in ideas)


# ----- reminders ------------------------------------------------------------------------


def test_reminder_fires_at_its_time_with_a_fake_clock(qtbot, make_tab, clock):
    cal.create_activity(cal.ActivityInput(title="Dinner at Luca's",
                                          start=dt.datetime(2026, 3, 2, 19, 0),
                                          reminders=(60,), location="Via Roma 3"))
    tab = make_tab()
    scheduler = tab.reminders
    assert scheduler.timer.isActive()
    assert scheduler.check() == []  # nothing due yet

    clock.now = dt.datetime(2026, 3, 2, 17, 59)
    assert scheduler.check() == []
    clock.now = dt.datetime(2026, 3, 2, 18, 0, 30)
    with qtbot.waitSignal(scheduler.reminder_due) as blocker:
        scheduler.timer.timeout.emit()
    reminder = blocker.args[0]
    assert reminder.occurrence.title == "Dinner at Luca's"
    assert reminder.remind_at == dt.datetime(2026, 3, 2, 18, 0)
    banner = tab.banners.banner("reminder")
    assert banner is not None and "Dinner at Luca's" in banner.text()
    assert "19:00" in banner.text()
    # Announced once only.
    clock.advance(minutes=5)
    assert scheduler.check() == []
    assert tab.settings.get(LAST_SEEN) == "2026-03-02T18:05:30"


def test_timer_is_armed_for_the_next_reminder(qtbot, make_tab, clock):
    cal.create_activity(cal.ActivityInput(title="Walk", start=dt.datetime(2026, 3, 2, 10, 30),
                                          reminders=(10,)))
    clock.now = dt.datetime(2026, 3, 2, 10, 19, 30)
    tab = make_tab()
    # Due in 30 seconds: the timer waits for it rather than for the next minute's poll.
    assert tab.reminders.timer.isActive() and tab.reminders.timer.interval() == 30_000
    tab.reminders.stop()
    clock.now = dt.datetime(2026, 3, 2, 9, 0)
    tab.reminders.start(None)
    assert tab.reminders.timer.interval() == 60_000  # far off: look again in a minute


def test_missed_reminders_are_shown_once_at_next_start(qtbot, make_tab, clock, app_context):
    clock.now = dt.datetime(2026, 3, 2, 7, 0)  # planned before its reminder's time (9:00)
    cal.create_activity(cal.ActivityInput(title="Concert", start=dt.datetime(2026, 3, 2, 11, 0),
                                          duration_minutes=120, reminders=(120,)))
    clock.now = MONDAY  # Hearth opens at 10:00
    settings = Settings(app_context.data_dir)
    settings.set(LAST_SEEN, "2026-03-02T08:00:00")
    settings.sync()
    first = make_tab()
    banner = first.banners.banner("missed")
    assert banner is not None and "Concert" in banner.text()
    first.shutdown()
    first.settings.sync()

    second = make_tab()
    assert second.banners.banner("missed") is None


# ----- after the date -------------------------------------------------------------------


def test_past_plans_ask_how_they_went_and_link_to_the_journal(qtbot, make_tab, navigator):
    walk = cal.create_activity(cal.ActivityInput(title="Sunday walk",
                                                 start=dt.datetime(2026, 3, 1, 10, 0)))
    tab = make_tab()
    banner = tab.banners.banner("outcome")
    assert banner is not None and "Sunday walk" in banner.text() and "yesterday" in banner.text()

    qtbot.mouseClick(banner.buttons["done"], Qt.MouseButton.LeftButton)
    dialog = tab.outcome_dialog
    assert dialog.done_radio.isChecked()
    qtbot.mouseClick(dialog.stars.buttons[3], Qt.MouseButton.LeftButton)
    dialog.reflection_edit.setPlainText("We found the old bridge.")
    with qtbot.waitSignal(navigator.journal_entry_requested) as blocker:
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    request = blocker.args[0]
    assert request.activity_uid == walk.uid
    assert request.title == "Sunday walk" and request.date == dt.date(2026, 3, 1)

    stored = cal.get_occurrence(walk.id, walk.start)
    assert (stored.status, stored.rating, stored.reflection) == (
        "done", 4, "We found the old bridge.")
    assert tab.banners.banner("outcome") is None
    assert tab.month_view.entries_on(dt.date(2026, 3, 1))[0].status == "done"


def test_skipped_from_the_banner(qtbot, make_tab):
    film = cal.create_activity(cal.ActivityInput(title="Film night",
                                                 start=dt.datetime(2026, 2, 27, 20, 0)))
    tab = make_tab()
    qtbot.mouseClick(tab.banners.banner("outcome").buttons["skipped"], Qt.MouseButton.LeftButton)
    assert cal.get_occurrence(film.id, film.start).status == "skipped"
    assert tab.banners.banner("outcome") is None


# ----- the month grid -------------------------------------------------------------------


def test_month_view_shows_more_and_moves_with_keys(qtbot):
    today = dt.date(2026, 3, 18)
    view = MonthView(today=lambda: today)
    qtbot.addWidget(view)
    view.resize(700, 520)
    view.show()
    entries = [CellEntry(key=i, title=f"Plan {i}", time_text=f"1{i}:00") for i in range(6)]
    view.set_entries({today: entries})
    shown = [e.key for e in entries if view.entry_rect(e.key) is not None]
    assert 0 < len(shown) < 6  # the rest hide behind "+N more"

    with qtbot.waitSignal(view.month_changed):
        for _ in range(3):
            qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_date() == dt.date(2026, 4, 8)
    assert view.year_month() == (2026, 4)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.selected_date() == today
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.year_month() == (2026, 2)
    with qtbot.waitSignal(view.date_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args[0] == view.selected_date()


def test_month_view_click_selects_entry_and_delete_asks(qtbot):
    today = dt.date(2026, 3, 18)
    view = MonthView(today=lambda: today)
    qtbot.addWidget(view)
    view.resize(700, 520)
    view.show()
    view.set_entries({today: [CellEntry(key="a", title="Dinner", time_text="19:00")]})
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.entry_rect("a").center())
    assert view.selected_key() == "a"
    with qtbot.waitSignal(view.delete_requested) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert blocker.args == ["a"]
    with qtbot.waitSignal(view.entry_activated):
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=view.entry_rect("a").center())


# ----- item models ----------------------------------------------------------------------


def test_agenda_model_passes_the_model_tester(qtmodeltester):
    model = AgendaModel()
    model.set_rows([AgendaRow(key=(1, dt.datetime(2026, 3, 6, 19)), title="Date night",
                              when="19:00", detail="2 h · Luca's", category="out"),
                    AgendaRow(key=(2, dt.datetime(2026, 3, 6, 0)), title="Weekend away",
                              when="All day", status="done")])
    qtmodeltester.check(model)


def test_idea_models_pass_the_model_tester(qtmodeltester):
    model = IdeaModel(ideas=load_ideas())
    qtmodeltester.check(model)
    proxy = IdeaFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filters(category="creative", max_minutes=120, max_cost=1, text="")
    qtmodeltester.check(proxy)


# ----- .ics files -----------------------------------------------------------------------

GOOGLE_EVENT = """BEGIN:VCALENDAR\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
VERSION:2.0\r
BEGIN:VEVENT\r
DTSTART:20260306T183000Z\r
DTEND:20260306T203000Z\r
UID:picnic-1@google.com\r
SUMMARY:Dinner with Sam\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_runs_off_the_ui_thread_and_reports(qtbot, make_tab, tmp_path):
    path = tmp_path / "google.ics"
    path.write_text(GOOGLE_EVENT, encoding="utf-8")
    tab = make_tab()
    job = tab.files.import_file(path)
    blocker = qtbot.waitSignal(job.finished, timeout=10_000)
    blocker.wait()
    box = blocker.args[0]
    assert box.text() == "1 plan added."
    assert box.informativeText() == "Every event in the file is now in your calendar."
    [activity] = cal.list_activities()
    day = cal.occurrences_between(dt.date(2026, 3, 1), dt.date(2026, 3, 31))[0].start.date()
    assert [e.title for e in tab.month_view.entries_on(day)] == ["Dinner with Sam"]
    assert activity.uid == "picnic-1@google.com"
    box.close()


def test_a_broken_file_is_explained_and_changes_nothing(qtbot, make_tab, tmp_path):
    path = tmp_path / "broken.ics"
    path.write_bytes(b"\x00\xff\x10binary garbage" * 20)
    tab = make_tab()
    job = tab.files.import_file(path)
    blocker = qtbot.waitSignal(job.finished, timeout=10_000)
    blocker.wait()
    box = blocker.args[0]
    assert box.text() == "Import calendar did not work"
    assert box.informativeText()
    assert cal.list_activities() == []
    box.close()


def test_export_writes_every_plan(qtbot, make_tab, tmp_path):
    cal.create_activity(cal.ActivityInput(title="Walk", start=dt.datetime(2026, 3, 3, 9)))
    tab = make_tab()
    target = tmp_path / "out.ics"
    job = tab.files.export_file(target)
    blocker = qtbot.waitSignal(job.finished, timeout=10_000)
    blocker.wait()
    assert blocker.args[0].text() == "1 plan exported."
    assert "SUMMARY:Walk" in target.read_text(encoding="utf-8")
    blocker.args[0].close()


def test_file_menu_offers_import_and_export(make_window):
    window = make_window()
    window.build_all_tabs()  # as right after the first paint
    texts = [a.text() for a in window.menus["file"].actions()]
    assert "Import calendar (.ics)…" in texts and "Export calendar (.ics)…" in texts
    window.show_tab("calendar")
    assert window.new_action.text() == "New activity"


def test_theme_switch_recolours_the_tab(make_window, qtbot):
    window = make_window()
    window.show()
    window.show_tab("calendar")
    qtbot.waitExposed(window)
    window.set_theme("light")
    tab = window.calendar_tab
    light = tab.header.prev_button.icon().pixmap(16, 16).toImage()
    window.set_theme("dark")
    dark = tab.header.prev_button.icon().pixmap(16, 16).toImage()
    assert light != dark
    corner = tab.month_view.grab().toImage().pixelColor(3, 3)
    assert corner.lightness() < 128


def test_neighbouring_months_are_read_ahead_and_forgotten_after_a_change(qtbot, make_tab):
    cal.create_activity(cal.ActivityInput(title="Date night", start=dt.datetime(2026, 3, 6, 19),
                                          rrule="FREQ=WEEKLY;BYDAY=FR"))
    tab = make_tab()
    april = tab.month_view.grid_range(2026, 4)
    february = tab.month_view.grid_range(2026, 2)
    tab.read_ahead()
    qtbot.waitUntil(lambda: tab.loader.is_kept(april) and tab.loader.is_kept(february))
    tab.month_view.next_month()
    assert [e.title for e in tab.month_view.entries_on(dt.date(2026, 4, 10))] == ["Date night"]

    cal.create_activity(cal.ActivityInput(title="Picnic", start=dt.datetime(2026, 4, 11, 12)))
    tab.refresh()  # what every change in the tab ends with
    assert not tab.loader.is_kept(february)
    assert [e.title for e in tab.month_view.entries_on(dt.date(2026, 4, 11))] == ["Picnic"]


def test_the_months_either_side_wait_until_the_month_is_on_screen(qtbot, app_context, clock,
                                                                 navigator):
    """Built unseen (behind another tab, or before the window's first paint), the tab reads
    no neighbouring month: a worker reading then would slow the paint it is meant to help."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui.calendar.tab import READ_AHEAD_DELAY_MS, CalendarTab

    tab = CalendarTab(context=app_context, navigator=navigator,
                      settings=Settings(app_context.data_dir), clock=clock)
    april, may = tab.month_view.grid_range(2026, 4), tab.month_view.grid_range(2026, 5)
    try:
        qtbot.wait(READ_AHEAD_DELAY_MS * 2)
        assert not tab.loader.is_kept(april)
        tab.resize(1100, 760)
        tab.show()
        qtbot.waitUntil(lambda: tab.loader.is_kept(april))
        tab.month_view.next_month()  # and again once the next month has painted
        qtbot.waitUntil(lambda: tab.loader.is_kept(may))
    finally:  # as make_tab's own clean-up does
        tab.shutdown()
        tab.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_cell_lays_out_what_fits_and_counts_the_rest(qtbot):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont

    from ui.calendar.cell_layout import CellMetrics, layout_cell

    m = CellMetrics(QFont())
    tall = QRectF(0, 0, 120, m.number_height + 6 * (m.chip_height + 2))
    chips, more = layout_cell(tall, 3, m)
    assert len(chips) == 3 and more is None
    chips, more = layout_cell(tall, 9, m)
    assert more is not None and more.top() > chips[-1][0].bottom()  # "+N more" on its own line
    short = QRectF(0, 0, 120, m.number_height + m.chip_height + 8)
    chips, more = layout_cell(short, 5, m)
    assert len(chips) == 1 and more.top() < chips[0][0].top()  # "+4" beside the day number
