"""Two partners and a phone syncing through a real Radicale: every change arrives once."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import calendar as cal
from app.sync import errors
from tests.helpers.caldav_servers import USERS
from tests.helpers.sync import plan, server_items


def converged(shared_url, *partners):
    server = server_items(shared_url, "alice", USERS["alice"])
    assert all(len(copies) == 1 for copies in server.values()), "a UID is on the server twice"
    expected = {uid: copies[0] for uid, copies in server.items()}
    for partner in partners:
        assert partner.items() == expected
    return expected


def test_a_plan_made_by_one_partner_reaches_the_other(alice, bob, shared_url):
    uid = alice.add(plan("Date night", rrule="FREQ=WEEKLY;BYDAY=FR", notes="Cook",
                         location="Home", reminders=(30,)))
    assert alice.sync().sent == 1
    result = bob.sync()
    assert (result.received, result.sent) == (1, 0)
    assert bob.by_uid(uid).title == "Date night"
    assert bob.by_uid(uid).reminders == (30,)
    converged(shared_url, alice, bob)


def test_a_sync_with_nothing_changed_is_one_request(alice, bob):
    alice.add(plan())
    alice.sync()
    bob.sync()
    assert alice.sync().requests == 1
    assert bob.sync().requests == 1


def test_edits_and_deletes_travel_both_ways(alice, bob, shared_url):
    alice.add(plan("Stays", day=9))  # deleting the only plan would ask first
    uid = alice.add(plan("Walk"))
    alice.sync()
    bob.sync()
    bob.edit(uid, title="Walk by the river")
    assert bob.sync().sent == 1
    assert alice.sync().received == 1
    assert alice.by_uid(uid).title == "Walk by the river"
    alice.delete(uid)
    assert alice.sync().deleted == 1
    assert bob.sync().deleted == 1
    assert bob.by_uid(uid) is None
    assert [item["title"] for item in converged(shared_url, alice, bob).values()] == ["Stays"]


def test_outcomes_ratings_and_reflections_never_leave(alice, bob, radicale, shared_url):
    uid = alice.add(plan("Picnic"))
    activity = alice.by_uid(uid)
    alice.call(cal.set_outcome, activity.id, activity.start, "done", 5, "We laughed a lot")
    alice.sync()
    stored = [path.read_bytes() for path in (radicale.folder / "collections").rglob("*")
              if path.is_file()]
    assert any(b"Picnic" in data for data in stored)
    for data in stored:
        assert b"laughed" not in data and b"X-HEARTH-STATUS" not in data
        assert b"X-HEARTH-RATING" not in data
    bob.sync()
    assert bob.by_uid(uid).status == "planned"
    bob.edit(uid, title="Picnic in the park")
    bob.sync()
    alice.sync()
    kept = alice.by_uid(uid)
    assert (kept.title, kept.status, kept.rating, kept.reflection) == (
        "Picnic in the park", "done", 5, "We laughed a lot")


def test_different_fields_merge_and_the_same_field_becomes_a_conflict(alice, bob):
    from app.sync import conflicts

    uid = alice.add(plan("Dinner", location="Home"))
    alice.sync()
    bob.sync()
    alice.edit(uid, notes="Bring wine", location="Luigi's")
    bob.edit(uid, title="Dinner out", location="The Ivy")
    bob.sync()
    result = alice.sync()
    assert result.conflicts == 1
    merged = alice.by_uid(uid)
    assert (merged.title, merged.notes, merged.location) == ("Dinner out", "Bring wine",
                                                             "The Ivy")
    open_ones = alice.call(conflicts.open_conflicts)
    assert [(c.label, c.local, c.server) for c in open_ones] == [
        ("place", '"Luigi\'s"', '"The Ivy"')]
    bob.sync()
    assert bob.by_uid(uid).notes == "Bring wine"
    # Alice picks her own value: it is changed here and sent by the next sync.
    alice.call(conflicts.resolve, open_ones[0].id, keep_local=True)
    alice.sync()
    bob.sync()
    assert bob.by_uid(uid).location == "Luigi's"
    assert alice.call(conflicts.open_conflicts) == []


@pytest.mark.parametrize("editor_first", [True, False])
def test_an_edit_beats_a_delete_in_either_order(alice, bob, shared_url, editor_first):
    uid = alice.add(plan("Museum"))
    alice.sync()
    bob.sync()
    alice.delete(uid)
    bob.edit(uid, title="Museum and lunch")
    first, second = (bob, alice) if editor_first else (alice, bob)
    first.sync()
    second.sync()
    first.sync()
    assert alice.by_uid(uid).title == "Museum and lunch"
    assert bob.by_uid(uid).title == "Museum and lunch"
    converged(shared_url, alice, bob)


def test_one_occurrence_changed_on_the_phone_while_the_series_changes_here(
        alice, bob, phone, shared_url):
    uid = alice.add(plan("Friday date", rrule="FREQ=WEEKLY;BYDAY=FR"))
    alice.sync()
    event = phone.event(uid)
    text = event.data.replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\n"
        "RECURRENCE-ID;TZID=Europe/London:20260313T190000\r\n"
        "DTSTART;TZID=Europe/London:20260313T200000\r\n"
        "DTEND;TZID=Europe/London:20260313T220000\r\nSUMMARY:Friday date: cinema\r\n"
        "END:VEVENT\r\nEND:VCALENDAR")
    event.data = text
    event.save()
    alice.edit(uid, notes="Phones in the drawer")
    alice.sync()
    bob.sync()
    for partner in (alice, bob):
        item = partner.items()[uid]
        assert item["notes"] == "Phones in the drawer"
        assert item["occ:2026-03-13T19:00"]["title"] == "Friday date: cinema"
    converged(shared_url, alice, bob)


def test_exdate_from_hearth_and_from_the_phone(alice, bob, phone, shared_url):
    uid = alice.add(plan("Run", rrule="FREQ=WEEKLY;BYDAY=FR"))
    activity = alice.by_uid(uid)
    alice.call(cal.delete_occurrence, activity.id, dt.datetime(2026, 3, 13, 19, 0))
    alice.sync()
    assert "EXDATE" in phone.event(uid).data
    event = phone.event(uid)
    component = event.icalendar_component
    component.add("EXDATE", dt.datetime(2026, 3, 20, 19, 0,
                                        tzinfo=__import__("zoneinfo").ZoneInfo(
                                            "Europe/London")))
    event.save()
    bob.sync()
    alice.sync()
    for partner in (alice, bob):
        item = partner.items()[uid]
        assert item["occ:2026-03-13T19:00"] == "cancelled"
        assert item["occ:2026-03-20T19:00"] == "cancelled"
    converged(shared_url, alice, bob)


def test_the_phone_adds_changes_and_deletes(alice, phone, shared_url):
    phone.add("Stays", dt.datetime(2026, 3, 9, 10, 0))
    uid = phone.add("Coffee", dt.datetime(2026, 3, 8, 10, 0),
                    extra="LOCATION:Corner café\r\nX-PHONE-COLOUR:red\r\n")
    assert alice.sync().received == 2
    assert alice.by_uid(uid).location == "Corner café"
    phone.set(uid, "SUMMARY", "Coffee and cake")
    alice.sync()
    assert alice.by_uid(uid).title == "Coffee and cake"
    phone.delete(uid)
    assert alice.sync().deleted == 1
    assert alice.by_uid(uid) is None


def test_one_bad_event_from_the_server_is_skipped_and_the_rest_arrive(alice, phone):
    phone.add("Good one", dt.datetime(2026, 3, 8, 10, 0))
    phone.raw_put("broken.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
                  "BEGIN:VEVENT\r\nUID:broken@phone\r\nDTSTAMP:20260101T000000Z\r\n"
                  "DTSTART:15000101T100000Z\r\nSUMMARY:Far too old\r\nEND:VEVENT\r\n"
                  "END:VCALENDAR\r\n")
    result = alice.sync()
    assert result.received == 1
    assert any("Far too old" in reason for reason in result.skipped)
    assert [a.title for a in alice.activities()] == ["Good one"]
    assert alice.sync().skipped == ()  # reported once, not on every sync


def test_many_deletes_from_the_server_stop_and_ask(alice, bob):
    uids = [alice.add(plan(f"Plan {n}", day=n + 1)) for n in range(7)]
    alice.sync()
    bob.sync()
    for uid in uids:
        bob.delete(uid)
    bob.sync()
    with pytest.raises(errors.DeletionGuard) as stopped:
        alice.sync()
    assert stopped.value.count == 7
    assert len(alice.activities()) == 7
    assert alice.sync(confirm_deletes=True).deleted == 7
    assert alice.activities() == []


def test_a_suddenly_empty_server_stops_and_asks(alice, radicale, shared_url):
    import shutil

    uid = alice.add(plan("Only plan"))
    alice.sync()
    folder = radicale.folder / "collections" / "collection-root" / "alice" / "hearth"
    items = list(folder.glob("*.ics"))
    assert len(items) == 1
    items[0].unlink()
    shutil.rmtree(folder / ".Radicale.cache")
    with pytest.raises(errors.DeletionGuard):
        alice.sync()
    assert alice.by_uid(uid) is not None


@pytest.mark.parametrize("count", [1, 5])
def test_a_phone_emptying_the_calendar_stops_and_asks(alice, phone, count):
    uids = [alice.add(plan(f"Plan {n}", day=n + 1)) for n in range(count)]
    alice.sync()
    for uid in uids:  # reported one by one through sync-collection, not a full listing
        phone.delete(uid)
    with pytest.raises(errors.DeletionGuard) as stopped:
        alice.sync()
    assert stopped.value.count == count
    assert "suddenly empty" in stopped.value.message
    assert len(alice.activities()) == count
    assert alice.sync(confirm_deletes=True).deleted == count
    assert alice.activities() == []


def test_plans_hearth_never_synced_do_not_hide_an_emptied_server(alice, phone):
    uid = alice.add(plan("Synced"))
    alice.sync()
    phone.delete(uid)
    alice.add(plan("Not sent yet", day=9))
    with pytest.raises(errors.DeletionGuard):
        alice.sync()
    assert alice.by_uid(uid) is not None


def test_a_refused_sync_token_falls_back_to_a_full_listing(alice, bob, shared_url):
    from app.models.sync import SyncCalendar

    uid = alice.add(plan("Tea"))
    alice.sync()
    bob.sync()
    bob.edit(uid, title="Tea and scones")
    bob.sync()
    with alice.session():
        SyncCalendar.update(sync_token="http://radicale.org/ns/sync/expired").execute()
    result = alice.sync()
    assert result.received == 1
    assert alice.by_uid(uid).title == "Tea and scones"
    converged(shared_url, alice, bob)


def test_wrong_password_and_missing_calendar_are_said_in_words(tmp_path, radicale,
                                                               shared_url):
    from tests.helpers.sync import Partner

    wrong = Partner(tmp_path / "w", shared_url, "alice", "not it")
    with pytest.raises(errors.WrongPassword):
        wrong.sync()
    missing = Partner(tmp_path / "m", radicale.url + "alice/nothing-here/", "alice",
                      USERS["alice"])
    missing.add(plan())
    with pytest.raises(errors.SyncError) as failure:
        missing.sync()
    assert "no longer at" in failure.value.message or "no calendar" in \
        failure.value.message.lower()


def test_the_server_restarted_mid_sync_loses_nothing(alice, bob, radicale, shared_url):
    for n in range(6):
        alice.add(plan(f"Plan {n}", day=n + 1))
    from app.sync.transport import Transport

    class Restarting(Transport):
        def request(self, method, url, body="", headers=None):
            if method == "PUT" and self.requests == 3:
                radicale.stop()
                try:
                    return super().request(method, url, body, headers)
                finally:
                    radicale.start()
            return super().request(method, url, body, headers)

    alice.transport_factory = Restarting
    with pytest.raises(errors.NoNetwork):
        alice.sync()
    alice.transport_factory = Transport
    alice.sync()
    bob.sync()
    assert len(converged(shared_url, alice, bob)) == 6


def test_a_phone_event_in_an_unknown_time_zone_arrives_with_a_note(alice, phone):
    phone.raw_put("mars.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
                  "BEGIN:VEVENT\r\nUID:mars@phone\r\nDTSTAMP:20260101T000000Z\r\n"
                  "DTSTART;TZID=Mars/Olympus:20260308T100000\r\n"
                  "DTEND;TZID=Mars/Olympus:20260308T110000\r\nSUMMARY:Rover walk\r\n"
                  "END:VEVENT\r\nEND:VCALENDAR\r\n")
    result = alice.sync()
    assert result.received == 1 and result.skipped == ()
    assert [note for note in result.notes if "Mars/Olympus" in note
            and "Europe/London time" in note], result.notes
    arrived = alice.by_uid("mars@phone")
    assert (arrived.start, arrived.timezone) == (dt.datetime(2026, 3, 8, 10, 0),
                                                 "Europe/London")
    assert alice.sync().notes == ()  # said once, when it arrived


def test_a_conflict_about_a_plan_deleted_on_both_sides_is_dropped(alice, bob):
    from app.sync import conflicts, status

    alice.add(plan("Stays", day=9))
    uid = alice.add(plan("Dinner", location="Home"))
    alice.sync()
    bob.sync()
    alice.edit(uid, location="Luigi's")
    bob.edit(uid, location="The Ivy")
    bob.sync()
    assert alice.sync().conflicts == 1
    bob.delete(uid)
    bob.sync()
    alice.delete(uid)
    alice.sync()
    assert alice.call(conflicts.open_conflicts) == []
    assert not any(line.startswith("conflict") for line in alice.call(status.current).lines())


def test_the_problem_line_of_the_status_is_one_line(alice):
    from app.models.sync import SyncCalendar
    from app.sync import status

    alice.add(plan())
    alice.sync()
    with alice.session():
        SyncCalendar.update(last_error="The server said:\nno\r\n").execute()
    lines = alice.call(status.current).lines()
    assert "problem: The server said: no" in lines
    assert all("\n" not in line and "\r" not in line for line in lines)
