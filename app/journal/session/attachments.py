"""Pictures, files, imports and memories of a `JournalSession` (its lock and connection)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Sequence

from app.journal import attachments as store
from app.journal import memories
from app.journal.session.guard import guarded
from app.safety.storage import StorageError, translate_storage_errors

log = logging.getLogger("app.journal.session")


class AttachmentsMixin:
    """Attachment storage of a `JournalSession` (see its docstring for the contract).

    Bytes are read only by `attachment_bytes` and `attachment_display`: listing entries,
    their marks and their attachments never reads a picture.
    """

    @guarded
    def add_attachment(self, name: str, data: bytes, *, entry_id: int | None = None,
                       display: bytes | None = None, width: int | None = None,
                       height: int | None = None,
                       keep_location: bool = False) -> store.Attachment:
        """Store a picture or file (see `app.journal.attachments.add`). Without an entry
        it waits, unclaimed, for the entry whose text links to it to be saved."""
        stored = store.add(self._db, name=name, data=data, now=self._clock(),
                           entry_id=entry_id, display=display, width=width, height=height,
                           keep_location=keep_location)
        log.info("journal %s: stored a %s of %d bytes", self._info.id, stored.kind,
                 stored.size)
        return stored

    @guarded
    def attachment(self, attachment_id: int) -> store.Attachment:
        return store.get(self._db, attachment_id)

    @guarded
    def attachments_of(self, entry_id: int) -> list[store.Attachment]:
        return store.for_entry(self._db, entry_id)

    @guarded
    def attachments_by_id(self, ids: Sequence[int]) -> list[store.Attachment]:
        return store.for_ids(self._db, ids)

    @guarded
    def attachment_marks(self, entry_ids: Sequence[int]) -> dict[int, str]:
        return store.marks(self._db, entry_ids)

    @guarded
    def attachment_bytes(self, attachment_id: int) -> bytes:
        return store.original(self._db, attachment_id)

    @guarded
    def attachment_display(self, attachment_id: int) -> bytes | None:
        return store.display(self._db, attachment_id)

    @guarded
    def set_attachment_display(self, attachment_id: int, data: bytes, width: int,
                               height: int) -> None:
        store.set_display(self._db, attachment_id, data, width, height)

    @guarded
    def remove_unclaimed_attachments(self, older_than: datetime.timedelta) -> int:
        """Forget pictures dropped into entries that were never saved (kept while a draft
        still links to them)."""
        drafts = [row[0] for row in self._db.execute_sql("SELECT body FROM draft")]
        keep = [i for body in drafts for i in store.referenced_ids(body)]
        try:
            with translate_storage_errors():
                return store.remove_unclaimed(self._db, self._clock() - older_than, keep)
        except StorageError:
            # Housekeeping only: on a read-only or full disk the pictures stay until a
            # later opening can forget them.
            return 0

    @guarded
    def attachment_problems(self) -> list[str]:
        return store.problems(self._db)

    @guarded
    def on_this_day(self, today: datetime.date) -> tuple[memories.Memory, ...]:
        """Entries from this date in earlier years, then from a month ago."""
        return memories.on_this_day(self._db, today)

    @guarded
    def import_parsed(self, parsed, *, progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None,
                      keep_location: bool = False):
        """Store what an importer read, in one transaction (see `app.journal.importing`)."""
        from app.journal.importing import run_import
        from app.journal.session.text import count_words, validate_input

        return run_import(self._db, self, parsed, now=self._clock(), validate=validate_input,
                          count_words=count_words, progress=progress, cancelled=cancelled,
                          keep_location=keep_location)
