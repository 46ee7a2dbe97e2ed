"""The `hearth` command line: help, version, smoke test against a data folder."""

import subprocess
import sys

from app import __version__
from app.cli import build_parser
from tests.helpers.paths import ROOT


def run(*args, entry="ui", **kw):
    """The `hearth` command from source (`python -m ui`), or the core's `python -m app`."""
    return subprocess.run([sys.executable, "-m", entry, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, **kw)


def test_version():
    for entry in ("ui", "app"):
        result = run("--version", entry=entry)
        assert result.returncode == 0 and result.stdout.strip() == f"Hearth {__version__}"


def test_the_cores_entry_point_runs_commands_without_the_front_end(app_context, data_dir):
    code = ("import runpy, sys; sys.argv = ['hearth', '--data-dir', sys.argv[1], 'backup', "
            "'--list']\ntry:\n    runpy.run_module('app', run_name='__main__')\n"
            "except SystemExit as exit:\n    print(exit.code, sorted({m.split('.')[0] "
            "for m in sys.modules if m.startswith(('ui', 'PySide6'))}))")
    app_context.close()  # the command opens the folder itself
    result = subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split("\n")[-2] == "0 []", result.stderr


def test_the_cores_entry_point_points_to_the_window_instead_of_opening_it(tmp_path):
    for args in ((), ("--data-dir", str(tmp_path / "d"), "--smoke-test")):
        result = run(*args, entry="app")
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            "hearth: `python -m app` runs commands only (see --help); open the window with "
            "`hearth`, or `python -m ui` from source."]
    assert not (tmp_path / "d").exists()


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


def test_the_window_start_reads_no_command_module():
    code = ("import sys; from app.cli import build_parser; "
            "args = build_parser(['--data-dir', 'x']).parse_args(['--data-dir', 'x']); "
            "print(args.command, sorted(m for m in sys.modules if m.startswith('app.commands.')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.split() == ["None", "[]"], result.stderr


def test_every_registered_command_is_what_its_module_adds():
    from app.commands import COMMANDS

    full = build_parser()._subparsers._group_actions[0]
    assert list(full.choices) == [command.name for command in COMMANDS]
    helps = {action.dest: action.help for action in full._choices_actions}
    assert helps == {command.name: command.help for command in COMMANDS}


def test_a_command_parses_with_only_its_own_module(tmp_path):
    args = build_parser(["--data-dir", str(tmp_path), "backup", "--list"]).parse_args(
        ["--data-dir", str(tmp_path), "backup", "--list"])
    assert args.command == "backup" and args.list and callable(args.handler)


def test_help_lists_every_command_without_loading_them():
    from app.commands import COMMANDS

    text = build_parser(["--help"]).format_help()
    for command in COMMANDS:
        assert command.name in text and command.help.split()[0] in text
