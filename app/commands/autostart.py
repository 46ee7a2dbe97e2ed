"""`hearth autostart on|off|status`: start Hearth when you log in, from a terminal.

The same login entry as Edit > Preferences writes (`app.autostart`); with `--data-dir`
the entry opens that data folder.
"""

from __future__ import annotations

import argparse

from app.commands import help_for
from app.commands.context import EXIT_OK


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "autostart", help=help_for("autostart"),
        description="Start Hearth when you log in, so reminders come even on days you "
        "forget to open it: an XDG autostart entry on Linux, a LaunchAgent on macOS, the "
        "Run key on Windows, for your account only. An entry Hearth did not write is "
        "never replaced or removed.",
    )
    parser.add_argument("action", choices=("on", "off", "status"),
                        help="add the login entry, remove it, or say whether it is there")
    parser.set_defaults(handler=run)


def _entry(args: argparse.Namespace):
    from app.autostart import Autostart, launch_command
    from app.paths import default_data_dir, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    named = None if data_dir == default_data_dir().resolve() else data_dir
    return Autostart(command=launch_command(data_dir=named))


def run(args: argparse.Namespace) -> int:
    from app.autostart import describe_place

    entry = _entry(args)
    if args.action == "on":
        entry.enable()
        print(f"Hearth will start when you log in ({describe_place(entry)}).")
    elif args.action == "off":
        entry.disable()
        print("Hearth will not start when you log in.")
    else:
        state = "on" if entry.is_enabled() else "off"
        print(f"{state}\t{describe_place(entry)}")
    return EXIT_OK
