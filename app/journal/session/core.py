"""The unlocked journal: one connection, one lock, and the behaviour after `close()`."""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable

import peewee

from app.journal.models import JournalModels, bind_models
from app.journal.session.drafts import DraftsMixin
from app.journal.session.entries import EntriesMixin
from app.journal.session.files import FilesMixin
from app.journal.session.search import SearchMixin
from app.journal.session.stats import StatsMixin
from app.journal.types import JournalInfo

log = logging.getLogger("app.journal.session")


class JournalSession(EntriesMixin, SearchMixin, StatsMixin, DraftsMixin, FilesMixin):
    """One unlocked journal. Created by `open_journal()`; `close()` locks it again.

    Every method is safe to call from any thread (calls are serialised and share one
    connection). After `close()` every method raises `JournalClosedError`.
    """

    def __init__(
        self,
        info: JournalInfo,
        db: peewee.Database,
        *,
        clock: Callable[[], datetime.datetime] | None = None,
        on_close: Callable[[JournalSession], None] | None = None,
    ):
        self._info = info
        self._db = db
        self._models: JournalModels | None = bind_models(db)
        self._clock = clock or datetime.datetime.now
        self._on_close = on_close
        self._lock = threading.RLock()

    # -- state ------------------------------------------------------------------------

    @property
    def info(self) -> JournalInfo:
        """The registry entry of this journal (as it was when unlocked)."""
        return self._info

    @property
    def is_open(self) -> bool:
        return self._models is not None

    def close(self) -> None:
        """Lock the journal: close its connection (checkpointing the WAL). Idempotent."""
        with self._lock:
            if self._models is None:
                return
            self._models = None
            try:
                if not self._db.is_closed():
                    self._db.close()
            finally:
                log.info("journal %s locked", self._info.id)
                if self._on_close is not None:
                    self._on_close(self)

    def __enter__(self) -> JournalSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def _m(self) -> JournalModels:
        assert self._models is not None
        return self._models
