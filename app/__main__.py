"""`python -m app`: Hearth's command line without the window (`python -m app export-ics -`).

The core never opens the window: that is the front end's entry point, the installed
`hearth` command (`ui.launch`), or `python -m ui` from source. Given no command (or only
window options such as --smoke-test), this says so in one line and exits 2.
"""

from __future__ import annotations

import sys

from app.cli import EXIT_NO_WINDOW, NO_WINDOW_MESSAGE, parse_command_line, run_command


def main(argv: list[str] | None = None) -> int:
    args = parse_command_line(sys.argv[1:] if argv is None else argv)
    if not args.command:
        print(f"hearth: {NO_WINDOW_MESSAGE}", file=sys.stderr)
        return EXIT_NO_WINDOW
    return run_command(args)


if __name__ == "__main__":
    raise SystemExit(main())
