"""The data folder's permissions, as a real user would meet them: a folder made read-only
opens for reading and stays read-only, unreadable files are refused in words, everything
Hearth writes is owner-only, and a killed run's unfinished copies go at the next start.

Root ignores permissions, so the read-only and unreadable cases run the real command as
the unprivileged user `nobody` (uid 65534) in a folder that user owns."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from app.context import open_app
from app.safety import backup as B
from tests.helpers.paths import ROOT
from tests.helpers.safety import make_journal

NOBODY = 65534
needs_root = pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0,
                                reason="switching to another user needs root")


def _as_nobody():
    os.setgid(NOBODY)
    os.setgroups([])
    os.setuid(NOBODY)


def _hearth(data_dir: Path, *args: str, user: bool = True, stdin: str = ""):
    env = dict(os.environ, HOME=str(data_dir.parent), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(data_dir), *args], cwd=ROOT,
        input=stdin, capture_output=True, text=True, timeout=120, env=env,
        preexec_fn=_as_nobody if user else None)


@pytest.fixture
def nobody_folder():
    """A data folder with a calendar plan and an unprotected journal, owned by nobody."""
    base = Path(tempfile.mkdtemp(prefix="hearth-modes-"))
    os.chmod(base, 0o755)
    data_dir = base / "data"
    context = open_app(data_dir)
    make_journal(context, "Notes", passphrase=None, entries=2)
    context.close()
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    yield data_dir
    for path in [data_dir, *data_dir.rglob("*")]:
        if path.is_dir():
            os.chmod(path, 0o700)
    shutil.rmtree(base)


def _modes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): stat.S_IMODE(p.lstat().st_mode)
            for p in [folder, *folder.rglob("*")]}


@needs_root
def test_a_read_only_folder_reads_and_stays_read_only(nobody_folder):
    data_dir = nobody_folder
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chmod(path, stat.S_IMODE(path.stat().st_mode) & ~0o222)
    before = _modes(data_dir)
    exported = _hearth(data_dir, "export-ics", "-")
    assert exported.returncode == 0, exported.stderr
    assert "BEGIN:VCALENDAR" in exported.stdout
    journal_md = _hearth(data_dir, "export-journal", "--journal", "Notes", "--format", "md", "-")
    assert journal_md.returncode == 0, journal_md.stderr
    assert "Dear diary" in journal_md.stdout
    checked = _hearth(data_dir, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    backed = _hearth(data_dir, "backup")
    assert backed.returncode == 2 and "Traceback" not in backed.stderr
    assert len(backed.stderr.strip().splitlines()) == 1, backed.stderr
    assert _modes(data_dir) == before, "permissions were changed"


@needs_root
def test_unreadable_files_are_refused_in_one_line(nobody_folder):
    data_dir = nobody_folder
    journal_file = next((data_dir / "journals").glob("*.db"))
    os.chown(journal_file, 0, 0)
    os.chmod(journal_file, 0o000)
    for command in (["check"], ["backup"]):
        result = _hearth(data_dir, *command)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode in (1, 2), result.stdout + result.stderr
        assert "permission" in (result.stdout + result.stderr).lower()
    assert stat.S_IMODE(journal_file.stat().st_mode) == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_everything_hearth_writes_is_owner_only(tmp_path):
    data_dir = tmp_path / "data"
    ics = tmp_path / "plans.ics"
    result = _hearth(data_dir, "--smoke-test", user=False)
    assert result.returncode == 0, result.stderr
    assert _hearth(data_dir, "backup", user=False).returncode == 0
    assert _hearth(data_dir, "export-ics", str(ics), user=False).returncode == 0
    loose = {name: oct(mode) for name, mode in _modes(data_dir).items()
             if mode & 0o077}
    assert loose == {}
    assert stat.S_IMODE(ics.stat().st_mode) == 0o600
    assert (data_dir / "settings.ini").exists() or list(data_dir.glob("*.ini"))


def test_unfinished_copies_of_a_killed_run_go_at_the_next_start(app_context, data_dir):
    info = B.backup_database(data_dir, "hearth", db=app_context.db,
                             now=dt.datetime(2026, 2, 1, 8))
    app_context.close()
    gone = _dead_pid()
    (data_dir / "journals").mkdir(exist_ok=True)
    left = [info.path.with_name(f"{info.path.name}.{gone}.partial"),
            Path(f"{info.path}.{gone}.partial-wal"),
            data_dir / f"hearth.db.{gone}.restoring",
            data_dir / "journals" / f"00aa11bb22cc33dd.db.{gone}.restoring"]
    # Another Hearth, still running, is writing this one right now: it must stay.
    in_progress = info.path.with_name(f"{info.path.name}.{os.getppid()}.partial")
    for path in [*left, in_progress]:
        path.write_bytes(b"half a copy")
    foreign = data_dir / "notes.partial"
    foreign.write_text("not a database copy")
    open_app(data_dir).close()
    assert [p for p in left if p.exists()] == []
    assert foreign.exists() and info.path.exists() and in_progress.exists()


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


@pytest.mark.skipif(os.name != "posix", reason="POSIX links and FIFOs")
@pytest.mark.parametrize("what", ["link", "dangling", "fifo"])
@pytest.mark.parametrize("name", ["logs/hearth.log", ".hearth.lock"])
def test_a_link_or_fifo_where_the_log_or_lock_belongs_is_never_written_through(
        tmp_path, what, name):
    data_dir = tmp_path / "data"
    open_app(data_dir).close()
    place = data_dir / name
    place.parent.mkdir(exist_ok=True)
    place.unlink(missing_ok=True)
    victim = tmp_path / "elsewhere" / "victim.txt"
    victim.parent.mkdir()
    if what == "link":
        victim.write_bytes(b"not Hearth's")
        os.chmod(victim, 0o644)
        place.symlink_to(victim)
    elif what == "dangling":
        place.symlink_to(victim)
    else:
        os.mkfifo(place)
    commands = [["journal", "create", "Z"], ["backup"], ["check"]]
    for command in commands:
        result = _hearth(data_dir, *command, user=False, stdin="")
        assert "Traceback" not in result.stderr, result.stderr
    if what == "link":
        assert victim.read_bytes() == b"not Hearth's"
        assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    elif what == "dangling":
        assert not victim.exists()
    else:
        assert stat.S_ISFIFO(place.lstat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX links")
def test_a_link_beside_a_database_is_refused_untouched(tmp_path):
    from app.errors import ForeignFileError

    data_dir = tmp_path / "data"
    open_app(data_dir).close()
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    wal = data_dir / "hearth.db-wal"
    wal.unlink(missing_ok=True)
    wal.symlink_to(victim)
    with pytest.raises(ForeignFileError):
        open_app(data_dir)
    assert victim.read_bytes() == b"keep" and wal.is_symlink()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="mknod needs root")
def test_a_device_beside_a_database_is_never_opened_by_check_or_backup(tmp_path):
    data_dir = tmp_path / "data"
    open_app(data_dir).close()
    shm = data_dir / "hearth.db-shm"
    shm.unlink(missing_ok=True)
    os.mknod(shm, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.chmod(shm, 0o666)
    for command in (["check"], ["backup"]):
        result = _hearth(data_dir, *command, user=False)
        assert "Traceback" not in result.stderr
        assert result.returncode in (1, 2), result.stdout
    assert stat.S_ISCHR(shm.lstat().st_mode) and stat.S_IMODE(shm.lstat().st_mode) == 0o666


def test_dev_stdout_carries_only_the_export(tmp_path):
    data_dir = tmp_path / "data"
    open_app(data_dir).close()
    out = tmp_path / "plans.ics"
    with open(out, "wb") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(data_dir), "export-ics",
             "/dev/stdout"], cwd=ROOT, stdout=handle, stderr=subprocess.PIPE, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert b"exported" in result.stderr


def test_the_window_opens_a_folder_on_a_read_only_disk_for_reading(tmp_path):
    # A real read-only mount, where SQLite cannot make the files it keeps beside a
    # database and says only "unable to open database file"; the journal's opening does
    # its housekeeping (forgetting unsaved pictures) there too.
    from tests.helpers.output_targets import small_disk

    with small_disk(tmp_path / "disk", "8m") as mount:
        data_dir = mount / "data"
        context = open_app(data_dir)
        make_journal(context, "Notes", passphrase=None, entries=2)
        context.close()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True, timeout=30)
        try:
            before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
            result = _hearth(data_dir, "--smoke-test", user=False)
            assert result.returncode == 0, result.stdout + result.stderr
            assert "3 tabs shown" in result.stdout and "Traceback" not in result.stderr
            assert "not Hearth's" not in result.stderr  # the log file is not blamed
            assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True, timeout=30)
