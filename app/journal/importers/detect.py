"""Which export a path is, and the reader for it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.journal.importers import dayone_json, dayone_text, jrnl_json, jrnl_text, markdown_folder
from app.journal.importers.limits import decode_text, load_json, read_bounded
from app.journal.importers.types import ImportSourceError, ParsedImport


def read_source(path: str | os.PathLike) -> ParsedImport:
    """Read a Day One .zip or JSON, Day One text, jrnl JSON or text, or a Markdown folder.

    Raises ImportSourceError (one line, naming the file) when it is none of these or
    breaks a limit. The result's `close()` must be called when done (a zip stays open so
    its photos are read one at a time while they are stored).
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ImportSourceError(f"{path}: cannot be read ({exc.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        return markdown_folder.parse_folder(path)
    if not stat.S_ISREG(info.st_mode):
        raise ImportSourceError(f"{path.name}: is not a file or folder Hearth can import.")
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return dayone_json.read_zip(path)
    data = read_bounded(path)
    text = decode_text(data, path.name)
    stripped = text.lstrip()
    # jrnl's own file starts with "[2021-05-02 18:30]", which is no JSON.
    if stripped.startswith(("{", "[")) and not jrnl_text.looks_like(text):
        parsed = load_json(data, path.name)
        if isinstance(parsed, dict) and dayone_json.looks_like(parsed):
            entries, left_out, problems = dayone_json.parse(parsed, path.name)
            missing = sum(1 for e in entries if dayone_json.moment_ids(e.body))
            if missing:
                problems.append(f"{path.name}: the pictures of {missing} entries are not in a "
                                "bare JSON file; import the export's .zip to bring them")
            return ParsedImport(source=dayone_json.SOURCE, entries=tuple(entries),
                                problems=tuple(problems), left_out=tuple(left_out))
        if jrnl_json.looks_like(parsed):
            return jrnl_json.parse(parsed, path.name)
        raise ImportSourceError(f"{path.name}: is JSON, but not a Day One or jrnl export.")
    if dayone_text.looks_like(text):
        return dayone_text.parse(text, path.name)
    if jrnl_text.looks_like(text):
        return jrnl_text.parse(text, path.name)
    if path.suffix.lower() in markdown_folder.SUFFIXES:
        raise ImportSourceError(f"{path.name}: to import Markdown files, choose the folder "
                                "that holds them.")
    raise ImportSourceError(f"{path.name}: is not an export Hearth can read (Day One, jrnl "
                            "or a folder of Markdown files).")
