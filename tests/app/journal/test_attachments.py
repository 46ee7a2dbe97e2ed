"""Pictures and files stored inside the journal file: limits, GPS, claiming, verifying."""

import datetime
import hashlib

import pytest

from app.errors import NotFoundError, ValidationError
from app.journal import attachments
from tests.helpers import photos

NOW = datetime.datetime(2026, 11, 20, 21, 0)


def _entry(db, body="A day out."):
    return db.execute_sql(
        "INSERT INTO entry (date, body, created_at, updated_at) VALUES (?, ?, ?, ?)",
        ("2026-11-20", body, NOW.isoformat(), NOW.isoformat())).lastrowid


def test_picture_is_stored_without_its_location_and_with_its_capture_date(journal_db):
    data = photos.jpeg_with_exif()
    stored = attachments.add(journal_db, name="walk.jpg", data=data, now=NOW)
    assert stored.kind == "picture" and stored.mime == "image/jpeg"
    assert stored.captured_at == datetime.datetime(2021, 5, 2, 18, 30)
    assert stored.location_removed and not stored.has_display
    kept = attachments.original(journal_db, stored.id)
    assert photos.GPS_MARK not in kept and len(kept) == stored.size
    assert hashlib.sha256(kept).hexdigest() == stored.sha256


def test_the_location_is_kept_when_asked(journal_db):
    data = photos.jpeg_with_exif()
    stored = attachments.add(journal_db, name="walk.jpg", data=data, now=NOW,
                             keep_location=True)
    assert attachments.original(journal_db, stored.id) == data
    assert not stored.location_removed


def test_other_files_are_kept_byte_for_byte(journal_db):
    data = bytes(range(256)) * 10
    stored = attachments.add(journal_db, name="../../ticket.pdf", data=data, now=NOW)
    assert stored.kind == "file" and stored.name == "ticket.pdf"
    assert stored.mime == "application/pdf"
    assert attachments.original(journal_db, stored.id) == data
    assert stored.link == f"[ticket.pdf](attachment:{stored.id})"


def test_over_the_limit_is_refused_with_the_size_and_nothing_is_stored(journal_db):
    big = b"\0" * (attachments.SIZE_MAX + 1)
    with pytest.raises(ValidationError, match="at most 50 MB"):
        attachments.add(journal_db, name="film.mov", data=big, now=NOW)
    assert journal_db.execute_sql("SELECT count(*) FROM attachment").fetchone()[0] == 0
    with pytest.raises(ValidationError, match="empty"):
        attachments.add(journal_db, name="x", data=b"", now=NOW)


def test_display_copy_is_separate_and_optional(journal_db):
    stored = attachments.add(journal_db, name="a.jpg", data=photos.small_jpeg(), now=NOW,
                             display=b"small", width=64, height=48)
    assert stored.has_display and attachments.display(journal_db, stored.id) == b"small"
    later = attachments.add(journal_db, name="b.jpg", data=photos.small_jpeg(), now=NOW)
    assert attachments.display(journal_db, later.id) is None
    attachments.set_display(journal_db, later.id, b"made", 64, 48)
    assert attachments.get(journal_db, later.id).has_display
    with pytest.raises(ValidationError):
        attachments.set_display(journal_db, later.id, b"x", 3000, 10)


def test_claim_marks_and_deleting_the_entry_deletes_its_files(journal_db):
    entry = _entry(journal_db)
    other = _entry(journal_db)
    pic = attachments.add(journal_db, name="a.jpg", data=photos.small_jpeg(), now=NOW)
    doc = attachments.add(journal_db, name="b.txt", data=b"notes", now=NOW)
    body = f"Look {pic.link} and {doc.link}"
    assert attachments.referenced_ids(body) == [pic.id, doc.id]
    assert attachments.claim(journal_db, entry, body) == [pic.id, doc.id]
    assert [a.id for a in attachments.for_entry(journal_db, entry)] == [pic.id, doc.id]
    # Already claimed: another entry quoting the link does not take it.
    attachments.claim(journal_db, other, body)
    assert attachments.for_entry(journal_db, other) == []
    assert attachments.marks(journal_db, [entry, other]) == {entry: "picture"}
    with journal_db.atomic():
        journal_db.execute_sql("DELETE FROM entry WHERE id = ?", (entry,))
    assert journal_db.execute_sql("SELECT count(*) FROM attachment").fetchone()[0] == 0
    assert journal_db.execute_sql("SELECT count(*) FROM attachment_data").fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        attachments.original(journal_db, pic.id)


def test_unclaimed_files_are_forgotten_only_when_old_and_not_kept(journal_db):
    old = attachments.add(journal_db, name="a.txt", data=b"a", now=NOW)
    kept = attachments.add(journal_db, name="b.txt", data=b"b", now=NOW)
    new = attachments.add(journal_db, name="c.txt", data=b"c",
                          now=NOW + datetime.timedelta(days=2))
    assert attachments.remove_unclaimed(journal_db, NOW + datetime.timedelta(days=1),
                                        keep=[kept.id]) == 1
    left = [a.id for a in attachments.for_ids(journal_db, [old.id, kept.id, new.id])]
    assert left == [kept.id, new.id]


def test_problems_finds_changed_and_missing_bytes(journal_db):
    a = attachments.add(journal_db, name="a.txt", data=b"hello", now=NOW)
    b = attachments.add(journal_db, name="b.txt", data=b"world", now=NOW)
    assert attachments.problems(journal_db) == []
    with journal_db.atomic():
        journal_db.execute_sql("UPDATE attachment_data SET original = ? WHERE attachment_id = ?",
                               (b"jello", a.id))
        journal_db.execute_sql("PRAGMA foreign_keys = OFF")
        journal_db.execute_sql("DELETE FROM attachment_data WHERE attachment_id = ?", (b.id,))
    assert attachments.problems(journal_db) == [
        f"attachment {a.id}: its bytes do not match their checksum",
        f"attachment {b.id}: its bytes are missing",
    ]


def test_listing_reads_no_picture_bytes(journal_db):
    entry = _entry(journal_db)
    pic = attachments.add(journal_db, name="a.jpg", data=photos.small_jpeg(), now=NOW,
                          entry_id=entry)
    traced = []
    journal_db.connection().set_trace_callback(traced.append)
    try:
        attachments.marks(journal_db, [entry])
        attachments.for_entry(journal_db, entry)
    finally:
        journal_db.connection().set_trace_callback(None)
    assert traced and not any("original" in sql for sql in traced)
    assert pic.id
