"""Deleting an entry so that it can be put back: the delete hands back all of it."""

from __future__ import annotations

import json
import logging

from app.errors import NotFoundError
from app.journal import attachments
from app.journal.session.guard import guarded
from app.journal.types import DeletedEntry, Entry

log = logging.getLogger("app.journal.session")


class DeletingMixin:
    """Delete and undelete of a `JournalSession` (see its docstring for the contract)."""

    @guarded
    def delete_entry(self, entry_id: int) -> DeletedEntry:
        """Delete an entry, its tag links and any draft editing it, in one transaction.

        Returns everything deleted, for `restore_entry` (an undo). The delete itself is
        final once this returns: a crash or a lock afterwards leaves the entry deleted.
        """
        m = self._m
        with self._db.atomic():
            try:
                entry = self._load_entry(entry_id)
            except NotFoundError:
                raise NotFoundError("This entry was already deleted.") from None
            drafts = tuple(d for d in self.pending_drafts() if d.entry_id == entry_id)
            attachments.unclaim(self._db, entry_id)
            m.Entry.delete().where(m.Entry.id == entry_id).execute()
            m.EntryTag.delete().where(m.EntryTag.entry == entry_id).execute()
            m.Draft.delete().where(m.Draft.entry_id == entry_id).execute()
            m.Tag.delete().where(m.Tag.id.not_in(m.EntryTag.select(m.EntryTag.tag))).execute()
        log.info("journal %s: deleted entry %s", self._info.id, entry_id)
        return DeletedEntry(entry=entry, drafts=drafts)

    @guarded
    def restore_entry(self, deleted: DeletedEntry) -> Entry:
        """Put a deleted entry back as it was: the same text, date, mood, tags (in their
        order), links and times, with the drafts that were editing it, in one transaction.

        It keeps its id unless a newer entry has taken that id meanwhile; then it gets a
        new one (its drafts follow it). The returned entry says which.
        """
        if not isinstance(deleted, DeletedEntry):
            raise TypeError("restore_entry takes what delete_entry returned")
        m = self._m
        entry = deleted.entry
        fields = {
            "date": entry.date.isoformat(),
            "title": entry.title,
            "body": entry.body,
            "mood": entry.mood,
            "activity_uid": entry.activity_uid,
            "guide_id": entry.guide_id,
            "prompt_id": entry.prompt_id,
            "tags_text": "\n".join(entry.tags),
            "word_count": entry.word_count,
            "created_at": entry.created_at.isoformat(),
            "updated_at": entry.updated_at.isoformat(),
        }
        with self._db.atomic():
            if m.Entry.get_or_none(m.Entry.id == entry.id) is None:
                entry_id = m.Entry.insert(id=entry.id, **fields).execute()
            else:
                entry_id = m.Entry.insert(**fields).execute()
            self._set_tags(entry_id, entry.tags)
            attachments.claim(self._db, entry_id, entry.body)
            for draft in deleted.drafts:
                data = draft.data
                key = draft.key if entry_id == entry.id else f"entry-{entry_id}"
                m.Draft.insert(
                    key=key, entry_id=entry_id, date=data.date.isoformat(), title=data.title,
                    body=data.body, mood=data.mood,
                    tags=json.dumps(list(data.tags), ensure_ascii=False),
                    activity_uid=data.activity_uid, guide_id=data.guide_id,
                    prompt_id=data.prompt_id, prompt=draft.prompt,
                    saved_at=draft.saved_at.isoformat(),
                ).on_conflict_ignore().execute()
        log.info("journal %s: restored entry %s", self._info.id, entry_id)
        return self._load_entry(entry_id)
