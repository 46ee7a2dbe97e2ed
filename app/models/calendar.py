"""Calendar rows: activities, the changes made to single occurrences of a series, and
reminders."""

import peewee

from app.models.base import SharedModel


class CalendarActivity(SharedModel):
    """A one-off activity or the master of a recurring series (wall-clock in `timezone`)."""

    id = peewee.AutoField()
    uid = peewee.TextField(unique=True)
    title = peewee.TextField()
    start = peewee.DateTimeField()
    all_day = peewee.BooleanField(default=False)
    duration_minutes = peewee.IntegerField()
    timezone = peewee.TextField()
    location = peewee.TextField(default="")
    category = peewee.TextField(default="other")
    notes = peewee.TextField(default="")
    rrule = peewee.TextField(null=True)
    status = peewee.TextField(default="planned")
    rating = peewee.IntegerField(null=True)
    reflection = peewee.TextField(default="")
    first_day = peewee.DateField()
    last_day = peewee.DateField(null=True)
    sequence = peewee.IntegerField(default=0)
    # When it was first stored from a calendar file; None: planned in Hearth.
    imported_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField()
    updated_at = peewee.DateTimeField()


class CalendarChange(SharedModel):
    """One occurrence of a series that was cancelled, changed, or given an outcome."""

    id = peewee.AutoField()
    activity = peewee.ForeignKeyField(CalendarActivity, backref="changes", on_delete="CASCADE")
    original_start = peewee.DateTimeField()
    cancelled = peewee.BooleanField(default=False)
    overridden = peewee.BooleanField(default=False)
    title = peewee.TextField(null=True)
    start = peewee.DateTimeField(null=True)
    all_day = peewee.BooleanField(null=True)
    duration_minutes = peewee.IntegerField(null=True)
    location = peewee.TextField(null=True)
    category = peewee.TextField(null=True)
    notes = peewee.TextField(null=True)
    status = peewee.TextField(default="planned")
    rating = peewee.IntegerField(null=True)
    reflection = peewee.TextField(default="")
    first_day = peewee.DateField()
    last_day = peewee.DateField()

    class Meta:
        indexes = ((("activity", "original_start"), True),)


class CalendarReminder(SharedModel):
    """One reminder, `minutes` before the activity's start: of every time it happens
    (`original_start` None) or of one changed occurrence; `set_at`: when it was chosen."""

    id = peewee.AutoField()
    activity = peewee.ForeignKeyField(CalendarActivity, backref="reminders",
                                      on_delete="CASCADE")
    original_start = peewee.DateTimeField(null=True)
    minutes = peewee.IntegerField()
    set_at = peewee.DateTimeField()
