"""`hearth sync ...`: set up, run, inspect and forget the calendar sync."""

from __future__ import annotations

import argparse

from app.commands import help_for
from app.commands.context import EXIT_OK, command_context


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "sync", help=help_for("sync"),
        description="Sync the calendar with a CalDAV server (Nextcloud, Fastmail, iCloud, "
        "mailbox.org, Google, Radicale...). With no action, runs one sync and prints "
        '"sent N, received N, deleted N, conflicts N". Passwords are read from the first '
        "line of standard input when it is not a terminal, never from the command line.",
    )
    parser.add_argument("--confirm-deletes", action="store_true",
                        help="let this sync delete many plans here (or all of them, when "
                        "the server calendar is empty)")
    parser.set_defaults(handler=run_sync)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", title="actions")
    setup = actions.add_parser(
        "setup", help="connect to a calendar server",
        description="Connect to a calendar: URL is a calendar's address, the server's "
        "DAV address or just its host name.")
    setup.add_argument("url", metavar="URL")
    setup.add_argument("--user", required=True, metavar="NAME", help="the user name")
    setup.add_argument("--calendar", metavar="NAME",
                       help="which of the account's calendars (by name) to sync with")
    setup.add_argument("--create", action="store_true",
                       help='create the calendar (named "Hearth" unless --calendar says)')
    setup.add_argument("--local-reminders", action="store_true",
                       help="keep reminders on this computer only (default: shared)")
    setup.set_defaults(handler=run_setup)
    status = actions.add_parser("status", help="last sync, changes waiting, conflicts")
    status.set_defaults(handler=run_status)
    forget = actions.add_parser("forget", help="stop syncing and forget the account")
    forget.set_defaults(handler=run_forget)


def _password(key: str) -> str:
    from app.commands.prompts import read_password
    from app.sync import secret

    password = secret.get(key)
    if password is None:
        password = read_password("App password: ")
        secret.remember(key, password)
    return password


def run_setup(args: argparse.Namespace) -> int:
    from app.commands.prompts import read_password
    from app.errors import ValidationError
    from app.sync import account, discovery, secret
    from app.sync.transport import Transport

    address = discovery.normalize_address(args.url)
    password = read_password(f"App password for {args.user}: ")
    with command_context(args):
        transport = Transport(address, args.user, password)
        try:
            if args.create:
                chosen = discovery.make_calendar(transport, address, args.calendar or "Hearth")
            else:
                found = discovery.find_calendars(transport, address)
                chosen = _pick(found, args.calendar)
            chosen = discovery.check_calendar(transport, chosen.url)
        finally:
            transport.close()
        if chosen is None:
            raise ValidationError("No calendar was chosen.")
        saved = account.save(account.Account(
            server_url=address, username=args.user, calendar_url=chosen.url,
            calendar_name=chosen.name, auth_type=transport.auth_type,
            share_reminders=not args.local_reminders))
        kept = secret.store(saved.secret_key, password)
    print(f'syncing with "{chosen.name}" at {chosen.url} as {args.user}')
    print("the password is in the system's secret store" if kept else
          "there is no secret store here: each sync asks for the password")
    return EXIT_OK


def _pick(found, name):
    from app.sync import errors

    if not found:
        raise errors.NoCalendar("The account has no calendar that holds events; use "
                                "--create to make one.")
    if name:
        for calendar in found:
            if name in (calendar.name, calendar.url):
                return calendar
        raise errors.NoCalendar(f'There is no calendar named "{name}" (there are: '
                                + ", ".join(f'"{c.name}"' for c in found) + ").")
    if len(found) == 1:
        return found[0]
    for calendar in found:
        if calendar.name == "Hearth":
            return calendar
    raise errors.NoCalendar("The account has several calendars: choose one with "
                            "--calendar NAME (" + ", ".join(f'"{c.name}"' for c in found)
                            + "), or --create.")


def run_sync(args: argparse.Namespace) -> int:
    from app.sync import account, engine, errors

    with command_context(args) as context:
        current = account.load()
        if current is None:
            raise errors.NotSetUp("Calendar sync is not set up: run `hearth sync setup URL "
                                  "--user NAME` first.")
        password = _password(current.secret_key)
        result = engine.run(context.data_dir, password, confirm_deletes=args.confirm_deletes)
    print(result.text())
    for reason in result.skipped:
        print(f"skipped {reason}")
    for note in result.notes:
        print(f"note: {note}")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    from app.sync import status

    with command_context(args, writes=False):
        report = status.current()
    for line in report.lines():
        print(line)
    return EXIT_OK


def run_forget(args: argparse.Namespace) -> int:
    from app.sync import account

    with command_context(args):
        forgot = account.forget()
    print("forgot the calendar account; the plans stay on this computer" if forgot
          else "no calendar account was set up")
    return EXIT_OK
