"""`hearth journal ...` driven as a person or a script would: a real process, input on stdin.

Every run checks that no passphrase is on its command line or in its environment, and the
flows check that none reaches the log files either.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.commands.prompts import TEXT_MAX_BYTES
from app.context import open_app
from app.db import open_database
from app.journal.keys.unlock import key_for
from app.migrations.journal import STEPS as JOURNAL_STEPS
from app.safety import backup as B
from app.services import journal
from tests.helpers.journal import PASS, entry_input, folder_hashes
from tests.helpers.paths import ROOT

NEW_PASS = "lantern over the quiet harbour"
SECRETS = (PASS, NEW_PASS, "not the passphrase")
TODAY = datetime.date.today().isoformat()


def _argv(data_dir: Path, args: tuple[str, ...]) -> list[str]:
    argv = [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args]
    for secret in SECRETS:
        assert not any(secret in word for word in argv), "a passphrase on the command line"
        assert not any(secret in value for value in os.environ.values())
    return argv


def hearth(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(_argv(data_dir, args), cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=120)


def _shows_no_secret(result: subprocess.CompletedProcess) -> None:
    assert not any(secret in result.stdout + result.stderr for secret in SECRETS)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    _shows_no_secret(result)
    return result.stdout


def refused(result: subprocess.CompletedProcess, words: str) -> None:
    """Exit 2 with one line on stderr, naming what went wrong."""
    assert result.returncode == 2, result.stdout + result.stderr
    _shows_no_secret(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("hearth: "), result.stderr
    assert words.casefold() in lines[0].casefold(), lines[0]


def assert_logs_hold_none_of(data_dir: Path, *words: str, written: bool = True) -> None:
    logs = sorted((data_dir / "logs").glob("hearth.log*"))
    text = "".join(path.read_text(encoding="utf-8") for path in logs)
    assert "journal" in text or not written  # the commands write the log at all
    for word in (*SECRETS, *words):
        assert word not in text


def entry_bodies(path: Path, *, passphrase: str) -> list[str]:
    db = open_database(path, migrations=JOURNAL_STEPS, passphrase=key_for(path, passphrase))
    try:
        return [row[0] for row in db.execute_sql("SELECT body FROM entry ORDER BY id")]
    finally:
        db.close()


def _entries(data_dir: Path, name: str, passphrase: str | None) -> list[journal.Entry]:
    context = open_app(data_dir)
    try:
        info = next(i for i in journal.list_journals(context) if i.name == name)
        with journal.open_journal(context, info.id, passphrase) as session:
            return session.get_entries()
    finally:
        context.close()


@pytest.fixture
def filled(app_context):
    """A protected "Ours" with one entry and an unprotected "Shared" with two."""
    ours = journal.create_journal(app_context, "Ours", PASS)
    with journal.open_journal(app_context, ours.id, PASS) as session:
        session.save_entry(entry_input("An evening by the river."))
    shared = journal.create_journal(app_context, "Shared", None)
    with journal.open_journal(app_context, shared.id) as session:
        session.save_entry(entry_input("Groceries, then a film."))
        session.save_entry(entry_input("Sunday walk."))
    app_context.close()
    return app_context.data_dir


def _unchanged_state(data_dir: Path) -> dict[str, str]:
    # The log and the folder's lock are expected to change on every run.
    return {name: digest for name, digest in folder_hashes(data_dir).items()
            if not name.startswith("logs") and name != ".hearth.lock"}


# ----- the flows ------------------------------------------------------------------------


def test_create_protected_write_and_list(data_dir):
    created = hearth(data_dir, "journal", "create", "Ours", "--protect",
                     stdin=f"{PASS}\n{PASS}\n")
    # For a script, standard output is the recovery key alone; the words go to stderr.
    assert len(ok(created).strip().split("-")) == 7
    assert "Created the protected journal “Ours”" in created.stderr
    body = "We cooked zqpasta together.\n\nThen zqrain on the window.\n"
    written = hearth(data_dir, "journal", "write", "--journal", "ours", "--date", "2026-02-14",
                     "--title", "Zqvalentine", "--tag", "date night", "--tag", "home",
                     "--mood", "4", stdin=f"{PASS}\n{body}")
    assert "for Saturday 14 February 2026" in ok(written)
    [entry] = _entries(data_dir, "Ours", PASS)
    assert (entry.date, entry.title, entry.body, entry.tags, entry.mood) == (
        datetime.date(2026, 2, 14), "Zqvalentine", body.strip(), ("date night", "home"), 4)
    ok(hearth(data_dir, "journal", "create", "Shared"))
    listed = ok(hearth(data_dir, "journal", "list")).splitlines()
    assert listed == [f"Ours\tprotected, created {TODAY}",
                      f"Shared\tunprotected, created {TODAY}, 0 entries"]
    assert_logs_hold_none_of(data_dir, "zqpasta", "zqrain", "Zqvalentine", "date night")


def test_rename_keeps_the_entries_and_the_passphrase(filled):
    assert "Renamed “Ours” to “Our days”" in ok(
        hearth(filled, "journal", "rename", "--journal", "Ours", "Our days"))
    assert [e.body for e in _entries(filled, "Our days", PASS)] == ["An evening by the river."]
    refused(hearth(filled, "journal", "rename", "--journal", "Ours", "Again"), "no journal named")


def test_change_passphrase_then_only_the_new_one_writes(filled):
    changed = hearth(filled, "journal", "change-passphrase", "--journal", "Ours",
                     stdin=f"{PASS}\n{NEW_PASS}\n{NEW_PASS}\n")
    assert "Changed the passphrase" in ok(changed)
    ok(hearth(filled, "journal", "write", "--journal", "Ours", stdin=f"{NEW_PASS}\nzqnew words\n"))
    before = _unchanged_state(filled)
    refused(hearth(filled, "journal", "write", "--journal", "Ours", stdin=f"{PASS}\nzqold\n"),
            "passphrase does not unlock")
    assert _unchanged_state(filled) == before
    assert [e.body for e in _entries(filled, "Ours", NEW_PASS)] == [
        "An evening by the river.", "zqnew words"]
    assert_logs_hold_none_of(filled, "zqnew", "zqold")


def test_delete_backs_the_journal_up_first_with_its_passphrase(filled, tmp_path):
    ok(hearth(filled, "journal", "change-passphrase", "--journal", "Ours",
              stdin=f"{PASS}\n{NEW_PASS}\n{NEW_PASS}\n"))
    context = open_app(filled)
    key = B.journal_key(next(i.id for i in journal.list_journals(context) if i.name == "Ours"))
    context.close()
    deleted = ok(hearth(filled, "journal", "delete", "--journal", "Ours", "--yes",
                        stdin=f"{NEW_PASS}\n"))
    [kept] = [b for b in B.list_backups(filled, key) if str(b.path) in deleted]
    assert kept.reason == "pre-delete"
    B.verify_backup(kept.path, passphrase=NEW_PASS)
    copy = shutil.copy(kept.path, tmp_path / "copy.db")  # opening a file may change it
    shutil.copy(f"{kept.path}.keys", tmp_path / "copy.db.keys")  # the backup's key file
    assert entry_bodies(copy, passphrase=NEW_PASS) == ["An evening by the river."]
    assert ok(hearth(filled, "journal", "list")).splitlines() == [
        f"Shared\tunprotected, created {TODAY}, 2 entries"]

    # Retention prunes only the journals the registry still names: every backup of the
    # deleted journal (before the passphrase change, before the delete) stays, though
    # the newest of one day alone would be kept of a journal still listed.
    kept_before = [b.path for b in B.list_backups(filled, key)]
    assert len(kept_before) >= 1
    B.daily_backup(filled, now=datetime.datetime.now() + datetime.timedelta(days=60))
    assert [b.path for b in B.list_backups(filled, key)] == kept_before

    restored = hearth(filled, "restore", "--passphrase-stdin", str(kept.path),
                      stdin=f"{NEW_PASS}\n")
    assert restored.returncode == 0, restored.stderr
    assert "Restored journal" in ok(hearth(filled, "journal", "list"))
    assert_logs_hold_none_of(filled)


def test_delete_of_an_unprotected_journal(filled):
    ok(hearth(filled, "journal", "delete", "--journal", "shared", "--yes"))
    assert ok(hearth(filled, "journal", "list")) == f"Ours\tprotected, created {TODAY}\n"
    assert any(b.label.endswith("(deleted)") for b in B.list_backups(filled))


# ----- refusals: one line, exit 2, nothing changed ---------------------------------------

REFUSALS = {
    "end of input at the passphrase": (
        ("write", "--journal", "Ours"), "", "ended before the passphrase"),
    "empty passphrase line": (("write", "--journal", "Ours"), "\nbody\n", "No passphrase"),
    "empty body": (("write", "--journal", "Ours"), f"{PASS}\n \n\n", "entry is empty"),
    "body over the limit": (
        ("write", "--journal", "Ours"), f"{PASS}\n" + "é" * (TEXT_MAX_BYTES // 2 + 1),
        "longer than 1 MB"),
    "bad date": (("write", "--journal", "Ours", "--date", "14/02/2026"), f"{PASS}\nx\n",
                 "YYYY-MM-DD"),
    "date out of range": (("write", "--journal", "Shared", "--date", "0999-01-01"), "x\n",
                          "out of range"),
    "bad mood": (("write", "--journal", "Shared", "--mood", "9"), "x\n", "--mood"),
    "unknown journal": (("write", "--journal", "Theirs"), "x\n", "no journal named"),
    "wrong passphrase on write": (
        ("write", "--journal", "Ours"), "not the passphrase\nx\n", "does not unlock"),
    "name clash on create": (("create", "ours", "--protect"), f"{PASS}\n{PASS}\n",
                             "already a journal"),
    "blank name on create": (("create", "  "), "", "Give the journal a name"),
    "mismatched new passphrases": (
        ("create", "Mine", "--protect"), f"{PASS}\n{PASS}x\n", "do not match"),
    "name clash on rename": (("rename", "--journal", "Shared", "OURS"), "", "already"),
    "old passphrase wrong": (
        ("change-passphrase", "--journal", "Ours"),
        f"not the passphrase\n{NEW_PASS}\n{NEW_PASS}\n", "does not unlock"),
    "new passphrases differ": (
        ("change-passphrase", "--journal", "Ours"), f"{PASS}\n{NEW_PASS}\n{PASS}\n",
        "do not match"),
    "end of input at the repeat": (
        ("change-passphrase", "--journal", "Ours"), f"{PASS}\n{NEW_PASS}\n", "ended before"),
    "no passphrase to change": (("change-passphrase", "--journal", "Shared"), "",
                                "no passphrase to change"),
    "delete unconfirmed off a terminal": (("delete", "--journal", "Shared"), "", "--yes"),
    "wrong passphrase on delete": (
        ("delete", "--journal", "Ours", "--yes"), "not the passphrase\n", "does not unlock"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_are_one_line_and_change_nothing(filled, case):
    args, stdin, words = REFUSALS[case]
    before = _unchanged_state(filled)
    refused(hearth(filled, "journal", *args, stdin=stdin), words)
    assert _unchanged_state(filled) == before
    assert_logs_hold_none_of(filled, written=False)


def test_a_command_holding_the_folder_is_named_as_such_not_as_an_open_window(filled):
    from app.instance_lock import COMMAND, InstanceLock

    before = _unchanged_state(filled)
    with InstanceLock(filled, holder=COMMAND):
        refused(hearth(filled, "journal", "delete", "--journal", "Shared", "--yes"),
                "Another hearth command is using this data folder")
        backup = hearth(filled, "backup")
        assert backup.returncode == 2 and "Another hearth command" in backup.stderr
    assert _unchanged_state(filled) == before


def test_delete_and_passphrase_change_wait_for_the_window_to_close(filled):
    from app.instance_lock import InstanceLock

    with InstanceLock(filled):
        refused(hearth(filled, "journal", "delete", "--journal", "Shared", "--yes"),
                "Hearth is open")
        refused(hearth(filled, "journal", "change-passphrase", "--journal", "Ours",
                       stdin=f"{PASS}\n{NEW_PASS}\n{NEW_PASS}\n"), "Hearth is open")
        # Writing goes on beside the window, as the window's own saves do.
        ok(hearth(filled, "journal", "write", "--journal", "Shared", stdin="beside it\n"))


# ----- at a terminal --------------------------------------------------------------------


def _take_terminal() -> None:  # pragma: no cover - runs in the child
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class _Terminal:
    """A pseudo-terminal that is the command's controlling terminal, as in a shell. Each
    answer is typed once its prompt shows, so the echo setting of that moment applies."""

    def __init__(self, data_dir: Path, *args: str):
        self._master, slave = os.openpty()
        self._proc = subprocess.Popen(_argv(data_dir, args), cwd=ROOT, stdin=slave,
                                      stdout=slave, stderr=slave, start_new_session=True,
                                      preexec_fn=_take_terminal)
        os.close(slave)
        self._screen = b""
        self._looked = 0  # where the next prompt is looked for
        self._deadline = time.monotonic() + 60

    def _read(self) -> bool:
        left = max(0.0, self._deadline - time.monotonic())
        if not select.select([self._master], [], [], left)[0]:
            raise AssertionError(f"nothing more on the terminal: {self._screen!r}")
        try:
            chunk = os.read(self._master, 4096)
        except OSError:  # the command has ended and closed the terminal
            return False
        self._screen += chunk
        return bool(chunk)

    def answer(self, prompt: str, text: str) -> None:
        wanted = prompt.encode()
        while wanted not in self._screen[self._looked:]:
            assert self._read(), f"no prompt {prompt!r}: {self._screen!r}"
        self._looked = self._screen.index(wanted, self._looked) + len(wanted)
        os.write(self._master, text.encode() + b"\n")

    def finish(self) -> tuple[int, str]:
        while self._read():
            pass
        os.close(self._master)
        return self._proc.wait(timeout=60), self._screen.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX pseudo-terminal")
def test_delete_on_a_terminal_asks_for_the_name_and_hides_the_passphrase(filled):
    terminal = _Terminal(filled, "journal", "delete", "--journal", "Ours")
    terminal.answer("Type the journal's name to confirm: ", "ours")
    terminal.answer("Passphrase for", PASS)
    code, screen = terminal.finish()
    assert code == 0, screen
    assert "Deleted the journal" in screen and PASS not in screen

    terminal = _Terminal(filled, "journal", "delete", "--journal", "Shared")
    terminal.answer("Type the journal's name to confirm: ", "yes")
    code, screen = terminal.finish()
    assert code == 2 and "Nothing was deleted" in screen
    assert ok(hearth(filled, "journal", "list")).startswith("Shared\t")


# ----- beside another writer ------------------------------------------------------------


def _has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir())
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="watches the child in /proc")
def test_write_waits_while_another_holds_a_write_transaction(filled):
    context = open_app(filled)
    path = next(i.path for i in journal.list_journals(context) if i.name == "Shared")
    context.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        writer = subprocess.Popen(_argv(filled, ("journal", "write", "--journal", "Shared")),
                                  cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        writer.stdin.write("written while the other one held on\n")
        writer.stdin.close()
        deadline = time.monotonic() + 60
        while not _has_open(writer.pid, path):
            assert time.monotonic() < deadline, "the writer never opened the journal"
            with contextlib.suppress(subprocess.TimeoutExpired):
                writer.wait(timeout=0.05)
            assert writer.returncode is None, writer.stderr.read()
        # It has reached the journal and holds on rather than failing at once.
        with pytest.raises(subprocess.TimeoutExpired):
            writer.wait(timeout=1.0)
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert writer.wait(timeout=60) == 0, writer.stderr.read()
    assert "written while" in _entries(filled, "Shared", None)[-1].body


def test_list_says_a_journal_held_by_a_writer_is_busy_not_damaged(filled, app_context):
    info = next(i for i in journal.list_journals(app_context) if i.name == "Shared")
    with journal.open_journal(app_context, info.id) as session:
        db = session._db
        db.execute_sql("BEGIN IMMEDIATE")  # as an import's one long transaction does
        db.execute_sql("INSERT INTO tag (name) VALUES ('held')")
        try:
            listed = ok(hearth(filled, "journal", "list")).splitlines()
        finally:
            db.execute_sql("ROLLBACK")
    assert listed[1] == (f"Shared\tunprotected, created {TODAY}, busy (another Hearth is "
                         "writing to it; try again when it is done)")
    assert ok(hearth(filled, "journal", "list")).splitlines()[1].endswith(", 2 entries")


def test_a_name_that_is_not_utf8_is_refused_in_one_line_and_creates_nothing(tmp_path):
    ok(hearth(tmp_path, "journal", "create", "Ours"))
    before = folder_hashes(tmp_path)
    for args in ([b"journal", b"create", b"\xff\xfe"],
                 [b"journal", b"rename", b"--journal", b"Ours", b"Our\xff"]):
        argv = [os.fsencode(sys.executable), b"-m", b"app", b"--data-dir",
                os.fsencode(tmp_path), *args]
        result = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True,
                                timeout=120)
        assert result.returncode == 2, result.stderr
        assert b"Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert folder_hashes(tmp_path) == before
    assert ok(hearth(tmp_path, "journal", "list")).startswith("Ours\t")


def test_a_reader_that_stops_reading_ends_the_listing_quietly(tmp_path):
    context = open_app(tmp_path)
    try:
        for number in range(400):  # some 20 KB of listing
            journal.create_journal(context, f"Journal {number}", None)
    finally:
        context.close()
    # A pipe of one page (4 KB) and the writer's own 8 KB buffer hold less than the listing,
    # so the writer meets the closed end whatever the timing (a usual 64 KB pipe would take
    # it all, and the listing could end before the reader stops).
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    listing = subprocess.Popen(_argv(tmp_path, ("journal", "list")), cwd=ROOT,
                               stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    reader = os.fdopen(read_end, "rb")
    assert reader.readline().startswith(b"Journal")
    reader.close()  # as `| head -1` does
    errors = listing.stderr.read()
    assert listing.wait(timeout=120) == 141
    assert errors == b""
