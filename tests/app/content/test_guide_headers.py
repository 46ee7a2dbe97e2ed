"""The guides' headers stored parsed give exactly what parsing their TOML gives today."""

from __future__ import annotations

import json
import os
import sys
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


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("content", [
    _nested(300_000),
    f'{{"format": "hearth guide headers 1", "headers": {{"a": {{"x": {_nested(300_000)}}}}}}}'])
def test_a_file_nested_too_deep_for_json_is_not_used(tmp_path, content):
    # Well within the size limit, and json gives up with RecursionError, not ValueError.
    (tmp_path / guide_headers.HEADERS_FILE_NAME).write_text(content)
    assert read_headers(tmp_path) == {}


def _frames() -> int:
    frame, count = sys._getframe(), 0
    while frame is not None:
        frame, count = frame.f_back, count + 1
    return count


def _deeper(frames: int, call):
    return call() if frames <= 0 else _deeper(frames - 1, call)


@pytest.fixture
def stored_in(tmp_path, monkeypatch):
    """Headers read from a file of the test's own in tmp_path."""
    monkeypatch.setattr(guide_headers, "stored_dir", lambda: tmp_path)
    guide_headers._stored.cache_clear()
    yield tmp_path / guide_headers.HEADERS_FILE_NAME
    guide_headers._stored.cache_clear()


def test_stored_values_too_deep_to_read_again_are_left_to_toml(stored_in):
    # Values that read once at start-up, nested so deep that reading them again for a guide
    # opened further down the stack would fail: a guide must parse as its TOML says.
    raw = GUIDE_FILES[0].read_text(encoding="utf-8")
    text = _header(GUIDE_FILES[0])
    depth = sys.getrecursionlimit() - _frames() - 60
    values = json.dumps(tomllib.loads(text))[:-1] + f', "notes": {_nested(depth)}}}'
    stored_in.write_text(
        f'{{"format": "hearth guide headers 1", "headers": {{"{header_key(text)}": {values}}}}}')
    assert header_values(text)["title"]  # the file read near the stack's top: fine
    guide = _deeper(120, lambda: parse_guide_text(raw, name=GUIDE_FILES[0].name))
    assert guide.title == tomllib.loads(text)["title"].strip()


def test_a_header_holding_a_lone_surrogate_is_parsed_as_toml_gives():
    # Not from a file (those are strict UTF-8), but from text handed to parse_guide_text:
    # its hash must not fail where tomllib reads it.
    raw = GUIDE_FILES[0].read_text(encoding="utf-8").replace('title = "', 'title = "\ud800', 1)
    text = header_text(raw)
    assert header_values(text) == tomllib.loads(text)
    assert parse_guide_text(raw, name="odd.md").title.startswith("\ud800")
