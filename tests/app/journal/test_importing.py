"""Imports into a real journal: one transaction, idempotent, changes reported, cancellable."""

import datetime
import json

import pytest

from app.journal.importers import read_source
from app.journal.importing import STARRED_TAG, ImportCancelled
from app.services import journal
from tests.helpers import exports, photos
from tests.helpers.journal import PASS


@pytest.fixture
def session(app_context):
    info = journal.create_journal(app_context, "Ours", PASS)
    with journal.open_journal(app_context, info.id, PASS) as opened:
        yield opened


def _import(session, path, **options):
    parsed = read_source(path)
    try:
        return session.import_parsed(parsed, **options)
    finally:
        parsed.close()


def _jrnl(tmp_path, document=None, name="jrnl.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document or exports.JRNL_DOCUMENT), encoding="utf-8")
    return path


def test_dayone_zip_imports_entries_tags_stars_and_photos(session, tmp_path):
    report = _import(session, exports.dayone_zip(tmp_path / "export.zip"))
    assert report.added == 3 and report.updated == []
    assert report.skipped == ["Journal.json: entry 4 left out: it has no date",
                              "Journal.json: entry 5 left out: it is not an entry",
                              "Journal.json: entry 6 left out: it is empty"]
    assert "entry 3 (Sunday 1 January 2023): picture DEADBEEF is not in the export" in report.problems
    entries = {e.date: e for e in session.get_entries()}
    walk = entries[datetime.date(2021, 5, 3)]
    assert walk.title == "Night walk by the river"
    assert walk.tags == ("walk", "us", STARRED_TAG)
    assert "dayone-moment" not in walk.body
    (picture,) = session.attachments_of(walk.id)
    assert f"![](attachment:{picture.id})" in walk.body
    assert picture.captured_at == datetime.datetime(2021, 5, 2, 18, 30)
    kept = session.attachment_bytes(picture.id)
    assert photos.GPS_MARK not in kept and picture.location_removed
    assert not picture.has_display  # made by the window the first time it is shown
    breakfast = entries[datetime.date(2022, 12, 24)]
    assert session.attachment_bytes(session.attachments_of(breakfast.id)[0].id) == \
        exports.PHOTO_B
    assert session.attachment_marks([walk.id, breakfast.id]) == {
        walk.id: "picture", breakfast.id: "picture"}


def test_keep_location_keeps_the_photo_as_exported(session, tmp_path):
    _import(session, exports.dayone_zip(tmp_path / "export.zip"), keep_location=True)
    stored = [session.attachment_bytes(a.id) for e in session.get_entries()
              for a in session.attachments_of(e.id)]
    assert exports.PHOTO_A in stored


@pytest.mark.parametrize("make", [
    lambda tmp: exports.dayone_zip(tmp / "export.zip"),
    lambda tmp: _jrnl(tmp),
    lambda tmp: (tmp / "journal.txt").write_text(exports.JRNL_TEXT) and tmp / "journal.txt",
    lambda tmp: (tmp / "Journal.txt").write_text(exports.DAYONE_TEXT) and tmp / "Journal.txt",
    lambda tmp: exports.markdown_folder(tmp / "notes"),
], ids=["dayone-zip", "jrnl-json", "jrnl-text", "dayone-text", "markdown"])
def test_importing_the_same_export_twice_adds_nothing(session, tmp_path, make):
    path = make(tmp_path)
    first = _import(session, path)
    counts = session.counts()
    second = _import(session, path)
    assert first.added > 0
    assert second.added == 0 and second.updated == []
    assert second.already == first.added
    assert session.counts() == counts
    assert second.text().startswith(f"added 0, updated 0, skipped {second.already + len(second.skipped)}: "
                                    f"{first.added} already imported")


def test_a_duplicate_inside_one_export_is_skipped_with_its_reason(session, tmp_path):
    report = _import(session, _jrnl(tmp_path))
    assert report.added == 2
    assert report.skipped == ["jrnl.json: entry 4 left out: its date “02/05/2021” cannot "
                              "be read",
                              "entry 3 (Sunday 2 May 2021): it repeats an earlier entry of the export"]
    assert report.problems == []


def test_an_entry_changed_in_the_source_updates_an_untouched_copy(session, tmp_path):
    _import(session, _jrnl(tmp_path))
    changed = json.loads(json.dumps(exports.JRNL_DOCUMENT))
    changed["entries"][1]["body"] = "Long day at @work.\nStill smiling, then home."
    report = _import(session, _jrnl(tmp_path, changed, "jrnl2.json"))
    assert report.added == 0
    assert report.updated == ["entry 2 (Saturday 24 December 2022)"]
    bodies = [e.body for e in session.get_entries()]
    assert "Long day at @work.\nStill smiling, then home." in bodies
    assert len(bodies) == 2


def test_an_entry_changed_in_both_places_keeps_hearths_and_says_so(session, tmp_path):
    _import(session, _jrnl(tmp_path))
    mine = next(e for e in session.get_entries() if e.title == "Deadline.")
    session.save_entry(journal.EntryInput(date=mine.date, title=mine.title,
                                          body="My own words now.", tags=mine.tags), mine.id)
    changed = json.loads(json.dumps(exports.JRNL_DOCUMENT))
    changed["entries"][1]["body"] = "Changed in jrnl too."
    report = _import(session, _jrnl(tmp_path, changed, "jrnl2.json"))
    assert report.updated == []
    assert report.skipped[1] == ("entry 2 (Saturday 24 December 2022): it changed in the export and "
                                  "was also edited in Hearth; Hearth's version is kept")
    assert session.get_entry(mine.id).body == "My own words now."


def test_an_entry_deleted_in_hearth_is_not_brought_back(session, tmp_path):
    _import(session, _jrnl(tmp_path))
    gone = next(e for e in session.get_entries() if e.title == "Deadline.")
    session.delete_entry(gone.id)
    changed = json.loads(json.dumps(exports.JRNL_DOCUMENT))
    changed["entries"][1]["body"] = "Changed."
    report = _import(session, _jrnl(tmp_path, changed, "jrnl2.json"))
    assert report.added == 0 and "deleted in Hearth" in report.skipped[1]


def test_cancel_stores_nothing_at_all(session, tmp_path):
    path = exports.dayone_zip(tmp_path / "export.zip")
    before = session.counts()
    seen = []

    def cancelled():
        return len(seen) >= 2

    with pytest.raises(ImportCancelled):
        _import(session, path, progress=lambda done, total: seen.append((done, total)),
                cancelled=cancelled)
    assert session.counts() == before
    assert seen[0] == (0, 3)


def test_progress_reaches_the_end(session, tmp_path):
    seen = []
    _import(session, _jrnl(tmp_path), progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)


def test_an_entry_the_journal_refuses_is_skipped_alone(session, tmp_path):
    document = {"entries": [
        {"title": "x" * 300, "body": "", "date": "2021-01-01", "time": "10:00", "tags": [],
         "starred": False},
        {"title": "Fine.", "body": "", "date": "2021-01-02", "time": "10:00",
         "tags": ["@" + "t" * 39], "starred": False},
    ]}
    report = _import(session, _jrnl(tmp_path, document))
    assert report.added == 2  # a long jrnl title becomes the body's first line
    assert all(e.title or e.body for e in session.get_entries())


def test_markdown_folder_photos_come_along_byte_for_byte(session, tmp_path):
    report = _import(session, exports.markdown_folder(tmp_path / "notes"), keep_location=True)
    assert report.added == 4
    walk = next(e for e in session.get_entries() if e.title == "Night walk")
    (picture,) = session.attachments_of(walk.id)
    assert session.attachment_bytes(picture.id) == exports.PHOTO_A
    assert f"](attachment:{picture.id})" in walk.body and "river.jpg)" not in walk.body


def test_an_update_that_drops_a_tag_then_an_entry_using_it_imports(session, tmp_path):
    first = {"entries": [
        {"title": "One.", "body": "a", "date": "2021-01-01", "time": "10:00",
         "tags": ["@rare"], "starred": False},
    ]}
    _import(session, _jrnl(tmp_path, first, "a.json"))
    second = {"entries": [
        {"title": "One.", "body": "a, changed", "date": "2021-01-01", "time": "10:00",
         "tags": [], "starred": False},
        {"title": "Two.", "body": "b", "date": "2021-01-02", "time": "10:00",
         "tags": ["@rare"], "starred": False},
    ]}
    report = _import(session, _jrnl(tmp_path, second, "b.json"))
    assert report.updated == ["entry 1 (Friday 1 January 2021)"] and report.added == 1
    assert session.all_tags() == ["rare"]
