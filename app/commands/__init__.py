"""Command-line subcommands. Each module defines `register(subparsers)`, which adds its
parser and sets `handler` to a function taking the parsed args and returning an exit code."""

COMMAND_MODULES: list[str] = [
    "app.commands.safety",
    "app.commands.journal_export",
    "app.commands.calendar_ics",
]
