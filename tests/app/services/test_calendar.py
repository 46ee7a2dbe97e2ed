"""The calendar service: validation, series and single-occurrence edits, queries, outcomes,
summaries and reminders, all against a real database in tmp_path."""

import datetime as dt
from dataclasses import replace

import pytest

from app.calendar import zones
from app.errors import NotFoundError, ValidationError
from app.services import calendar as cal
from app.services.calendar import ActivityInput, InvalidActivity

ZONE = "Europe/Berlin"


@pytest.fixture
def db(app_context, monkeypatch, core_clock):
    # The computer's zone is whatever the test machine has; pin it. The core's clock
    # stands before every plan here (tests/helpers/calendar.py).
    monkeypatch.setattr(zones, "local_timezone", lambda: ZONE)
    return app_context.db


def plan(title="Date night", start=dt.datetime(2026, 3, 6, 19), **fields):
    return cal.create_activity(ActivityInput(title=title, start=start, timezone=ZONE,
                                             category=fields.pop("category", "out"), **fields))


def titles(first, last, **kw):
    return [(o.start, o.title) for o in cal.occurrences_between(first, last, tz=ZONE, **kw)]


def dump(db):
    rows = []
    for table in ("calendar_activity", "calendar_change"):
        rows.append(db.execute_sql(f"SELECT * FROM {table} ORDER BY id").fetchall())
    return rows


# ------------------------------------------------------------------ validation


def fields_of(data):
    return [error.field for error in cal.validate(data)]


GOOD = ActivityInput(title="Walk", start=dt.datetime(2026, 3, 8, 10), timezone=ZONE,
                     category="outdoors")


def test_good_input_has_no_errors(db):
    assert cal.validate(GOOD) == []


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"title": "   "}, "title", "Give the activity a title"),
        ({"title": "x" * 201}, "title", "200 characters or fewer (it has 201)"),
        ({"start": None}, "start", "Choose a start"),
        ({"start": dt.datetime(2026, 3, 8, 10, tzinfo=dt.UTC)}, "start", "Choose a start"),
        ({"start": dt.datetime(1850, 1, 1)}, "start", "between the years"),
        ({"duration_minutes": 0}, "end", "end must be after the start"),
        ({"duration_minutes": -30}, "end", "end must be after the start"),
        ({"duration_minutes": 15 * 24 * 60}, "end", "at most 14 days"),
        ({"all_day": True, "duration_minutes": 600}, "end", "whole days"),
        ({"all_day": True, "duration_minutes": 400 * 1440}, "end", "at most a year"),
        ({"location": "x" * 201}, "location", "place to 200"),
        ({"category": "skydiving"}, "category", "Choose one of the categories"),
        ({"notes": "x" * 5001}, "notes", "notes to 5000"),
        ({"reminders": (-5,)}, "reminder", "before the activity"),
        ({"reminders": (60, 5 * 7 * 24 * 60)}, "reminder", "at most 4 weeks"),
        ({"reminders": ("soon",)}, "reminder", "Choose when"),
        ({"reminders": 60}, "reminder", "Choose when"),
        ({"reminders": tuple(range(11))}, "reminder", "at most 10 reminders"),
        ({"rrule": "FREQ=HOURLY"}, "rrule", "not more often"),
        ({"rrule": "FREQ=WEEKLY;COUNT=0"}, "rrule", "between 1 and 999"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", "not a known time zone"),
    ],
)
def test_each_rule_names_its_field(db, change, field, words):
    errors = cal.validate(replace(GOOD, **change))
    assert [error.field for error in errors] == [field]
    assert words in errors[0].message


def test_every_category_of_the_deck_and_other_are_allowed(db):
    from app.content.categories import IDEA_CATEGORIES

    assert cal.categories() == tuple(key for key, _ in IDEA_CATEGORIES) + ("other",)
    for category in cal.categories():
        assert cal.validate(replace(GOOD, category=category)) == []


def test_all_problems_are_reported_together_and_writes_refuse(db):
    bad = replace(GOOD, title="", duration_minutes=0, category="nope")
    assert fields_of(bad) == ["title", "end", "category"]
    with pytest.raises(InvalidActivity) as caught:
        cal.create_activity(bad)
    assert caught.value.field == "title" and len(caught.value.errors) == 3
    assert cal.list_activities() == []


def test_input_is_tidied(db):
    activity = cal.create_activity(replace(GOOD, title="  Walk  ", all_day=True,
                                           duration_minutes=1440, rrule="RRULE:FREQ=WEEKLY"))
    assert activity.title == "Walk"
    assert activity.start == dt.datetime(2026, 3, 8, 0, 0)
    assert activity.rrule == "FREQ=WEEKLY"


def test_empty_zone_means_the_computers(db):
    activity = cal.create_activity(replace(GOOD, timezone=""))
    assert activity.timezone == ZONE


# ------------------------------------------------------------------ one-offs and series


def test_create_get_and_update_a_one_off(db):
    activity = plan(location="Kino", reminders=(30,), notes="popcorn")
    assert activity.uid.endswith("@hearth") and activity.status == "planned"
    assert cal.get_activity(activity.id) == activity
    changed = cal.update_activity(activity.id, replace(activity.to_input(), title="Cinema"))
    assert changed.title == "Cinema" and changed.created_at == activity.created_at
    assert titles(dt.date(2026, 3, 6), dt.date(2026, 3, 6)) == [
        (dt.datetime(2026, 3, 6, 19), "Cinema")]


def test_missing_activity_is_not_found(db):
    with pytest.raises(NotFoundError):
        cal.get_activity(999)
    with pytest.raises(NotFoundError):
        cal.update_activity(999, GOOD)
    with pytest.raises(NotFoundError):
        cal.delete_activity(999)


def test_duplicate_uid_is_refused(db):
    cal.create_activity(GOOD, uid="same@example.com")
    with pytest.raises(ValidationError, match="UID"):
        cal.create_activity(GOOD, uid="same@example.com")


def test_editing_one_occurrence_leaves_the_rest(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    original = dt.datetime(2026, 3, 13, 19)
    moved = cal.update_occurrence(series.id, original, replace(
        series.to_input(), title="Dinner out", start=dt.datetime(2026, 3, 14, 20),
        rrule="FREQ=DAILY"))
    assert moved.is_changed and moved.original_start == original
    assert moved.start == dt.datetime(2026, 3, 14, 20)
    assert titles(dt.date(2026, 3, 6), dt.date(2026, 3, 21)) == [
        (dt.datetime(2026, 3, 6, 19), "Date night"),
        (dt.datetime(2026, 3, 14, 20), "Dinner out"),
        (dt.datetime(2026, 3, 20, 19), "Date night"),
    ]
    assert cal.get_activity(series.id).rrule == "FREQ=WEEKLY;BYDAY=FR"


def test_a_moved_occurrence_shows_where_it_went(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    cal.update_occurrence(series.id, dt.datetime(2026, 3, 27, 19), replace(
        series.to_input(), start=dt.datetime(2026, 4, 2, 19)))
    assert titles(dt.date(2026, 3, 23), dt.date(2026, 3, 29)) == []
    assert titles(dt.date(2026, 4, 2), dt.date(2026, 4, 2)) == [
        (dt.datetime(2026, 4, 2, 19), "Date night")]
    assert cal.get_occurrence(series.id, dt.datetime(2026, 3, 27, 19), tz=ZONE).start == \
        dt.datetime(2026, 4, 2, 19)


def test_deleting_one_occurrence_versus_the_series(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    cal.delete_occurrence(series.id, dt.datetime(2026, 3, 13, 19))
    assert [s for s, _ in titles(dt.date(2026, 3, 1), dt.date(2026, 3, 21))] == [
        dt.datetime(2026, 3, 6, 19), dt.datetime(2026, 3, 20, 19)]
    with pytest.raises(NotFoundError):
        cal.delete_occurrence(series.id, dt.datetime(2026, 3, 14, 19))
    snapshot = cal.delete_activity(series.id)
    assert titles(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == []
    restored = cal.restore_activity(snapshot)
    assert restored == snapshot.activity
    assert [s for s, _ in titles(dt.date(2026, 3, 1), dt.date(2026, 3, 21))] == [
        dt.datetime(2026, 3, 6, 19), dt.datetime(2026, 3, 20, 19)]


def test_undo_of_a_single_delete_restores_the_occurrence(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    before = dump(db)
    snapshot = cal.delete_occurrence(series.id, dt.datetime(2026, 3, 13, 19))
    cal.restore_activity(snapshot)
    assert len(titles(dt.date(2026, 3, 1), dt.date(2026, 3, 21))) == 3
    assert dump(db)[1] == before[1]


def test_deleting_the_only_occurrence_of_a_one_off_deletes_it(db):
    one = plan()
    cal.delete_occurrence(one.id, one.start)
    assert cal.list_activities() == []


def test_changing_the_series_time_keeps_changes_on_their_day(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    cal.set_outcome(series.id, dt.datetime(2026, 3, 6, 19), "done", 5)
    cal.delete_occurrence(series.id, dt.datetime(2026, 3, 13, 19))
    cal.update_activity(series.id, replace(series.to_input(), start=dt.datetime(2026, 3, 6, 20)))
    found = cal.occurrences_between(dt.date(2026, 3, 1), dt.date(2026, 3, 21), tz=ZONE)
    assert [(o.start, o.status) for o in found] == [
        (dt.datetime(2026, 3, 6, 20), "done"), (dt.datetime(2026, 3, 20, 20), "planned")]
    # Moving to another weekday drops the changes whose day no longer has an occurrence.
    cal.update_activity(series.id, replace(series.to_input(), start=dt.datetime(2026, 3, 7, 20),
                                           rrule="FREQ=WEEKLY;BYDAY=SA"))
    assert cal.snapshot_activity(series.id).changes == ()


def test_turning_a_series_into_a_one_off_and_back(db):
    one = plan()
    cal.set_outcome(one.id, one.start, "done", 4, "lovely")
    series = cal.update_activity(one.id, replace(one.to_input(), rrule="FREQ=WEEKLY"))
    first = cal.get_occurrence(series.id, one.start, tz=ZONE)
    assert (first.status, first.rating, first.reflection) == ("done", 4, "lovely")
    single = cal.update_activity(one.id, replace(series.to_input(), rrule=None))
    assert single.rrule is None and cal.snapshot_activity(one.id).changes == ()


# ------------------------------------------------------------------ range queries


def test_range_is_inclusive_and_sorted_with_all_day_first(db):
    plan("Late", dt.datetime(2026, 3, 10, 21))
    plan("Early", dt.datetime(2026, 3, 10, 8))
    plan("Day off", dt.datetime(2026, 3, 10), all_day=True, duration_minutes=1440)
    plan("Before", dt.datetime(2026, 3, 9, 22), duration_minutes=60)
    plan("After", dt.datetime(2026, 3, 11, 0, 0))
    assert [t for _, t in titles(dt.date(2026, 3, 10), dt.date(2026, 3, 10))] == [
        "Day off", "Early", "Late"]
    assert cal.occurrences_between(dt.date(2026, 3, 11), dt.date(2026, 3, 10)) == []


def test_multi_day_activities_touch_every_day(db):
    plan("Trip", dt.datetime(2026, 3, 27), all_day=True, duration_minutes=3 * 1440)
    plan("Overnight", dt.datetime(2026, 3, 30, 22), duration_minutes=180)
    for day, expected in [(26, []), (27, ["Trip"]), (29, ["Trip"]), (30, ["Overnight"]),
                          (31, ["Overnight"]), (1, [])]:
        date = dt.date(2026, 4 if day == 1 else 3, day)
        assert [o.title for o in cal.occurrences_on(date, tz=ZONE)] == expected, day
    trip = cal.occurrences_on(dt.date(2026, 3, 28), tz=ZONE)[0]
    assert trip.all_day and trip.end == dt.datetime(2026, 3, 30)


def test_series_spanning_years_and_ending(db):
    plan("Walk", dt.datetime(2020, 1, 5, 10), rrule="FREQ=WEEKLY;BYDAY=SU")
    plan("Course", dt.datetime(2026, 1, 7, 18), rrule="FREQ=WEEKLY;COUNT=4")
    plan("Monthly", dt.datetime(2025, 1, 31, 19), rrule="FREQ=MONTHLY;UNTIL=20260430T235959")
    got = titles(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert sum(1 for _, t in got if t == "Walk") == 26
    assert [s.date() for s, t in got if t == "Course"] == [
        dt.date(2026, 1, d) for d in (7, 14, 21, 28)]
    assert [s.date() for s, t in got if t == "Monthly"] == [
        dt.date(2026, 1, 31), dt.date(2026, 3, 31)]


def test_other_zones_are_shown_in_the_display_zone(db):
    cal.create_activity(ActivityInput("Call", dt.datetime(2026, 3, 6, 9), rrule="FREQ=WEEKLY",
                                      timezone="America/New_York"))
    # New York moves its clocks on 8 March, Berlin on 29 March: the gap shrinks to 5 hours.
    starts = [o.start for o in cal.occurrences_between(dt.date(2026, 3, 1),
                                                       dt.date(2026, 4, 5), tz=ZONE)]
    assert [s.hour for s in starts] == [15, 14, 14, 14, 15]


def test_weekly_series_stays_at_its_wall_clock_across_dst(db):
    plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    starts = [s for s, _ in titles(dt.date(2026, 3, 20), dt.date(2026, 4, 5))]
    assert [s.hour for s in starts] == [19, 19, 19]
    in_utc = [o.start.hour for o in cal.occurrences_between(dt.date(2026, 3, 20),
                                                            dt.date(2026, 4, 5), tz="UTC")]
    assert in_utc == [18, 18, 17]


def test_upcoming_skips_past_done_and_cancelled(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    plan("Picnic", dt.datetime(2026, 3, 15, 12))
    cal.set_outcome(series.id, dt.datetime(2026, 3, 13, 19), "skipped")
    cal.delete_occurrence(series.id, dt.datetime(2026, 3, 20, 19))
    now = dt.datetime(2026, 3, 6, 19, 30)  # the first date is under way
    got = [(o.start, o.title) for o in cal.upcoming(now, 3, tz=ZONE)]
    assert got == [(dt.datetime(2026, 3, 6, 19), "Date night"),
                   (dt.datetime(2026, 3, 15, 12), "Picnic"),
                   (dt.datetime(2026, 3, 27, 19), "Date night")]
    assert cal.upcoming(now, 0) == []


# ------------------------------------------------------------------ outcomes and summaries


def test_outcomes_for_one_offs_and_occurrences(db):
    one = plan("Picnic", dt.datetime(2026, 3, 15, 12))
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    done = cal.set_outcome(one.id, one.start, "done", 5, " Sunny ")
    assert (done.status, done.rating, done.reflection) == ("done", 5, "Sunny")
    skipped = cal.set_outcome(series.id, dt.datetime(2026, 3, 13, 19), "skipped")
    assert skipped.status == "skipped" and not skipped.is_changed
    assert cal.get_occurrence(series.id, dt.datetime(2026, 3, 20, 19)).status == "planned"
    back = cal.set_outcome(series.id, dt.datetime(2026, 3, 13, 19), "planned")
    assert back.status == "planned"


@pytest.mark.parametrize(
    ("status", "rating", "reflection", "field"),
    [("finished", None, "", "status"), ("done", 6, "", "rating"), ("done", 0, "", "rating"),
     ("skipped", 3, "", "rating"), ("done", None, "x" * 2001, "reflection")],
)
def test_outcome_rules(db, status, rating, reflection, field):
    one = plan()
    with pytest.raises(ValidationError) as caught:
        cal.set_outcome(one.id, one.start, status, rating, reflection)
    assert caught.value.field == field


def test_outcome_of_an_occurrence_that_does_not_exist(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    with pytest.raises(NotFoundError):
        cal.set_outcome(series.id, dt.datetime(2026, 3, 14, 19), "done")


def test_unresolved_past_lists_planned_occurrences_that_ended(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    cal.set_outcome(series.id, dt.datetime(2026, 3, 13, 19), "done", 4)
    now = dt.datetime(2026, 3, 27, 19, 30)  # the fourth date has not ended yet
    got = [o.start for o in cal.unresolved_past(now, tz=ZONE)]
    assert got == [dt.datetime(2026, 3, 6, 19), dt.datetime(2026, 3, 20, 19)]
    assert [o.start for o in cal.unresolved_past(now, days=10, tz=ZONE)] == [
        dt.datetime(2026, 3, 20, 19)]


def test_month_summary_and_per_month_counts(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")  # March 2026 has four Fridays from the 6th
    cal.set_outcome(series.id, dt.datetime(2026, 3, 6, 19), "done", 5)
    cal.set_outcome(series.id, dt.datetime(2026, 3, 13, 19), "skipped")
    plan("Picnic", dt.datetime(2026, 2, 15, 12))
    march = cal.month_summary(2026, 3, tz=ZONE)
    assert (march.planned, march.done, march.skipped, march.total) == (2, 1, 1, 4)
    months = cal.activities_per_month(3, today=dt.date(2026, 3, 20), tz=ZONE)
    assert [(m.year, m.month, m.total) for m in months] == [
        (2026, 1, 0), (2026, 2, 1), (2026, 3, 4)]
    summary = cal.quality_summary(dt.date(2026, 3, 20), tz=ZONE)
    assert summary.this_month == march and summary.last_month.total == 1
    # The done Friday was two weeks ago and last week's was skipped: no streak.
    assert len(summary.per_month) == 12 and summary.streak_weeks == 0


def test_week_streak_counts_weeks_with_something_done(db):
    series = plan(start=dt.datetime(2025, 6, 6, 19), rrule="FREQ=WEEKLY;BYDAY=FR")
    for week in range(30):  # thirty Fridays in a row, longer than one look-back chunk
        cal.set_outcome(series.id, dt.datetime(2025, 8, 22, 19) + dt.timedelta(weeks=week),
                        "done")
    last_done = dt.date(2025, 8, 22) + dt.timedelta(weeks=29)
    assert cal.week_streak(last_done, tz=ZONE) == 30
    # Nothing done yet this week does not break the streak; a week without does.
    assert cal.week_streak(last_done + dt.timedelta(days=3), tz=ZONE) == 30
    assert cal.week_streak(last_done + dt.timedelta(days=10), tz=ZONE) == 0
    assert cal.week_streak(dt.date(2025, 8, 10), tz=ZONE) == 0


# ------------------------------------------------------------------ reminders


def test_due_reminders_between_two_clock_readings(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR", reminders=(60,))
    plan("No reminder", dt.datetime(2026, 3, 6, 20))
    plan("Day before", dt.datetime(2026, 3, 8, 10), reminders=(1440,), category="outdoors")
    cal.set_outcome(series.id, dt.datetime(2026, 3, 13, 19), "skipped")
    clock = dt.datetime(2026, 3, 6, 17, 0)
    assert cal.due_reminders(clock, clock + dt.timedelta(minutes=59), tz=ZONE) == []
    fired = cal.due_reminders(clock, clock + dt.timedelta(hours=1), tz=ZONE)
    assert [(r.remind_at, r.occurrence.title) for r in fired] == [
        (dt.datetime(2026, 3, 6, 18), "Date night")]
    week = cal.due_reminders(clock, clock + dt.timedelta(days=8), tz=ZONE)
    assert [(r.remind_at, r.occurrence.title) for r in week] == [
        (dt.datetime(2026, 3, 6, 18), "Date night"),
        (dt.datetime(2026, 3, 7, 10), "Day before")]  # the skipped Friday stays quiet
    assert cal.next_reminder_time(clock, tz=ZONE) == dt.datetime(2026, 3, 6, 18)
    assert cal.next_reminder_time(dt.datetime(2026, 3, 6, 18), tz=ZONE) == \
        dt.datetime(2026, 3, 7, 10)


def test_missed_reminders_are_those_still_useful(db):
    plan("Date night", dt.datetime(2026, 3, 6, 19), reminders=(60,))
    plan("Walk", dt.datetime(2026, 3, 8, 10), reminders=(2 * 1440,), category="outdoors")
    last_seen = dt.datetime(2026, 3, 5, 12)
    now = dt.datetime(2026, 3, 7, 9)  # closed over the date night, walk still ahead
    missed = cal.missed_reminders(last_seen, now, tz=ZONE)
    assert [r.occurrence.title for r in missed] == ["Walk"]
    assert cal.missed_reminders(now, now, tz=ZONE) == []


def test_reminder_of_a_changed_occurrence(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR", reminders=(30,))
    cal.update_occurrence(series.id, dt.datetime(2026, 3, 13, 19), replace(
        series.to_input(), start=dt.datetime(2026, 3, 13, 19), reminders=(3 * 1440,)))
    fired = cal.due_reminders(dt.datetime(2026, 3, 10, 18), dt.datetime(2026, 3, 10, 20),
                              tz=ZONE)
    assert [r.remind_at for r in fired] == [dt.datetime(2026, 3, 10, 19)]


def test_a_one_off_is_found_by_its_old_start_after_a_move(db):
    one = plan()
    cal.update_activity(one.id, replace(one.to_input(), start=dt.datetime(2026, 3, 7, 18)))
    found = cal.get_occurrence(one.id, one.start, tz=ZONE)
    assert found.start == found.original_start == dt.datetime(2026, 3, 7, 18)


def test_a_month_seen_before_shows_edits_to_the_series(db):
    series = plan(rrule="FREQ=WEEKLY;BYDAY=FR")
    assert {t for _, t in titles(dt.date(2026, 3, 1), dt.date(2026, 4, 11))} == {"Date night"}
    cal.update_activity(series.id, replace(series.to_input(), title="Friday date"))
    assert {t for _, t in titles(dt.date(2026, 3, 1), dt.date(2026, 4, 11))} == {"Friday date"}
    snapshot = cal.delete_activity(series.id)
    assert titles(dt.date(2026, 3, 1), dt.date(2026, 4, 11)) == []
    cal.restore_activity(snapshot)
    assert len(titles(dt.date(2026, 3, 1), dt.date(2026, 4, 11))) == 6


def test_month_counts_agree_with_the_occurrences_themselves(db):
    weekly = plan(start=dt.datetime(2025, 12, 26, 19), rrule="FREQ=WEEKLY;BYDAY=FR")
    daily = plan("Stretch", dt.datetime(2026, 1, 30, 7), rrule="FREQ=DAILY;COUNT=40",
                 category="physical-closeness")
    cal.create_activity(ActivityInput("Call", dt.datetime(2026, 1, 31, 20),
                                      rrule="FREQ=WEEKLY", timezone="America/New_York"))
    plan("Trip", dt.datetime(2026, 2, 27), all_day=True, duration_minutes=3 * 1440)
    cal.set_outcome(weekly.id, dt.datetime(2026, 1, 30, 19), "done", 5)
    cal.update_occurrence(weekly.id, dt.datetime(2026, 2, 27, 19), replace(
        weekly.to_input(), start=dt.datetime(2026, 3, 1, 19)))  # moved into March
    cal.delete_occurrence(daily.id, dt.datetime(2026, 2, 2, 7))
    cal.set_outcome(daily.id, dt.datetime(2026, 2, 28, 7), "skipped")
    months = cal.activities_per_month(4, today=dt.date(2026, 3, 15), tz=ZONE)
    for summary in months:
        first = dt.date(summary.year, summary.month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        starting = [o for o in cal.occurrences_between(first, last, tz=ZONE)
                    if o.start.date() >= first]
        assert summary.total == len(starting), summary
        assert summary.done == sum(o.status == "done" for o in starting)
        assert summary.skipped == sum(o.status == "skipped" for o in starting)
    # Fridays + stretches + calls (Saturday 20:00 in New York is Sunday in Berlin) + trip.
    assert [m.total for m in months] == [1, 5 + 2, 3 + 27 + 4 + 1, 5 + 10 + 5]
