"""The "Changed in two places" list: fields both sides changed, in words, and the
couple's pick. The server's value is already in place; keeping the other one changes the
plan here, and the next sync sends it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app import dates
from app.errors import NotFoundError
from app.models.base import shared_db
from app.models.sync import SyncConflict
from app.services import calendar as service
from app.sync import state
from app.sync.items import CANCELLED, OCCURRENCE

LABELS = {"title": "title", "start": "time", "all_day": "all day", "duration": "length",
          "location": "place", "category": "kind", "notes": "notes", "rrule": "repeat",
          "timezone": "time zone", "reminders": "reminders"}


@dataclass(frozen=True)
class OpenConflict:
    id: int
    uid: str
    title: str
    field: str
    label: str
    local: str
    server: str


def _words(field: str, value) -> str:
    if value is None:
        return "(nothing)" if not field.startswith(OCCURRENCE) else "as in the series"
    if value == CANCELLED:
        return "cancelled"
    if isinstance(value, dict):
        start = dt.datetime.fromisoformat(value["start"])
        return f'"{value["title"]}" at {dates.moment_text(start)}'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field == "start":
        return dates.moment_text(dt.datetime.fromisoformat(value))
    if field == "duration":
        return f"{value} minutes"
    if field == "category":
        return service.category_label(value)
    if field == "reminders":
        return ", ".join(f"{minutes} min before" for minutes in value) or "none"
    return f'"{value}"' if isinstance(value, str) else str(value)


def _label(field: str) -> str:
    if field.startswith(OCCURRENCE):
        day = dt.datetime.fromisoformat(field[len(OCCURRENCE):])
        return f"the time on {dates.day_text(day)}"
    return LABELS.get(field, field)


def open_conflicts() -> list[OpenConflict]:
    found = []
    for row in SyncConflict.select().order_by(SyncConflict.id):
        local, server = json.loads(row.local_value), json.loads(row.server_value)
        found.append(OpenConflict(row.id, row.uid, row.title, row.field, _label(row.field),
                                  _words(row.field, local), _words(row.field, server)))
    return found


def resolve(conflict_id: int, *, keep_local: bool) -> None:
    """Settle one conflict: keep the server's value (already in place) or the local one
    (changed here now, sent by the next sync)."""
    from app.sync import mapping

    with shared_db.atomic():
        row = SyncConflict.get_or_none(SyncConflict.id == conflict_id)
        if row is None:
            raise NotFoundError("That conflict was already settled.")
        if keep_local:
            own = state.local_one(row.uid)
            if own is not None:
                snapshot = service.snapshot_activity(own.id)
                item = mapping.from_snapshot(snapshot)
                value = json.loads(row.local_value)
                if value is None:
                    item.pop(row.field, None)
                else:
                    item[row.field] = value
                service.import_events([mapping.to_imported(row.uid, item, snapshot)])
        row.delete_instance()
