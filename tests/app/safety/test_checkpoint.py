"""A protected journal whose checkpoint was cut short still unlocks with its passphrase,
and a wrong passphrase still writes nothing; two writers take turns instead of failing.

The cut-short checkpoint is built two ways: for real, by SIGKILLing a process in the middle
of `PRAGMA wal_checkpoint` on a large WAL (where the kill lands varies with the machine),
and exactly, by copying part of the WAL's frames into the main file as a checkpoint does
before it is interrupted (a simulation, since no kill can be aimed at one frame).
"""

from __future__ import annotations

import datetime
import os
import signal
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.context import open_app
from app.db_files import has_wal
from app.journal.keys.unlock import key_for
from app.safety import backup as B
from app.services import journal
from tests.helpers.paths import ROOT
from tests.helpers.safety import PASSPHRASE

WAL_HEADER = 32
FRAME_HEADER = 24

# Writes many entries with automatic checkpoints off, so they all wait in the WAL, then
# kills itself (the WAL is left as a crash leaves it).
FILL_WAL = textwrap.dedent("""
    import datetime, os, signal, sys
    from pathlib import Path
    from app.context import open_app
    from app.services import journal
    context = open_app(Path(sys.argv[1]))
    session = journal.open_journal(context, int(sys.argv[2]), sys.stdin.readline().rstrip())
    session._db.execute_sql("PRAGMA wal_autocheckpoint = 0")
    for n in range(int(sys.argv[3])):
        session.save_entry(journal.EntryInput(date=datetime.date(2026, 1, 1),
                           title=f"t{n}", body="words " * 400 + str(n)))
    print("saved", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")

# Opens the journal and checkpoints; the test kills it part way.
CHECKPOINT = textwrap.dedent("""
    import sys
    from sqlcipher3 import dbapi2
    from app import sqlcipher
    connection = dbapi2.connect(sys.argv[1], isolation_level=None)
    connection.execute(sqlcipher.key_statement(sys.stdin.readline().rstrip()))
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    print("checkpointing", flush=True)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    print("done", flush=True)
""")


def _fill_wal(data_dir: Path, journal_id: int, count: int) -> None:
    result = subprocess.run([sys.executable, "-c", FILL_WAL, str(data_dir), str(journal_id),
                             str(count)], cwd=ROOT, input=PASSPHRASE + "\n",
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == -signal.SIGKILL and "saved" in result.stdout, result.stderr


def _journal(data_dir: Path) -> tuple[int, Path]:
    context = open_app(data_dir)
    info = journal.create_journal(context, "Ours", PASSPHRASE)
    context.close()
    return info.id, info.path


def _copy_some_frames(path: Path) -> int:
    """Write the newest version of half the WAL's pages into the main file, as a checkpoint
    interrupted half way does; return how many pages were written."""
    wal = Path(f"{path}-wal").read_bytes()
    page_size = struct.unpack(">I", wal[8:12])[0]
    newest: dict[int, bytes] = {}
    offset = WAL_HEADER
    while offset + FRAME_HEADER + page_size <= len(wal):
        page = struct.unpack(">I", wal[offset:offset + 4])[0]
        newest[page] = wal[offset + FRAME_HEADER: offset + FRAME_HEADER + page_size]
        offset += FRAME_HEADER + page_size
    chosen = sorted(newest)[: max(1, len(newest) // 2)]
    with open(path, "r+b") as handle:
        for page in chosen:
            handle.seek((page - 1) * page_size)
            handle.write(newest[page])
    return len(chosen)


def _entry_count(data_dir: Path, journal_id: int, passphrase: str = PASSPHRASE) -> int:
    context = open_app(data_dir)
    try:
        with journal.open_journal(context, journal_id, passphrase) as session:
            return session.count_entries()
    finally:
        context.close()


@pytest.mark.slow
def test_interrupted_checkpoint_still_unlocks_and_wrong_passphrase_writes_nothing(data_dir):
    journal_id, path = _journal(data_dir)
    _fill_wal(data_dir, journal_id, 60)
    assert has_wal(path)
    assert _copy_some_frames(path) > 0
    # A wrong passphrase changes neither the main file nor the WAL that holds the commits.
    before = (path.read_bytes(), Path(f"{path}-wal").read_bytes())
    context = open_app(data_dir)
    try:
        with pytest.raises(journal.WrongPassphraseError):
            journal.open_journal(context, journal_id, "not the passphrase")
        assert (path.read_bytes(), Path(f"{path}-wal").read_bytes()) == before
        results = {r.key: r for r in B.check_all(data_dir, passphrases={
            B.journal_key(journal_id): PASSPHRASE})}
        assert results[B.journal_key(journal_id)].status == "ok"
    finally:
        context.close()
    assert _entry_count(data_dir, journal_id) == 60


@pytest.mark.slow
def test_killed_checkpoints_never_lock_the_journal_out(data_dir):
    journal_id, path = _journal(data_dir)
    kills = 0
    for round_ in range(4):
        _fill_wal(data_dir, journal_id, 40)
        child = subprocess.Popen([sys.executable, "-c", CHECKPOINT, str(path)], cwd=ROOT,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        child.stdin.write(key_for(path, PASSPHRASE) + "\n")  # the data key the slot holds
        child.stdin.flush()
        assert child.stdout.readline().strip() == "checkpointing"
        time.sleep(0.002 * round_)  # land the kill at different points of the copy
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        kills += 1
        assert _entry_count(data_dir, journal_id) == 40 * (round_ + 1)
    assert kills == 4


def test_two_writers_take_turns_instead_of_failing(data_dir):
    """A real second process holds a write transaction for two seconds; a save in this
    process waits for it (IMMEDIATE transactions and the busy timeout) and then succeeds."""
    context = open_app(data_dir)
    info = journal.create_journal(context, "Ours", None)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sqlite3, sys, time
            connection = sqlite3.connect(sys.argv[1], isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO tag (name) VALUES ('held')")
            print("holding", flush=True)
            time.sleep(2)
            connection.execute("COMMIT")
        """), str(info.path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with journal.open_journal(context, info.id) as session:
            session.save_entry(journal.EntryInput(date=datetime.date(2026, 1, 1),
                                                  title="waited", body="took my turn"))
            assert session.count_entries() == 1
    finally:
        holder.wait(timeout=60)
        context.close()
    assert holder.returncode == 0


# Opens the data folder again and again (each open settles and adopts journal files) while
# the test changes the journal's passphrase beside it.
REOPEN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from app.context import open_app
    deadline = time.monotonic() + float(sys.argv[2])
    opened = 0
    while time.monotonic() < deadline:
        open_app(Path(sys.argv[1])).close()
        opened += 1
    print(opened, flush=True)
""")


@pytest.mark.slow
def test_passphrase_changes_beside_another_process_never_lose_the_file(data_dir):
    context = open_app(data_dir)
    info = journal.create_journal(context, "Ours", PASSPHRASE)
    with journal.open_journal(context, info.id, PASSPHRASE) as session:
        for n in range(5):
            session.save_entry(journal.EntryInput(date=datetime.date(2026, 1, 1),
                                                  title=f"t{n}", body="kept"))
    other = subprocess.Popen([sys.executable, "-c", REOPEN, str(data_dir), "8"], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    passphrases = [PASSPHRASE, "second one", "third one"]
    changes = 0
    try:
        while other.poll() is None and changes < 60:
            old, new = passphrases[changes % 3], passphrases[(changes + 1) % 3]
            journal.change_passphrase(context, info.id, old, new, new_key=True)
            changes += 1
    finally:
        opened = int(other.communicate(timeout=120)[0])
        context.close()
    context = open_app(data_dir)
    try:
        assert [j.name for j in journal.list_journals(context)] == ["Ours"]
        with journal.open_journal(context, info.id, passphrases[changes % 3]) as session:
            assert session.count_entries() == 5
        name = journal.get_journal(context, info.id).path.name
        assert sorted(p.name for p in (data_dir / "journals").iterdir()) == [name, f"{name}.keys"]
    finally:
        context.close()
    assert changes >= 2 and opened >= 2  # the two really ran side by side
