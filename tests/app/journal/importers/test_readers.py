"""Each reader against an export built to its app's published shape, broken entries too."""

import datetime
import json

import pytest

from app.journal.importers import ImportSourceError, read_source
from tests.helpers import exports


def _by_day(parsed):
    return {entry.date: entry for entry in parsed.entries}


def test_dayone_zip_entries_dates_in_their_zone_photos_and_broken_ones(tmp_path):
    parsed = read_source(exports.dayone_zip(tmp_path / "export.zip"))
    try:
        assert parsed.source == "dayone"
        days = _by_day(parsed)
        assert sorted(days) == [datetime.date(2021, 5, 3), datetime.date(2022, 12, 24),
                                datetime.date(2023, 1, 1)]
        walk = days[datetime.date(2021, 5, 3)]
        assert walk.title == "Night walk by the river"
        assert walk.body.startswith("We walked until the bridge. It was lovely!")
        assert walk.moment == "2021-05-03T01:30:00+02:00"
        assert walk.tags == ("walk", "us") and walk.starred
        assert walk.key == "A1B2C3D4E5F60718293A4B5C6D7E8F90"
        assert [p.read() for p in walk.photos] == [exports.PHOTO_A]
        assert walk.photos[0].link in walk.body
        breakfast = days[datetime.date(2022, 12, 24)]
        assert breakfast.moment == "2022-12-24T03:00:00-05:00"
        assert breakfast.title == "" and breakfast.body.startswith("Christmas Eve breakfast.")
        # An unknown zone falls back to UTC rather than losing the entry.
        assert days[datetime.date(2023, 1, 1)].moment == "2023-01-01T10:00:00+00:00"
        assert parsed.problems == (
            "Journal.json: entry 3 (Sunday 1 January 2023): its time zone “Not/AZone” is not one "
            "Hearth knows; its time is taken as UTC",)
        assert parsed.left_out == (
            "Journal.json: entry 4 left out: it has no date",
            "Journal.json: entry 5 left out: it is not an entry",
            "Journal.json: entry 6 left out: it is empty",
        )
    finally:
        parsed.close()


def test_dayone_bare_json_says_its_pictures_need_the_zip(tmp_path):
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(exports.dayone_document()), encoding="utf-8")
    parsed = read_source(path)
    assert len(parsed.entries) == 3 and all(not e.photos for e in parsed.entries)
    assert any("import the export's .zip" in p for p in parsed.problems)


def test_dayone_text_export(tmp_path):
    path = tmp_path / "Journal.txt"
    path.write_text(exports.DAYONE_TEXT, encoding="utf-8")
    parsed = read_source(path)
    walk, breakfast = parsed.entries
    assert (walk.date, walk.title, walk.tags, walk.starred) == (
        datetime.date(2021, 5, 2), "Night walk", ("walk", "us"), True)
    assert walk.body == "We walked until the bridge."
    assert walk.moment == "2021-05-02T18:30:00"
    assert breakfast.moment == "2022-12-24T09:05:00" and not breakfast.starred
    assert parsed.left_out == ("Journal.txt: entry 3 (line 15) left out: its date "
                               "“sometime in spring” cannot be read",)


def test_jrnl_json_export(tmp_path):
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(exports.JRNL_DOCUMENT), encoding="utf-8")
    parsed = read_source(path)
    assert parsed.source == "jrnl"
    first, second, repeat = parsed.entries
    assert (first.title, first.tags, first.starred, first.moment) == (
        "Night walk by the river.", ("walk",), True, "2021-05-02T18:30:00")
    assert second.body == "Long day at @work.\nStill smiling."
    assert first.key is None and repeat.match_key == first.match_key
    assert parsed.left_out == ("jrnl.json: entry 4 left out: its date “02/05/2021” cannot "
                               "be read",)


def test_jrnl_text_journal_both_date_styles_and_stars(tmp_path):
    path = tmp_path / "journal.txt"
    path.write_text(exports.JRNL_TEXT, encoding="utf-8")
    parsed = read_source(path)
    walk, deadline, old = parsed.entries
    assert walk.title == "Night walk by the river." and walk.starred
    assert walk.body == "We walked with @walk until the bridge.\nIt was lovely."
    assert walk.tags == ("walk",)
    assert (deadline.title, deadline.tags, deadline.starred) == ("Deadline.", ("work",), False)
    assert old.date == datetime.date(2019, 3, 1) and old.moment == "2019-03-01T07:15:00"


def test_markdown_folder_front_matter_names_hashtags_and_pictures(tmp_path):
    root = exports.markdown_folder(tmp_path / "notes")
    (tmp_path / "secret.jpg").write_bytes(b"outside the folder")
    parsed = read_source(root)
    entries = {e.key: e for e in parsed.entries}
    walk = entries["2021-05-02.md"]
    assert (walk.title, walk.tags) == ("Night walk", ("walk", "us"))
    assert [p.read() for p in walk.photos] == [exports.PHOTO_A]
    christmas = entries["notes/christmas.md"]
    assert (christmas.title, christmas.tags, christmas.starred) == (
        "Christmas Eve", ("family", "food"), True)
    assert christmas.moment == "2022-12-24T09:05:00-05:00"
    assert entries["20230101 new year.md"].tags == ("party",)
    # A link out of the folder is not followed.
    assert entries["2023-03-03 outside.md"].photos == ()
    assert parsed.left_out == ("undated.md: left out: it has no date in its name or front "
                               "matter",)


@pytest.mark.parametrize("content, message", [
    (b"", "is not an export Hearth can read"),
    (b"{\"entries\": 3}", "is JSON, but not a Day One or jrnl export"),
    (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    (b"{\"entries\": [", "is not valid JSON"),
    (b"\xff\xfe\x00garbage", "is not UTF-8 text"),
])
def test_bad_files_are_one_line(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ImportSourceError, match=message):
        read_source(path)


def test_a_fifo_and_a_missing_path_are_refused(tmp_path):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ImportSourceError, match="not a file or folder"):
        read_source(fifo)
    with pytest.raises(ImportSourceError, match="cannot be read"):
        read_source(tmp_path / "nothing.zip")
