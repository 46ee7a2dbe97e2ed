"""Drafts written to a protected journal survive the process being killed outright."""

from __future__ import annotations

import datetime
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.context import open_app
from app.services import journal
from tests.helpers.journal import PASS, folder_hashes
from tests.helpers.paths import ROOT

CHILD = """
import datetime, os, signal, sys
from pathlib import Path
from app.context import open_app
from app.services import journal

context = open_app(Path(sys.argv[1]))
passphrase = sys.stdin.readline().rstrip("\\n")
session = journal.open_journal(context, int(sys.argv[2]), passphrase)
for n in range(3):
    session.save_draft("new", journal.EntryInput(
        date=datetime.date(2026, 11, 20), title="Unsaved", body="draft text " * 200 + str(n),
        mood=4, tags=("kept",)))
session.save_draft("entry-1", journal.EntryInput(date=datetime.date(2026, 11, 2),
                   body="edited words"), entry_id=1)
print("saved", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_drafts_survive_a_killed_process(data_dir):
    context = open_app(data_dir)
    info = journal.create_journal(context, "Mine", PASS)
    with journal.open_journal(context, info.id, PASS) as session:
        session.save_entry(journal.EntryInput(date=datetime.date(2026, 11, 1), body="first entry"))
    context.close()

    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(info.id)],
        cwd=ROOT, input=PASS + "\n", capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert result.stdout.strip() == "saved"
    # The kill left the WAL behind: the draft pages are there, still encrypted.
    wal = Path(f"{info.path}-wal")
    assert wal.exists() and b"draft text" not in wal.read_bytes()

    context = open_app(data_dir)
    try:
        # A wrong passphrase must not recover or checkpoint the WAL the kill left behind.
        # The -shm is only SQLite's index of the WAL, rebuilt by any reader of it (which
        # the key check must be, to judge the file as committed): its bytes are not data.
        before = _without_shm(folder_hashes(info.path.parent))
        with pytest.raises(journal.WrongPassphraseError):
            journal.open_journal(context, info.id, "not it")
        assert _without_shm(folder_hashes(info.path.parent)) == before
        with journal.open_journal(context, info.id, PASS) as session:
            drafts = {d.key: d for d in session.pending_drafts()}
            assert set(drafts) == {"new", "entry-1"}
            assert drafts["new"].data.body == "draft text " * 200 + "2"
            assert drafts["new"].data.tags == ("kept",) and drafts["new"].data.mood == 4
            assert drafts["entry-1"].entry_id == 1
            assert session.count_entries() == 1
    finally:
        context.close()


def _without_shm(hashes: dict[str, str]) -> dict[str, str]:
    return {name: digest for name, digest in hashes.items() if not name.endswith("-shm")}
