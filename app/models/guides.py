"""Reading progress, favourite questions and the conversation-card draw history."""

import peewee

from app.models.base import SharedModel


class GuideProgress(SharedModel):
    """What one reader has done with one guide, keyed by the guide's stable id."""

    guide_id = peewee.TextField(primary_key=True)
    opened_at = peewee.DateTimeField(null=True)
    last_opened_at = peewee.DateTimeField(null=True)
    finished_at = peewee.DateTimeField(null=True)
    favourite = peewee.BooleanField(default=False)


class FavouriteQuestion(SharedModel):
    question_id = peewee.TextField(primary_key=True)
    created_at = peewee.DateTimeField()


class CardDraw(SharedModel):
    """One drawn conversation card; the newest rows keep cards from repeating too soon."""

    id = peewee.AutoField()
    question_id = peewee.TextField()
    drawn_at = peewee.DateTimeField()
