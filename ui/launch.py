"""The `hearth` entry point: subcommands run without Qt; otherwise the window opens.

This is the composition root, the one place that knows both the core (`app`) and the
front end (`ui`); `app` itself never imports Qt or `ui`. The installed `hearth` command,
`python -m ui` and the frozen app all start here; `python -m app` runs subcommands only.
"""

from __future__ import annotations

import sys

from app.cli import parse_command_line, run_command


def main(argv: list[str] | None = None) -> int:
    args = parse_command_line(sys.argv[1:] if argv is None else argv)
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
