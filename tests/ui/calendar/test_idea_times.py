"""Ideas start at a time of day that suits them, and a plan that overlaps another is
warned about without being refused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime

from app.content.decks import load_ideas
from app.services import calendar as cal
from ui.calendar.changes import idea_start


def idea(idea_id: str):
    return next(i for i in load_ideas() if i.id == idea_id)


def test_an_idea_starts_at_its_own_time_of_day(make_tab, clock):
    clock.now = dt.datetime(2026, 3, 2, 21, 2)  # the evening has begun
    tab = make_tab()
    tab.month_view.select_date(dt.date(2026, 3, 7))
    dialog = tab.plan_idea(idea("market-morning"))
    assert dialog.value().start == dt.datetime(2026, 3, 7, 9, 30)
    assert dialog.value().duration_minutes == 90
    dialog.reject()


def test_an_idea_for_today_whose_time_has_passed_moves_to_tomorrow(make_tab, clock):
    clock.now = dt.datetime(2026, 3, 2, 21, 2)
    tab = make_tab()
    market = tab.plan_idea(idea("market-morning"))
    assert market.value().start == dt.datetime(2026, 3, 3, 9, 30)
    market.reject()
    stars = tab.plan_idea(idea("stargazing-blanket"))
    assert stars.value().start == dt.datetime(2026, 3, 2, 21, 30)  # still ahead tonight
    stars.reject()


def test_an_idea_of_their_own_without_a_time_starts_like_any_plan(clock):
    own = idea("market-morning").__class__(id="own-1", title="Pancakes", description="",
                                           category="at-home", minutes=60, cost=0, own=True)
    assert idea_start(own, dt.date(2026, 3, 7), clock()) == dt.datetime(2026, 3, 7, 19, 0)


def test_picking_an_idea_in_the_dialog_takes_its_time_unless_one_was_chosen(qtbot, make_tab):
    tab = make_tab()
    dialog = tab.open_new_dialog(dt.datetime(2026, 3, 7, 19, 0))
    dialog.apply_idea(idea("breakfast-in-bed"))
    assert dialog.value().start == dt.datetime(2026, 3, 7, 9, 0)
    assert dialog.value().end == dt.datetime(2026, 3, 7, 10, 0)
    dialog.start_time.setTime(QTime(11, 0))
    dialog.apply_idea(idea("stargazing-blanket"))
    assert dialog.value().start == dt.datetime(2026, 3, 7, 11, 0)
    dialog.reject()


def test_an_overlap_is_warned_about_and_saving_still_works(qtbot, make_tab):
    cal.create_activity(cal.ActivityInput(title="Dinner with Sam's parents",
                                          start=dt.datetime(2026, 3, 7, 19, 0),
                                          duration_minutes=120))
    tab = make_tab()
    dialog = tab.open_new_dialog(dt.datetime(2026, 3, 7, 20, 0))
    assert dialog.overlap_text() == ("This overlaps “Dinner with Sam's parents” "
                                     "(19:00–21:00). You can still save it.")
    assert dialog.overlap_label.isVisible()
    dialog.start_time.setTime(QTime(21, 0))  # right after dinner: no overlap
    assert dialog.overlap_text() == ""
    dialog.start_time.setTime(QTime(18, 30))
    assert "Dinner with Sam's parents" in dialog.overlap_text()
    dialog.title_edit.setText("Drinks first")
    with qtbot.waitSignal(dialog.activity_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sorted(a.title for a in cal.list_activities()) == [
        "Dinner with Sam's parents", "Drinks first"]


def test_changing_a_plan_does_not_warn_about_itself(qtbot, make_tab):
    dinner = cal.create_activity(cal.ActivityInput(title="Dinner",
                                                   start=dt.datetime(2026, 3, 7, 19, 0),
                                                   duration_minutes=120))
    tab = make_tab()
    tab.edit((dinner.id, dinner.start))
    dialog = tab.activity_dialog
    assert dialog.title_edit.text() == "Dinner"
    dialog.start_time.setTime(QTime(20, 0))
    assert dialog.overlap_text() == ""
    dialog.reject()


def test_all_day_and_skipped_plans_do_not_count_as_overlaps(make_tab):
    cal.create_activity(cal.ActivityInput(title="Weekend away", all_day=True,
                                          start=dt.datetime(2026, 3, 7),
                                          duration_minutes=2 * 1440))
    walk = cal.create_activity(cal.ActivityInput(title="Walk",
                                                 start=dt.datetime(2026, 3, 7, 19, 0)))
    cal.set_outcome(walk.id, walk.start, "skipped")
    tab = make_tab()
    dialog = tab.open_new_dialog(dt.datetime(2026, 3, 7, 19, 0))
    assert dialog.overlap_text() == ""
    dialog.reject()
