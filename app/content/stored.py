"""Where the bundled guides live, the folder of files made from them ahead of time, and the
one careful way those made files are read.

Made files (each guide's body as HTML, the guides' parsed headers) save work at start-up,
and every reader checks them against the text they were made from. Reading one must never
hang or run away: a pipe would never end, a device could run forever, a link may point
anywhere, so only a regular file of bounded size is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.paths import resource_path

STORED_DIR_NAME = "html"  # beside the guides: files made from them by `app.content.guide_html`
# Far above any made file (tens of kilobytes): a larger file is not one of them.
MAX_STORED_BYTES = 1 << 20


def guides_dir() -> Path:
    return resource_path("guides")


def stored_dir() -> Path:
    return guides_dir() / STORED_DIR_NAME


def read_plain_file(path: Path) -> str | None:
    """The UTF-8 text of a regular file of at most MAX_STORED_BYTES, else None."""
    flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_STORED_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_STORED_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_STORED_BYTES:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
