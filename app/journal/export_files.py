"""The pictures and files of exported entries: written beside Markdown, embedded in HTML/PDF.

An entry links to what it holds as `attachment:<id>`. A folder export writes each file next
to the entry's Markdown (`2021-05-03-night-walk-river.jpg`) and points the link at it, so
the folder opens in any Markdown editor; an HTML page carries each picture (its display
copy when there is one) and file as a `data:` address, so it stays one file; a PDF shows the
pictures. A single Markdown file cannot carry them, so there a picture becomes its name.
Bytes are read one attachment at a time, while that entry is written.
"""

from __future__ import annotations

import base64
import io
import os
import re
import urllib.parse
from pathlib import Path

from app.journal.attachments import LINK_SCHEME, Attachment, referenced_ids
from app.journal.photo_metadata import picture_mime
from app.output_file import write_output

# Markdown link targets and rendered HTML attributes that point at an attachment.
_MD_TARGET = re.compile(r"\(<?" + LINK_SCHEME + r":(\d{1,12})>?\)")
_MD_PICTURE = re.compile(r"!\[([^\]\n]*)\]\(<?" + LINK_SCHEME + r":(\d{1,12})>?\)")
_HTML_ATTR = re.compile(r"(src|href)=\"" + LINK_SCHEME + r":(\d{1,12})\"")
_HTML_IMG = re.compile(r"<img\b[^>]*?src=\"" + LINK_SCHEME + r":(\d{1,12})\"[^>]*>")
_HTML_LINK = re.compile(r"<a\b[^>]*?href=\"" + LINK_SCHEME + r":(\d{1,12})\"[^>]*>(.*?)</a>",
                        re.DOTALL)
PDF_WIDTH_MM = 150
PDF_MM_PER_PX = 0.2


def linked(session, body: str) -> dict[int, Attachment]:
    """The attachments the text links to that are still in the journal, by id."""
    return {a.id: a for a in session.attachments_by_id(referenced_ids(body))}


def write_beside(session, folder: Path, stem: str, body: str) -> tuple[str, list[Path]]:
    """Write the entry's files into `folder` named after `stem`; return the body with its
    links pointing at them and the paths written."""
    found = linked(session, body)
    names: dict[int, str] = {}
    written = []
    for attachment in found.values():
        base = f"{stem}-{attachment.name}"
        name, n = base, 2
        while os.path.lexists(folder / name):
            root, dot, ext = base.rpartition(".")
            name = f"{root}-{n}.{ext}" if dot else f"{base}-{n}"
            n += 1
        path = folder / name
        write_output(path, session.attachment_bytes(attachment.id))
        names[attachment.id] = name
        written.append(path)

    def target(match: re.Match) -> str:
        name = names.get(int(match.group(1)))
        return f"({urllib.parse.quote(name)})" if name else match.group(0)

    return _MD_TARGET.sub(target, body), written


def without_files(session, body: str) -> str:
    """For a single Markdown file: a picture becomes "[picture: name]"."""
    found = linked(session, body)

    def name(match: re.Match) -> str:
        attachment = found.get(int(match.group(2)))
        return f"*[picture: {attachment.name}]*" if attachment else match.group(0)

    return _MD_PICTURE.sub(name, body)


def embed_html(session, html: str) -> str:
    """Point every attachment link of rendered HTML at a `data:` address of its bytes."""
    ids = [int(m.group(2)) for m in _HTML_ATTR.finditer(html)]
    found = {a.id: a for a in session.attachments_by_id(ids)}

    def data_uri(match: re.Match) -> str:
        attachment = found.get(int(match.group(2)))
        if attachment is None:
            return match.group(0)
        data = None
        if match.group(1) == "src" and attachment.kind == "picture":
            data = session.attachment_display(attachment.id)
        if data is None:
            data = session.attachment_bytes(attachment.id)
        mime = picture_mime(data) or attachment.mime
        encoded = base64.b64encode(data).decode("ascii")
        extra = "" if match.group(1) == "src" else f' download="{_attr(attachment.name)}"'
        return f'{match.group(1)}="data:{mime};base64,{encoded}"{extra}'

    return _HTML_ATTR.sub(data_uri, html)


def pdf_pictures(session, html: str) -> tuple[str, dict[str, io.BytesIO]]:
    """Rendered HTML for fpdf2: attachment pictures kept at a width that fits the page
    (their bytes in the returned map by src), links to files turned into their names."""
    ids = [int(m.group(1)) for m in _HTML_IMG.finditer(html)]
    ids += [int(m.group(1)) for m in _HTML_LINK.finditer(html)]
    found = {a.id: a for a in session.attachments_by_id(ids)}
    images: dict[str, io.BytesIO] = {}

    def picture(match: re.Match) -> str:
        attachment = found.get(int(match.group(1)))
        if attachment is None or attachment.kind != "picture" or \
                attachment.mime not in ("image/jpeg", "image/png", "image/gif"):
            return _attr(attachment.name) if attachment else ""
        data = session.attachment_display(attachment.id) or \
            session.attachment_bytes(attachment.id)
        src = f"{LINK_SCHEME}:{attachment.id}"
        images[src] = io.BytesIO(data)
        width_mm = min(PDF_WIDTH_MM, (attachment.width or 750) * PDF_MM_PER_PX)
        return f'<img src="{src}" width="{width_mm * 72 / 25.4:.0f}">'

    def link(match: re.Match) -> str:
        attachment = found.get(int(match.group(1)))
        return f"[{_attr(attachment.name)}]" if attachment else match.group(2)

    html = _HTML_LINK.sub(link, _HTML_IMG.sub(picture, html))
    return html, images


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
