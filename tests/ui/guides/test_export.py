"""A guide saved as PDF into a new name, a device, a FIFO, a symlink, and refused folders."""

from __future__ import annotations

import os
import stat

import pytest

from app.content.guides import guides_dir, parse_guide
from app.output_file import OutputError
from tests.helpers.output_targets import (
    FifoReader,
    assert_same_device,
    listing,
    make_char_device,
)
from ui.guides.export import export_pdf

GUIDE = "what-is-emotional-intimacy"


@pytest.fixture
def guide(qapp):
    return parse_guide(guides_dir() / f"{GUIDE}.md")


def test_a_new_name_gets_the_suffix_and_an_owner_only_file(guide, tmp_path):
    written = export_pdf(guide, tmp_path / "closeness")
    assert written == tmp_path / "closeness.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(os.lstat(written).st_mode) == 0o600
    assert listing(tmp_path) == ["closeness.pdf"]


def test_a_device_is_written_in_place_without_a_suffix(guide, tmp_path):
    device = tmp_path / "null"
    before = make_char_device(device)
    assert export_pdf(guide, device) == device
    assert_same_device(device, before)
    assert listing(tmp_path) == ["null"]


def test_a_fifo_receives_the_pdf(guide, tmp_path):
    reader = FifoReader(tmp_path / "pipe")
    export_pdf(guide, reader.path)
    assert reader.join().startswith(b"%PDF")
    assert stat.S_ISFIFO(os.lstat(reader.path).st_mode)


def test_a_symlink_is_followed_and_kept(guide, tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "guide.pdf"
    target.write_bytes(b"old")
    link = tmp_path / "guide.pdf"
    link.symlink_to(target)
    export_pdf(guide, link)
    assert link.is_symlink() and target.read_bytes().startswith(b"%PDF")
    assert listing(tmp_path / "real") == ["guide.pdf"]


def test_a_folder_is_refused(guide, tmp_path):
    (tmp_path / "out.pdf").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        export_pdf(guide, tmp_path / "out.pdf")
    assert listing(tmp_path / "out.pdf") == []
