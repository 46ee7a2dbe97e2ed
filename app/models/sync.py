"""Calendar sync rows: the account, each synced calendar, each item's server state, and
the fields changed in two places that wait for the couple to pick."""

import peewee

from app.models.base import SharedModel


class SyncAccount(SharedModel):
    """The one calendar server account (never its password: that is in the secret store)."""

    id = peewee.IntegerField(primary_key=True)
    server_url = peewee.TextField()
    username = peewee.TextField()
    calendar_url = peewee.TextField()
    calendar_name = peewee.TextField(default="")
    auth_type = peewee.TextField(null=True)
    share_reminders = peewee.BooleanField(default=True)
    enabled = peewee.BooleanField(default=True)
    created_at = peewee.TextField()


class SyncCalendar(SharedModel):
    """A server calendar synced with: its sync token and how the last sync went."""

    id = peewee.AutoField()
    url = peewee.TextField(unique=True)
    sync_token = peewee.TextField(null=True)
    last_sync_at = peewee.TextField(null=True)
    last_result = peewee.TextField(default="")
    last_error = peewee.TextField(default="")


class SyncItem(SharedModel):
    """One calendar resource: where it lives, its last ETag, the version last agreed and
    the server's text of it (bounded; None when not known, "" when too large to keep)."""

    id = peewee.AutoField()
    calendar = peewee.ForeignKeyField(SyncCalendar, on_delete="CASCADE")
    uid = peewee.TextField()
    href = peewee.TextField()
    etag = peewee.TextField(null=True)
    base = peewee.TextField(null=True)
    synced_sequence = peewee.IntegerField(default=-1)
    dirty = peewee.BooleanField(default=False)
    tombstone = peewee.BooleanField(default=False)
    skipped = peewee.TextField(default="")
    server_text = peewee.TextField(null=True)


class SyncConflict(SharedModel):
    """A field both sides changed: the server's value was kept, the local one is here."""

    id = peewee.AutoField()
    calendar = peewee.ForeignKeyField(SyncCalendar, on_delete="CASCADE")
    uid = peewee.TextField()
    title = peewee.TextField()
    field = peewee.TextField()
    local_value = peewee.TextField(null=True)
    server_value = peewee.TextField(null=True)
    created_at = peewee.TextField()
