"""The guides' headers stored parsed give exactly what parsing their TOML gives today."""

from __future__ import annotations

import json
import os
import tomllib

import pytest

from app.content import guide_headers, stored
from app.content.guide_headers import header_key, header_values, read_headers, stored_text
from app.content.guide_html import write_headers
from app.content.guides import ContentError, guides_dir, header_text, parse_guide_text

STALE = "stale: write them anew with `python -m app.content.guide_html`"
GUIDE_FILES = sorted(guides_dir().glob("*.md"))


def _header(path) -> str:
    text = header_text(path.read_text(encoding="utf-8"))
    assert text is not None
    return text


@pytest.mark.parametrize("path", GUIDE_FILES, ids=lambda path: path.stem)
def test_every_bundled_header_is_stored_with_the_values_toml_gives(path):
    text = _header(path)
    stored_values = read_headers(stored.stored_dir()).get(header_key(text))
    assert stored_values is not None, STALE
    assert json.loads(stored_values) == tomllib.loads(text), STALE


def test_the_stored_file_is_exactly_what_writing_it_again_gives(tmp_path):
    assert write_headers(folder=tmp_path) == [tmp_path / guide_headers.HEADERS_FILE_NAME]
    written = (tmp_path / guide_headers.HEADERS_FILE_NAME).read_text(encoding="utf-8")
    bundled = guide_headers.headers_path().read_text(encoding="utf-8")
    assert written == bundled, STALE
    assert write_headers(folder=tmp_path) == []  # nothing changed: nothing written


def test_a_header_that_is_not_stored_is_parsed_as_toml():
    text = _header(GUIDE_FILES[0]).replace('title = "', 'title = "Edited: ', 1)
    assert read_headers(stored.stored_dir()).get(header_key(text)) is None
    values = header_values(text)
    assert values == tomllib.loads(text)
    assert values["title"].startswith("Edited: ")


def test_a_stored_header_comes_back_as_a_fresh_copy_each_time():
    text = _header(GUIDE_FILES[0])
    first = header_values(text)
    first["tags"].append("changed by a caller")
    assert header_values(text) == tomllib.loads(text)


def test_an_edited_guide_is_parsed_from_its_own_text_and_bad_toml_still_fails():
    raw = GUIDE_FILES[0].read_text(encoding="utf-8")
    edited = raw.replace("minutes = 5", "minutes = 7", 1)
    assert edited != raw
    assert parse_guide_text(edited, name="edited.md").minutes == 7
    broken = raw.replace("minutes = 5", "minutes = = 5", 1)
    with pytest.raises(ContentError, match="not valid TOML"):
        parse_guide_text(broken, name="broken.md")


def test_values_json_would_change_are_left_to_toml():
    dated = 'id = "a"\nwhen = 2026-01-02\n'
    plain = 'id = "b"\ncount = 3\nflag = true\n'
    data = json.loads(stored_text([dated, plain]))
    assert set(data["headers"]) == {header_key(plain)}
    assert data["headers"][header_key(plain)] == {"id": "b", "count": 3, "flag": True}


@pytest.mark.parametrize("content", [
    b"not json at all", b"[1, 2, 3]", b'{"format": "something else", "headers": {}}',
    b'{"format": "hearth guide headers 1", "headers": [1]}', b"\xff\xfe broken utf-8"])
def test_a_damaged_or_foreign_file_is_not_used(tmp_path, content):
    (tmp_path / guide_headers.HEADERS_FILE_NAME).write_bytes(content)
    assert read_headers(tmp_path) == {}


def test_entries_that_are_not_header_values_are_skipped(tmp_path):
    (tmp_path / guide_headers.HEADERS_FILE_NAME).write_text(json.dumps({
        "format": "hearth guide headers 1",
        "headers": {"a": {"id": "kept"}, "b": "not a table", "c": [1]}}))
    assert read_headers(tmp_path) == {"a": json.dumps({"id": "kept"})}


def test_a_pipe_a_link_or_an_oversized_file_is_not_read(tmp_path):
    path = tmp_path / guide_headers.HEADERS_FILE_NAME
    os.mkfifo(path)  # reading it would wait for a writer forever
    assert read_headers(tmp_path) == {}
    path.unlink()
    good = tmp_path / "elsewhere.json"
    write_headers(folder=tmp_path)
    path.rename(good)
    path.symlink_to(good)  # even to a file that would pass: a link may point anywhere
    assert read_headers(tmp_path) == {}
    path.unlink()
    path.symlink_to("/dev/zero")
    assert read_headers(tmp_path) == {}
    path.unlink()
    with path.open("wb") as stream:  # sparse: larger than any made file, cheap on disk
        stream.seek(stored.MAX_STORED_BYTES + 1)
        stream.write(b"x")
    assert read_headers(tmp_path) == {}
