"""`hearth import-journal` driven as a script would: a real process, the passphrase on stdin."""

from __future__ import annotations

import json

import pytest

from app.services import journal
from tests.app.commands.test_journal import (
    _entries,
    _unchanged_state,
    assert_logs_hold_none_of,
    filled,  # noqa: F401 (a fixture, by name)
    hearth,
    ok,
    refused,
)
from tests.helpers import exports, photos
from tests.helpers.journal import PASS


def test_import_into_a_protected_journal_then_again_adds_nothing(filled, tmp_path):  # noqa: F811
    export = exports.dayone_zip(tmp_path / "export.zip")
    first = hearth(filled, "import-journal", "--journal", "ours", str(export), stdin=PASS + "\n")
    assert ok(first).splitlines()[0] == (
        "added 3, updated 0, skipped 3: Journal.json: entry 4 left out: it has no date; "
        "Journal.json: entry 5 left out: it is not an entry; Journal.json: entry 6 left out: "
        "it is empty")
    assert "picture DEADBEEF is not in the export" in first.stderr
    entries = _entries(filled, "Ours", PASS)
    assert len(entries) == 4
    again = hearth(filled, "import-journal", "--journal", "Ours", str(export), stdin=PASS + "\n")
    assert ok(again).splitlines()[0] == "added 0, updated 0, skipped 6: 3 already imported; Journal.json: entry 4 left out: it has no date; Journal.json: entry 5 left out: it is not an entry; and 1 more"
    assert len(_entries(filled, "Ours", PASS)) == 4
    # Neither entry text nor photo bytes nor names reach the log.
    assert_logs_hold_none_of(filled, "Night walk", "bridge", "3E5A9C1B7D2F4E6A8B0C")
    for path in (filled / "journals").iterdir():
        data = path.read_bytes()
        assert b"Night walk" not in data and exports.PHOTO_B[200:260] not in data
        assert b"3E5A9C1B7D2F" not in data


def test_jrnl_into_an_unprotected_journal_reports_duplicates_and_bad_entries(filled,  # noqa: F811
                                                                             tmp_path):
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(exports.JRNL_DOCUMENT))
    result = hearth(filled, "import-journal", "--journal", "Shared", str(path))
    lines = ok(result).splitlines()
    assert lines[0] == ("added 2, updated 0, skipped 2: jrnl.json: entry 4 left out: its "
                        "date “02/05/2021” cannot be read; entry 3 (Sunday 2 May 2021): it repeats "
                        "an earlier entry of the export")
    assert "skipped jrnl.json: entry 4 left out: its date “02/05/2021” cannot be read" in \
        lines
    assert "entry 4" not in result.stderr


@pytest.mark.parametrize("make, words", [
    (lambda tmp: tmp / "missing.zip", "cannot be read"),
    (lambda tmp: (tmp / "x.json").write_text("{\"entries\": [") and tmp / "x.json",
     "is not valid JSON"),
    (lambda tmp: (tmp / "x.txt").write_text("just some words") and tmp / "x.txt",
     "is not an export Hearth can read"),
])
def test_a_bad_export_is_one_line_and_asks_nothing(filled, tmp_path, make, words):  # noqa: F811
    before = _unchanged_state(filled)
    # No passphrase given: the file is refused before one would be asked.
    refused(hearth(filled, "import-journal", "--journal", "Ours", str(make(tmp_path))), words)
    assert _unchanged_state(filled) == before


def test_a_wrong_passphrase_stores_nothing(filled, tmp_path):  # noqa: F811
    before = _unchanged_state(filled)
    export = exports.dayone_zip(tmp_path / "export.zip")
    refused(hearth(filled, "import-journal", "--journal", "Ours", str(export),
                   stdin="not the passphrase\n"), "passphrase")
    assert _unchanged_state(filled) == before


def test_keep_location(filled, tmp_path):  # noqa: F811
    export = exports.dayone_zip(tmp_path / "export.zip")
    ok(hearth(filled, "import-journal", "--journal", "Shared", "--keep-location", str(export)))
    from app.context import open_app

    context = open_app(filled)
    try:
        info = next(i for i in journal.list_journals(context) if i.name == "Shared")
        with journal.open_journal(context, info.id) as session:
            kept = [session.attachment_bytes(a.id) for e in session.get_entries()
                    for a in session.attachments_of(e.id)]
    finally:
        context.close()
    assert any(photos.GPS_MARK in data for data in kept)
