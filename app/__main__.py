"""`python -m app`: the same entry point as the installed `hearth` command."""

from ui.launch import main

if __name__ == "__main__":
    raise SystemExit(main())
