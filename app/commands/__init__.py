"""Command-line subcommands. Each module defines `register(subparsers)`, which adds the
parsers of its commands (with `help=help_for(name)`) and sets `handler` to a function
taking the parsed args and returning an exit code.

The registry below names every command and its one-line help, so the window's start-up
and `hearth --help` need not import the modules behind the commands.
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    name: str
    module: str  # the module whose register() adds it
    help: str


COMMANDS: tuple[Command, ...] = (
    Command("backup", "app.commands.safety",
            "back up every database now (into <data folder>/backups)"),
    Command("restore", "app.commands.safety",
            "put a backup back in place (Hearth must be closed)"),
    Command("check", "app.commands.safety",
            "check every database for damage (reads only; exit 1 on damage)"),
    Command("journal", "app.commands.journal",
            "list, create, write in, search, rename or delete journals, or change a passphrase"),
    Command("export-journal", "app.commands.journal_export",
            "export a journal's entries to Markdown, HTML or PDF"),
    Command("import-journal", "app.commands.journal_import",
            "add the entries of a Day One, jrnl or Markdown export to a journal"),
    Command("import-ics", "app.commands.calendar_ics",
            "add the events of an .ics file to the calendar"),
    Command("export-ics", "app.commands.calendar_ics", "write the calendar to an .ics file"),
    Command("autostart", "app.commands.autostart",
            "start Hearth when you log in (on, off or status)"),
    Command("sync", "app.commands.sync",
            "sync the calendar with a CalDAV server (setup, status, forget)"),
)

COMMAND_MODULES: list[str] = list(dict.fromkeys(command.module for command in COMMANDS))


def help_for(name: str) -> str:
    return next(command.help for command in COMMANDS if command.name == name)
