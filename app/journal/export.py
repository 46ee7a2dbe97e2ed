"""Export journal entries to Markdown (one file or one per entry), HTML and PDF.

PDF is written with fpdf2: pure Python, actively maintained, embeds a TrueType font for
full Unicode text (DejaVu Sans, bundled in resources/fonts with its licence) and renders
the small HTML that Markdown produces, so the core needs no Qt to print.
Exported files are plain text: the caller warns before exporting a protected journal.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

from app import dates
from app.errors import ValidationError
from app.journal import export_files
from app.journal.session import JournalSession
from app.journal.types import EXPORT_FORMATS, Entry, ExportResult
from app.markdown_html import to_html
from app.output_file import check_output, output_folder, write_output
from app.paths import resource_path
from app.text import escape_html

log = logging.getLogger(__name__)

_MOOD_WORDS = {1: "low", 2: "heavy", 3: "okay", 4: "good", 5: "bright"}
_IMG = re.compile(r"<img\b[^>]*?(?:alt=\"([^\"]*)\")?[^>]*>", re.IGNORECASE)


def _long_date(day: datetime.date) -> str:
    return dates.day_text(day)


def _meta_line(entry: Entry) -> str:
    parts = []
    if entry.mood is not None:
        parts.append(f"Mood: {entry.mood}/5 ({_MOOD_WORDS[entry.mood]})")
    if entry.tags:
        parts.append("Tags: " + ", ".join(entry.tags))
    return " · ".join(parts)


def _heading(entry: Entry) -> str:
    date = _long_date(entry.date)
    return f"{date}: {entry.title}" if entry.title else date


def entry_markdown(entry: Entry, *, level: int = 2) -> str:
    """One entry as Markdown: a heading with date and title, a meta line, the body."""
    lines = ["#" * level + " " + _heading(entry), ""]
    meta = _meta_line(entry)
    if meta:
        lines += [f"*{meta}*", ""]
    lines.append(entry.body.rstrip())
    return "\n".join(lines).rstrip() + "\n"


def _body_html(body: str) -> str:
    # The body is the person's Markdown; raw HTML in it is shown as text, not obeyed.
    safe = body.replace("&", "&amp;").replace("<", "&lt;")
    return to_html(safe, extra=True)


def _html_document(title: str, entries: Sequence[Entry], session=None) -> str:
    articles = []
    for entry in entries:
        meta = _meta_line(entry)
        body = _body_html(entry.body)
        if session is not None:
            body = export_files.embed_html(session, body)
        articles.append(
            "<article>\n"
            f"<h2>{escape_html(_heading(entry))}</h2>\n"
            + (f'<p class="meta">{escape_html(meta)}</p>\n' if meta else "")
            + body
            + "\n</article>"
        )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape_html(title)}</title>\n"
        "<style>\n"
        "body { font: 17px/1.6 Georgia, 'DejaVu Serif', serif; max-width: 40em;"
        " margin: 3em auto; padding: 0 1em; color: #2b2522; background: #fffdf9; }\n"
        "h1 { font-size: 2em; margin-bottom: 1.5em; }\n"
        "h2 { font-size: 1.25em; margin: 0 0 .2em; }\n"
        "article { padding: 1.2em 0 1.6em; border-bottom: 1px solid #eadfd6; }\n"
        ".meta { color: #8a7b72; font-style: italic; margin-top: 0; }\n"
        "img { max-width: 100%; height: auto; }\n"
        "blockquote { border-left: 3px solid #e0c9bb; margin-left: 0; padding-left: 1em;"
        " color: #5d524c; }\n"
        "</style>\n</head>\n<body>\n"
        f"<h1>{escape_html(title)}</h1>\n" + "\n".join(articles) + "\n</body>\n</html>\n"
    )


def _pdf_bytes(title: str, entries: Sequence[Entry], session=None) -> bytes:
    from fpdf import FPDF

    # fpdf2 logs the characters its font lacks and fontTools the glyphs it keeps, i.e.
    # pieces of the entries: keep both out of Hearth's log (a missing glyph prints blank).
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("Hearth")
    pdf.set_auto_page_break(auto=True, margin=18)
    fonts = resource_path("fonts")
    pdf.add_font("DejaVu", "", fonts / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "I", fonts / "DejaVuSans-Oblique.ttf")
    pdf.add_font("DejaVu", "BI", fonts / "DejaVuSans-BoldOblique.ttf")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 20)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for entry in entries:
        pdf.set_font("DejaVu", "B", 13)
        pdf.multi_cell(0, 7, _heading(entry), new_x="LMARGIN", new_y="NEXT")
        meta = _meta_line(entry)
        if meta:
            pdf.set_font("DejaVu", "I", 9)
            pdf.set_text_color(120, 108, 100)
            pdf.multi_cell(0, 5, meta, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
        pdf.ln(2)
        pdf.set_font("DejaVu", "", 10.5)
        body, images = _body_html(entry.body), {}
        if session is not None:
            body, images = export_files.pdf_pictures(session, body)
        # Other pictures would be fetched from wherever the Markdown points: keep their words.
        body = _IMG.sub(lambda m: m.group(0) if 'src="attachment:' in m.group(0)
                        else escape_html(m.group(1) or ""), body)
        if body.strip():
            pdf.write_html(
                body,
                image_map=images.get,
                font_family="DejaVu",
                tag_styles=_pdf_tag_styles(),
                li_prefix_color=(120, 108, 100),
                warn_on_tags_not_matching=False,
            )
        pdf.ln(6)
    return bytes(pdf.output())


def _pdf_tag_styles() -> dict:
    from fpdf.fonts import FontFace, TextStyle

    # fpdf2's defaults are Courier (no Unicode) and dark red headings; keep to the embedded
    # font and a warm, quiet palette.
    heading = (70, 56, 50)
    styles = {
        "code": FontFace(family="DejaVu", color=(90, 80, 74)),
        "pre": TextStyle(font_family="DejaVu", color=(90, 80, 74), t_margin=3),
        "blockquote": TextStyle(color=(110, 96, 88), t_margin=2, b_margin=2, l_margin=6),
        "a": FontFace(color=(150, 80, 60)),
    }
    for level, size in ((1, 15), (2, 13.5), (3, 12), (4, 11), (5, 10.5), (6, 10.5)):
        styles[f"h{level}"] = TextStyle(
            font_family="DejaVu", font_style="B", font_size_pt=size, color=heading, t_margin=4
        )
    return styles


def _slug(entry: Entry) -> str:
    words = re.findall(r"[^\W_]+", entry.title.lower())[:8]
    stem = "-".join(words)[:60].strip("-")
    return f"{entry.date.isoformat()}-{stem}" if stem else entry.date.isoformat()


def export_entries(
    session: JournalSession,
    entry_ids: Sequence[int] | None,
    fmt: str,
    out_path: str | os.PathLike,
) -> ExportResult:
    """Write the chosen entries (None: all), oldest first, to `out_path`.

    fmt "md": one Markdown file; "md-files": `out_path` is a folder (created 0700 when
    missing) that receives one `YYYY-MM-DD-title.md` per entry; "html": one self-contained
    page; "pdf": one PDF. Every file goes through `app.output_file`: "-" is standard output
    (not for "md-files"), devices and FIFOs are written in place, symlinks followed.
    The output is not encrypted, whatever the journal is.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValidationError(
            "Choose Markdown, HTML or PDF for the export.", field="format"
        )
    entries = session.get_entries(entry_ids)
    title = session.info.name
    if fmt == "md-files":
        folder = output_folder(out_path)
        paths = []
        used: set[str] = set()
        for entry in entries:
            stem = _slug(entry)
            name, n = stem, 2
            # lexists: a name already taken, even by a broken link, is never written through.
            while name in used or os.path.lexists(folder / f"{name}.md"):
                name, n = f"{stem}-{n}", n + 1
            used.add(name)
            path = folder / f"{name}.md"
            body, _files = export_files.write_beside(session, folder, name, entry.body)
            entry = dataclasses.replace(entry, body=body)
            write_output(path, entry_markdown(entry, level=1).encode("utf-8"))
            paths.append(path)
        result = ExportResult(paths=tuple(paths), entry_count=len(entries))
    else:
        check_output(out_path)  # refuse a folder before a long PDF is laid out
        if fmt == "md":
            entries = [dataclasses.replace(e, body=export_files.without_files(session, e.body))
                       for e in entries]
            text = f"# {title}\n\n" + "\n---\n\n".join(entry_markdown(e) for e in entries)
            data = text.encode("utf-8")
        elif fmt == "html":
            data = _html_document(title, entries, session).encode("utf-8")
        else:
            data = _pdf_bytes(title, entries, session)
        write_output(out_path, data)
        result = ExportResult(paths=(Path(out_path),), entry_count=len(entries))
    log.info("journal %s: exported %d entries as %s", session.info.id, len(entries), fmt)
    return result
