"""Hostile files where Hearth expects its own: truncated, empty, random and oversized
databases, backups and calendar files. Each is refused in words and left as it was."""

import datetime as dt
import hashlib
import os
import random
import shutil

import pytest

from app.context import open_app
from app.errors import HearthError
from app.safety import backup as B
from tests.helpers.safety import PASSPHRASE, journal_path, make_journal
from ui.startup import open_data_safely

KINDS = ["truncated", "empty", "random", "oversized"]


def _fingerprint(path):
    with open(path, "rb") as handle:
        digest = hashlib.sha256()
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return path.stat().st_size, digest.hexdigest()


def _spoil(path, kind, *, sample: bytes):
    rng = random.Random(kind)
    if kind == "truncated":
        path.write_bytes(sample[: len(sample) // 3 + 17])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(rng.randbytes(len(sample) or 8192))
    else:  # 64 MB, mostly a hole, with a real header: huge but not a database
        with open(path, "wb") as handle:
            handle.write(sample[:100])
            handle.seek(64 * 1024 * 1024)
            handle.write(rng.randbytes(4096))


@pytest.fixture
def sample_db(tmp_path):
    folder = tmp_path / "sample"
    context = open_app(folder)
    context.db.execute_sql("INSERT INTO app_meta VALUES ('who', 'us')")
    context.close()
    return (folder / "hearth.db").read_bytes()


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_shared_database(kind, data_dir, sample_db):
    data_dir.mkdir()
    path = data_dir / "hearth.db"
    _spoil(path, kind, sample=sample_db)
    before = _fingerprint(path)
    context, message = open_data_safely(data_dir, interactive=False)
    # An empty file too: it is what a crash before the first write leaves, and a sound
    # backup may be waiting to be restored in its place.
    assert context is None and message and "\n" not in message
    assert _fingerprint(path) == before
    (result,) = B.check_all(data_dir)
    assert result.status == "damaged"
    assert _fingerprint(path) == before


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_protected_journal(kind, app_context, data_dir):
    from app.services import journal

    journal_id = make_journal(app_context)
    path = journal_path(data_dir, journal_id)
    _spoil(path, kind, sample=path.read_bytes())
    before = _fingerprint(path)
    result = B.check_all(data_dir, passphrases={B.journal_key(journal_id): PASSPHRASE})[1]
    # Random bytes cannot be told from a journal under another passphrase: never "ok".
    assert result.status != "ok"
    assert _fingerprint(path) == before
    with pytest.raises(HearthError) as caught:
        journal.open_journal(app_context, journal_id, PASSPHRASE).close()
    assert caught.value.message
    assert _fingerprint(path) == before


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("which", ["shared", "journal"])
def test_hostile_backup_is_refused_and_changes_nothing(kind, which, app_context, data_dir):
    journal_id = make_journal(app_context)
    key = "hearth" if which == "shared" else B.journal_key(journal_id)
    info = B.backup_database(data_dir, key, now=dt.datetime(2026, 1, 1, 9))
    _spoil(info.path, kind, sample=info.path.read_bytes())
    app_context.close()
    current = data_dir / "hearth.db" if which == "shared" else journal_path(data_dir, journal_id)
    before = _fingerprint(current)
    with pytest.raises(HearthError) as caught:
        B.restore_backup(data_dir, info.path, passphrase=PASSPHRASE)
    assert caught.value.message
    assert _fingerprint(current) == before
    assert len(B.list_backups(data_dir)) == 1
    assert B.newest_good_backup(data_dir) is None


def test_backup_with_a_foreign_name_is_refused(data_dir, tmp_path):
    data_dir.mkdir()
    stray = tmp_path / "hearth.20260101-090000-000000.daily.db"
    shutil.copyfile(__file__, stray)
    with pytest.raises(B.DamagedBackupError):
        B.restore_backup(data_dir, stray)


ICS = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:a@b\r\n"
       b"DTSTART:20260101T100000\r\nSUMMARY:Picnic\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_calendar_file(kind, app_context, tmp_path):
    from app.calendar import ics
    from app.models.calendar import CalendarActivity

    path = tmp_path / "plans.ics"
    _spoil(path, kind, sample=ICS)
    with pytest.raises(ics.IcsError) as caught:
        ics.parse(ics.read_file(path), name=path.name)
    assert caught.value.message
    assert CalendarActivity.select().count() == 0


def test_sample_calendar_file_itself_imports(app_context, tmp_path):
    from app.calendar import ics

    parsed = ics.parse(ICS, name="plans.ics")
    assert [e.data.title for e in parsed.events] == ["Picnic"]


@pytest.mark.skipif(os.name != "posix", reason="sparse files")
def test_oversized_files_are_not_read_whole(app_context, tmp_path):
    from app.calendar import ics

    path = tmp_path / "huge.ics"
    with open(path, "wb") as handle:
        handle.seek(2 * 1024 * 1024 * 1024)
        handle.write(b"END:VCALENDAR\r\n")
    with pytest.raises(ics.IcsError, match="MB"):
        ics.read_file(path)
