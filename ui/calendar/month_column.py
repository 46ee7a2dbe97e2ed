"""The Calendar tab's left column: the notices, the month's header and the month grid.

The notices and the header sit over the month alone, so the side column keeps the tab's
whole height for the selected day, what is coming up and the summary.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.calendar.header import MonthHeader
from ui.calendar.month_view import MonthView
from ui.calendar.notice_bars import NoticeBars
from ui.theme import SPACING

MONTH_MIN_WIDTH = 420


class MonthColumn(QWidget):
    """Holds `banners`, `header` and `month_view`; the tab wires them."""

    def __init__(self, *, today: Callable[[], datetime.date], parent=None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING["m"])
        self.banners = NoticeBars(parent=self)
        column.addWidget(self.banners)
        self.header = MonthHeader(parent=self)
        column.addWidget(self.header)
        self.month_view = MonthView(today=today, parent=self)
        self.month_view.setMinimumWidth(MONTH_MIN_WIDTH)
        self.month_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        column.addWidget(self.month_view, 1)
