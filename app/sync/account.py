"""The calendar server account Hearth syncs with, and its settings (one at most).

Stored in hearth.db's `sync_account` row; the password is not here (see `secret`).
`forget()` removes the account, every sync row and the stored password: the plans
themselves stay.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.models.base import shared_db
from app.models.sync import SyncAccount, SyncCalendar
from app.sync import secret


@dataclass(frozen=True)
class Account:
    server_url: str
    username: str
    calendar_url: str
    calendar_name: str = ""
    auth_type: str | None = None
    share_reminders: bool = True
    enabled: bool = True

    @property
    def secret_key(self) -> str:
        return secret.account_key(self.username, self.server_url)


def load() -> Account | None:
    row = SyncAccount.get_or_none(SyncAccount.id == 1)
    if row is None:
        return None
    return Account(server_url=row.server_url, username=row.username,
                   calendar_url=row.calendar_url, calendar_name=row.calendar_name,
                   auth_type=row.auth_type, share_reminders=bool(row.share_reminders),
                   enabled=bool(row.enabled))


def save(account: Account) -> Account:
    """Store `account` (replacing the one there). A different calendar starts afresh:
    the rows of the old one are dropped, since they describe another collection."""
    with shared_db.atomic():
        old = load()
        if old is not None and old.calendar_url != account.calendar_url:
            SyncCalendar.delete().where(SyncCalendar.url == old.calendar_url).execute()
        SyncAccount.insert(
            id=1, server_url=account.server_url, username=account.username,
            calendar_url=account.calendar_url, calendar_name=account.calendar_name,
            auth_type=account.auth_type, share_reminders=account.share_reminders,
            enabled=account.enabled,
            created_at=dt.datetime.now().isoformat(timespec="seconds"),
        ).on_conflict_replace().execute()
    return account


def set_enabled(enabled: bool) -> None:
    SyncAccount.update(enabled=enabled).where(SyncAccount.id == 1).execute()


def set_share_reminders(share: bool) -> None:
    SyncAccount.update(share_reminders=share).where(SyncAccount.id == 1).execute()


def forget() -> bool:
    """Remove the account, its sync state and its password; False when there was none."""
    account = load()
    if account is None:
        return False
    with shared_db.atomic():
        SyncCalendar.delete().execute()
        SyncAccount.delete().execute()
    secret.forget(account.secret_key)
    return True
