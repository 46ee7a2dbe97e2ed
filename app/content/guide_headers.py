"""Each guide's metadata header, parsed ahead of time into `resources/guides/html/`.

A guide's header is TOML, and loading Python's TOML parser costs a start that shows the
guide list more than reading every guide does. So the bundled guides carry their headers
already parsed: one JSON file mapping a hash of each header's exact text to the values
`tomllib` gives for it. A header whose text is not in the file (an edited guide, a guide
from elsewhere), or a file that is missing, damaged, oversized or not a plain file, is
parsed with `tomllib` then and there, with the same result.

`python -m app.content.guide_html` writes this file with the HTML; the content tests fail
while it is stale.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from app.content.stored import read_plain_file, stored_dir

HEADERS_FILE_NAME = "headers.json"
_FORMAT = "hearth guide headers 1"
# Far deeper than any guide's header (a table holding lists): stored values nest no deeper,
# so reading them again for a guide can never run out of stack.
_MAX_DEPTH = 16


def headers_path(folder: Path | None = None) -> Path:
    return (folder or stored_dir()) / HEADERS_FILE_NAME


def header_key(text: str) -> str:
    # surrogatepass: any text tomllib reads has a key (no file's text holds a lone surrogate)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def header_values(text: str) -> dict:
    """The values of the TOML header `text`; raises tomllib.TOMLDecodeError when it is not
    TOML (never for a stored header: only valid ones are stored)."""
    stored = _stored(str(stored_dir())).get(header_key(text))
    if stored is not None:
        return json.loads(stored)  # a fresh copy each time: callers may keep or change it
    import tomllib

    return tomllib.loads(text)


@functools.cache
def _stored(folder: str) -> dict[str, str]:
    """Header hash -> its values as JSON text, from the stored file if it is whole."""
    return read_headers(Path(folder))


def read_headers(folder: Path) -> dict[str, str]:
    text = read_plain_file(headers_path(folder))
    if text is None:
        return {}
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than json goes
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    headers = data.get("headers")
    if not isinstance(headers, dict):
        return {}
    # Only what `stored_text` writes: anything else is left to tomllib.
    return {key: json.dumps(values) for key, values in headers.items()
            if isinstance(key, str) and isinstance(values, dict) and _kept_by_json(values)}


def stored_text(header_texts) -> str:
    """The file's text for these headers: only those whose values JSON keeps exactly."""
    import tomllib

    headers = {}
    for text in header_texts:
        values = tomllib.loads(text)
        if _kept_by_json(values):
            headers[header_key(text)] = values
    return json.dumps({"format": _FORMAT, "headers": dict(sorted(headers.items()))},
                      indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _kept_by_json(value, depth: int = 0) -> bool:
    """Whether JSON gives `value` back with the same types (not so for TOML's dates), and
    it nests no deeper than _MAX_DEPTH."""
    if isinstance(value, (dict, list)) and depth >= _MAX_DEPTH:
        return False
    if isinstance(value, dict):
        return all(isinstance(key, str) and _kept_by_json(item, depth + 1)
                   for key, item in value.items())
    if isinstance(value, list):
        return all(_kept_by_json(item, depth + 1) for item in value)
    return isinstance(value, (str, int, bool))
