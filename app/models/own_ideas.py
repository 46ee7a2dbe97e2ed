"""Ideas the couple added themselves, shown in the ideas browser beside the deck."""

import peewee

from app.models.base import SharedModel


class OwnIdea(SharedModel):
    """One idea of the couple's own; the same fields as a deck idea."""

    id = peewee.AutoField()
    title = peewee.TextField()
    description = peewee.TextField(default="")
    category = peewee.TextField()
    minutes = peewee.IntegerField()
    cost = peewee.IntegerField(default=0)
    created_at = peewee.DateTimeField()
    updated_at = peewee.DateTimeField()
