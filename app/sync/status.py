"""How the sync stands, for the calendar tab's status line and `hearth sync status`:
the last sync, the local changes waiting, the last problem, and the open conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app import dates
from app.models.sync import SyncCalendar
from app.sync import account as accounts
from app.sync import conflicts as conflict_list
from app.sync import state


@dataclass(frozen=True)
class SyncStatus:
    set_up: bool
    enabled: bool = False
    calendar_name: str = ""
    calendar_url: str = ""
    username: str = ""
    last_sync_at: dt.datetime | None = None
    last_result: str = ""
    problem: str = ""
    waiting: int = 0
    conflicts: tuple[conflict_list.OpenConflict, ...] = field(default=())

    def line(self, now: dt.datetime, *, offline: bool = False, conflicts: bool = True) -> str:
        """One line for the tab: "Synced 2 minutes ago", "Offline: 3 changes waiting"."""
        if not self.set_up:
            return "Not syncing"
        if not self.enabled:
            return "Sync is turned off"
        waiting = f"{self.waiting} change{'s' if self.waiting != 1 else ''} waiting"
        if offline and self.waiting:
            return f"Offline: {waiting}"
        if offline:
            return "Offline"
        if self.problem:
            return self.problem
        if self.last_sync_at is None:
            return "Not synced yet"
        text = f"Synced {ago(self.last_sync_at, now)}"
        if self.waiting:
            text += f" · {waiting}"
        if self.conflicts and conflicts:
            count = len(self.conflicts)
            text += f" · {count} change{'s' if count != 1 else ''} made in two places"
        return text

    def lines(self) -> list[str]:
        if not self.set_up:
            return ["calendar sync is not set up"]
        when = (f"{self.last_sync_at:%Y-%m-%d %H:%M}" if self.last_sync_at else "never")
        found = [f'calendar: "{self.calendar_name}" at {self.calendar_url} '
                 f"(user {self.username}){'' if self.enabled else ', turned off'}",
                 f"last sync: {when}" + (f" ({self.last_result})" if self.last_result else ""),
                 f"changes waiting: {self.waiting}"]
        if self.problem:
            # One line, whatever the stored text holds (a server's words may hold breaks).
            found.append("problem: " + " ".join(self.problem.split()))
        for item in self.conflicts:
            found.append(f'conflict {item.id}: "{item.title}", {item.label}: here '
                         f"{item.local}, on the server {item.server} (kept)")
        return found


def ago(moment: dt.datetime, now: dt.datetime) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return "just now"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    return f"on {dates.moment_text(moment)}"


def current() -> SyncStatus:
    account = accounts.load()
    if account is None:
        return SyncStatus(set_up=False)
    calendar = SyncCalendar.get_or_none(SyncCalendar.url == account.calendar_url)
    last = None
    if calendar is not None and calendar.last_sync_at:
        last = dt.datetime.fromisoformat(calendar.last_sync_at)
    return SyncStatus(
        set_up=True, enabled=account.enabled, calendar_name=account.calendar_name,
        calendar_url=account.calendar_url, username=account.username, last_sync_at=last,
        last_result=calendar.last_result if calendar else "",
        problem=calendar.last_error if calendar else "",
        waiting=state.waiting(calendar), conflicts=tuple(conflict_list.open_conflicts()))
