"""`hearth import-ics FILE` and `hearth export-ics FILE`: calendar files on the command line."""

from __future__ import annotations

import argparse
import sys

from app.commands import help_for
from app.commands.context import EXIT_OK, command_context


def register(subparsers) -> None:
    importer = subparsers.add_parser(
        "import-ics", help=help_for("import-ics"),
        description="Add the events of an iCalendar (.ics) file from Google Calendar, "
        "Outlook, Apple Calendar, Thunderbird or Hearth to the calendar. Importing the "
        "same file again adds nothing; changed events are updated. Nothing is stored "
        "when the file cannot be read.",
    )
    importer.add_argument("file", metavar="FILE",
                          help="the .ics file to read; - for standard input")
    importer.set_defaults(handler=run_import)
    exporter = subparsers.add_parser(
        "export-ics", help=help_for("export-ics"),
        description="Write every activity, with its repeats, exceptions and reminders, "
        "to an iCalendar (.ics) file other calendar apps can read.",
    )
    exporter.add_argument("file", metavar="FILE",
                          help="the .ics file to write; - for standard output")
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    from app.calendar import ics

    # Read before the data folder is opened: a pipe may take seconds to deliver, and
    # nothing of Hearth's is held meanwhile; a file refused leaves the folder untouched.
    data = ics.read_file(args.file)
    with command_context(args):
        summary = ics.import_data(data, name=ics.display_name(args.file))
    print(summary.text())
    for reason in summary.skipped[summary.SHOWN_SKIPPED:]:
        print(f"skipped {reason}")
    for warning in summary.warnings:
        print(f"note: {warning}")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from app.calendar import ics
    from app.output_file import is_stream

    with command_context(args, writes=False):
        count = ics.export_file(args.file)
    # With "-" standard output carries the calendar itself, so the tally goes beside it.
    print(f"exported {count} {'activity' if count == 1 else 'activities'} to {args.file}",
          file=sys.stderr if is_stream(args.file) else sys.stdout)
    return EXIT_OK
