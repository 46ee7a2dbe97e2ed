"""Readers of other journal apps' exports, each a pure parser returning plain values.

`read_source(path)` looks at what `path` is (a Day One .zip or JSON, Day One's plain text,
jrnl's JSON or text, a folder of Markdown files) and returns a `ParsedImport`: the entries
found, and one line per entry that could not be read. Nothing here touches a journal;
`app.journal.importing` stores the result. Every reader bounds the time and memory a
hostile file can cost (see `limits`): a file too big, too deep or too many is refused in
one line, and a zip is read member by member in memory, never unpacked onto the disk.
"""

from app.journal.importers.detect import read_source
from app.journal.importers.types import (
    ImportedEntry,
    ImportedPhoto,
    ImportSourceError,
    ParsedImport,
)

__all__ = ["ImportSourceError", "ImportedEntry", "ImportedPhoto", "ParsedImport", "read_source"]
