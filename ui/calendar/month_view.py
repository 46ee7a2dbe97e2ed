"""The month grid: six painted weeks showing each day's plans by title."""

from __future__ import annotations

import datetime
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app import dates
from app.text import count as plural
from ui.calendar.cell_layout import (
    CHIP_INSET,
    PAD,
    STRIPE_AND_GAP,
    CellMetrics,
    ChipText,
    layout_cell,
    lines_wanted,
    shows_time,
    wrap_title,
)
from ui.calendar.colors import category_color, fill, theme_palette
from ui.calendar.formatting import first_weekday, weekday_short_names
from ui.theme import blend

ROWS, COLUMNS = 6, 7


class CellEntry(NamedTuple):
    """One plan as the grid shows it; `key` is whatever the tab uses to find it again."""

    key: object
    title: str
    time_text: str = ""
    category: str | None = None
    status: str = "planned"


# What a point of the grid is on: a day, and on it a plan (its key) or "+N more".
_Hit = namedtuple("_Hit", "date key more", defaults=(None, False))


class MonthView(QWidget):
    """A custom-painted month: titles per day, "+N more", today, selection, keyboard."""

    # The keys keyPressEvent handles, as Help > Keyboard shortcuts lists them.
    KEYS = (("Arrow keys", "Move between days"),
            ("Page Up or Page Down", "The month before or after"),
            ("Home", "Go to today"),
            ("Enter", "Open the selected plan, or plan on the selected day"),
            ("Delete", "Delete the selected plan (with Undo)"))

    date_selected = Signal(object)  # datetime.date
    date_activated = Signal(object)  # datetime.date: double-click or Enter on a day
    entry_selected = Signal(object)  # the entry's key, or None
    entry_activated = Signal(object)  # the entry's key: double-click on a plan
    delete_requested = Signal(object)  # the selected entry's key
    month_changed = Signal(object, object)  # first and last date the grid shows
    entries_shown = Signal()  # the entries last set are on screen: their first paint is done

    def __init__(self, *, today: Callable[[], datetime.date] = datetime.date.today,
                 parent=None):
        super().__init__(parent)
        self._today = today
        self._first_weekday = first_weekday()
        start = today()
        self._year, self._month = start.year, start.month
        self._selected = start
        self._selected_key: object = None
        self._entries: dict[datetime.date, list[CellEntry]] = {}
        self._counts: dict[datetime.date, int] = {}
        self._entries_painted = True
        self._metrics: CellMetrics | None = None
        self._color_cache: dict[tuple, tuple[QColor, QColor]] = {}
        # Tooltips are built on demand: a busy month holds thousands of entries.
        self.tooltip_provider: Callable[[object], str] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # paintEvent fills every pixel, so Qt need not paint the parents underneath first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Month")
        self.setToolTip("Double-click a day to plan something. Arrow keys move, "
                        "Page Up/Down change month, Home jumps to today.")
        self._update_accessible_description()

    # ----- public ---------------------------------------------------------------------

    def year_month(self) -> tuple[int, int]:
        return self._year, self._month

    def selected_date(self) -> datetime.date:
        return self._selected

    def selected_key(self) -> object:
        return self._selected_key

    def visible_range(self) -> tuple[datetime.date, datetime.date]:
        """First and last day of the six weeks on screen (inclusive)."""
        return self.grid_range(self._year, self._month)

    def grid_range(self, year: int, month: int) -> tuple[datetime.date, datetime.date]:
        """The days the grid shows for a month (to load a neighbouring month ahead)."""
        first = datetime.date(year, month, 1)
        start = first - datetime.timedelta(days=(first.weekday() - self._first_weekday) % 7)
        return start, start + datetime.timedelta(days=ROWS * COLUMNS - 1)

    def entries_on(self, day: datetime.date) -> list[CellEntry]:
        return list(self._entries.get(day, ()))

    def set_entries(self, entries: Mapping[datetime.date, Sequence[CellEntry]],
                    counts: Mapping[datetime.date, int] | None = None) -> None:
        """Each day's entries in order; `counts` gives a day's full number of plans when
        only the first few entries are passed (a cell never shows more than a handful)."""
        self._entries = {day: list(items) for day, items in entries.items()}
        self._counts = dict(counts or {})
        self._entries_painted = False
        if self._selected_key is not None and not any(
                e.key == self._selected_key for e in self._entries.get(self._selected, ())):
            self._selected_key = None
        self._update_accessible_description()
        self.update()

    def count_on(self, day: datetime.date) -> int:
        return max(self._counts.get(day, 0), len(self._entries.get(day, ())))

    def select_date(self, day: datetime.date) -> None:
        """Select a day, switching month when it lies outside the one shown."""
        changed_month = (day.year, day.month) != (self._year, self._month)
        if changed_month:
            self._year, self._month = day.year, day.month
        if day != self._selected:
            self._selected_key = None
        self._selected = day
        if changed_month:
            self.month_changed.emit(*self.visible_range())
        self._update_accessible_description()
        self.update()
        self.date_selected.emit(day)

    def select_entry(self, key: object) -> None:
        self._selected_key = key
        self.update()
        self.entry_selected.emit(key)

    def show_month(self, year: int, month: int) -> None:
        """Show a month, keeping the selected day number where the month allows."""
        day = min(self._selected.day, _days_in_month(year, month))
        self.select_date(datetime.date(year, month, day))

    def next_month(self) -> None:
        y, m = (self._year + 1, 1) if self._month == 12 else (self._year, self._month + 1)
        self.show_month(y, m)

    def previous_month(self) -> None:
        y, m = (self._year - 1, 12) if self._month == 1 else (self._year, self._month - 1)
        self.show_month(y, m)

    def go_today(self) -> None:
        self.select_date(self._today())

    def entry_rect(self, key: object) -> QRect | None:
        """Where an entry's chip is painted (None when hidden under "+N more")."""
        for index in range(ROWS * COLUMNS):
            rect = self._cell_rect(index)
            day = self._day_at_index(index)
            chips, _more = self._chips(rect, day)
            for chip, entry, _text in chips:
                if entry.key == key:
                    return chip.toAlignedRect()
        return None

    def chip_text(self, key: object) -> ChipText | None:
        """What the chip of the entry `key` shows (None when hidden under "+N more")."""
        for index in range(ROWS * COLUMNS):
            for _chip, entry, text in self._chips(self._cell_rect(index),
                                                   self._day_at_index(index))[0]:
                if entry.key == key:
                    return text
        return None

    def day_rect(self, day: datetime.date) -> QRect | None:
        index = self._index_of(day)
        if not 0 <= index < ROWS * COLUMNS:
            return None
        return self._cell_rect(index).toAlignedRect()

    def title(self) -> str:
        from ui.calendar.formatting import month_title

        return month_title(self._year, self._month)

    # ----- geometry -------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(640, 480)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(COLUMNS * 44, self._header_height() + ROWS * 44)

    def _m(self) -> CellMetrics:
        if self._metrics is None:
            self._metrics = CellMetrics(self.font())
        return self._metrics

    def _header_height(self) -> int:
        return self._m().header_height

    def _cell_rect(self, index: int) -> QRectF:
        top = self._header_height()
        width = (self.width() - 1) / COLUMNS
        height = (self.height() - 1 - top) / ROWS
        row, col = divmod(index, COLUMNS)
        return QRectF(col * width, top + row * height, width, height)

    def _day_at_index(self, index: int) -> datetime.date:
        return self.visible_range()[0] + datetime.timedelta(days=index)

    def _index_of(self, day: datetime.date) -> int:
        return (day - self.visible_range()[0]).days

    def _chips(self, rect: QRectF, day: datetime.date
               ) -> tuple[list[tuple[QRectF, CellEntry, ChipText]], QRectF | None]:
        """The chips of a day cell: where each goes and what it says, and "+N more"."""
        m = self._m()
        entries = self._entries.get(day, [])
        width = rect.width() - 2 * PAD - CHIP_INSET
        plans = []
        for entry in entries:
            room = width - (m.done_mark_width if entry.status == "done" else 0)
            time = entry.time_text if shows_time(room, entry.time_text, entry.title, m) else ""
            indent = m.small_fm.horizontalAdvance(f"{time} ") if time else 0
            plans.append((entry, time, room, indent,
                          lines_wanted(room, indent, entry.title, m)))
        chips, more = layout_cell(rect, self.count_on(day), m, [p[4] for p in plans])
        placed = []
        for (chip, lines), (entry, time, room, indent, _wanted) in zip(chips, plans,
                                                                       strict=False):
            text = ChipText(time, tuple(wrap_title(m.small_fm, entry.title, room, lines,
                                                   indent)))
            placed.append((chip, entry, text))
        return placed, more

    def _hit(self, pos: QPointF) -> _Hit | None:
        for index in range(ROWS * COLUMNS):
            rect = self._cell_rect(index)
            if not rect.contains(pos):
                continue
            day = self._day_at_index(index)
            chips, more = self._chips(rect, day)
            for chip, entry, _text in chips:
                if chip.contains(pos):
                    return _Hit(day, entry.key)
            if more is not None and more.contains(pos):
                return _Hit(day, more=True)
            return _Hit(day)
        return None

    # ----- painting -------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        pal = theme_palette(self)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill(painter, self.rect(), QColor(pal.surface))
        self._paint_header(painter, pal)
        today = self._today()
        for index in range(ROWS * COLUMNS):
            self._paint_cell(painter, pal, index, today)
        painter.end()
        if not self._entries_painted:
            self._entries_painted = True
            self.entries_shown.emit()

    def _paint_header(self, painter: QPainter, pal) -> None:
        painter.setFont(self._m().small)
        painter.setPen(QColor(pal.muted))
        width = (self.width() - 1) / COLUMNS
        height = self._header_height()
        for col, name in enumerate(weekday_short_names(self._first_weekday)):
            rect = QRectF(col * width + PAD + 2, 0, width - 2 * PAD, height)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             name.upper())

    def _paint_cell(self, painter: QPainter, pal, index: int, today: datetime.date) -> None:
        rect = self._cell_rect(index)
        day = self._day_at_index(index)
        in_month = day.month == self._month
        if not in_month:
            fill(painter, rect, QColor(pal.window))
        elif day.weekday() >= 5:
            fill(painter, rect, blend(pal.surface_alt, pal.surface, 0.45))
        painter.setPen(QPen(QColor(pal.border), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)

        m = self._m()
        number_height = m.number_height
        font = m.bold if day == today else m.normal
        diameter = m.diameter
        number_rect = QRectF(rect.left() + PAD, rect.top() + (number_height - diameter) / 2,
                             diameter, diameter)
        if day == today:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(pal.accent))
            painter.drawEllipse(number_rect)
            painter.setPen(QColor(pal.accent_text))
        else:
            painter.setPen(QColor(pal.text if in_month else pal.muted))
        painter.setFont(font)
        painter.drawText(number_rect, Qt.AlignmentFlag.AlignCenter, str(day.day))

        count = self.count_on(day)
        chips, more = self._chips(rect, day)
        painter.setFont(self._m().small)
        for chip, entry, text in chips:
            self._paint_chip(painter, pal, chip, entry, text, dimmed=not in_month)
        if more is not None:
            hidden = count - len(chips)
            painter.setPen(QColor(pal.accent if in_month else pal.muted))
            long_text = f"+{hidden} more"
            fits = self._m().small_fm.horizontalAdvance(long_text) + 6 <= more.width()
            text = long_text if fits else f"+{hidden}"
            painter.drawText(more.adjusted(4, 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

        if day == self._selected:
            painter.setPen(QPen(QColor(pal.accent), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), 4, 4)
            if self.hasFocus():
                painter.setPen(QPen(blend(pal.accent, pal.surface, 0.35), 1))
                painter.drawRoundedRect(rect.adjusted(4, 4, -4, -4), 3, 3)

    def _paint_chip(self, painter: QPainter, pal, rect: QRectF, entry: CellEntry,
                    text: ChipText, *, dimmed: bool) -> None:
        selected = entry.key is not None and entry.key == self._selected_key
        faded = dimmed or entry.status == "skipped"
        hue, fill = self._chip_colors(pal, entry.category, selected, faded)
        painter.setPen(QPen(hue, 1.2) if selected else Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(hue)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 3, rect.height()), 1.5, 1.5)

        text_rect = rect.adjusted(STRIPE_AND_GAP, 2, -(CHIP_INSET - STRIPE_AND_GAP), -2)
        m = self._m()
        fm = m.small_fm
        x = text_rect.left()
        line_height = m.line_height
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        muted = QColor(pal.muted)
        text_color = muted if dimmed or entry.status == "skipped" else QColor(pal.text)
        top = text_rect.top()
        if entry.status == "done":
            mark = "✓ "
            painter.setPen(QColor(pal.success))
            painter.drawText(QRectF(x, top, text_rect.right() - x, line_height), flags, mark)
            x += fm.horizontalAdvance(mark)
        if text.time_text:
            painter.setPen(muted if not selected else text_color)
            painter.drawText(QRectF(x, top, text_rect.right() - x, line_height), flags,
                             text.time_text)
        skipped = entry.status == "skipped"
        if skipped:
            painter.setFont(m.small_struck)
        painter.setPen(text_color)
        indent = fm.horizontalAdvance(text.time_text + " ") if text.time_text else 0
        for number, line in enumerate(text.lines):
            left = x + (indent if number == 0 else 0)
            painter.drawText(QRectF(left, top + number * line_height,
                                    max(0.0, text_rect.right() - left), line_height),
                             flags, line)
        if skipped:
            painter.setFont(m.small)

    def _chip_colors(self, pal, category, selected: bool, faded: bool) -> tuple[QColor, QColor]:
        cache_key = (pal.name, category, selected, faded)
        colors = self._color_cache.get(cache_key)
        if colors is None:
            hue = category_color(category)
            fill = blend(hue, pal.surface, 0.55 if selected else 0.17)
            if faded:
                fill = blend(fill, pal.surface, 0.5)
            colors = self._color_cache[cache_key] = (hue, fill)
        return colors

    # ----- input ----------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        hit = self._hit(event.position())
        if hit is None:
            return
        self.select_date(hit.date)
        if hit.key is not None:
            self.select_entry(hit.key)
        elif self._selected_key is not None:
            self.select_entry(None)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        hit = self._hit(event.position())
        if hit is None:
            return
        if hit.key is not None:
            self.entry_activated.emit(hit.key)
        elif not hit.more:
            self.date_activated.emit(hit.date)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7,
                 Qt.Key.Key_Down: 7}
        if key in steps:
            self.select_date(self._selected + datetime.timedelta(days=steps[key]))
        elif key == Qt.Key.Key_PageUp:
            self.previous_month()
        elif key == Qt.Key.Key_PageDown:
            self.next_month()
        elif key == Qt.Key.Key_Home:
            self.go_today()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._selected_key is not None:
                self.entry_activated.emit(self._selected_key)
            else:
                self.date_activated.emit(self._selected)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected_key is not None:
            self.delete_requested.emit(self._selected_key)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self._hit(QPointF(event.pos()))
            text = self._tooltip_for(hit)
            if text:
                QToolTip.showText(event.globalPos(), text, self, QRect())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FontChange:
            self._metrics = None
        super().changeEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.update()
        super().focusOutEvent(event)

    def _tooltip_for(self, hit: _Hit | None) -> str:
        if hit is None:
            return ""
        entries = self._entries.get(hit.date, [])
        if hit.key is not None:
            if self.tooltip_provider is not None:
                return self.tooltip_provider(hit.key)
            for entry in entries:
                if entry.key == hit.key:
                    return entry.title
        if hit.more or entries:
            lines = [f"{e.time_text}  {e.title}".strip() for e in entries]
            hidden = self.count_on(hit.date) - len(entries)
            if hidden > 0:
                lines.append(f"… and {hidden} more")
            return "\n".join(lines)
        return "Double-click to plan something on this day"

    def _update_accessible_description(self) -> None:
        count = self.count_on(self._selected)
        plans = "nothing planned" if count == 0 else plural(count, "plan")
        self.setAccessibleDescription(f"{dates.day_text(self._selected)}, {plans}")


def _days_in_month(year: int, month: int) -> int:
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - datetime.timedelta(days=1)).day
