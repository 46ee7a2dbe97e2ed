"""`hearth export-journal`: write a journal's entries to Markdown, HTML or PDF."""

from __future__ import annotations

import argparse
import sys

from app.commands import help_for
from app.commands.prompts import read_passphrase
from app.errors import NotFoundError
from app.journal.types import EXPORT_WARNING


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export-journal", help=help_for("export-journal"),
        description="Export every entry of a journal, oldest first. A protected journal "
        "asks for its passphrase (without echo; from standard input when it is not a "
        "terminal). The exported files are not encrypted.",
    )
    parser.add_argument("--journal", required=True, metavar="NAME", help="the journal's name")
    parser.add_argument(
        "--format",
        required=True,
        choices=("md", "md-files", "html", "pdf"),
        help="md: one Markdown file; md-files: a folder with one file per entry; "
        "html: one web page; pdf: one PDF",
    )
    parser.add_argument("out", metavar="OUT", help="the file (or folder for md-files) to "
                        "write; - for standard output (not for md-files)")
    parser.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from app.commands.context import command_context
    from app.output_file import is_stream
    from app.services import journal

    with command_context(args, writes=False) as context:
        wanted = args.journal.strip().casefold()
        matches = [j for j in journal.list_journals(context) if j.name.casefold() == wanted]
        if not matches:
            names = ", ".join(j.name for j in journal.list_journals(context)) or "none yet"
            raise NotFoundError(f"There is no journal named “{args.journal}” (journals: {names}).")
        info = matches[0]
        passphrase = None
        if info.protected:
            passphrase = read_passphrase(f"Passphrase for “{info.name}”: ")
        session = journal.open_journal(context, info.id, passphrase)
        try:
            if info.protected:
                print(f"Note: {EXPORT_WARNING}", file=sys.stderr)
            result = journal.export_entries(session, None, args.format, args.out)
        finally:
            session.close()
    noun = "entry" if result.entry_count == 1 else "entries"
    # With "-" standard output carries the export itself, so the tally goes beside it.
    print(f"Exported {result.entry_count} {noun} to {args.out}",
          file=sys.stderr if is_stream(args.out) else sys.stdout)
    return 0
