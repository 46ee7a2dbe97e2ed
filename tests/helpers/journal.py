"""Helpers for journal tests: entry inputs, file hashes and unique marker words."""

from __future__ import annotations

import datetime
import hashlib
import string
from pathlib import Path

from app.services.journal import EntryInput

PASS = "correct horse battery"


def entry_input(body="A quiet evening together.", *, day=None, **fields) -> EntryInput:
    return EntryInput(date=day or datetime.date(2026, 11, 1), body=body, **fields)


def marker_words(count: int, prefix: str = "zq") -> list[str]:
    """Unique words no real text contains: "zqbaaaa", "zqbaaab"... (letters only, so the
    full-text index keeps each as one token)."""
    letters = string.ascii_lowercase
    words = []
    for n in range(count):
        digits = []
        for _ in range(5):
            n, r = divmod(n, 26)
            digits.append(letters[r])
        words.append(prefix + "x" + "".join(reversed(digits)))
    return words


def folder_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def db_files(path: Path) -> list[Path]:
    """The database file and its -wal/-shm companions that exist."""
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]
