"""The sync rows of hearth.db: per calendar its token, per item its href, ETag, base copy
and the server's text of it, and the conflicts waiting for the couple. Every function
runs inside the caller's transaction where it writes; nothing here talks to the network.

The server's text is kept up to SERVER_TEXT_MAX characters (a resource with a large
attachment inline is not kept, and is written from Hearth's fields alone)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

from app.models.calendar import CalendarActivity
from app.models.sync import SyncCalendar, SyncConflict, SyncItem
from app.sync.merge import Conflict

log = logging.getLogger(__name__)

SERVER_TEXT_MAX = 1024 * 1024
# Kept in place of a server text too large to keep: known, and not to be read again for a
# write (None is "not known yet": an item synced before the text was kept).
NOT_KEPT = ""


@dataclass(frozen=True)
class Local:
    id: int
    sequence: int


def now_text() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def calendar_row(url: str) -> SyncCalendar:
    row = SyncCalendar.get_or_none(SyncCalendar.url == url)
    if row is None:
        row = SyncCalendar.create(url=url)
    return row


def items(calendar: SyncCalendar) -> dict[str, SyncItem]:
    """Every item row of the calendar by href."""
    return {row.href: row for row in SyncItem.select().where(SyncItem.calendar == calendar)}


def local_activities() -> dict[str, Local]:
    """Every stored activity's id and change counter, by UID."""
    return {uid: Local(activity_id, sequence) for uid, activity_id, sequence in
            CalendarActivity.select(CalendarActivity.uid, CalendarActivity.id,
                                    CalendarActivity.sequence).tuples()}


def local_one(uid: str) -> Local | None:
    row = (CalendarActivity.select(CalendarActivity.id, CalendarActivity.sequence)
           .where(CalendarActivity.uid == uid).first())
    return None if row is None else Local(row.id, row.sequence)


def base_of(row: SyncItem) -> dict | None:
    return json.loads(row.base) if row.base else None


def dump(item: dict | None) -> str | None:
    return None if item is None else json.dumps(item, sort_keys=True, ensure_ascii=False)


def kept_text(text: str | None) -> str | None:
    """`text` if it is small enough to keep, else NOT_KEPT (None stays None)."""
    if text is None or len(text) <= SERVER_TEXT_MAX:
        return text
    log.info("a calendar resource of %s characters is not kept", len(text))
    return NOT_KEPT


def put(calendar: SyncCalendar, *, uid: str, href: str, etag: str | None,
        base: dict | None, sequence: int, dirty: bool = False, tombstone: bool = False,
        skipped: str = "", server_text: str | None = None) -> None:
    """Write the item row for `uid` (found by UID or href, so a moved item keeps one).
    `server_text` is the resource as the server has it at `etag` (None: not known;
    NOT_KEPT: too large to keep)."""
    row = (SyncItem.select().where((SyncItem.calendar == calendar)
                                   & ((SyncItem.uid == uid) | (SyncItem.href == href)))
           .first())
    values = dict(uid=uid, href=href, etag=etag, base=dump(base), synced_sequence=sequence,
                  dirty=dirty, tombstone=tombstone, skipped=skipped,
                  server_text=kept_text(server_text))
    if row is None:
        SyncItem.create(calendar=calendar, **values)
        return
    SyncItem.delete().where((SyncItem.calendar == calendar) & (SyncItem.id != row.id)
                            & ((SyncItem.uid == uid) | (SyncItem.href == href))).execute()
    SyncItem.update(**values).where(SyncItem.id == row.id).execute()


def drop(calendar: SyncCalendar, href: str) -> None:
    SyncItem.delete().where((SyncItem.calendar == calendar)
                            & (SyncItem.href == href)).execute()


def add_conflicts(calendar: SyncCalendar, uid: str, title: str,
                  conflicts: list[Conflict]) -> None:
    for conflict in conflicts:
        SyncConflict.insert(
            calendar=calendar, uid=uid, title=title[:200], field=conflict.field,
            local_value=json.dumps(conflict.local, ensure_ascii=False),
            server_value=json.dumps(conflict.server, ensure_ascii=False),
            created_at=now_text(),
        ).on_conflict_replace().execute()


def waiting(calendar: SyncCalendar | None) -> int:
    """Local changes not yet on the server: new plans, changed ones, deleted ones."""
    local = local_activities()
    if calendar is None:
        return len(local)
    rows = list(SyncItem.select().where(SyncItem.calendar == calendar))
    known = {row.uid for row in rows}
    count = sum(1 for uid in local if uid not in known)
    for row in rows:
        own = local.get(row.uid)
        if row.skipped:
            continue
        if own is None:
            count += row.etag is not None or row.tombstone
        elif row.dirty or row.etag is None or own.sequence != row.synced_sequence:
            count += 1
    return count


def conflicts(calendar: SyncCalendar | None) -> list[SyncConflict]:
    if calendar is None:
        return []
    return list(SyncConflict.select().where(SyncConflict.calendar == calendar)
                .order_by(SyncConflict.id))


def drop_settled_conflicts(calendar: SyncCalendar) -> int:
    """Forget the conflicts of plans gone on both sides (deleted here and on the server):
    nothing is left to pick between. Returns how many were dropped."""
    kept = set(local_activities()) | {row.uid for row in SyncItem.select(SyncItem.uid)
                                      .where(SyncItem.calendar == calendar)}
    gone = [row.id for row in SyncConflict.select(SyncConflict.id, SyncConflict.uid)
            .where(SyncConflict.calendar == calendar) if row.uid not in kept]
    if gone:
        SyncConflict.delete().where(SyncConflict.id.in_(gone)).execute()
    return len(gone)
