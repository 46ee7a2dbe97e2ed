"""The Calendar tab's side: the selected day's plans, what is coming up, and the summary.

A view that knows nothing of the data layer: rows in through `show_day`, `show_upcoming`
and `show_summary`, intents out through signals that carry a plan's key. Each list is
built when it first has rows to show: until then its "nothing planned" line stands alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.calendar.summary import SummaryPanel
from ui.theme import SPACING
from ui.viewports import own_viewport
from ui.widgets import heading

if TYPE_CHECKING:
    from ui.calendar.models import AgendaModel, AgendaRow


class AgendaPanel(QScrollArea):
    """Scrolls as a whole, so on a small window nothing is squeezed into a sliver; the
    coming-up list gives up rows (and scrolls on its own) before the summary would go
    out of sight."""

    edit_requested = Signal(object)  # a double-click on a plan in either list
    delete_requested = Signal(object)  # Delete on a plan in either list
    menu_requested = Signal(object, QPoint)  # a right-click, at this global position
    day_plan_selected = Signal(object)  # a plan of the day's list became current

    def __init__(self, *, parent=None):
        super().__init__(parent)
        own_viewport(self)  # asked for its height while the first paint is laid out
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(240)
        self.setMaximumWidth(420)
        self._fitting = False
        side = QWidget(self)
        self.setWidget(side)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, SPACING["xs"], 0)
        column.setSpacing(SPACING["s"])
        self.day_label = heading("", level=3, parent=side)
        column.addWidget(self.day_label)
        self.day_empty = _muted("Nothing planned. Double-click the day or press Ctrl+N to "
                                "plan something.", side)
        self.day_empty.setWordWrap(True)
        column.addWidget(self.day_empty)

        column.addSpacing(SPACING["xs"])
        column.addWidget(heading("Coming up", level=3, parent=side))
        self.upcoming_empty = _muted("Nothing coming up yet.", side)
        column.addWidget(self.upcoming_empty)
        self._day_list = self._upcoming_list = None
        self._day_model = self._upcoming_model = None

        column.addSpacing(SPACING["xs"])
        self.summary = SummaryPanel(parent=side)
        column.addWidget(self.summary)
        column.addStretch(1)

    @property
    def day_list(self):
        return self._day()[1]

    @property
    def day_model(self) -> AgendaModel:
        return self._day()[0]

    @property
    def upcoming_list(self):
        return self._upcoming()[1]

    @property
    def upcoming_model(self) -> AgendaModel:
        return self._upcoming()[0]

    def _day(self):
        if self._day_list is None:
            self._day_model, self._day_list = self._build_list(
                "Plans on the selected day", self.day_empty, stacked=False, after=self)
            self._day_list.selectionModel().currentChanged.connect(
                self._on_day_list_current_changed)
        return self._day_model, self._day_list

    def _upcoming(self):
        if self._upcoming_list is None:
            self._upcoming_model, self._upcoming_list = self._build_list(
                "Coming up", self.upcoming_empty, stacked=True,
                after=self if self._day_list is None else self._day_list)
        return self._upcoming_model, self._upcoming_list

    def _build_list(self, name: str, empty: QLabel, *, stacked: bool, after: QWidget):
        """A plan list and its rows' model, the list in its place just above its
        "nothing" line, and next after `after` in the focus order."""
        from ui.calendar.models import AgendaModel
        from ui.calendar.plan_list import PlanListView

        model = AgendaModel(parent=self)
        view = PlanListView(name=name, stacked=stacked, parent=self.widget())
        view.setModel(model)
        column = self.widget().layout()
        column.insertWidget(column.indexOf(empty), view)
        QWidget.setTabOrder(after, view)
        view.edit_requested.connect(self.edit_requested)
        view.delete_requested.connect(self.delete_requested)
        view.menu_requested.connect(self.menu_requested)
        return model, view

    def show_day(self, title: str, rows: Sequence[AgendaRow], selected_key=None) -> None:
        """The selected day under `title`, with the plan `selected_key` current if it is there."""
        self.day_label.setText(title)
        if rows or self._day_list is not None:  # else there is nothing to clear either
            self._show(self.day_model, self.day_list, self.day_empty, rows)
            self.day_list.select_key(selected_key)
        self.fit_upcoming()

    def show_upcoming(self, rows: Sequence[AgendaRow]) -> None:
        if rows or self._upcoming_list is not None:
            self._show(self.upcoming_model, self.upcoming_list, self.upcoming_empty, rows)
        self.fit_upcoming()

    def show_summary(self, summary) -> None:
        self.summary.set_summary(summary)
        self.fit_upcoming()

    def summary_in_view(self) -> bool:
        """Whether the whole summary is inside the visible part of the column."""
        top = self.summary.mapTo(self.widget(), self.summary.rect().topLeft()).y()
        shown_from = self.verticalScrollBar().value()
        return (top >= shown_from
                and top + self.summary.height() <= shown_from + self.viewport().height())

    def fit_upcoming(self) -> None:
        """Show as many coming-up rows as leave the summary in view (at least one)."""
        if self._fitting or self._upcoming_list is None or not self.upcoming_model.rowCount():
            return
        self._fitting = True
        try:
            layout = self.widget().layout()
            layout.activate()
            width = self.viewport().width()
            # Wrapped labels (the day's heading, "Nothing planned…") grow with their width.
            needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                      else layout.totalSizeHint().height())
            rest = needed - self.upcoming_list.height()
            row = max(1, self.upcoming_list.row_height())
            fit = (self.viewport().height() - rest - 2) // row
            self.upcoming_list.fit_height(max(1, fit))
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_upcoming()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # Row heights follow the new text size once the layouts have taken it in.
            QTimer.singleShot(0, self, self.fit_upcoming)

    def select_in_day(self, key) -> None:
        if self._day_list is not None:  # no list: no rows to select
            self.day_list.select_key(key)

    @staticmethod
    def _show(model: AgendaModel, view, empty: QLabel,
              rows: Sequence[AgendaRow]) -> None:
        model.set_rows(list(rows))
        view.fit_height()
        view.setVisible(bool(rows))
        empty.setVisible(not rows)

    def _on_day_list_current_changed(self, current: QModelIndex, _previous) -> None:
        from ui.calendar.models import Role

        key = current.data(Role.KEY) if current.isValid() else None
        if key is not None:
            self.day_plan_selected.emit(key)


def _muted(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "muted")
    return label
