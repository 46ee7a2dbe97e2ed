"""Where things go in a day cell of the month grid: its plans, their lines, and "+N more".

The fonts and sizes for a widget font; the rects of the plans that fit and of the rest's
count; how a title is broken into whole words over the lines its chip has; and how a chip
is drawn. A narrow cell (a 1024-pixel window, large text) drops the time and gives a title
a second line rather than cutting it to three letters: the time is in the day's list and
the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

if TYPE_CHECKING:
    from ui.calendar.colors import GridColors

PAD = 3  # around the day number and along a cell's sides
BOTTOM_PAD = 2  # under the last plan of a day
CHIP_GAP = 2  # between two plans of a day
STRIPE_AND_GAP = 6  # the colour stripe on a chip's left and the gap after it
CHIP_INSET = STRIPE_AND_GAP + 2  # and a margin on the right
MAX_TITLE_LINES = 2
ELLIPSIS = "…"
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class CellMetrics:
    """Fonts and sizes for one widget font, computed once rather than per chip."""

    def __init__(self, font: QFont):
        self.normal = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        self.small_struck = QFont(self.small)
        self.small_struck.setStrikeOut(True)
        self.small_fm = QFontMetrics(self.small)
        normal_fm = QFontMetrics(self.normal)
        self.header_height = self.small_fm.height() + 2 * PAD + 4
        self.number_height = normal_fm.height() + PAD
        self.line_height = self.small_fm.height()
        self.chip_height = self.line_height + 4
        bold_fm = QFontMetrics(self.bold)
        self.diameter = max(bold_fm.height() + 2, bold_fm.horizontalAdvance("00") + 8)
        # Below this text width the time goes: what is left would be a few letters.
        self.time_min_width = self.small_fm.horizontalAdvance("00:00 Abcdefghij")
        self.done_mark_width = self.small_fm.horizontalAdvance("✓ ")

    def chip_height_for(self, lines: int) -> float:
        return lines * self.line_height + 4


class ChipText(NamedTuple):
    """What one chip says: the time ("" when dropped) and its title's lines."""

    time_text: str
    lines: tuple[str, ...]


def shows_time(text_width: float, time_text: str, title: str, m: CellMetrics) -> bool:
    """Keep the time when the cell is wide enough, or when time and title fit on a line."""
    if not time_text:
        return False
    if text_width >= m.time_min_width:
        return True
    return m.small_fm.horizontalAdvance(f"{time_text} {title}") <= text_width


def wrap_title(fm: QFontMetrics, title: str, width: float, max_lines: int,
               first_indent: float = 0.0) -> list[str]:
    """`title` broken at spaces into at most `max_lines` lines of `width` (the first one
    `first_indent` narrower). Words stay whole; a title with more words than fit ends in
    "…" after the last whole word, and only a single word wider than a line is cut."""
    words = title.split()
    if not words or max_lines <= 0:
        return []
    lines: list[str] = []
    index = 0
    while index < len(words) and len(lines) < max_lines:
        room = width - (first_indent if not lines else 0)
        last_line = len(lines) == max_lines - 1
        line = words[index]
        index += 1
        while index < len(words) and fm.horizontalAdvance(f"{line} {words[index]}") <= room:
            line = f"{line} {words[index]}"
            index += 1
        if last_line and index < len(words):
            # Words are left over: make room for "…" after the last whole word (a word
            # that fits alone but not with "…" stays whole; the tooltip has the rest).
            while " " in line and fm.horizontalAdvance(line + ELLIPSIS) > room:
                line = line.rsplit(" ", 1)[0]
                index -= 1
            if fm.horizontalAdvance(line + ELLIPSIS) <= room:
                line += ELLIPSIS
        if fm.horizontalAdvance(line) > room:
            line = fm.elidedText(line, Qt.TextElideMode.ElideRight, int(room))
        lines.append(line)
    return lines


def lines_wanted(text_width: float, time_width: float, title: str, m: CellMetrics) -> int:
    """1 when the title fits on one line beside the time (if shown), else 2."""
    fits = m.small_fm.horizontalAdvance(title) <= text_width - time_width
    return 1 if fits else MAX_TITLE_LINES


def layout_cell(rect: QRectF, count: int, m: CellMetrics,
                wanted: Sequence[int] = ()) -> tuple[list[tuple[QRectF, int]], QRectF | None]:
    """Rects (with their number of lines) for the chips of `count` plans that fit in `rect`
    and, when some do not, the "+N more" label. `wanted` gives how many lines each plan's
    title would like, in order (1 when not given): spare lines go to them, first first,
    once every plan of the day has its one line."""
    top = rect.top() + m.number_height
    room = rect.bottom() - BOTTOM_PAD - top
    slot = m.chip_height + CHIP_GAP
    slots = max(0, int((room + CHIP_GAP) // slot))
    # Small cells put "+N" beside the day number and keep every line for a title.
    beside_number = slots <= 2
    shown = count if count <= slots or beside_number else slots - 1
    shown = min(shown, slots)
    lines = [1] * shown
    if shown == count:
        spare = room + CHIP_GAP - shown * slot
        for i in range(shown):
            extra = (wanted[i] if i < len(wanted) else 1) - 1
            while extra > 0 and spare >= m.line_height:
                lines[i] += 1
                spare -= m.line_height
                extra -= 1
    chips = []
    y = top
    for n in lines:
        height = m.chip_height_for(n)
        chips.append((QRectF(rect.left() + PAD, y, rect.width() - 2 * PAD, height), n))
        y += height + CHIP_GAP
    more = None
    if shown < count:
        if beside_number:
            left = rect.left() + PAD + m.diameter + PAD
            more = QRectF(left, rect.top() + (m.number_height - m.chip_height) / 2,
                          max(0.0, rect.right() - PAD - left), m.chip_height)
        else:
            more = QRectF(rect.left() + PAD, y, rect.width() - 2 * PAD, m.chip_height)
    return chips, more


def paint_chip(painter: QPainter, rect: QRectF, text: ChipText, m: CellMetrics,
               colors: GridColors, *, status: str, hue: QColor, fill: QColor, selected: bool,
               dimmed: bool) -> None:
    """One plan's chip: `fill` with a stripe of its category's `hue` (outlined when
    `selected`), then a done plan's tick, the time (when kept) and the title's lines, in
    the small font the painter holds (struck through for a skipped plan)."""
    painter.setPen(QPen(hue, 1.2) if selected else Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(hue)
    painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 3, rect.height()), 1.5, 1.5)

    text_rect = rect.adjusted(STRIPE_AND_GAP, 2, -(CHIP_INSET - STRIPE_AND_GAP), -2)
    fm = m.small_fm
    x = text_rect.left()
    line_height = m.line_height
    skipped = status == "skipped"
    text_color = colors.muted if dimmed or skipped else colors.text
    top = text_rect.top()
    if status == "done":
        mark = "✓ "
        painter.setPen(colors.success)
        painter.drawText(QRectF(x, top, text_rect.right() - x, line_height), LEFT_MIDDLE, mark)
        x += fm.horizontalAdvance(mark)
    if text.time_text:
        painter.setPen(colors.muted if not selected else text_color)
        painter.drawText(QRectF(x, top, text_rect.right() - x, line_height), LEFT_MIDDLE,
                         text.time_text)
    if skipped:
        painter.setFont(m.small_struck)
    painter.setPen(text_color)
    indent = fm.horizontalAdvance(text.time_text + " ") if text.time_text else 0
    for number, line in enumerate(text.lines):
        left = x + (indent if number == 0 else 0)
        painter.drawText(QRectF(left, top + number * line_height,
                                max(0.0, text_rect.right() - left), line_height),
                         LEFT_MIDDLE, line)
    if skipped:
        painter.setFont(m.small)
