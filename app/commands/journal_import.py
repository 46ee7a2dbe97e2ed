"""`hearth import-journal --journal NAME FILE|FOLDER`: entries from Day One, jrnl or Markdown.

The export is read and checked before the journal is unlocked, so a file Hearth cannot use
is refused in one line without a passphrase being asked. A protected journal's passphrase
is asked like the `hearth journal` commands ask it (without echo; one line of standard
input when it is not a terminal). Everything is stored in one transaction. Pictures are
stored as they came (without their GPS position unless --keep-location); their display
copy is made by the window the first time each is shown.
"""

from __future__ import annotations

import argparse
import sys

from app.commands import help_for
from app.commands.context import EXIT_OK


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import-journal", help=help_for("import-journal"),
        description="Add the entries of a Day One export (.zip, or its JSON or plain-text "
        "file), a jrnl export (`jrnl --export json`) or journal file, or a folder of "
        "Markdown files to a journal. Importing the same export again adds nothing; an "
        "entry changed in the export is updated when it was not edited in Hearth, and "
        "reported otherwise. Nothing is stored when the export cannot be read.",
    )
    parser.add_argument("--journal", required=True, metavar="NAME",
                        help="the journal's name, as `hearth journal list` shows it")
    parser.add_argument("--keep-location", action="store_true",
                        help="keep the GPS position stored in photos (removed by default)")
    parser.add_argument("source", metavar="FILE|FOLDER",
                        help="the export file, or the folder of Markdown files")
    parser.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    from app.commands.journal import _opened, _passphrase_for, find_journal
    from app.journal.importers import read_source
    from app.services import journal

    # Read first: a file refused leaves the data folder untouched and asks nothing.
    parsed = read_source(args.source)
    try:
        with _opened(args) as context:
            info = find_journal(context, args.journal)
            with journal.open_journal(context, info.id, _passphrase_for(info)) as session:
                report = session.import_parsed(parsed, keep_location=args.keep_location)
    finally:
        parsed.close()
    print(report.text())
    for line in report.details():
        print(line, file=sys.stderr if line.startswith("note:") else sys.stdout)
    return EXIT_OK
