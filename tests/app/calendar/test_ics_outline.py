"""What a calendar file may carry around its calendar and still be imported: text after
END:VCALENDAR is not "incomplete", one damaged event is skipped and named, the rest come."""

from __future__ import annotations

import pytest

from app.calendar import ics
from app.services import calendar as cal

GOOD = ("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART:202603{day}T190000Z\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n")


def _file(*events: str, after: str = "") -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + "".join(events)
            + "END:VCALENDAR\r\n" + after).encode("utf-8")


@pytest.mark.parametrize("after", [
    "\r\n-- \r\nSent from my phone\r\n",
    "--==boundary==--\r\n",
    "\x1a",
    "END:VEVENT\r\nstray text\r\n",
])
def test_text_after_the_calendar_is_ignored(db, after):
    summary = ics.import_data(_file(GOOD.format(uid="a@t", day="06", title="Dinner"),
                                    after=after), name="plans.ics")
    assert (summary.added, summary.skipped) == (1, ())
    assert [a.title for a in cal.list_activities()] == ["Dinner"]


def test_a_calendar_begun_after_the_last_end_is_still_incomplete(db):
    data = _file(GOOD.format(uid="a@t", day="06", title="Dinner"),
                 after="BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n")
    with pytest.raises(ics.IcsError, match="incomplete"):
        ics.import_data(data, name="plans.ics")
    assert cal.list_activities() == []


def test_one_damaged_event_is_skipped_by_name_and_the_rest_imported(db):
    broken = ("BEGIN:VEVENT\r\nUID:b@t\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:2026030\r\n"
              "THIS LINE IS BROKEN\r\nSUMMARY:Broken one\r\nEND:VEVENT\r\n")
    summary = ics.import_data(_file(GOOD.format(uid="a@t", day="06", title="Dinner"), broken,
                                    GOOD.format(uid="c@t", day="07", title="Walk")),
                              name="plans.ics")
    assert summary.added == 2
    assert len(summary.skipped) == 1 and summary.skipped[0].startswith('"Broken one"')
    assert sorted(a.title for a in cal.list_activities()) == ["Dinner", "Walk"]
