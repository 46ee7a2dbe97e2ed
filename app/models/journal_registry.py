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
