"""The guides' bodies stored as HTML match what converting their Markdown gives today."""

from __future__ import annotations

import pytest

from app.content import guide_html, stored
from app.content.guide_html import (
    body_html,
    body_markdown,
    convert,
    rendered_dir,
    rendered_path,
    stored_body_html,
    write_rendered,
)
from app.content.guides import load_guides

STALE = "stale: write them anew with `python -m app.content.guide_html`"


@pytest.mark.parametrize("guide", load_guides(), ids=lambda guide: guide.id)
def test_every_bundled_guide_has_its_body_stored_exactly_as_converting_it_gives(guide):
    stored = stored_body_html(guide)
    assert stored is not None, STALE
    assert stored == convert(body_markdown(guide)), STALE


def test_no_stored_file_is_left_over_from_a_guide_that_is_gone():
    ids = {guide.id for guide in load_guides()}
    assert {path.stem for path in rendered_dir().glob("*.html")} == ids


def test_a_stored_file_made_from_other_text_is_not_used(tmp_path):
    guide = load_guides()[0]
    write_rendered([guide], tmp_path)
    assert stored_body_html(guide, tmp_path) is not None
    edited = guide._replace(opening=guide.opening + "\n\nOne *more* line.")
    assert stored_body_html(edited, tmp_path) is None
    assert body_html(edited, tmp_path) == convert(body_markdown(edited))
    assert "<em>more</em>" in body_html(edited, tmp_path)


def test_a_new_renderer_version_makes_every_stored_file_stale(tmp_path, monkeypatch):
    guide = load_guides()[0]
    write_rendered([guide], tmp_path)
    monkeypatch.setattr(guide_html, "RENDERER_VERSION", guide_html.RENDERER_VERSION + "-next")
    assert stored_body_html(guide, tmp_path) is None


def test_a_missing_or_unreadable_file_falls_back_to_converting(tmp_path):
    guide = load_guides()[0]
    assert body_html(guide, tmp_path) == convert(body_markdown(guide))
    rendered_path(guide, tmp_path).write_bytes(b"\xff\xfe not text")
    assert body_html(guide, tmp_path) == convert(body_markdown(guide))


def _stored(tmp_path):
    guide = load_guides()[0]
    write_rendered([guide], tmp_path)
    path = rendered_path(guide, tmp_path)
    return guide, path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["cut short", "header only", "body changed",
                                    "something added", "line endings changed"])
def test_a_stored_file_cut_short_or_changed_after_its_header_is_not_used(tmp_path, damage):
    guide, path, text = _stored(tmp_path)
    header, body = text.split("\n", 1)
    damaged = {"cut short": text[:len(text) // 2],
               "header only": header + "\n",
               "body changed": header + "\n" + body.replace("<p>", "<p>INJECTED ", 1),
               "something added": text + '<img src="file:///etc/passwd">',
               "line endings changed": text.replace("\n", "\r\n")}[damage]
    path.write_text(damaged, encoding="utf-8", newline="")
    assert stored_body_html(guide, tmp_path) is None
    assert body_html(guide, tmp_path) == convert(body_markdown(guide))


def test_a_pipe_a_link_or_an_oversized_file_where_a_body_belongs_is_not_read(tmp_path):
    import os

    guide, path, text = _stored(tmp_path)
    expected = convert(body_markdown(guide))
    path.unlink()
    os.mkfifo(path)  # reading it would wait for a writer forever
    assert body_html(guide, tmp_path) == expected
    path.unlink()
    good = tmp_path / "elsewhere.html"
    good.write_text(text, encoding="utf-8")
    path.symlink_to(good)  # even to a file that would pass: a link may point anywhere
    assert stored_body_html(guide, tmp_path) is None
    path.unlink()
    path.symlink_to("/dev/zero")
    assert body_html(guide, tmp_path) == expected
    path.unlink()
    with path.open("wb") as stream:  # sparse: larger than any guide, cheap on disk
        stream.seek(stored.MAX_STORED_BYTES + 1)
        stream.write(b"x")
    assert body_html(guide, tmp_path) == expected


def test_a_stored_body_is_read_without_loading_markdown(tmp_path):
    import subprocess
    import sys

    from tests.helpers.paths import ROOT

    code = ("import sys\n"
            "from app.content.guide_html import body_html\n"
            "from app.content.guides import load_guides\n"
            "html = body_html(load_guides()[0])\n"
            "assert html.startswith('<'), html[:40]\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('markdown', 'xml')))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_writing_keeps_what_is_current_and_drops_what_is_gone(tmp_path):
    first, second = load_guides()[:2]
    assert write_rendered([first, second], tmp_path) == [rendered_path(first, tmp_path),
                                                        rendered_path(second, tmp_path)]
    assert write_rendered([first, second], tmp_path) == []
    assert write_rendered([first], tmp_path) == [rendered_path(second, tmp_path)]
    assert not rendered_path(second, tmp_path).exists()
