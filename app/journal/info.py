"""The value that names one journal of the registry, kept apart from the other journal
values (`app.journal.types`) so that listing journals for the lock screen or the chooser
does not build the types only an open journal uses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class JournalInfo:
    """One journal in the registry. `path` is its database file; `protected` means encrypted."""

    id: int
    name: str
    protected: bool
    path: Path
    created_at: datetime.datetime
