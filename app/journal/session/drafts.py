"""Drafts: the editor's unsaved text, kept so a crash loses at most seconds of typing."""

from __future__ import annotations

import json
import logging

from app.errors import ValidationError
from app.journal.session.guard import guarded
from app.journal.session.text import (
    DRAFT_KEY_MAX,
    clean_line,
    lenient_input,
    parse_date,
    parse_time,
)
from app.journal.types import Draft, EntryInput

log = logging.getLogger("app.journal.session")


class DraftsMixin:
    """Drafts of a `JournalSession` (see its docstring for the contract)."""

    @guarded
    def save_draft(self, key: str, data: EntryInput, *, entry_id: int | None = None) -> Draft:
        """Keep the editor's unsaved text under `key` (replacing the previous draft).

        Never refuses text: odd values (a mood out of range) are mended, not rejected.
        """
        key = clean_line(str(key or ""))
        if not key or len(key) > DRAFT_KEY_MAX:
            raise ValidationError("A draft needs a short key.", field="key")
        data = lenient_input(data)
        now = self._clock().replace(microsecond=0)
        m = self._m
        with self._db.atomic():
            m.Draft.insert(
                key=key,
                entry_id=entry_id,
                date=data.date.isoformat(),
                title=data.title,
                body=data.body,
                mood=data.mood,
                tags=json.dumps(list(data.tags), ensure_ascii=False),
                activity_uid=data.activity_uid,
                guide_id=data.guide_id,
                prompt_id=data.prompt_id,
                saved_at=now.isoformat(),
            ).on_conflict_replace().execute()
        log.debug("journal %s: draft saved", self._info.id)
        return Draft(key=key, entry_id=entry_id, data=data, saved_at=now)

    @guarded
    def pending_drafts(self) -> list[Draft]:
        """Drafts left from earlier (e.g. before a crash), newest first."""
        m = self._m
        drafts = []
        for row in m.Draft.select().order_by(m.Draft.saved_at.desc(), m.Draft.key):
            try:
                tags = tuple(str(t) for t in json.loads(row.tags))
            except (ValueError, TypeError):
                tags = ()
            drafts.append(
                Draft(
                    key=row.key,
                    entry_id=row.entry_id,
                    data=EntryInput(
                        date=parse_date(row.date),
                        title=row.title,
                        body=row.body,
                        mood=row.mood,
                        tags=tags,
                        activity_uid=row.activity_uid,
                        guide_id=row.guide_id,
                        prompt_id=row.prompt_id,
                    ),
                    saved_at=parse_time(row.saved_at),
                )
            )
        return drafts

    @guarded
    def discard_draft(self, key: str) -> None:
        """Forget a draft (after saving or when the person declines it). No error if gone."""
        m = self._m
        with self._db.atomic():
            m.Draft.delete().where(m.Draft.key == key).execute()
