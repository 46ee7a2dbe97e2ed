"""An import's time budget counts occurrence changes as steps: a file of events with many
EXDATEs or overrides earns the time their reading and storing take. The clock is a tick
counter (a second of work at each look), never the wall clock."""

import pytest

from app.calendar import ics, ics_budget
from app.calendar.ics import IcsError
from tests.helpers.calendar import dump


def calendar_of(count: int, exdates: int) -> bytes:
    events = []
    for n in range(count):
        dates = ",".join(f"202602{day + 1:02d}T100000" for day in range(exdates))
        events.append(
            f"BEGIN:VEVENT\r\nUID:e{n}@other\r\nSUMMARY:Run {n}\r\n"
            "DTSTART;TZID=America/New_York:20260101T100000\r\nRRULE:FREQ=DAILY\r\n"
            + (f"EXDATE;TZID=America/New_York:{dates}\r\n" if exdates else "")
            + "END:VEVENT\r\n")
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(events)
            + "END:VCALENDAR\r\n").encode()


def ticking():
    ticks = iter(range(100_000))
    return lambda: next(ticks)


def test_each_exdate_earns_its_step_when_read_and_stored(db, monkeypatch):
    # Reading and storing an event looks at the clock once: a second of work. An event
    # alone earns half of it and the budget runs out; with two EXDATEs it earns one and a
    # half, and the file imports.
    monkeypatch.setattr(ics_budget, "IMPORT_SECONDS", 5)
    monkeypatch.setattr(ics_budget, "SECONDS_PER_STEP", 0.5)
    summary = ics.import_data(calendar_of(30, 2), name="busy.ics", clock=ticking())
    assert summary.added == 30
    cancelled = db.execute_sql("SELECT COUNT(*) FROM calendar_change WHERE cancelled")
    assert cancelled.fetchone() == (60,)


def test_events_without_changes_earn_one_step_each(db, monkeypatch):
    monkeypatch.setattr(ics_budget, "IMPORT_SECONDS", 5)
    monkeypatch.setattr(ics_budget, "SECONDS_PER_STEP", 0.5)
    before = dump(db)
    with pytest.raises(IcsError, match="takes too long to import"):
        ics.import_data(calendar_of(30, 0), name="plain.ics", clock=ticking())
    assert dump(db) == before


def test_each_override_earns_its_step_when_read(db, monkeypatch):
    # Overrides are events of their own when parsed, and steps of their series when read.
    monkeypatch.setattr(ics_budget, "IMPORT_SECONDS", 5)
    monkeypatch.setattr(ics_budget, "SECONDS_PER_STEP", 0.5)
    events = []
    for n in range(30):
        events.append(f"BEGIN:VEVENT\r\nUID:e{n}@other\r\nSUMMARY:Run\r\n"
                      "DTSTART:20260101T100000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n")
        for day in (2, 3):
            events.append(f"BEGIN:VEVENT\r\nUID:e{n}@other\r\nSUMMARY:Moved\r\n"
                          f"RECURRENCE-ID:2026010{day}T100000Z\r\n"
                          f"DTSTART:2026010{day}T120000Z\r\nEND:VEVENT\r\n")
    data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(events)
            + "END:VCALENDAR\r\n").encode()
    assert ics.import_data(data, name="moved.ics", clock=ticking()).added == 30
