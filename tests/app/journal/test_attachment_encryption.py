"""The plaintext canary for pictures and files: neither their bytes nor their names are
readable in a protected journal's file, its WAL, its -shm or its backups."""

import datetime

from app.safety import backup as B
from app.services import journal
from tests.helpers import photos
from tests.helpers.journal import PASS, db_files

NAME_MARK = "zqxnamecanary"
BYTES_MARK = b"zqxbytescanary-" * 40


def _leaks(paths, marks):
    return [f"{path.name}: {mark[:20]!r}" for path in paths for mark in marks
            if mark in path.read_bytes()]


def test_picture_bytes_and_names_are_never_plain_on_disk(app_context):
    info = journal.create_journal(app_context, "Ours", PASS)
    picture_bytes = photos.jpeg_with_exif(gps=False) + BYTES_MARK  # trailing bytes survive
    marks = [NAME_MARK.encode(), BYTES_MARK, picture_bytes[100:160], photos.small_png()[40:90]]
    with journal.open_journal(app_context, info.id, PASS) as session:
        picture = session.add_attachment(f"{NAME_MARK}.jpg", picture_bytes,
                                         display=photos.small_png(), width=64, height=48)
        session.add_attachment(f"{NAME_MARK}.txt", BYTES_MARK)
        session.save_entry(journal.EntryInput(date=datetime.date(2026, 11, 20),
                                              body=f"Look {picture.link}"))
        # While open, the WAL holds the latest pages.
        assert _leaks(db_files(info.path), marks) == []
        copy = B.backup_database(app_context.data_dir, B.journal_key(info.id),
                                 session=session)
    assert _leaks(db_files(info.path), marks) == []
    assert _leaks([copy.path], marks) == []
    logs = list((app_context.data_dir / "logs").glob("*"))
    assert _leaks(logs, marks) == []


def test_the_canary_would_see_plain_bytes(app_context):
    info = journal.create_journal(app_context, "Plain", None)
    with journal.open_journal(app_context, info.id) as session:
        session.add_attachment(f"{NAME_MARK}.txt", BYTES_MARK)
        assert _leaks(db_files(info.path), [BYTES_MARK, NAME_MARK.encode()])
