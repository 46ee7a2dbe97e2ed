"""Hostile Day One and jrnl fields: each one left out or assumed is named, never silent;
bytes that are not a picture are never stored as one."""

import hashlib
import json
import stat
import zipfile

import pytest

from app.journal.importers import read_source
from app.services import journal
from tests.helpers import exports
from tests.helpers.journal import PASS

SCRIPT = b"#!/bin/sh\necho gotcha\n"


@pytest.fixture
def session(app_context):
    info = journal.create_journal(app_context, "Ours", PASS)
    with journal.open_journal(app_context, info.id, PASS) as opened:
        yield opened


def _entry(uuid, **fields):
    raw = exports.dayone_entry(uuid, "2021-05-02T10:00:00Z", f"Entry {uuid}.")
    raw.update(fields)
    return raw


def _document(*entries):
    return {"metadata": {"version": "1.0"}, "entries": list(entries)}


@pytest.mark.parametrize("zone", ["Mars/Olympus", 7, "../../../etc/passwd", "/etc/passwd"])
def test_a_zone_that_is_not_one_is_taken_as_utc_and_said(tmp_path, zone):
    parsed = read_source(exports.dayone_zip(tmp_path / "x.zip", _document(
        _entry("ZONE", timeZone=zone))))
    try:
        (entry,) = parsed.entries
        assert entry.moment == "2021-05-02T10:00:00+00:00"
        assert len(parsed.problems) == 1
        assert parsed.problems[0].startswith(
            f"Journal.json: entry 1 (Sunday 2 May 2021): its time zone “{str(zone)[:40]}” is not one")
        assert parsed.problems[0].endswith("its time is taken as UTC")
    finally:
        parsed.close()


def test_starred_only_for_a_real_true_and_bad_tags_and_photos_are_named(tmp_path):
    parsed = read_source(exports.dayone_zip(tmp_path / "x.zip", _document(
        _entry("STAR", starred="yes"),
        _entry("TAGS", tags=[1, None, {}, "kept"]),
        _entry("PHOTOS", photos="x"),
        _entry("ITEMS", photos=[None, 1, "a", {"md5": 5}, {"md5": "../../x"}]),
        _entry("TRUE", starred=True),
    )))
    try:
        star, tags, _photos, _items, real = parsed.entries
        assert not star.starred and real.starred
        assert tags.tags == ("kept",)
        notes = "\n".join(parsed.problems)
        assert "entry 1 (Sunday 2 May 2021): its “starred” value 'yes' is not true or false" in notes
        assert "entry 2 (Sunday 2 May 2021): 3 of its tags were left out: they are not text" in notes
        assert "entry 3 (Sunday 2 May 2021): its photos were left out: they are not a list" in notes
        for number in (1, 2, 3):
            assert (f"entry 4 (Sunday 2 May 2021): photo {number} was left out: it is not a photo "
                    "record") in notes
        for number in (4, 5):
            assert (f"entry 4 (Sunday 2 May 2021): photo {number} was left out: its md5 is not a "
                    "file name in the export") in notes
        assert "entry 5" not in notes
    finally:
        parsed.close()


def test_jrnl_starred_text_and_bad_tags_are_named(tmp_path):
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps({"entries": [
        {"title": "One.", "body": "", "date": "2021-05-02", "time": "18:30",
         "tags": ["@a", 5], "starred": "yes"}]}))
    parsed = read_source(path)
    (entry,) = parsed.entries
    assert not entry.starred and entry.tags == ("a",)
    assert len(parsed.problems) == 2 and all(p.startswith("jrnl.json: entry 1 (Sunday 2 May 2021): ")
                                             for p in parsed.problems)


def _photo_entry(data):
    photo = exports.dayone_photo("ABCDEF0123456789", data)
    return _entry("PIC", text="Look ![](dayone-moment://ABCDEF0123456789)", photos=[photo])


def test_a_script_named_like_a_photo_is_stored_as_a_plain_file(session, tmp_path):
    md5 = hashlib.md5(SCRIPT).hexdigest()
    path = exports.dayone_zip(tmp_path / "x.zip", _document(_photo_entry(SCRIPT)),
                              extra={f"photos/{md5}.jpeg": SCRIPT})
    parsed = read_source(path)
    try:
        report = session.import_parsed(parsed)
    finally:
        parsed.close()
    (entry,) = session.get_entries()
    (stored,) = session.attachments_of(entry.id)
    assert stored.kind == "file" and not stored.mime.startswith("image/")
    assert "![" not in entry.body and f"[](attachment:{stored.id})" in entry.body
    assert session.attachment_bytes(stored.id) == SCRIPT
    assert any("is not a picture" in p and "stored as a plain file" in p
               for p in report.problems)


def test_a_zip_symlink_member_is_never_stored(session, tmp_path):
    path = exports.dayone_zip(tmp_path / "x.zip", _document(_photo_entry(b"/etc/passwd")))
    md5 = hashlib.md5(b"/etc/passwd").hexdigest()
    link = zipfile.ZipInfo(f"photos/{md5}.jpeg")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(link, "/etc/passwd")
    parsed = read_source(path)
    try:
        assert any(p.startswith(f"photos/{md5}.jpeg: left out, it is a symbolic link")
                   for p in parsed.problems)
        session.import_parsed(parsed)
    finally:
        parsed.close()
    (entry,) = session.get_entries()
    assert session.attachments_of(entry.id) == []


def test_a_stray_line_before_the_first_jrnl_entry_is_skipped_not_fatal(session, tmp_path):
    path = tmp_path / "journal.txt"
    path.write_text("garbage line\n\n[2021-05-02 18:30] Night walk. By the river.\n\n"
                    "[2021-05-03 09:00] Coffee.\n")
    parsed = read_source(path)
    assert [e.title for e in parsed.entries] == ["Night walk.", "Coffee."]
    assert parsed.left_out == ("journal.txt: line 1, before the first entry, left out: they "
                               "are not part of a dated entry",)
    report = session.import_parsed(parsed)
    assert report.text() == ("added 2, updated 0, skipped 1: journal.txt: line 1, before the "
                             "first entry, left out: they are not part of a dated entry")


def test_prose_with_a_date_deep_inside_is_still_not_a_jrnl_journal(tmp_path):
    from app.journal.importers.types import ImportSourceError

    path = tmp_path / "notes.txt"
    path.write_text("one\ntwo\nthree\nfour\nfive\n[2021-05-02 18:30] Late.\n")
    with pytest.raises(ImportSourceError, match="is not an export Hearth can read"):
        read_source(path)


def test_a_heic_photo_is_stored_as_a_file_and_named_so(session, tmp_path):
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    md5 = hashlib.md5(heic).hexdigest()
    path = exports.dayone_zip(tmp_path / "x.zip", _document(_photo_entry(heic)),
                              extra={f"photos/{md5}.jpeg": heic})
    parsed = read_source(path)
    try:
        report = session.import_parsed(parsed)
    finally:
        parsed.close()
    (entry,) = session.get_entries()
    (stored,) = session.attachments_of(entry.id)
    assert (stored.kind, stored.mime) == ("file", "image/heic")
    assert any("is a HEIC picture, which Hearth cannot show" in p for p in report.problems)
