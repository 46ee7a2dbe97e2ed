"""`hearth backup`, `hearth restore FILE` and `hearth check`: data safety from a terminal."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from app import dates
from app.commands import help_for
from app.commands.prompts import read_passphrase
from app.errors import AlreadyRunningError, CommandRunningError, DataFolderError, HearthError
from app.instance_lock import COMMAND, FolderUse, InstanceLock
from app.paths import resolve_data_dir
from app.safety import backup as backups

EXIT_OK = 0
EXIT_DAMAGED = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backup", help=help_for("backup"),
        description="Back up the shared database and every journal. A protected journal's "
        "backup stays encrypted with its passphrase. Exits 0 when everything was backed up, "
        "1 when something was skipped (each named with its reason on standard error).",
    )
    parser.add_argument("--list", action="store_true",
                        help="list the backups there are instead of making one")
    parser.set_defaults(handler=run_backup)

    parser = subparsers.add_parser(
        "restore", help=help_for("restore"),
        description="Verify FILE, back up the database it replaces (or keep that file aside "
        "when it is damaged), then swap FILE in.",
    )
    parser.add_argument("file", metavar="FILE", help="a file from the backups folder")
    parser.add_argument("--passphrase-stdin", action="store_true",
                        help="read a protected journal's passphrase from standard input")
    parser.set_defaults(handler=run_restore)

    parser = subparsers.add_parser(
        "check", help=help_for("check"),
        description="Run SQLite's integrity check on every database without changing "
        "anything. Protected journals are checked for shape only, since their passphrase "
        "is not asked for.",
    )
    parser.set_defaults(handler=run_check)


def _data_dir(args: argparse.Namespace) -> Path:
    folder = resolve_data_dir(args.data_dir)
    if not folder.is_dir():
        raise DataFolderError(f"There is no Hearth data folder at {folder}.")
    return folder


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[bool]:
    """Hold the data folder's lock when it is free; say whether we hold it. Another command
    holding it is said as such (CommandRunningError): it will be done in a moment."""
    lock = InstanceLock(folder, holder=COMMAND)
    try:
        lock.acquire()
    except CommandRunningError:
        raise
    except AlreadyRunningError:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def run_backup(args: argparse.Namespace) -> int:
    folder = _data_dir(args)
    if args.list:
        rows = backups.list_backups(folder)
        if not rows:
            print("No backups yet.")
        for info in rows:
            print(f"{info.created:%Y-%m-%d %H:%M}  {backups.describe_size(info.size):>9}  "
                  f"{info.reason:<11}  {info.label:<32}  {info.path}")
        return EXIT_OK
    from app.safety.storage import probe_writable

    problem = probe_writable(folder)
    if problem is not None:  # a read-only or full disk: said once, before any copy starts
        raise problem
    with _exclusive(folder) as alone, FolderUse(folder):
        if alone:
            outcome = backups.backup_all(folder, reason="manual")
        else:
            # The window is open: plain files copy safely through SQLite; a protected
            # journal may be mid-write and can only be copied from the window.
            outcome = _backup_plain_only(folder)
    for info in outcome.made:
        note = "" if info.verified else "; unverified: locked, so kept apart until checked " \
            "with its passphrase"
        print(f"backed up {info.label}: {info.path} ({backups.describe_size(info.size)}{note})")
    for label, reason in outcome.skipped:
        print(f"skipped {label}: {reason}", file=sys.stderr)
    return EXIT_OK if not outcome.skipped else EXIT_DAMAGED


def _backup_plain_only(folder: Path) -> backups.BackupOutcome:
    made, skipped = [], []
    for ref in backups.database_refs(folder):
        if backups.file_kind(ref.path) == "opaque":
            skipped.append((ref.label, "Hearth is open; use File > Back up now for it."))
            continue
        try:
            made.append(backups.backup_database(folder, ref.key, reason="manual"))
        except HearthError as exc:
            skipped.append((ref.label, exc.message))
    return backups.BackupOutcome(made=tuple(made), skipped=tuple(skipped))


def run_restore(args: argparse.Namespace) -> int:
    folder = _data_dir(args)
    info = backups.backup_info(folder, Path(args.file))
    passphrase = None
    if info.protected:
        # From the terminal without echo, or one line of standard input (also without
        # --passphrase-stdin, which is kept for scripts written before).
        passphrase = read_passphrase(f"Passphrase of {info.label}: ")
    with _exclusive(folder) as alone:
        if not alone:
            raise AlreadyRunningError(
                "Hearth is open for this data folder. Close it, or use File > Restore from "
                "backup… in the window."
            )
        outcome = backups.restore_backup(folder, info, passphrase=passphrase)
    print(f"restored {info.label} from the backup of {dates.moment_text(info.created)}")
    if outcome.safety_copy is not None:
        print(f"the file it replaced was backed up to {outcome.safety_copy.path}")
    if outcome.kept_aside is not None:
        print(f"the file it replaced could not be read and was kept as {outcome.kept_aside}")
    for note in outcome.notes:
        print(note)
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    folder = _data_dir(args)
    results = backups.check_all(folder)
    if not results:
        print("No databases found.")
    damaged = False
    for result in results:
        unreadable = any("permission denied" in p for p in result.problems)
        words = {"ok": "ok", "damaged": "UNREADABLE" if unreadable else "DAMAGED",
                 "locked": "not verified (protected: its shape is sound, its contents need the "
                 "passphrase)", "foreign": "NOT HEARTH'S, left alone"}
        print(f"{result.label}: {words[result.status]}")
        for problem in result.problems[:10]:
            print(f"    {problem}")
        # A file none of Hearth's is not backed up either: like `backup`, exit 1 for it.
        damaged = damaged or result.status in ("damaged", "foreign")
    return EXIT_DAMAGED if damaged else EXIT_OK
