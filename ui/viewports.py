"""Scroll areas (lists, text views, scrolled forms) with a viewport made in Python.

The first time Python is handed a plain widget that Qt made on its own, such as the
viewport a scroll area makes for itself, PySide looks for its class through every widget
class of QtWidgets and builds each one with its enums: about 60 M instructions, more than
the rest of a first screen's list. A viewport made here is known to Python from the
start, so `area.viewport()` costs nothing. Give the area its viewport before anything is
put in it: a scroll area's widget lives in the viewport it replaces.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def own_viewport(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """`area`, its viewport replaced by one Python made; returned for chaining."""
    viewport = QWidget(area)
    # As Qt makes its own: its name, filled, in the base colour of a list or text view; a
    # scroll area's shows what stands behind it (it takes no colour of its own).
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.NoRole if area.inherits("QScrollArea")
                               else QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    area.setViewport(viewport)
    return area
