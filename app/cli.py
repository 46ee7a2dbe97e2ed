"""The `hearth` command line: global options and the subcommands' registry.

Subcommands run without Qt. With no subcommand, the front end (`ui.launch`, the installed
`hearth` command) opens the window; the core's own entry point, `python -m app`, runs
subcommands only.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import APP_NAME, __version__
from app.commands import COMMAND_MODULES, COMMANDS
from app.errors import HearthError
from app.paths import owner_only_umask

# `python -m app` given nothing to do but open the window: a usage error, in words.
EXIT_NO_WINDOW = 2
NO_WINDOW_MESSAGE = ("`python -m app` runs commands only (see --help); open the window with "
                     "`hearth`, or `python -m ui` from source.")


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace:
    """Parse `argv` as `hearth` does, with files created from then on readable by their
    owner only."""
    owner_only_umask()
    return build_parser(argv).parse_args(argv)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line. Given the `argv` about to be parsed, only the modules of the
    commands named in it are imported; the rest are listed for --help alone (they cannot be
    chosen, since their names are not in `argv`). An `argv` that only opens the window gets
    no command parsers at all."""
    parser = argparse.ArgumentParser(
        prog="hearth",
        description=f"{APP_NAME}: guides, a shared calendar and a private journal for couples. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for Hearth's data (default: the platform's user data folder, "
        "or $HEARTH_DATA_DIR)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="build the whole window offscreen against the data folder (a temporary one "
        "when --data-dir is not given), show every tab once, and exit",
    )
    if argv is not None and not _may_name_a_command(argv):
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    named = set(argv) if argv is not None else None
    for module in COMMAND_MODULES:
        commands = [command for command in COMMANDS if command.module == module]
        if named is None or any(command.name in named for command in commands):
            importlib.import_module(module).register(subparsers)
        else:
            for command in commands:
                subparsers.add_parser(command.name, help=command.help)
    return parser


def _may_name_a_command(argv: Sequence[str]) -> bool:
    """False when `argv` holds only window options (so no command, and no --help)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help") or not word.startswith("-"):
            return True
        if word == "--data-dir":
            next(words, None)  # its value, whatever it looks like
    return False


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; a HearthError becomes a one-line message and exit code 2."""
    import logging

    from app.commands.context import EXIT_OK, EXIT_USAGE

    # A command speaks in its own one-line messages; without a handler, Python would print
    # every warning logged along the way to the terminal as well.
    logging.getLogger().addHandler(logging.NullHandler())
    try:
        return int(args.handler(args) or EXIT_OK)
    except HearthError as exc:
        print(f"hearth: {exc.message}{_restore_hint(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # Whoever read the output stopped reading (`hearth journal list | head -1`): end
        # quietly, as a program the pipe's signal stopped would, with nothing more written.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        message = _environment_message(exc)
        if message is None:
            raise
        print(f"hearth: {message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("hearth: interrupted", file=sys.stderr)
        return 130


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a reader that went away


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush of what
    could not be written raises nothing on the way out."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no standard output to point anywhere
        pass


def _restore_hint(exc: HearthError) -> str:
    """For damage to the shared database, where the way back is (unless said already)."""
    from app.errors import DamagedDatabaseError
    from app.paths import SHARED_DB_NAME

    if (isinstance(exc, DamagedDatabaseError) and SHARED_DB_NAME in exc.message
            and "hearth restore" not in exc.message):
        return (" `hearth backup --list` shows its backups, and `hearth restore FILE` puts "
                "one back.")
    return ""


def _environment_message(exc: Exception) -> str | None:
    """Words for what the machine did to a command (another writer held the data past the
    busy timeout, a full or read-only disk); None for a bug, which keeps its traceback."""
    from app import sqlcipher
    from app.safety.storage import storage_error

    if sqlcipher.is_busy(exc):
        return sqlcipher.BUSY_MESSAGE
    translated = storage_error(exc)
    return translated.message if translated is not None else None
