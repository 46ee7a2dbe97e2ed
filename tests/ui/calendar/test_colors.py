"""The calendar's own fill paints exactly what QPainter.fillRect does."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ui.calendar.colors import fill


def _painted(paint) -> QImage:
    image = QImage(120, 90, QImage.Format.Format_ARGB32)
    image.fill(QColor("#102030"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(painter)
    painter.end()
    return image


def test_fill_matches_fill_rect_on_whole_and_fractional_rectangles(qapp):
    for rect in (QRect(3, 4, 50, 40), QRectF(10.3, 7.6, 33.45, 21.7), QRectF(0, 0, 120, 90)):
        color = QColor("#c2566f")
        assert _painted(lambda p: fill(p, rect, color)) == \
            _painted(lambda p: p.fillRect(rect, color))  # noqa: B023
