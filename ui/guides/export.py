"""Print a guide or save it as a PDF, laid out for paper rather than the screen."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from app import APP_NAME
from app.content.guides import Guide
from app.output_file import write_output
from ui.guides.render import PRINT_COLORS, document_css, print_html

PRINT_POINT_SIZE = 11.0
MARGIN_MM = 20.0


def print_document(guide: Guide) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(PRINT_POINT_SIZE)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(document_css(PRINT_COLORS, PRINT_POINT_SIZE))
    document.setHtml(print_html(guide))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, guide.title)
    return document


def print_guide(guide: Guide, device: QPagedPaintDevice) -> None:
    """Lay the guide out on `device` (a QPrinter or QPdfWriter), page after page."""
    print_document(guide).print_(device)


def export_pdf(guide: Guide, path: Path) -> Path:
    """Write the guide to `path` as an A4 PDF; returns the path written. ".pdf" is added
    only to a name that does not exist yet: a device, FIFO or link the person chose is
    written as it is (see app.output_file), never beside it."""
    path = Path(path)
    if path.suffix.lower() != ".pdf" and not os.path.lexists(path):
        path = path.with_name(path.name + ".pdf")
    # Laid out in memory so the file itself is written once, through app.output_file.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(guide.title)
    writer.setCreator(APP_NAME)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QPageLayout.Unit.Millimeter)
    print_guide(guide, writer)
    del writer  # the PDF is finished when the writer goes away
    write_output(path, bytes(buffer.data()))
    return path
