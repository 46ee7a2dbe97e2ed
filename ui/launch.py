"""The `hearth` entry point: subcommands run without Qt; otherwise the window opens.

This is the composition root, the one place that knows both the core (`app`) and the
front end (`ui`); `app` itself never imports Qt.
"""

from __future__ import annotations

import sys

from app.cli import build_parser, run_command
from app.paths import owner_only_umask


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    owner_only_umask()
    args = build_parser(argv).parse_args(argv)
    if args.command:
        return run_command(args)
    from ui import collector

    collector.begin_start_up()
    try:
        from ui.application import run_gui

        return run_gui(args)
    finally:
        collector.finish_start_up()


if __name__ == "__main__":
    raise SystemExit(main())
