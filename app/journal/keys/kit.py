"""The recovery kit: what it says, its QR code, and the PDF the command line writes.

The window prints the same kit with Qt (ui/journal/recovery_kit.py); both take their words
from here. The PDF is drawn in memory with fpdf2, the QR code as filled squares from
segno's matrix, so no image or temporary file ever holds the key.
"""

from __future__ import annotations

import datetime
import logging

from app import dates
from app.paths import resource_path

TITLE = "Hearth recovery kit"
INTRO = ("This key opens the journal “{name}” if its passphrase is ever forgotten. "
         "Anyone holding it and a copy of the journal can read it.")
WHERE = (
    "Keep it on paper, somewhere you would keep a passport, not next to the computer.",
    "Do not photograph it or store it in the same place as your journal backups.",
    "If it is lost or seen by someone else, make a new one: Journal > Recovery kit…",
)
HOW = "To use it: on the lock screen, choose “Forgot your passphrase?” and type the key."


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of `text` as rows of dark (True) and light modules, quiet zone included."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=2)]


def kit_pdf(name: str, day: datetime.date, recovery_key: str) -> bytes:
    """One A4 page: the journal's name, the day, the key in large groups, its QR code and
    where to keep it."""
    from fpdf import FPDF

    logging.getLogger("fpdf").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = FPDF(format="A4")
    pdf.set_title(TITLE)
    pdf.set_creator("Hearth")
    fonts = resource_path("fonts")
    pdf.add_font("DejaVu", "", fonts / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.add_font("Mono", "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 22)
    pdf.multi_cell(0, 11, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, f"Journal: {name}\nMade on {dates.day_text(day)}", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, INTRO.format(name=name), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Mono", "B", 24)
    groups = recovery_key.split("-")
    for start in range(0, len(groups), 4):
        pdf.cell(0, 13, "  ".join(groups[start:start + 4]), align="C", new_x="LMARGIN",
                 new_y="NEXT")
    pdf.ln(4)
    matrix = qr_matrix(recovery_key)
    module = 60 / len(matrix)
    left, top = (210 - 60) / 2, pdf.get_y()
    pdf.set_fill_color(0, 0, 0)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pdf.rect(left + x * module, top + y * module, module, module, style="F")
    pdf.set_y(top + 64)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 7, "Where to keep it", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    for line in WHERE:
        pdf.multi_cell(0, 6, f"•  {line}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, HOW, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
