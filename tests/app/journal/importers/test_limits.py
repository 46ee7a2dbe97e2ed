"""Hostile exports cost bounded time and memory and are refused or trimmed in one line."""

import json
import zipfile

import pytest

from app.journal.importers import ImportSourceError, limits, read_source
from tests.helpers import exports


def test_zip_bomb_member_is_refused_without_unpacking_it(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        # 80 MB of spaces inside valid JSON compresses to about 80 KB.
        archive.writestr("Journal.json", b'{"metadata": {}, "entries": []' + b" " * 80_000_000
                         + b"}")
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ImportSourceError, match="larger than 64 MB|zip bomb"):
        read_source(path)


def test_member_lying_about_its_size_is_cut_at_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "lie.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("photos/x.jpeg", b"x" * 5000)
    archive = limits.BoundedZip(path)
    try:
        with pytest.raises(ImportSourceError, match="larger than"):
            archive.read("photos/x.jpeg", limit=1000)
        assert archive.read("photos/x.jpeg", limit=10_000) == b"x" * 5000
    finally:
        archive.close()


@pytest.mark.parametrize("name", ["../../evil.json", "/etc/evil.json", "photos/../../x.jpeg",
                                  "C:/evil.json", "a\\..\\b.json"])
def test_names_pointing_outside_the_zip_are_left_out_and_never_written(tmp_path, name):
    path = exports.dayone_zip(tmp_path / "export.zip", extra={name: b"{}"})
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    parsed = read_source(path)
    try:
        assert len(parsed.entries) == 3
        assert any("points outside the zip" in p for p in parsed.problems)
    finally:
        parsed.close()
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.zip"]


def test_too_many_members_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "ZIP_MEMBERS_MAX", 5)
    path = exports.dayone_zip(tmp_path / "export.zip",
                              extra={f"photos/{n}.jpeg": b"x" for n in range(10)})
    with pytest.raises(ImportSourceError, match="more than 5 files"):
        read_source(path)


def test_too_many_entries_is_refused(tmp_path, monkeypatch):
    from app.journal.importers import jrnl_json

    monkeypatch.setattr(jrnl_json, "ENTRIES_MAX", 3)
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(exports.JRNL_DOCUMENT))
    with pytest.raises(ImportSourceError, match="more than 3 entries"):
        read_source(path)


def test_a_damaged_zip_is_one_line(tmp_path):
    path = tmp_path / "export.zip"
    data = exports.dayone_zip(tmp_path / "good.zip").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportSourceError, match="not a readable zip"):
        read_source(path)


def test_a_zip_without_a_journal(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photos/a.jpeg", b"x")
    with pytest.raises(ImportSourceError, match="holds no Day One journal"):
        read_source(path)


def test_an_entry_over_one_megabyte_is_left_out_alone(tmp_path):
    document = {"entries": [
        {"title": "Big.", "body": "x" * (limits.BODY_MAX + 1), "date": "2021-01-01",
         "time": "10:00", "tags": [], "starred": False},
        {"title": "Small.", "body": "fine", "date": "2021-01-02", "time": "10:00",
         "tags": [], "starred": False},
    ]}
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(document))
    parsed = read_source(path)
    assert [e.title for e in parsed.entries] == ["Small."]
    assert parsed.left_out == ("jrnl.json: entry 1 left out: its text is longer than 1 MB",)


def test_markdown_folder_does_not_follow_links(tmp_path):
    root = exports.markdown_folder(tmp_path / "notes")
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "2020-01-01.md").write_text("hidden words")
    (root / "linked").symlink_to(outside)
    (root / "2020-02-02.md").symlink_to(outside / "2020-01-01.md")
    parsed = read_source(root)
    assert all("hidden words" not in e.body for e in parsed.entries)
    assert "2020-02-02.md: left out: it is a link, which Hearth does not follow" in \
        parsed.left_out
