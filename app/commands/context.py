"""What every command shares: its exit codes and the data folder opened for it."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.context import AppContext

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


@contextlib.contextmanager
def command_context(args: argparse.Namespace, *, writes: bool = True) -> Iterator[AppContext]:
    """Open the data folder for a subcommand and close it afterwards.

    A command that only reads (`writes=False`) never creates the folder, and on a folder
    that cannot take writes it opens everything for reading instead of failing. One that
    writes is refused up front on such a folder, in words that say why (read-only, or a
    full disk), rather than with what SQLite says when it cannot make its journal files.
    """
    from app.context import open_app
    from app.errors import DataFolderError
    from app.paths import resolve_data_dir
    from app.safety.storage import open_app_read_only, probe_writable

    folder = resolve_data_dir(args.data_dir)
    if not writes and not folder.is_dir():
        raise DataFolderError(f"There is no Hearth data folder at {folder}.")
    problem = probe_writable(folder) if folder.is_dir() else None
    if problem is not None and not writes:
        context = open_app_read_only(folder)
    elif problem is not None:
        raise problem
    else:
        context = open_app(folder)
    try:
        yield context
    finally:
        context.close()
