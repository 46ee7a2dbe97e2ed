"""`hearth journal list|create|write|rename|change-passphrase|delete`: journals from a terminal.

Passphrases are asked for without echo on a terminal; when standard input is not a
terminal, each prompt reads one line, in the order a terminal would ask (see each action's
description), and `write` then takes the rest of standard input as the entry's text. They
are never taken from arguments or the environment.

`change-passphrase` and `delete` replace or remove a journal's file, so they need the data
folder to themselves (the window closed), as `restore` does; the others run beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from app import dates
from app.commands import help_for, prompts
from app.commands.context import EXIT_OK, command_context
from app.errors import (
    AlreadyRunningError,
    CommandRunningError,
    HearthError,
    NotFoundError,
    ValidationError,
)
from app.journal.types import LOST_PASSPHRASE_WARNING, MOOD_MAX, MOOD_MIN
from app.text import count as counted

if TYPE_CHECKING:
    from app.context import AppContext
    from app.journal.types import JournalInfo

# delete_journal backs a journal up under this reason before deleting it.
DELETE_REASON = "pre-delete"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "journal", help=help_for("journal"),
        description="Keep journals from a terminal. A protected journal's passphrase is "
        "asked for without echo, or read from standard input one line per prompt when it "
        "is not a terminal; never from the command line or the environment.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", title="actions",
                                    required=True)

    action = actions.add_parser(
        "list", help="every journal, one a line: its name, a tab, then its details",
        description="Print every journal, one a line: its name, a tab, then whether it is "
        "protected, the day it was created and, for an unprotected one, how many entries "
        "it holds (a protected one cannot be counted without its passphrase).",
    )
    action.set_defaults(handler=run_list)

    action = actions.add_parser(
        "create", help="create an empty journal",
        description="Create an empty journal. With --protect it is encrypted with a "
        "passphrase, asked for twice (two lines of standard input when it is not a "
        "terminal). When standard output is not a terminal, the journal's recovery key is "
        "printed on it, once, for a script to store.",
    )
    action.add_argument("name", metavar="NAME", help="the new journal's name")
    action.add_argument("--protect", action="store_true",
                        help="encrypt the journal with a passphrase")
    action.set_defaults(handler=run_create)

    action = actions.add_parser(
        "write", help="add an entry, its text read from standard input",
        description="Add an entry whose text is the rest of standard input (up to Ctrl-D "
        "on a terminal; at most 1 MB). For a protected journal the passphrase comes "
        "first: asked for on a terminal, or the first line of standard input.",
    )
    _journal_option(action)
    action.add_argument("--date", metavar="YYYY-MM-DD", help="the entry's day (default: today)")
    action.add_argument("--title", default="", metavar="TITLE", help="the entry's title")
    action.add_argument("--tag", action="append", default=[], metavar="TAG",
                        help="a tag; repeat for more")
    action.add_argument("--mood", metavar="N",
                        help=f"the mood, from {MOOD_MIN} (low) to {MOOD_MAX} (bright)")
    action.set_defaults(handler=run_write)

    action = actions.add_parser(
        "rename", help="give a journal a new name",
        description="Give a journal a new name; its entries and passphrase stay.",
    )
    _journal_option(action)
    action.add_argument("new_name", metavar="NEW_NAME", help="the journal's new name")
    action.set_defaults(handler=run_rename)

    action = actions.add_parser(
        "change-passphrase", help="change a protected journal's passphrase",
        description="Give a protected journal a new passphrase (the file itself is not "
        "rewritten; --new-key re-encrypts it under a new key and makes a new recovery key). "
        "Asks for the current passphrase, then the new one twice (three lines of standard "
        "input when it is not a terminal). Hearth must be closed for this data folder. "
        "Backups made before keep the old passphrase.",
    )
    _journal_option(action)
    action.add_argument("--new-key", action="store_true",
                        help="also re-encrypt the journal under a new key (for when an old "
                        "passphrase and an old copy of the file may have been seen)")
    action.set_defaults(handler=run_change_passphrase)

    action = actions.add_parser(
        "delete", help="delete a journal, keeping a backup of it",
        description="Delete a journal and its entries, after backing it up into the "
        "backups folder (`hearth restore FILE` brings it back). On a terminal it asks you "
        "to type the journal's name; when standard input is not a terminal, --yes is "
        "required instead. A protected journal's passphrase is asked for next (one line "
        "of standard input when it is not a terminal). Hearth must be closed for this "
        "data folder.",
    )
    _journal_option(action)
    action.add_argument("--yes", action="store_true",
                        help="delete without asking to type the name (for scripts)")
    action.set_defaults(handler=run_delete)

    from app.commands import journal_search

    journal_search.register(actions)

    from app.commands import journal_keys

    journal_keys.register(actions)


def _journal_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--journal", required=True, metavar="NAME",
                        help="the journal's name, as `hearth journal list` shows it "
                        "(case aside)")


# ----- shared steps ---------------------------------------------------------------------


@contextlib.contextmanager
def _opened(args: argparse.Namespace) -> Iterator[AppContext]:
    """The data folder, with Hearth's log file, so a journal created, renamed or deleted
    here leaves the same trace as one changed in the window."""
    from app.logs import setup_logging

    with command_context(args) as context:
        setup_logging(context.data_dir)
        yield context


@contextlib.contextmanager
def _folder_to_ourselves(context: AppContext) -> Iterator[None]:
    """Hold the data folder's lock: the window may have the journal unlocked, and a file
    open there must not be replaced or deleted under it."""
    from app.instance_lock import COMMAND, InstanceLock

    lock = InstanceLock(context.data_dir, holder=COMMAND)
    try:
        lock.acquire()
    except CommandRunningError:
        raise
    except AlreadyRunningError:
        raise AlreadyRunningError(
            "Hearth is open for this data folder. Close it first, or do this from the "
            "Journal menu in the window."
        ) from None
    try:
        yield
    finally:
        lock.release()


def _folded(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def find_journal(context: AppContext, name: str) -> JournalInfo:
    """The journal called `name`, ignoring case and extra spaces; an exact spelling
    decides between names that differ only in case."""
    from app.services import journal

    journals = journal.list_journals(context)
    matches = [info for info in journals if _folded(info.name) == _folded(name)]
    if len(matches) > 1:
        matches = [info for info in matches if info.name == " ".join(name.split())]
        if len(matches) != 1:
            raise ValidationError("Several journals have that name in different cases; give "
                                  "it exactly as `hearth journal list` shows it.",
                                  field="journal")
    if matches:
        return matches[0]
    names = ", ".join(info.name for info in journals) or "none yet"
    raise NotFoundError(f"There is no journal named “{name}” (journals: {names}).")


def _passphrase_for(info: JournalInfo) -> str | None:
    if not info.protected:
        return None
    return prompts.read_passphrase(f"Passphrase for “{info.name}”: ")


def _warn_before_new_passphrase() -> None:
    # Only a person at a terminal reads this before choosing; a script's stderr should
    # hold nothing but the outcome.
    if prompts.stdin_is_terminal():
        print(LOST_PASSPHRASE_WARNING, file=sys.stderr)


def _day(text: str | None) -> datetime.date:
    if text is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"--date takes a day as YYYY-MM-DD, such as 2026-02-14, "
                              f"not “{text}”.", field="date") from None


def _mood(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        mood = int(text)
    except ValueError:
        mood = None
    if mood is None or not MOOD_MIN <= mood <= MOOD_MAX:
        raise ValidationError(f"--mood is a number from {MOOD_MIN} to {MOOD_MAX}.",
                              field="mood")
    return mood


# ----- the actions ----------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    from app.services import journal

    # Listing only reads: it works on a read-only data folder and leaves no log behind.
    with command_context(args, writes=False) as context:
        rows = [(info, _details(context, info)) for info in journal.list_journals(context)]
    if not rows:
        print("No journals yet.", file=sys.stderr)
    for info, details in rows:
        print(f"{info.name}\t{details}")
    return EXIT_OK


def _details(context: AppContext, info: JournalInfo) -> str:
    from app.services import journal

    words = ["protected" if info.protected else "unprotected",
             f"created {info.created_at:%Y-%m-%d}"]
    if not info.protected:
        # An unprotected journal opens without a key derivation, so counting is cheap.
        try:
            with journal.open_journal(context, info.id) as session:
                count = session.count_entries()
        except HearthError as exc:
            words.append(_unreadable_words(exc))
        else:
            words.append("1 entry" if count == 1 else f"{count} entries")
    return ", ".join(words)


def _unreadable_words(exc: HearthError) -> str:
    """Why a journal could not be counted: another writer holding it (an import, a window
    saving) is no damage, so it is not sent to `hearth check`."""
    from app import sqlcipher
    from app.errors import DatabaseBusyError
    from app.journal.session import JournalBusyError

    if isinstance(exc, DatabaseBusyError | JournalBusyError) or sqlcipher.is_busy(exc):
        return "busy (another Hearth is writing to it; try again when it is done)"
    return "cannot be read (see `hearth check`)"


def run_create(args: argparse.Namespace) -> int:
    from app.services import journal

    with _opened(args) as context:
        # Refused before the passphrase is typed, not after.
        if not args.name.split():
            raise ValidationError("Give the journal a name.", field="name")
        if any(_folded(info.name) == _folded(args.name)
               for info in journal.list_journals(context)):
            raise ValidationError("There is already a journal with that name.", field="name")
        passphrase = None
        if args.protect:
            _warn_before_new_passphrase()
            passphrase = prompts.read_new_passphrase(
                f"New passphrase for “{' '.join(args.name.split())}”: ")
        recovery_key = None
        if passphrase is None:
            info = journal.create_journal(context, args.name, None)
        else:
            info, recovery_key = journal.create_protected_journal(context, args.name, passphrase)
    kind = "protected" if info.protected else "unprotected"
    if recovery_key is None:
        print(f"Created the {kind} journal “{info.name}”.")
    elif sys.stdout.isatty():
        # Never on a screen that scrolls into a terminal's history: the kit is the place.
        print(f"Created the {kind} journal “{info.name}”. Write its recovery kit now: "
              f"hearth journal recovery-kit --journal \"{info.name}\" kit.pdf")
    else:
        # A script asked: the key once, alone on stdout, for it to store; the words go
        # to stderr.
        print(f"Created the {kind} journal “{info.name}”; its recovery key follows on "
              "standard output, once.", file=sys.stderr)
        print(recovery_key)
    return EXIT_OK


def run_write(args: argparse.Namespace) -> int:
    from app.services import journal

    day, mood = _day(args.date), _mood(args.mood)
    with _opened(args) as context:
        info = find_journal(context, args.journal)
        # Unlock before the text is read, so a wrong passphrase fails before a person
        # at a terminal types a whole entry.
        with journal.open_journal(context, info.id, _passphrase_for(info)) as session:
            if prompts.stdin_is_terminal():
                end = "Ctrl-Z then Enter" if os.name == "nt" else "Ctrl-D"
                print(f"Write the entry, then press {end} on a line of its own.",
                      file=sys.stderr)
            body = prompts.read_text().lstrip("\r\n").rstrip()
            if not body:
                raise ValidationError("The entry is empty: give its text on standard "
                                      "input. Nothing was saved.", field="body")
            entry = session.save_entry(journal.EntryInput(
                date=day, title=args.title, body=body, mood=mood, tags=tuple(args.tag)))
    print(f"Saved entry {entry.id} of “{info.name}” for {dates.day_text(entry.date)} "
          f"({counted(entry.word_count, 'word')}).")
    return EXIT_OK


def run_rename(args: argparse.Namespace) -> int:
    from app.services import journal

    with _opened(args) as context:
        info = find_journal(context, args.journal)
        renamed = journal.rename_journal(context, info.id, args.new_name)
    print(f"Renamed “{info.name}” to “{renamed.name}”.")
    return EXIT_OK


def run_change_passphrase(args: argparse.Namespace) -> int:
    from app.services import journal

    with _opened(args) as context, _folder_to_ourselves(context):
        info = find_journal(context, args.journal)
        if not info.protected:
            raise ValidationError(f"“{info.name}” has no passphrase to change; protect it "
                                  "from the Journal menu in the window.", field="journal")
        old = prompts.read_passphrase(f"Current passphrase for “{info.name}”: ")
        _warn_before_new_passphrase()
        new = prompts.read_new_passphrase("New passphrase: ")
        _, recovery_key = journal.change_passphrase_keys(context, info.id, old, new,
                                                         new_key=args.new_key)
    done = (f"Changed the passphrase of “{info.name}”. Its earlier backups still open with "
            "the old one.")
    if recovery_key is None:
        print(done)
    elif sys.stdout.isatty():
        # Like `create`: never on a screen that scrolls into a terminal's history.
        print(f"{done} Its old recovery key no longer works. Write its recovery kit now: "
              f"hearth journal recovery-kit --journal \"{info.name}\" kit.pdf")
    else:
        print(f"{done} Its old recovery key no longer works; the new recovery key follows "
              "on standard output, once.", file=sys.stderr)
        print(recovery_key)
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    from app.safety import backup as backups
    from app.services import journal

    with _opened(args) as context, _folder_to_ourselves(context):
        info = find_journal(context, args.journal)
        if not args.yes:
            if not prompts.stdin_is_terminal():
                raise ValidationError("Standard input is not a terminal to confirm on: add "
                                      "--yes to delete. Nothing was deleted.", field="yes")
            print(f"This deletes the journal “{info.name}” with all its entries. A backup "
                  "is kept in the backups folder.", file=sys.stderr)
            if not prompts.confirm_by_typing(info.name, "Type the journal's name to confirm: "):
                raise ValidationError("That is not the journal's name. Nothing was deleted.",
                                      field="yes")
        passphrase = _passphrase_for(info)
        key = backups.journal_key(info.id)
        earlier = {backup.path for backup in backups.list_backups(context.data_dir, key)}
        # The service proves the passphrase, then makes a verified backup (with that
        # passphrase, so it is opened and checked) before anything is deleted; a wrong
        # passphrase fails first, with nothing changed.
        journal.delete_journal(context, info.id, passphrase)
        kept = [backup for backup in backups.list_backups(context.data_dir, key)
                if backup.path not in earlier and backup.reason == DELETE_REASON]
    print(f"Deleted the journal “{info.name}”.")
    if kept:
        print(f"Its backup is {kept[0].path}; `hearth restore` with that file brings it back.")
    else:
        print("Its file was missing, empty or could not be copied, so no backup was made "
              "(a file that could not be copied is kept aside in the journals folder).")
    return EXIT_OK
