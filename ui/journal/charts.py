"""Small painted charts for the journal: the heatmap of days written and mood over time."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app import dates
from ui import icons
from ui.journal.mood import MOOD_COLORS, mood_label

CELL = 11
GAP = 3
FACE = 14


def axis_font(font: QFont) -> QFont:
    """The charts' date labels: the widget's font, a little smaller."""
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    return small


class DayHeatmap(QWidget):
    """Weeks as columns, weekdays as rows, darker the more was written that day.

    Shows as many weeks as fit, ending with the week of `today`.
    """

    day_clicked = Signal(object)  # datetime.date

    def __init__(self, *, today: Callable[[], datetime.date] = datetime.date.today,
                 parent=None):
        super().__init__(parent)
        self._today = today
        self._counts: dict[datetime.date, int] = {}
        self.setAccessibleName("Days written")
        self.setToolTip("Days you wrote; click a day to see its entries")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(26 * (CELL + GAP), self._label_height() + 7 * (CELL + GAP) + 2)

    def _label_font(self) -> QFont:
        return axis_font(self.font())

    def _label_height(self) -> int:
        return QFontMetrics(self._label_font()).height() + 2

    def axis_labels(self) -> list[tuple[float, str]]:
        """(x, text) of the month names above the weeks: one where a month begins, left out
        where it would run into the one before."""
        metrics = QFontMetrics(self._label_font())
        first = self._first_day()
        labels: list[tuple[float, str]] = []
        next_free = 0.0
        for column in range(self._weeks()):
            monday = first + datetime.timedelta(weeks=column)
            sunday = monday + datetime.timedelta(days=6)
            starts = column == 0 or sunday.month != monday.month or monday.day == 1
            if not starts:
                continue
            day = monday if column == 0 or monday.day == 1 else sunday.replace(day=1)
            text = dates.axis_month_text(day)
            x = self._cell_rect(column, 0).left()
            width = metrics.horizontalAdvance(text)
            if x >= next_free and x + width <= self.width():
                labels.append((x, text))
                next_free = x + width + GAP * 2
        return labels

    def set_counts(self, counts: dict[datetime.date, int]) -> None:
        self._counts = dict(counts)
        self.update()

    def clear(self) -> None:
        self.set_counts({})

    def counts(self) -> dict[datetime.date, int]:
        return dict(self._counts)

    def _weeks(self) -> int:
        return max(1, (self.width() + GAP) // (CELL + GAP))

    def _first_day(self) -> datetime.date:
        today = self._today()
        last_monday = today - datetime.timedelta(days=today.weekday())
        return last_monday - datetime.timedelta(weeks=self._weeks() - 1)

    def _cell_rect(self, column: int, row: int) -> QRectF:
        return QRectF(column * (CELL + GAP), self._label_height() + row * (CELL + GAP) + 1,
                      CELL, CELL)

    def day_at(self, x: float, y: float) -> datetime.date | None:
        column = int(x // (CELL + GAP))
        row = int((y - self._label_height() - 1) // (CELL + GAP))
        if not (0 <= column < self._weeks() and 0 <= row < 7):
            return None
        day = self._first_day() + datetime.timedelta(weeks=column, days=row)
        return day if day <= self._today() else None

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        pal = self.palette()
        empty = pal.color(QPalette.ColorRole.AlternateBase)
        accent = pal.color(QPalette.ColorRole.Highlight)
        today = self._today()
        first = self._first_day()
        top = max(self._counts.values(), default=1)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._label_font())
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        for x, text in self.axis_labels():
            painter.drawText(QRectF(x, 0, self.width() - x, self._label_height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        painter.setPen(Qt.PenStyle.NoPen)
        for column in range(self._weeks()):
            for row in range(7):
                day = first + datetime.timedelta(weeks=column, days=row)
                if day > today:
                    continue
                count = self._counts.get(day, 0)
                if count:
                    color = QColor(accent)
                    color.setAlphaF(0.45 + 0.55 * min(1.0, count / max(1, top)))
                else:
                    color = empty
                painter.setBrush(color)
                painter.drawRoundedRect(self._cell_rect(column, row), 3, 3)
                if day == today:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(accent, 1.2))
                    painter.drawRoundedRect(self._cell_rect(column, row).adjusted(-1, -1, 1, 1),
                                            3, 3)
                    painter.setPen(Qt.PenStyle.NoPen)
        painter.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            day = self.day_at(event.pos().x(), event.pos().y())
            if day is not None:
                count = self._counts.get(day, 0)
                words = "no entry" if not count else f"{count} entr{'y' if count == 1 else 'ies'}"
                QToolTip.showText(event.globalPos(), f"{dates.day_text(day)}: {words}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the labels' height follows the text
            self.setMinimumHeight(self.sizeHint().height())
            self.updateGeometry()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        day = self.day_at(event.position().x(), event.position().y())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.day_clicked.emit(day)
        super().mousePressEvent(event)


class MoodChart(QWidget):
    """A line of the daily average mood (1-5) over the given days."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._points: list[tuple[datetime.date, float]] = []
        self.setAccessibleName("Mood over time")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(240, 84 + self._label_height())

    def _label_height(self) -> int:
        return QFontMetrics(axis_font(self.font())).height() + 2

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(4 + FACE + 4, FACE / 2, -4,
                                            -FACE / 2 - self._label_height())

    def axis_labels(self) -> list[tuple[float, str]]:
        """(x, text) of the dates under the line: the first and last day, and the one
        halfway when there is room for three; x is where each label starts."""
        if not self._points:
            return []
        metrics = QFontMetrics(axis_font(self.font()))
        area = self._area()
        start, end = self._points[0][0], self._points[-1][0]
        days = [start] if start == end else [start, end]
        middle = start + (end - start) / 2
        widest = max(metrics.horizontalAdvance(dates.axis_day_text(d))
                     for d in (start, middle, end))
        if len(days) == 2 and area.width() >= 3 * widest + 24 and middle not in days:
            days.insert(1, middle)
        labels = []
        for day in days:
            text = dates.axis_day_text(day)
            width = metrics.horizontalAdvance(text)
            centre = area.left() + ((day - start).days / max(1, (end - start).days)
                                    * area.width() if end != start else area.width() / 2)
            x = min(max(centre - width / 2, area.left() - FACE), self.width() - width - 1)
            labels.append((x, text))
        return labels

    def set_points(self, points: Iterable[tuple[datetime.date, float]]) -> None:
        self._points = sorted((d, float(m)) for d, m in points if m)
        if self._points:
            first, last = self._points[0], self._points[-1]
            self.setToolTip(f"Mood from {dates.short_day_text(first[0], last[0])} to "
                            f"{dates.short_day_text(last[0], first[0])}: "
                            f"latest {mood_label(round(last[1]))}")
        else:
            self.setToolTip("No moods recorded yet")
        self.update()

    def clear(self) -> None:
        self.set_points([])

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the labels' height follows the text
            self.setMinimumHeight(self.sizeHint().height())
            self.updateGeometry()


    def points(self) -> list[tuple[datetime.date, float]]:
        return list(self._points)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        pal = self.palette()
        grid = pal.color(QPalette.ColorRole.Mid)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self._area()
        for level in range(1, 6):
            y = area.bottom() - (level - 1) / 4 * area.height()
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        # The scale is read from faces rather than numbers: low at the bottom, great on top.
        for level in (1, 5):
            y = area.bottom() - (level - 1) / 4 * area.height()
            painter.drawPixmap(QPointF(2, y - FACE / 2),
                               icons.icon(f"mood-{level}").pixmap(FACE, FACE))
        if not self._points:
            painter.setPen(muted)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No moods yet")
            painter.end()
            return
        painter.setFont(axis_font(self.font()))
        painter.setPen(muted)
        label_top = area.bottom() + FACE / 2
        for x, text in self.axis_labels():
            painter.drawText(QRectF(x, label_top, self.width() - x, self._label_height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        start = self._points[0][0]
        span = max(1, (self._points[-1][0] - start).days)

        def at(day: datetime.date, mood: float) -> QPointF:
            x = area.left() + (day - start).days / span * area.width() if len(self._points) > 1 \
                else area.center().x()
            return QPointF(x, area.bottom() - (mood - 1) / 4 * area.height())

        path = QPainterPath()
        for index, (day, mood) in enumerate(self._points):
            point = at(day, mood)
            path.moveTo(point) if index == 0 else path.lineTo(point)
        painter.setPen(QPen(accent, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        for day, mood in self._points:
            painter.setBrush(QColor(MOOD_COLORS[max(1, min(5, round(mood)))]))
            painter.drawEllipse(at(day, mood), 3.2, 3.2)
        painter.end()
