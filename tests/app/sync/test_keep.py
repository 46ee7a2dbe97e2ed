"""What a phone put in a plan's resource and Hearth does not show stays on the server when
Hearth writes the plan again: proved against a real Radicale, with a plain CalDAV client
as the phone."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from icalendar import Calendar

from app.models.sync import SyncItem
from app.services import calendar as cal
from app.sync import state
from tests.app.sync.test_engine import converged
from tests.helpers.sync import plan


@pytest.fixture(autouse=True)
def _kept_without_falling_back(caplog):
    """Every write over a stored copy here keeps it (the hostile ones clear what they
    expected)."""
    caplog.set_level(logging.WARNING, logger="app.sync.keep")
    yield
    assert [record.getMessage() for record in caplog.get_records("call")
            if record.name == "app.sync.keep"] == []


PHONE_ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nX-LIC-LOCATION:Europe/London\r\n"
    "BEGIN:STANDARD\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n")

# What the phone's calendar app adds to the series, none of it modelled by Hearth.
PHONE_EXTRAS = (
    "URL:https://example.org/booking/42\r\n"
    "ORGANIZER;CN=Sam:mailto:sam@example.org\r\n"
    "ATTENDEE;CN=Alex;PARTSTAT=ACCEPTED:mailto:alex@example.org\r\n"
    "ATTACH:https://example.org/menu.pdf\r\n"
    "COLOR:tomato\r\n"
    "CATEGORIES:Work,Family\r\n"
    "CLASS:PRIVATE\r\n"
    "TRANSP:TRANSPARENT\r\n"
    "GEO:51.5;-0.12\r\n"
    "SEQUENCE:3\r\n"
    "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\r\n"
    "X-MOZ-GENERATION:3\r\n"
    "BEGIN:VALARM\r\nACTION:AUDIO\r\nTRIGGER:-PT10M\r\nATTACH:Chime\r\n"
    "X-WR-ALARMUID:chime-1\r\nEND:VALARM\r\n"
    "BEGIN:VALARM\r\nACTION:EMAIL\r\nTRIGGER;VALUE=DATE-TIME:20260306T120000Z\r\n"
    "SUMMARY:Friday\r\nDESCRIPTION:Book the table\r\nATTENDEE:mailto:sam@example.org\r\n"
    "END:VALARM\r\n"
)
MASTER_KEPT = {
    "URL": "https://example.org/booking/42", "ORGANIZER": "mailto:sam@example.org",
    "ATTENDEE": "mailto:alex@example.org", "ATTACH": "https://example.org/menu.pdf",
    "COLOR": "tomato", "CLASS": "PRIVATE", "TRANSP": "TRANSPARENT",
    "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR": "AUTOMATIC", "X-MOZ-GENERATION": "3",
}


def _override(uid: str, day: int = 13, hour: int = 19) -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"RECURRENCE-ID;TZID=Europe/London:202603{day:02d}T{hour:02d}0000\r\n"
            f"DTSTART;TZID=Europe/London:202603{day:02d}T200000\r\n"
            f"DTEND;TZID=Europe/London:202603{day:02d}T220000\r\n"
            "SUMMARY:Friday date: cinema\r\nX-PHONE-SEAT:F12\r\n"
            "ATTENDEE;PARTSTAT=TENTATIVE:mailto:alex@example.org\r\nEND:VEVENT\r\n")


def phone_series(phone, uid: str = "friday@phone") -> str:
    """The phone makes a weekly plan with its extras and one changed Friday."""
    phone.raw_put("friday.ics", (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\n" + PHONE_ZONE
        + f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        "LAST-MODIFIED:20260101T000000Z\r\n"
        "DTSTART;TZID=Europe/London:20260306T190000\r\n"
        "DTEND;TZID=Europe/London:20260306T210000\r\n"
        "RRULE:FREQ=WEEKLY;BYDAY=FR\r\nSUMMARY:Friday date\r\n" + PHONE_EXTRAS
        + "END:VEVENT\r\n" + _override(uid) + "END:VCALENDAR\r\n"))
    return uid


def phone_edits(phone, uid: str) -> None:
    """The phone adds its extras and a changed Friday to a plan Hearth made."""
    event = phone.event(uid)
    text = event.data.replace("\r\n", "\n").replace("\n", "\r\n")
    head, tail = text.split("END:VEVENT\r\n", 1)
    event.data = head + PHONE_EXTRAS + "END:VEVENT\r\n" + _override(uid) + tail
    event.save()


def on_phone(phone, uid: str) -> tuple[Calendar, object, dict]:
    """The resource as the phone reads it: the calendar, the series, the overrides by
    RECURRENCE-ID."""
    calendar = Calendar.from_ical(phone.event(uid).data)
    events = [event for event in calendar.walk("VEVENT")]
    master = next(event for event in events if "RECURRENCE-ID" not in event)
    overrides = {event.decoded("RECURRENCE-ID").replace(tzinfo=None): event
                 for event in events if "RECURRENCE-ID" in event}
    return calendar, master, overrides


def categories_of(event) -> list[str]:
    values = event.get("CATEGORIES")
    values = values if isinstance(values, list) else [values] if values is not None else []
    return [str(name) for value in values for name in value.cats]


def assert_phone_extras_kept(calendar, master, *, phone_zone: bool = True) -> None:
    for name, value in MASTER_KEPT.items():
        assert str(master.get(name)) == value, name
    assert master["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert master["ORGANIZER"].params["CN"] == "Sam"
    assert (master["GEO"].latitude, master["GEO"].longitude) == (51.5, -0.12)
    assert {"Work", "Family"} <= set(categories_of(master))
    alarms = {str(alarm["ACTION"]): alarm for alarm in master.walk("VALARM")}
    assert str(alarms["AUDIO"]["X-WR-ALARMUID"]) == "chime-1"
    assert str(alarms["AUDIO"]["ATTACH"]) == "Chime"
    assert str(alarms["EMAIL"]["DESCRIPTION"]) == "Book the table"
    zones = {str(zone["TZID"]): zone for zone in calendar.walk("VTIMEZONE")}
    assert list(zones) == ["Europe/London"]
    if phone_zone:  # the phone's own definition, still used, stays
        assert str(zones["Europe/London"].get("X-LIC-LOCATION")) == "Europe/London"


@pytest.mark.parametrize("made_on", ["phone", "hearth"])
def test_the_phones_extras_survive_an_edit_in_hearth(alice, bob, phone, shared_url,
                                                     made_on):
    if made_on == "phone":
        uid = phone_series(phone)
        alice.sync()
    else:
        uid = alice.add(plan("Friday date", rrule="FREQ=WEEKLY;BYDAY=FR"))
        alice.sync()
        phone_edits(phone, uid)
        alice.sync()
    assert alice.items()[uid]["occ:2026-03-13T19:00"]["title"] == "Friday date: cinema"
    sequence = on_phone(phone, uid)[1]["SEQUENCE"]  # as the phone's client counted
    # The couple moves the series half an hour earlier and renames it.
    alice.edit(uid, title="Friday date night", start=dt.datetime(2026, 3, 6, 18, 30))
    assert alice.sync().sent == 1
    calendar, master, overrides = on_phone(phone, uid)
    assert master["SEQUENCE"] == sequence
    assert str(master["SUMMARY"]) == "Friday date night"
    assert master.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2026, 3, 6, 18, 30)
    assert_phone_extras_kept(calendar, master, phone_zone=made_on == "phone")
    # The changed Friday moved with the series and kept what the phone gave it.
    assert list(overrides) == [dt.datetime(2026, 3, 13, 18, 30)]
    override = overrides[dt.datetime(2026, 3, 13, 18, 30)]
    assert str(override["SUMMARY"]) == "Friday date: cinema"
    assert str(override["X-PHONE-SEAT"]) == "F12"
    assert override["ATTENDEE"].params["PARTSTAT"] == "TENTATIVE"
    bob.sync()
    assert bob.by_uid(uid).title == "Friday date night"
    converged(shared_url, alice, bob)


def test_an_edit_of_one_occurrence_keeps_what_the_phone_gave_it(alice, phone):
    uid = phone_series(phone)
    alice.sync()
    activity = alice.by_uid(uid)
    original = dt.datetime(2026, 3, 13, 19, 0)
    alice.call(cal.update_occurrence, activity.id, original, cal.ActivityInput(
        title="Friday date: theatre", start=dt.datetime(2026, 3, 13, 19, 30),
        duration_minutes=150, timezone="Europe/London", reminders=(10,)))
    alice.sync()
    calendar, master, overrides = on_phone(phone, uid)
    assert_phone_extras_kept(calendar, master)
    override = overrides[original]
    assert str(override["SUMMARY"]) == "Friday date: theatre"
    assert override.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2026, 3, 13, 19, 30)
    assert str(override["X-PHONE-SEAT"]) == "F12"


@pytest.mark.parametrize("how", ["cancelled", "rule changed"])
def test_an_override_gone_in_hearth_goes_from_the_server_and_the_extras_stay(
        alice, phone, how):
    uid = phone_series(phone)
    alice.sync()
    activity = alice.by_uid(uid)
    if how == "cancelled":
        alice.call(cal.delete_occurrence, activity.id, dt.datetime(2026, 3, 13, 19, 0))
    else:  # Saturdays now: the changed Friday has no occurrence left on its day
        alice.edit(uid, rrule="FREQ=WEEKLY;BYDAY=SA", start=dt.datetime(2026, 3, 7, 19, 0))
    alice.sync()
    calendar, master, overrides = on_phone(phone, uid)
    assert overrides == {}
    assert "X-PHONE-SEAT" not in phone.event(uid).data
    assert_phone_extras_kept(calendar, master)
    if how == "cancelled":
        assert "EXDATE" in master
    else:
        assert "BYDAY=SA" in master["RRULE"].to_ical().decode()


def test_reminders_changed_in_hearth_change_only_the_alarms_hearth_reads(alice, phone):
    uid = phone_series(phone)
    alice.sync()
    assert alice.by_uid(uid).reminders == (10,)  # the phone's chime, ten minutes before
    alice.edit(uid, reminders=(10, 60))
    alice.sync()
    _calendar, master, _overrides = on_phone(phone, uid)
    actions = sorted((str(alarm["ACTION"]), str(alarm["TRIGGER"].to_ical().decode()))
                     for alarm in master.walk("VALARM"))
    assert actions == [("AUDIO", "-PT10M"), ("DISPLAY", "-PT1H"),
                       ("EMAIL", "20260306T120000Z")]
    alice.edit(uid, reminders=(60,))
    alice.sync()
    _calendar, master, _overrides = on_phone(phone, uid)
    assert sorted(str(alarm["ACTION"]) for alarm in master.walk("VALARM")) == [
        "DISPLAY", "EMAIL"]  # the chime was the ten minutes' reminder, now gone


def test_the_phones_alarms_stay_when_reminders_are_kept_on_each_computer(alice, phone):
    from app.sync import account

    with alice.session():
        account.save(account.Account(server_url=alice.calendar_url, username="alice",
                                     calendar_url=alice.calendar_url, calendar_name="Hearth",
                                     auth_type="basic", share_reminders=False))
    uid = phone_series(phone)
    alice.sync()
    alice.edit(uid, title="Friday date night", reminders=(120,))
    alice.sync()
    calendar, master, _overrides = on_phone(phone, uid)
    assert str(master["SUMMARY"]) == "Friday date night"
    assert_phone_extras_kept(calendar, master)
    assert sorted(str(alarm["ACTION"]) for alarm in master.walk("VALARM")) == [
        "AUDIO", "EMAIL"]


def test_a_category_changed_in_hearth_keeps_the_phones_own(alice, phone):
    uid = phone_series(phone)
    alice.sync()
    alice.edit(uid, category="outdoors")
    alice.sync()
    _calendar, master, _overrides = on_phone(phone, uid)
    label = cal.category_label("outdoors")
    assert categories_of(master) == [label, "Work", "Family"]
    alice.edit(uid, category="at-home")
    alice.sync()
    _calendar, master, _overrides = on_phone(phone, uid)
    assert categories_of(master) == [cal.category_label("at-home"), "Work", "Family"]


def test_outcomes_never_leave_even_over_a_kept_copy(alice, phone, radicale):
    uid = phone_series(phone)
    alice.sync()
    activity = alice.by_uid(uid)
    alice.call(cal.set_outcome, activity.id, dt.datetime(2026, 3, 6, 19, 0), "done", 4,
               "Lovely evening")
    alice.edit(uid, title="Friday date night")
    alice.sync()
    text = phone.event(uid).data
    assert "Friday date night" in text and "URL:https://example.org/booking/42" in text
    for path in (radicale.folder / "collections").rglob("*.ics"):
        data = path.read_bytes()
        assert b"Lovely evening" not in data and b"X-HEARTH-STATUS" not in data
        assert b"X-HEARTH-RATING" not in data and b"X-HEARTH-REFLECTION" not in data


def _set_server_text(partner, uid: str, text: str | None) -> None:
    with partner.session():
        SyncItem.update(server_text=text).where(SyncItem.uid == uid).execute()


def _server_text(partner, uid: str) -> str | None:
    with partner.session():
        return SyncItem.get(SyncItem.uid == uid).server_text


@pytest.mark.parametrize("made_on", ["phone", "hearth"])
def test_a_plan_synced_before_the_server_copy_was_kept_keeps_the_phones_extras(
        alice, bob, phone, shared_url, made_on):
    if made_on == "phone":
        uid = phone_series(phone)
    else:
        uid = alice.add(plan("Friday date", rrule="FREQ=WEEKLY;BYDAY=FR"))
        alice.sync()
        phone_edits(phone, uid)
    alice.sync()
    bob.sync()
    _set_server_text(alice, uid, None)  # as the migration leaves a row
    alice.edit(uid, title="Friday date night")
    assert alice.sync().sent == 1
    # The server's copy was read once before the write, so the phone's extras stayed.
    calendar, master, overrides = on_phone(phone, uid)
    assert str(master["SUMMARY"]) == "Friday date night"
    assert_phone_extras_kept(calendar, master, phone_zone=made_on == "phone")
    assert str(overrides[dt.datetime(2026, 3, 13, 19, 0)]["X-PHONE-SEAT"]) == "F12"
    assert "Friday date night" in _server_text(alice, uid)  # what it wrote is kept now
    bob.sync()
    converged(shared_url, alice, bob)
    # From now on what the phone adds stays.
    again = phone.event(uid)
    again.data = again.data.replace("END:VEVENT", "X-PHONE-NOTE:again\r\nEND:VEVENT", 1)
    again.save()
    alice.sync()
    alice.edit(uid, title="Friday date night out")
    alice.sync()
    _calendar, master, _overrides = on_phone(phone, uid)
    assert (str(master["SUMMARY"]), str(master["X-PHONE-NOTE"])) == (
        "Friday date night out", "again")


def test_a_phone_save_just_before_the_one_time_read_is_merged_in(alice, phone):
    """A row with no kept copy: the phone saves between Hearth's pull and its read of the
    copy, so the copy read is newer than the version Hearth knows; Hearth merges it in
    (the phone's new place and its extras stay) before it writes its own edit."""
    from app.sync.transport import Transport

    uid = phone_series(phone)
    alice.sync()
    _set_server_text(alice, uid, None)  # as the migration leaves a row
    alice.edit(uid, title="Friday date night")
    gets = []

    class PhoneBeforeTheRead(Transport):
        def request(self, method, url, body="", headers=None):
            if method == "GET" and uid_href(url) and not gets:
                event = phone.event(uid)
                text = event.data.replace("\r\n", "\n").replace("\n", "\r\n")
                event.data = text.replace(
                    "SUMMARY:Friday date\r\n",
                    "SUMMARY:Friday date\r\nLOCATION:The Thai place\r\n", 1)
                event.save()
                gets.append(url)
            return super().request(method, url, body, headers)

    def uid_href(url: str) -> bool:
        return url.rstrip("/").endswith(".ics")

    alice.transport_factory = PhoneBeforeTheRead
    assert alice.sync().sent == 1
    assert gets, "Hearth read the server's copy before writing"
    calendar, master, _overrides = on_phone(phone, uid)
    assert (str(master["SUMMARY"]), str(master["LOCATION"])) == (
        "Friday date night", "The Thai place")
    assert_phone_extras_kept(calendar, master)
    assert alice.by_uid(uid).location == "The Thai place"


HOSTILE = {
    "garbage": "\x00\x01 not a calendar at all \ufffd" * 50,
    "broken calendar": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:nope\r\n",
    "another event": ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
                      "BEGIN:VEVENT\r\nUID:someone-else@phone\r\nDTSTAMP:20260101T000000Z\r\n"
                      "DTSTART:20260306T190000Z\r\nSUMMARY:Not ours\r\nEND:VEVENT\r\n"
                      "END:VCALENDAR\r\n"),
    "huge": ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\n"
             "X-PAD:" + "x" * (state.SERVER_TEXT_MAX + 10) + "\r\nEND:VEVENT\r\n"
             "END:VCALENDAR\r\n"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_stored_copy_never_stops_a_sync(alice, bob, phone, shared_url, caplog,
                                                  kind):
    uid = phone_series(phone)
    alice.sync()
    bob.sync()
    _set_server_text(alice, uid, HOSTILE[kind])
    alice.edit(uid, title="Friday date night")
    assert alice.sync().sent == 1
    said = [record.getMessage() for record in caplog.records
            if record.name == "app.sync.keep"]
    assert len(said) == 1 and ("written from Hearth's fields" in said[0]
                               or "could not be kept" in said[0])
    caplog.clear()  # expected here, and said
    assert str(on_phone(phone, uid)[1]["SUMMARY"]) == "Friday date night"
    bob.sync()
    converged(shared_url, alice, bob)


def test_a_resource_too_large_to_keep_is_written_from_hearths_fields(alice, phone):
    uid = phone_series(phone)
    event = phone.event(uid)
    big = "A" * (state.SERVER_TEXT_MAX + 1000)
    event.data = event.data.replace(
        "X-MOZ-GENERATION:3", "X-MOZ-GENERATION:3\r\nX-PHONE-NOTE:" + big, 1)
    event.save()
    alice.sync()
    assert _server_text(alice, uid) == state.NOT_KEPT  # known, and not read again
    alice.edit(uid, title="Friday date night")
    assert alice.sync().sent == 1
    assert str(on_phone(phone, uid)[1]["SUMMARY"]) == "Friday date night"


def test_what_the_phone_adds_while_hearth_writes_is_kept_too(alice, phone):
    """The phone saves between Hearth's read and its write: the write is refused (412),
    Hearth reads the phone's version, and writes over that one."""
    from app.sync.transport import Transport

    uid = phone_series(phone)
    alice.sync()
    alice.edit(uid, title="Friday date night")

    puts = []

    class PhoneFirst(Transport):
        def request(self, method, url, body="", headers=None):
            if method == "PUT" and not puts:
                event = phone.event(uid)
                event.data = event.data.replace(
                    "END:VEVENT", "X-PHONE-LATE:yes\r\nEND:VEVENT", 1)
                event.save()
            reply = super().request(method, url, body, headers)
            if method == "PUT":
                puts.append(reply.status)
            return reply

    alice.transport_factory = PhoneFirst
    assert alice.sync().sent == 1
    assert puts[0] == 412 and len(puts) == 2
    calendar, master, _overrides = on_phone(phone, uid)
    assert str(master["SUMMARY"]) == "Friday date night"
    assert str(master["X-PHONE-LATE"]) == "yes"
    assert_phone_extras_kept(calendar, master)


SHAPES = {
    "all day": "DTSTART;VALUE=DATE:20260307\r\nDTEND;VALUE=DATE:20260308\r\n",
    "in UTC": "DTSTART:20260307T100000Z\r\nDTEND:20260307T113000Z\r\n",
    "with a duration": "DTSTART;TZID=Europe/London:20260307T100000\r\nDURATION:PT90M\r\n",
    "floating": "DTSTART:20260307T100000\r\nDTEND:20260307T113000\r\n",
    "all-day series": ("DTSTART;VALUE=DATE:20260307\r\nDTEND;VALUE=DATE:20260308\r\n"
                       "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;VALUE=DATE:20260314\r\n"),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_events_of_every_shape_keep_their_extras(alice, phone, shape):
    phone.raw_put("shape.ics", (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nX-WR-CALNAME:Ours\r\n"
        "BEGIN:VEVENT\r\nUID:shape@phone\r\nDTSTAMP:20260101T000000Z\r\n" + SHAPES[shape]
        + "SUMMARY:Market\r\nURL:https://example.org/market\r\nX-MOZ-GENERATION:7\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"))
    alice.sync()
    before = alice.items()["shape@phone"]
    alice.edit("shape@phone", title="Farmers' market")
    alice.sync()
    calendar, master, _overrides = on_phone(phone, "shape@phone")
    assert str(master["SUMMARY"]) == "Farmers' market"
    assert str(master["URL"]) == "https://example.org/market"
    assert str(master["X-MOZ-GENERATION"]) == "7"
    assert str(calendar["X-WR-CALNAME"]) == "Ours"
    assert alice.items()["shape@phone"] == {**before, "title": "Farmers' market"}



def test_other_components_stay_and_unused_zones_go():
    """Radicale refuses a resource of several component types, other servers need not:
    written over directly, without a server."""
    from app.sync import keep, mapping

    stored = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\n" + PHONE_ZONE
        + PHONE_ZONE.replace("Europe/London", "Europe/Paris")
        + "BEGIN:VEVENT\r\nUID:widget@phone\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART;TZID=Europe/London:20260307T100000\r\n"
        "DTEND;TZID=Europe/London:20260307T113000\r\nSUMMARY:Market\r\n"
        "END:VEVENT\r\nBEGIN:X-PHONE-WIDGET\r\nX-SIZE:large\r\nEND:X-PHONE-WIDGET\r\n"
        "BEGIN:VTODO\r\nUID:list@phone\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Bags\r\n"
        "END:VTODO\r\nEND:VCALENDAR\r\n")
    uid, item = mapping.read_resource(stored, name="widget")
    text = keep.resource_text(uid, {**item, "title": "Farmers' market"}, stored,
                              reminders=True)
    calendar = Calendar.from_ical(text)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Farmers' market"]
    assert [str(widget["X-SIZE"]) for widget in calendar.walk("X-PHONE-WIDGET")] == ["large"]
    assert [str(todo["SUMMARY"]) for todo in calendar.walk("VTODO")] == ["Bags"]
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(calendar.walk("VTIMEZONE")[0]["X-LIC-LOCATION"]) == "Europe/London"
