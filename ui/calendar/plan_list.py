"""A list of plans (the selected day's, or what is coming up) that asks for changes by key."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QListView, QSizePolicy

from ui.calendar.delegates import PlanRowDelegate
from ui.calendar.models import Role
from ui.viewports import own_viewport

MAX_ROWS = 6  # then the list scrolls on its own


class PlanListView(QListView):
    """Rows of an AgendaModel, as tall as they are. Each intent carries the plan's key."""

    edit_requested = Signal(object)  # double-click
    delete_requested = Signal(object)  # Delete or Backspace on the current row
    menu_requested = Signal(object, QPoint)  # right-click, at this global position

    def __init__(self, *, name: str, stacked: bool, parent=None):
        super().__init__(parent)
        own_viewport(self)  # its delegate asks the viewport where the pointer is
        self.setAccessibleName(name)
        self.setItemDelegate(PlanRowDelegate(stacked=stacked, parent=self))
        self.setMouseTracking(True)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setToolTip("Double-click to change; Delete removes")
        self.customContextMenuRequested.connect(self._on_custom_context_menu_requested)
        self.doubleClicked.connect(self._on_double_clicked)

    def select_key(self, key) -> None:
        """Make the plan with `key` current, if it is in the list."""
        row = self.model().row_of(key)
        if row >= 0:
            self.setCurrentIndex(self.model().index(row, 0))

    def row_height(self) -> int:
        # Every row of a plan list has the same height (see PlanRowDelegate.sizeHint).
        return self.sizeHintForRow(0) if self.model().rowCount() else 0

    def fit_height(self, max_rows: int = MAX_ROWS) -> None:
        """Size the list to its rows (up to `max_rows`, then it scrolls)."""
        rows = self.model().rowCount()
        max_rows = max(1, min(max_rows, MAX_ROWS))
        height = max(min(rows, max_rows) * self.row_height() + 2 * self.frameWidth() + 2, 8)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if rows > max_rows
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if self.height() != height:
            self.setFixedHeight(height)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.currentIndex().isValid():
            self.delete_requested.emit(self.currentIndex().data(Role.KEY))
            return
        super().keyPressEvent(event)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.edit_requested.emit(index.data(Role.KEY))

    def _on_custom_context_menu_requested(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_requested.emit(index.data(Role.KEY), self.viewport().mapToGlobal(pos))
