"""The `hearth` command line: help, version, smoke test against a data folder."""

import subprocess
import sys
from pathlib import Path

from app import __version__
from app.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, **kw)


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Hearth {__version__}"


def test_help_lists_options_and_commands():
    text = build_parser().format_help()
    for word in ("--data-dir", "--smoke-test", "--version"):
        assert word in text
    for name in build_parser()._subparsers._group_actions[0].choices:
        assert name in text


def test_smoke_test_creates_databases_in_data_dir(tmp_path):
    result = run("--data-dir", str(tmp_path / "d"), "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "Guides, Calendar, Journal" in result.stdout
    assert (tmp_path / "d" / "hearth.db").is_file()
    assert (tmp_path / "d" / "logs" / "hearth.log").is_file()


def test_smoke_test_with_damaged_database_fails_with_message(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "hearth.db").write_bytes(b"garbage" * 1000)
    result = run("--data-dir", str(folder), "--smoke-test")
    assert result.returncode != 0
    assert "damaged" in result.stderr
    assert (folder / "hearth.db").read_bytes() == b"garbage" * 1000
