"""The quality-time summary: this month against last, the week streak, a year of bars."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.calendar.colors import theme_palette
from ui.theme import SPACING, blend
from ui.widgets import heading

_MONTH_LETTERS = "JFMAMJJASOND"


class MonthBarChart(QWidget):
    """Bars per month: done in the accent colour, still planned or skipped paler on top."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._months: list = []
        self.setMinimumHeight(76)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Activities per month")

    def set_months(self, months: Sequence) -> None:
        self._months = list(months)
        parts = [f"{m.year}-{m.month:02d}: {m.done} done of {m.total}" for m in self._months]
        self.setAccessibleDescription("; ".join(parts))
        self.setToolTip("Activities per month over the last year\n"
                        "Solid: done · pale: planned or skipped")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(260, 90)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        pal = theme_palette(self)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.8))
        painter.setFont(small)
        fm = QFontMetrics(small)
        label_height = fm.height() + 2
        count = max(1, len(self._months))
        top = fm.height() + 2
        chart_height = self.height() - label_height - top
        slot = self.width() / count
        bar_width = max(4.0, min(22.0, slot * 0.6))
        highest = max((m.total for m in self._months), default=0)
        scale = chart_height / highest if highest else 0
        base = top + chart_height
        painter.setPen(QColor(pal.border))
        painter.drawLine(0, int(base) + 1, self.width(), int(base) + 1)
        for i, month in enumerate(self._months):
            x = i * slot + (slot - bar_width) / 2
            total_h = month.total * scale
            done_h = month.done * scale
            painter.setPen(Qt.PenStyle.NoPen)
            if total_h > done_h:
                painter.setBrush(blend(pal.accent, pal.surface, 0.3))
                painter.drawRoundedRect(QRectF(x, base - total_h, bar_width, total_h), 3, 3)
            if done_h:
                painter.setBrush(QColor(pal.accent))
                painter.drawRoundedRect(QRectF(x, base - done_h, bar_width, done_h), 3, 3)
            last = i == len(self._months) - 1
            painter.setPen(QColor(pal.text if last else pal.muted))
            painter.drawText(QRectF(i * slot, base + 2, slot, label_height),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             _MONTH_LETTERS[month.month - 1])
            if month.total and last:
                painter.drawText(QRectF(i * slot - 10, base - total_h - fm.height() - 1,
                                        slot + 20, fm.height()),
                                 Qt.AlignmentFlag.AlignHCenter, str(month.total))
        if not highest:
            painter.setPen(QColor(pal.muted))
            painter.drawText(QRectF(0, top, self.width(), chart_height),
                             Qt.AlignmentFlag.AlignCenter, "No plans yet this year")
        painter.end()


class SummaryPanel(QFrame):
    """Three numbers and the chart, in a panel under the upcoming list."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.setAccessibleName("Quality-time summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["l"], SPACING["m"], SPACING["l"], SPACING["m"])
        layout.setSpacing(SPACING["xs"])
        layout.addWidget(heading("Time together", level=3, parent=self))
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING["l"])
        grid.setVerticalSpacing(0)
        self.month_value = self._number(grid, 0, "done this month")
        self.streak_value = self._number(grid, 1, "weeks in a row")
        layout.addLayout(grid)
        self.compare_label = QLabel(self)
        self.compare_label.setProperty("role", "small")
        self.compare_label.setWordWrap(True)
        layout.addWidget(self.compare_label)
        self.chart = MonthBarChart(parent=self)
        layout.addWidget(self.chart, 1)

    def _number(self, grid: QGridLayout, column: int, caption: str) -> QLabel:
        value = QLabel("0", self)
        value.setProperty("role", "h2")
        label = QLabel(caption, self)
        label.setProperty("role", "small")
        label.setWordWrap(True)  # large text in a narrow column: two lines, not clipped
        grid.addWidget(value, 0, column)
        grid.addWidget(label, 1, column)
        return value

    def set_summary(self, summary) -> None:
        this, last = summary.this_month, summary.last_month
        self.month_value.setText(str(this.done))
        self.month_value.setToolTip(f"{this.done} done, {this.planned} still planned, "
                                    f"{this.skipped} skipped this month")
        self.streak_value.setText(str(summary.streak_weeks))
        self.streak_value.setToolTip("Weeks in a row with at least one plan done")
        self.compare_label.setText(_compare_text(this, last))
        self.chart.set_months(summary.per_month)


def _compare_text(this, last) -> str:
    if last.done == 0:
        base = "None done last month."
    elif this.done > last.done:
        base = f"{this.done - last.done} more than last month ({last.done})."
    elif this.done == last.done:
        base = f"As many as last month ({last.done})."
    else:
        base = f"Last month: {last.done} done."
    if this.planned:
        base += f" {this.planned} still planned this month."
    return base
