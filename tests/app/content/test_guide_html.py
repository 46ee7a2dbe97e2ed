"""The guides' bodies stored as HTML match what converting their Markdown gives today."""

from __future__ import annotations

import dataclasses

import pytest

from app.content import guide_html
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
    edited = dataclasses.replace(guide, opening=guide.opening + "\n\nOne *more* line.")
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
