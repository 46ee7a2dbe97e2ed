"""`hearth export-ics` and `hearth export-journal` (md, md-files, html, pdf) writing into
standard output, a character device, a FIFO, a symlink, a full disk, and refusing folders."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.services import calendar as cal
from app.services import journal
from tests.helpers.journal import entry_input
from tests.helpers.output_targets import (
    FifoReader,
    assert_same_device,
    fill,
    listing,
    make_char_device,
    small_disk,
)
from tests.helpers.paths import ROOT

pytestmark = pytest.mark.slow  # every test runs the command line in a subprocess

MARKER = "pipemarker"
TITLE = "Walk by the river"


def _check_ics(data: bytes) -> None:
    assert data.startswith(b"BEGIN:VCALENDAR") and f"SUMMARY:{TITLE}".encode() in data


def _check_md(data: bytes) -> None:
    assert data.startswith(b"# Ours") and data.count(MARKER.encode()) == 2


def _check_html(data: bytes) -> None:
    assert data.startswith(b"<!DOCTYPE html>") and data.count(MARKER.encode()) == 2


def _check_pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert text.count(MARKER) == 2


def _journal(fmt: str) -> list[str]:
    return ["export-journal", "--journal", "Ours", "--format", fmt]


EXPORTS = {
    "ics": (["export-ics"], _check_ics),
    "md": (_journal("md"), _check_md),
    "html": (_journal("html"), _check_html),
    "pdf": (_journal("pdf"), _check_pdf),
}
FORMATS = list(EXPORTS)


@pytest.fixture
def data(app_context):
    """A data folder holding one plan and a journal "Ours" of two entries."""
    cal.create_activity(cal.ActivityInput(title=TITLE, start=dt.datetime(2026, 3, 3, 9)))
    info = journal.create_journal(app_context, "Ours", None)
    with journal.open_journal(app_context, info.id) as session:
        session.save_entry(entry_input(f"A {MARKER} evening.", day=dt.date(2026, 3, 1)))
        session.save_entry(entry_input(f"Another {MARKER} walk.", day=dt.date(2026, 3, 2),
                                       title="Second"))
    app_context.close()
    return app_context.data_dir


def hearth(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, capture_output=True, timeout=120)


def export(data_dir: Path, fmt: str, out: str) -> subprocess.CompletedProcess:
    return hearth(data_dir, *EXPORTS[fmt][0], out)


def assert_refused(result: subprocess.CompletedProcess) -> str:
    """Exit 2 with `hearth: <one line>` on stderr and nothing on stdout; the line."""
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith("hearth: ") and "Traceback" not in err
    assert result.stdout == b""
    return err


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# ----------------------------------------------------------------------------- standard output


@pytest.mark.parametrize("fmt", FORMATS)
def test_dash_pipes_the_export_and_reports_on_stderr(data, fmt):
    result = export(data, fmt, "-")
    assert result.returncode == 0, result.stderr
    EXPORTS[fmt][1](result.stdout)
    assert result.stderr.decode().splitlines()[-1].endswith(" to -")


def test_export_ics_to_dash_reaches_grep_through_a_pipe(data):
    exporter = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data),
                                 "export-ics", "-"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    grep = subprocess.run(["grep", "SUMMARY"], stdin=exporter.stdout, capture_output=True,
                          timeout=120)
    exporter.stdout.close()
    assert exporter.wait(timeout=120) == 0
    assert grep.stdout == f"SUMMARY:{TITLE}\r\n".encode()


@pytest.mark.parametrize("place", ["stdout", "fifo"])
def test_a_reader_that_leaves_early_ends_the_export_in_one_line(app_context, tmp_path, place):
    info = journal.create_journal(app_context, "Ours", None)
    with journal.open_journal(app_context, info.id) as session:
        session.save_entry(entry_input("many words " * 30_000))  # well past a pipe's buffer
    app_context.close()
    out = "-"
    if place == "fifo":
        reader = FifoReader(tmp_path / "pipe", limit=10)
        out = str(reader.path)
    exporter = subprocess.Popen([sys.executable, "-m", "app", "--data-dir",
                                 str(app_context.data_dir), *_journal("md"), out], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if place == "stdout":
        assert len(exporter.stdout.read(10)) == 10
    else:
        assert len(reader.join()) == 10
    exporter.stdout.close()
    err = exporter.stderr.read().decode()
    exporter.stderr.close()
    assert exporter.wait(timeout=120) == 2, err
    assert err.count("\n") == 1 and err.startswith("hearth: ") and "Traceback" not in err
    if place == "fifo":
        assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


# ----------------------------------------------------------------------------- devices, FIFOs


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_character_device_is_written_in_place(data, tmp_path, fmt):
    device = tmp_path / "out" / "null"
    device.parent.mkdir()
    before = make_char_device(device)
    result = export(data, fmt, str(device))
    assert result.returncode == 0, result.stderr
    assert_same_device(device, before)
    assert listing(device.parent) == ["null"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_fifo_is_written_for_its_reader(data, tmp_path, fmt):
    reader = FifoReader(tmp_path / "pipe")
    result = export(data, fmt, str(reader.path))
    assert result.returncode == 0, result.stderr
    EXPORTS[fmt][1](reader.join())
    assert stat.S_ISFIFO(os.lstat(reader.path).st_mode)
    assert listing(tmp_path) == ["data", "pipe"]


# ----------------------------------------------------------------------------- symlinks


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_symlink_into_another_folder_is_followed_and_kept(data, tmp_path, fmt):
    links, real = tmp_path / "links", tmp_path / "real"
    links.mkdir()
    real.mkdir()
    target = real / f"export.{fmt}"
    target.write_bytes(b"old")
    target.chmod(0o644)
    link = links / f"out.{fmt}"
    link.symlink_to(target)
    result = export(data, fmt, str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    EXPORTS[fmt][1](target.read_bytes())
    assert mode_of(target) == 0o600
    assert listing(links) == [link.name] and listing(real) == [target.name]


# ----------------------------------------------------------------------------- failures


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("where", ["folder", "missing folder"])
def test_a_folder_or_a_missing_folder_is_refused_in_one_line(data, tmp_path, fmt, where):
    out = tmp_path / "exports"
    out.mkdir()
    if where == "missing folder":
        out = out / "gone" / f"out.{fmt}"
    line = assert_refused(export(data, fmt, str(out)))
    assert ("is a folder" if where == "folder" else "does not exist") in line
    assert listing(tmp_path / "exports") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_fails_in_one_line_and_keeps_the_old_file(data, tmp_path, fmt):
    with small_disk(tmp_path / "disk") as disk:
        target = disk / f"out.{fmt}"
        target.write_bytes(b"old")
        fill(disk)
        line = assert_refused(export(data, fmt, str(target)))
        assert "No space left on device" in line
        assert target.read_bytes() == b"old"
        assert listing(disk) == ["filler", target.name]


# ----------------------------------------------------------------------------- md-files


def test_md_files_creates_an_owner_only_folder_of_owner_only_files(data, tmp_path):
    folder = tmp_path / "entries"
    result = hearth(data, *_journal("md-files"), str(folder))
    assert result.returncode == 0, result.stderr
    assert mode_of(folder) == 0o700
    names = listing(folder)
    assert len(names) == 2 and all(name.endswith(".md") for name in names)
    assert all(mode_of(folder / name) == 0o600 for name in names)
    assert all(MARKER in (folder / name).read_text(encoding="utf-8") for name in names)


def test_md_files_follows_a_symlinked_folder_and_keeps_what_was_there(data, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "2026-03-01.md").write_text("mine", encoding="utf-8")
    link = tmp_path / "entries"
    link.symlink_to(real)
    result = hearth(data, *_journal("md-files"), str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert (real / "2026-03-01.md").read_text(encoding="utf-8") == "mine"
    assert listing(real) == ["2026-03-01-2.md", "2026-03-01.md", "2026-03-02-second.md"]


@pytest.mark.parametrize("out", ["-", "file", "gone/entries", "null"])
def test_md_files_refuses_what_cannot_be_its_folder(data, tmp_path, out):
    (tmp_path / "file").write_bytes(b"keep")
    before = make_char_device(tmp_path / "null")
    target = out if out == "-" else str(tmp_path / out)
    assert_refused(hearth(data, *_journal("md-files"), target))
    assert listing(tmp_path) == ["data", "file", "null"]
    assert (tmp_path / "file").read_bytes() == b"keep"
    assert_same_device(tmp_path / "null", before)
