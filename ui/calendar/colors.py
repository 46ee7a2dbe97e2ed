"""Colours the calendar paints with: the theme's palette plus one hue per idea category."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ui.theme import DARK, LIGHT, Palette, blend

# Soft, distinguishable hues that read on both the light and the dark surface.
_CATEGORY_HUES = {
    "outdoors": "#4E9A6B",
    "at-home": "#C07A3E",
    "conversation": "#5A7FBF",
    "creative": "#9B64B8",
    "low-budget": "#3E9A9A",
    "out": "#C2566F",
    "physical-closeness": "#D0668A",
    "other": "#8A7F84",
}


def theme_palette(widget: QWidget) -> Palette:
    """The Hearth palette in force, read back from the widget's QPalette.

    The tab is not handed the theme manager, and the QPalette lacks colours such as
    `accent_soft` and `success`, so pick the matching named palette by the base colour.
    """
    base = widget.palette().color(QPalette.ColorRole.Base)
    return DARK if base.lightness() < 128 else LIGHT


class GridColors:
    """The month grid's colours and pens in one palette, made once rather than per day."""

    def __init__(self, pal: Palette):
        self.surface = QColor(pal.surface)
        self.window = QColor(pal.window)  # days of the months either side
        self.weekend = blend(pal.surface_alt, pal.surface, 0.45)
        self.border_pen = QPen(QColor(pal.border), 1)
        self.text = QColor(pal.text)
        self.muted = QColor(pal.muted)
        self.accent = QColor(pal.accent)
        self.accent_text = QColor(pal.accent_text)
        self.success = QColor(pal.success)
        self.selected_pen = QPen(QColor(pal.accent), 2)
        self.focus_pen = QPen(blend(pal.accent, pal.surface, 0.35), 1)


def category_color(category: str | None) -> QColor:
    return QColor(_CATEGORY_HUES.get(category or "other", _CATEGORY_HUES["other"]))



def fill(painter: QPainter, rect, color: QColor) -> None:
    """Fill `rect` with `color` as `painter.fillRect` would, leaving no pen and that brush
    set. Drawn as a rectangle without an outline: looking up fillRect's many forms builds
    all of Qt's gradient enums the first time."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRect(rect)
