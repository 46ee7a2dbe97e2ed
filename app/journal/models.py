"""Peewee models of one journal file, built per open session so two journals never mix."""

from __future__ import annotations

from dataclasses import dataclass

import peewee


@dataclass(frozen=True)
class JournalModels:
    """The model classes bound to one journal database."""

    db: peewee.Database
    Entry: type[peewee.Model]
    Tag: type[peewee.Model]
    EntryTag: type[peewee.Model]
    Draft: type[peewee.Model]


def bind_models(db: peewee.Database) -> JournalModels:
    """Define fresh model classes bound to `db` (a global proxy would let sessions mix)."""

    class Base(peewee.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Entry(Base):
        id = peewee.AutoField()
        date = peewee.TextField()
        title = peewee.TextField(default="")
        body = peewee.TextField(default="")
        mood = peewee.IntegerField(null=True)
        activity_uid = peewee.TextField(null=True)
        guide_id = peewee.TextField(null=True)
        prompt_id = peewee.TextField(null=True)
        tags_text = peewee.TextField(default="")
        word_count = peewee.IntegerField(default=0)
        created_at = peewee.TextField()
        updated_at = peewee.TextField()

    class Tag(Base):
        id = peewee.AutoField()
        name = peewee.TextField(unique=True)

    class EntryTag(Base):
        entry = peewee.ForeignKeyField(Entry, column_name="entry_id", on_delete="CASCADE")
        tag = peewee.ForeignKeyField(Tag, column_name="tag_id", on_delete="CASCADE")
        position = peewee.IntegerField(default=0)

        class Meta:
            table_name = "entry_tag"
            primary_key = peewee.CompositeKey("entry", "tag")

    class Draft(Base):
        key = peewee.TextField(primary_key=True)
        entry_id = peewee.IntegerField(null=True)
        date = peewee.TextField()
        title = peewee.TextField(default="")
        body = peewee.TextField(default="")
        mood = peewee.IntegerField(null=True)
        tags = peewee.TextField(default="[]")
        activity_uid = peewee.TextField(null=True)
        guide_id = peewee.TextField(null=True)
        prompt_id = peewee.TextField(null=True)
        prompt = peewee.TextField(default="")
        saved_at = peewee.TextField()

    return JournalModels(db=db, Entry=Entry, Tag=Tag, EntryTag=EntryTag, Draft=Draft)
