"""Where things go in a day cell of the month grid: its plans and "+N more".

The fonts and sizes for a widget font, and the rects of the plans that fit and of the rest's
count.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetrics

PAD = 4  # around the day number and along a cell's sides
CHIP_GAP = 2  # between two plans of a day


class CellMetrics:
    """Fonts and sizes for one widget font, computed once rather than per chip."""

    def __init__(self, font: QFont):
        self.normal = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        self.small_struck = QFont(self.small)
        self.small_struck.setStrikeOut(True)
        self.small_fm = QFontMetrics(self.small)
        normal_fm = QFontMetrics(self.normal)
        self.header_height = self.small_fm.height() + 2 * PAD + 4
        self.number_height = normal_fm.height() + 2 * PAD + 2
        self.chip_height = self.small_fm.height() + 4
        bold_fm = QFontMetrics(self.bold)
        self.diameter = max(bold_fm.height() + 2, bold_fm.horizontalAdvance("00") + 8)
        self.time_min_width = self.small_fm.horizontalAdvance("00:00 Abc")


def layout_cell(rect: QRectF, count: int, m: CellMetrics) -> tuple[list[QRectF], QRectF | None]:
    """Rects for the chips of `count` plans that fit in `rect` and, when some do not, the
    "+N more" label."""
    top = rect.top() + m.number_height
    room = rect.bottom() - PAD - top
    slots = max(0, int((room + CHIP_GAP) // (m.chip_height + CHIP_GAP)))
    # Small cells put "+N" beside the day number and keep every line for a title.
    beside_number = slots <= 2
    shown = count if count <= slots or beside_number else slots - 1
    shown = min(shown, slots)
    chips = []
    for i in range(shown):
        y = top + i * (m.chip_height + CHIP_GAP)
        chips.append(QRectF(rect.left() + PAD, y, rect.width() - 2 * PAD, m.chip_height))
    more = None
    if shown < count:
        if beside_number:
            left = rect.left() + PAD + m.diameter + PAD
            more = QRectF(left, rect.top() + (m.number_height - m.chip_height) / 2,
                          max(0.0, rect.right() - PAD - left), m.chip_height)
        else:
            y = top + shown * (m.chip_height + CHIP_GAP)
            more = QRectF(rect.left() + PAD, y, rect.width() - 2 * PAD, m.chip_height)
    return chips, more
