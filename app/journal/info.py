"""The value that names one journal of the registry, kept apart from the other journal
values (`app.journal.types`) so that listing journals for the lock screen or the chooser
does not build the types only an open journal uses. A NamedTuple, which a start defines for
a fraction of what a frozen dataclass costs."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple


class JournalInfo(NamedTuple):
    """One journal in the registry. `path` is its database file; `protected` means encrypted."""

    id: int
    name: str
    protected: bool
    path: Path
    created_at: datetime.datetime
