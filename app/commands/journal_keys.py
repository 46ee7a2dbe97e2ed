"""`hearth journal recover|recovery-kit`: a protected journal's recovery key from a terminal.

Secrets are read like every journal command's (see `app.commands.prompts`): without echo
on a terminal, one line each from standard input otherwise, never from arguments or the
environment. The recovery key is never stored, so `recovery-kit` makes a new one (the old
key opens nothing written from then on: the journal is re-encrypted) and writes its kit;
`create --protect` prints the first one.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import sys

from app.commands import prompts
from app.commands.context import EXIT_OK
from app.errors import ValidationError


def register(actions) -> None:
    from app.commands.journal import _journal_option

    action = actions.add_parser(
        "recover", help="set a new passphrase with the recovery key",
        description="Set a new passphrase for a protected journal whose passphrase is "
        "forgotten. Asks for the recovery key from its recovery kit (spaces, dashes and case "
        "do not matter), then the new passphrase twice: three lines of standard input when "
        "it is not a terminal. A wrong or mistyped key changes nothing. Hearth must be "
        "closed for this data folder.",
    )
    _journal_option(action)
    action.set_defaults(handler=run_recover)

    action = actions.add_parser(
        "recovery-kit", help="make a new recovery key and write its kit as a PDF",
        description="Make a new recovery key for a protected journal and write its "
        "recovery kit (one printable page) to OUT.pdf. The journal is re-encrypted under a "
        "new key (a backup of it is made first), so the previous recovery key opens nothing "
        "written from then on, even with an older copy of the journal's key file; backups "
        "made before still open with it. Asks for the journal's passphrase (one line of "
        "standard input when it is not a terminal). Hearth must be closed for this data "
        "folder.",
    )
    _journal_option(action)
    action.add_argument("out", metavar="OUT.pdf", help="where to write the kit")
    action.set_defaults(handler=run_recovery_kit)


def _kit_target(out: str):
    """Where a kit goes: an ordinary file, new or replaced. Its key is shown nowhere else,
    so /dev/null, a terminal or a pipe would lose it, with the old key already retired."""
    from app.output_file import Kind, check_output, shown

    found = check_output(out)
    if found.kind not in (Kind.NEW, Kind.FILE):
        raise ValidationError(
            f"{shown(out)} is not a file; save the recovery kit as a file (a PDF to print), "
            "since its key is shown nowhere else.", field="out")
    return found


def _protected(context, name: str):
    from app.commands.journal import find_journal

    info = find_journal(context, name)
    if not info.protected:
        raise ValidationError(f"“{info.name}” has no passphrase, so it has no recovery key.",
                              field="journal")
    return info


def run_recover(args: argparse.Namespace) -> int:
    from app.commands.journal import _folder_to_ourselves, _opened
    from app.journal.keys import recovery
    from app.services import journal

    with _opened(args) as context, _folder_to_ourselves(context):
        info = _protected(context, args.journal)
        typed = prompts.read_recovery_key("Recovery key: ")
        recovery.parse(typed)  # a typo is refused before the new passphrase is asked for
        new = prompts.read_new_passphrase("New passphrase: ")
        journal.recover_journal(context, info.id, typed, new)
    print(f"“{info.name}” has a new passphrase. Its recovery key still works.")
    return EXIT_OK


def run_recovery_kit(args: argparse.Namespace) -> int:
    from app.commands.journal import _folder_to_ourselves, _opened
    from app.journal.keys.kit import kit_pdf
    from app.output_file import shown, staged_file
    from app.services import journal

    _kit_target(args.out)  # refused before the passphrase is typed
    # The journal is re-encrypted under a new key: no window may have it open meanwhile.
    with _opened(args) as context, _folder_to_ourselves(context), \
            contextlib.ExitStack() as kit_file:
        info = _protected(context, args.journal)
        passphrase = prompts.read_passphrase(f"Passphrase for “{info.name}”: ")

        def write_kit(key: str) -> None:
            # Called once the new copy is verified, before the switch: the kit is written
            # beside OUT now and put in place only once the new key is in effect, so a
            # switch that fails leaves OUT (an earlier, working kit, say) as it was.
            kit_file.enter_context(staged_file(_kit_target(args.out), [
                kit_pdf(info.name, datetime.date.today(), key)]))

        journal.new_recovery_key(context, info.id, passphrase, write_kit=write_kit)
    print(f"Wrote the recovery kit of “{info.name}” to {shown(args.out)}. Print it and keep it "
          "safe. The journal was re-encrypted under a new key: the previous recovery key "
          "opens nothing written from now on (backups made before still open with it).",
          file=sys.stderr)
    return EXIT_OK
