"""Helpers for journal tests: entry inputs, file hashes and unique marker words."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import string
import subprocess
import sys
from collections.abc import Callable, Iterator
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


_WRITER = """
import sys
from pathlib import Path
from app.context import open_app
from app.services import journal
from tests.helpers.journal import entry_input
context = open_app(Path(sys.argv[1]))
session = journal.open_journal(context, int(sys.argv[2]))
session.save_entry(entry_input(body="written by the other process"))
print("saved", flush=True)
sys.stdin.readline()  # holds the journal open until told to stop
session.save_entry(entry_input(body="written once the other process let go"))
print("saved", flush=True)
"""
# What the other process of `another_process_writing` saves, and is told it saved.
OTHER_PROCESS_BODIES = {"written by the other process", "written once the other process let go"}


@contextlib.contextmanager
def another_process_writing(data_dir: Path, journal_id: int) -> Iterator[Callable[[], None]]:
    """Another process with the (unprotected) journal open, which has saved one entry; the
    block gets a function that lets it save a second and end (once it returns, the folder
    is ours again). Both entries are OTHER_PROCESS_BODIES."""
    from tests.helpers.paths import ROOT

    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(data_dir), str(journal_id)],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)

    def let_go() -> None:
        writer.stdin.write("go on\n")
        writer.stdin.flush()
        assert writer.stdout.readline() == "saved\n"
        writer.stdin.close()
        assert writer.wait(timeout=60) == 0

    try:
        assert writer.stdout.readline() == "saved\n"
        yield let_go
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
