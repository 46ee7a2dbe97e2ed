"""The one check of an imported event: its rule checked once, its changes cleaned and kept
only where the rule produces them, and a checked event never checked again."""

import datetime as dt

from app.calendar import ics, rule_checks, rules
from app.calendar.types import ActivityInput, CheckedEvent, ImportedChange, ImportedEvent
from tests.helpers.calendar import LOCAL

FRIDAY = dt.datetime(2026, 3, 6, 19, 0)
SERIES = ActivityInput(title="  Date night ", start=FRIDAY, rrule="RRULE:FREQ=WEEKLY;BYDAY=FR",
                       timezone=LOCAL)


def counted_rule_checks(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = rule_checks.check_rule

    def counting(rule, start):
        calls.append(rule)
        return real(rule, start)

    monkeypatch.setattr(rule_checks, "check_rule", counting)
    return calls


def test_an_event_is_stored_as_checked_with_the_changes_its_rule_makes(db):
    moved = ActivityInput(title="Date night ", start=FRIDAY + dt.timedelta(days=8, hours=1),
                          timezone=LOCAL)
    check = rules.check_event(ImportedEvent(uid="a@test", data=SERIES, changes=(
        ImportedChange(original_start=FRIDAY + dt.timedelta(days=7, seconds=30), data=moved),
        ImportedChange(original_start=FRIDAY + dt.timedelta(days=1), cancelled=True),
    )))
    assert isinstance(check.event, CheckedEvent)
    assert check.event.data.title == "Date night" and check.event.data.rrule == "FREQ=WEEKLY;BYDAY=FR"
    assert [change.original_start for change in check.event.changes] == [
        FRIDAY + dt.timedelta(days=7)]
    assert check.event.changes[0].data.title == "Date night"
    assert check.notes == ("1 changed occurrence that its repeat rule does not produce "
                           "was left out",)
    assert rules.check_event(check.event) == rules.EventCheck(check.event)


def test_a_rule_that_cannot_be_used_is_the_reason(db):
    check = rules.check_event(ImportedEvent(uid="b@test", data=ActivityInput(
        title="Hourly", start=FRIDAY, rrule="FREQ=HOURLY", timezone=LOCAL)))
    assert check.event is None
    assert check.reason.startswith("its repeat rule cannot be used: Activities can repeat")


def test_a_file_checks_each_repeat_rule_once_on_its_way_to_the_store(db, monkeypatch):
    calls = counted_rule_checks(monkeypatch)
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:walk@test\r\nSUMMARY:Walk\r\nDTSTART:20260301T100000Z\r\n"
        b"RRULE:FREQ=WEEKLY;UNTIL=20260601T100000Z\r\nEXDATE:20260308T100000Z\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:walk@test\r\nSUMMARY:Long walk\r\n"
        b"RECURRENCE-ID:20260315T100000Z\r\nDTSTART:20260315T110000Z\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n")
    summary = ics.import_data(data, name="walks.ics")
    assert (summary.added, summary.skipped, summary.warnings) == (1, (), ())
    assert len(calls) == 1 and calls[0].startswith("FREQ=WEEKLY;UNTIL=")
    calls.clear()
    assert ics.import_data(data, name="walks.ics").unchanged == 1
    assert len(calls) == 1
