"""`python -m ui`: the same entry point as the installed `hearth` command (the window, or a
subcommand)."""

from ui.launch import main

if __name__ == "__main__":
    raise SystemExit(main())
