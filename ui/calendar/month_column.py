"""The Calendar tab's left column: the notices, the month's header and the month grid.

The notices and the header sit over the month alone, so the side column keeps the tab's
whole height for the selected day, what is coming up and the summary. The notices' card
is built with the first notice: without one it is hidden, so a quiet month never needs it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.calendar.header import MonthHeader
from ui.calendar.month_view import MonthView
from ui.theme import SPACING

if TYPE_CHECKING:
    from ui.calendar.notice_bars import NoticeBars

MONTH_MIN_WIDTH = 420


class MonthColumn(QWidget):
    """Holds `banners`, `header` and `month_view`; the tab wires them (the notices when
    `on_banners` is called with them, once they are built)."""

    def __init__(self, *, today: Callable[[], datetime.date],
                 on_banners: Callable[[NoticeBars], None] | None = None, parent=None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING["m"])
        self._banners: NoticeBars | None = None
        self._on_banners = on_banners
        self.header = MonthHeader(parent=self)
        column.addWidget(self.header)
        self.month_view = MonthView(today=today, parent=self)
        self.month_view.setMinimumWidth(MONTH_MIN_WIDTH)
        self.month_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        column.addWidget(self.month_view, 1)

    @property
    def banners(self) -> NoticeBars:
        """The notices over the header, built the first time they are asked for."""
        if self._banners is None:
            from ui.calendar.notice_bars import NoticeBars

            self._banners = NoticeBars(parent=self)
            self._banners.lower()  # the column's first child, as it is first on screen
            self.layout().insertWidget(0, self._banners)
            if self._on_banners is not None:
                self._on_banners(self._banners)
        return self._banners

    def has_banners(self) -> bool:
        return self._banners is not None
