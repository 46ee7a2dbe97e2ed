"""Each guide's body as HTML, rendered ahead of time into `resources/guides/html/`.

Converting Markdown means loading Python-Markdown and the XML and HTML parsers it stands on,
which cost more than the rest of opening a guide. So the bundled guides carry their body
already converted: one file per guide whose first line names the key it was made from (a
hash of the renderer's version and the guide's Markdown) and a hash of the HTML after it.
A file that is missing, was made from other text (an edited guide, a changed renderer), was
cut short or changed, is larger than any guide, or is not a plain file (a link, a pipe, a
device) is not used: the guide is converted then and there, exactly as the file would have
had it.

After editing a guide, write the files anew with `python -m app.content.guide_html`; the
content tests fail while any file is stale.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from app.content.guide_headers import headers_path, stored_text
from app.content.guides import Guide, guides_dir, header_text
from app.content.stored import read_plain_file, stored_dir

# Bump when the conversion below changes in a way the Markdown text does not show (another
# extension, another output format), so every stored file counts as stale.
RENDERER_VERSION = "markdown-sane-lists-1"

_HEADER = "<!-- hearth guide html {key} {body} -->\n"


def body_markdown(guide: Guide) -> str:
    """The opening and the explaining sections, as one Markdown text."""
    parts = [guide.opening]
    parts += [f"## {section.title}\n\n{section.markdown}" for section in guide.sections]
    return "\n\n".join(parts)


def render_key(markdown_text: str) -> str:
    digest = hashlib.sha256(f"{RENDERER_VERSION}\n{markdown_text}".encode())
    return digest.hexdigest()


def convert(markdown_text: str) -> str:
    """The live conversion, the one the stored files are made with."""
    from app.markdown_html import to_html

    return to_html(markdown_text)


def rendered_dir() -> Path:
    return stored_dir()


def rendered_path(guide: Guide, folder: Path | None = None) -> Path:
    return (folder or rendered_dir()) / f"{guide.id}.html"


def stored_body_html(guide: Guide, folder: Path | None = None) -> str | None:
    """The stored HTML of `guide`'s body if it was made from its current text and is
    whole, else None."""
    text = read_plain_file(rendered_path(guide, folder))
    if text is None:
        return None
    first, newline, body = text.partition("\n")
    if newline and f"{first}\n" == _header(body_markdown(guide), body):
        return body
    return None


def _header(markdown_text: str, html: str) -> str:
    return _HEADER.format(key=render_key(markdown_text),
                          body=hashlib.sha256(html.encode()).hexdigest())


def body_html(guide: Guide, folder: Path | None = None) -> str:
    """`guide`'s opening and sections as HTML: stored if current, else converted now."""
    stored = stored_body_html(guide, folder)
    return stored if stored is not None else convert(body_markdown(guide))


def write_rendered(guides, folder: Path | None = None) -> list[Path]:
    """Store every guide's body HTML, dropping files of guides that are gone; returns the
    files written or dropped."""
    folder = folder or rendered_dir()
    folder.mkdir(parents=True, exist_ok=True)
    guides = list(guides)
    keep = {rendered_path(guide, folder) for guide in guides}
    changed = [path for path in sorted(folder.glob("*.html")) if path not in keep]
    for path in changed:
        path.unlink()
    for guide in guides:
        markdown_text = body_markdown(guide)
        html = convert(markdown_text)
        text = _header(markdown_text, html) + html
        path = rendered_path(guide, folder)
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(path)
    return changed


def write_headers(guide_folder: Path | None = None, folder: Path | None = None) -> list[Path]:
    """Store the parsed header of every guide in `guide_folder`; returns the file if it
    was written."""
    texts = []
    for path in sorted((guide_folder or guides_dir()).glob("*.md")):
        text = header_text(path.read_text(encoding="utf-8"))
        if text is not None:
            texts.append(text)
    path = headers_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = stored_text(texts)
    try:
        if path.read_text(encoding="utf-8") == content:
            return []
    except (OSError, UnicodeDecodeError):
        pass
    path.write_text(content, encoding="utf-8", newline="\n")
    return [path]


def main() -> int:
    from app.content.guides import load_guides

    for path in [*write_rendered(load_guides()), *write_headers()]:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
