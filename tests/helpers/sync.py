"""Partners and a phone for the sync tests: each partner is a Hearth data folder opened
in this process for a moment at a time (the shared database is one global proxy); the
phone is a plain `caldav` client writing the server calendar directly."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from pathlib import Path

from app.context import open_app
from app.services import calendar as cal
from app.sync import account, discovery, engine, mapping, secret
from app.sync.remote import Collection
from app.sync.transport import Transport


def plan(title: str = "Date night", *, day: int = 6, hour: int = 19, **extra) -> cal.ActivityInput:
    values = dict(title=title, start=dt.datetime(2026, 3, day, hour, 0), duration_minutes=120,
                  timezone="Europe/London")
    values.update(extra)
    return cal.ActivityInput(**values)


class Partner:
    """One Hearth: a data folder set up to sync `calendar_url` as `user`."""

    def __init__(self, folder: Path, calendar_url: str, user: str, password: str,
                 *, transport_factory=Transport):
        self.folder = Path(folder)
        self.calendar_url = calendar_url
        self.user = user
        self.password = password
        self.transport_factory = transport_factory
        with self.session():
            account.save(account.Account(server_url=calendar_url, username=user,
                                         calendar_url=calendar_url, calendar_name="Hearth",
                                         auth_type="basic"))

    @contextlib.contextmanager
    def session(self):
        context = open_app(self.folder)
        try:
            yield context
        finally:
            context.close()

    def sync(self, **options) -> engine.SyncResult:
        with self.session():
            return engine.run(self.folder, self.password,
                              transport_factory=self.transport_factory, **options)

    def add(self, data: cal.ActivityInput) -> str:
        with self.session():
            return cal.create_activity(data).uid

    def by_uid(self, uid: str) -> cal.Activity | None:
        return next((a for a in self.activities() if a.uid == uid), None)

    def activities(self) -> list[cal.Activity]:
        with self.session():
            return cal.list_activities()

    def edit(self, uid: str, **changes) -> None:
        from dataclasses import replace

        with self.session():
            activity = next(a for a in cal.list_activities() if a.uid == uid)
            cal.update_activity(activity.id, replace(activity.to_input(), **changes))

    def delete(self, uid: str) -> None:
        with self.session():
            activity = next(a for a in cal.list_activities() if a.uid == uid)
            cal.delete_activity(activity.id)

    def items(self) -> dict[str, dict]:
        """Every plan here as a sync item, by UID."""
        with self.session():
            return {a.uid: mapping.from_snapshot(cal.snapshot_activity(a.id))
                    for a in cal.list_activities()}

    def call(self, function, *args, **kwargs):
        with self.session():
            return function(*args, **kwargs)


class Phone:
    """A plain CalDAV client on the same calendar, as a phone's calendar app would be."""

    def __init__(self, calendar_url: str, user: str, password: str):
        import caldav

        self.client = caldav.DAVClient(url=calendar_url, username=user, password=password)
        self.calendar = self.client.calendar(url=calendar_url)

    def add(self, title: str, start: dt.datetime, *, minutes: int = 60, extra: str = "",
            uid: str | None = None) -> str:
        uid = uid or f"{uuid.uuid4()}@phone"
        end = start + dt.timedelta(minutes=minutes)
        self.calendar.save_event(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}\r\n"
            f"DTEND;TZID=Europe/London:{end:%Y%m%dT%H%M%S}\r\n"
            f"SUMMARY:{title}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n")
        return uid

    def event(self, uid: str):
        return self.calendar.get_event_by_uid(uid)

    def set(self, uid: str, name: str, value) -> None:
        event = self.event(uid)
        component = event.icalendar_component
        component.pop(name, None)
        component.add(name, value)
        event.save()

    def delete(self, uid: str) -> None:
        self.event(uid).delete()

    def raw_put(self, name: str, text: str) -> None:
        self.client.put(self.calendar.url.join(name), text,
                        {"Content-Type": "text/calendar; charset=utf-8"})


def server_items(calendar_url: str, user: str, password: str) -> dict[str, list[dict]]:
    """Every event on the server as items, by UID (a list, to catch duplicates)."""
    transport = Transport(calendar_url, user, password, auth_type="basic")
    collection = Collection(transport, calendar_url)
    listing = collection.changes(None)
    found: dict[str, list[dict]] = {}
    for href, (_etag, text) in collection.fetch(sorted(listing.changed)).items():
        uid, item = mapping.read_resource(text, name=href)
        found.setdefault(uid, []).append(item)
    transport.close()
    return found


def calendar_for(server, owner: str = "alice") -> str:
    """Make the shared "Hearth" calendar on `server` and return its URL."""
    transport = Transport(server.url, owner, _password(owner), auth_type="basic")
    made = discovery.make_calendar(transport, server.url, "Hearth")
    transport.close()
    return made.url


def _password(user: str) -> str:
    from tests.helpers.caldav_servers import USERS

    return USERS.get(user, "x")


def forget_memory() -> None:
    secret._memory.clear()
