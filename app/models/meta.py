"""Installation facts kept in the shared database (first start, creating version)."""

import peewee

from app.models.base import SharedModel


class AppMeta(SharedModel):
    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()

    @classmethod
    def get_value(cls, key: str, default: str | None = None) -> str | None:
        row = cls.get_or_none(cls.key == key)
        return row.value if row else default

    @classmethod
    def set_value(cls, key: str, value: str) -> None:
        cls.insert(key=key, value=value).on_conflict_replace().execute()
