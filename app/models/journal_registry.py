"""The shared database's list of journals: a name, a file, and whether it is encrypted."""

import peewee

from app.models.base import SharedModel


class Journal(SharedModel):
    """One journal; `file` is relative to the data folder, e.g. "journals/3f9c....db"."""

    id = peewee.AutoField()
    name = peewee.TextField()
    file = peewee.TextField(unique=True)
    protected = peewee.BooleanField(default=False)
    created_at = peewee.TextField()


class JournalFileIntent(SharedModel):
    """A journal file about to be written (a new journal, a re-encrypted copy, a restore),
    recorded before the file exists so nothing mistakes it for a stranger's file."""

    id = peewee.AutoField()
    file = peewee.TextField(unique=True)
    journal_id = peewee.IntegerField(null=True)
    replaces = peewee.TextField(null=True)
    pid = peewee.IntegerField()
    created_at = peewee.TextField()

    class Meta:
        table_name = "journal_file_intent"
