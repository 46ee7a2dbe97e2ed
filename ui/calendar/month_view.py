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
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app import dates
from app.text import count as plural
from ui.calendar.cell_layout import (
    CHIP_INSET,
    LEFT_MIDDLE,
    PAD,
    CellMetrics,
    ChipText,
    layout_cell,
    lines_wanted,
    paint_chip,
    shows_time,
    wrap_title,
)
from ui.calendar.colors import GridColors, category_color, fill, theme_palette
from ui.calendar.formatting import first_weekday, weekday_short_names
from ui.theme import blend

ROWS, COLUMNS = 6, 7
_NO_PEN, _NO_BRUSH = Qt.PenStyle.NoPen, Qt.BrushStyle.NoBrush
_CENTER = Qt.AlignmentFlag.AlignCenter


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
        # Made at the first paint, kept per palette and locale rather than made per cell.
        self._grid_colors: dict[str, GridColors] = {}
        self._weekday_names: list[str] | None = None
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

    def _grid(self) -> tuple[float, float, float]:
        """Where the first week starts, and a day cell's width and height."""
        top = self._header_height()
        return top, (self.width() - 1) / COLUMNS, (self.height() - 1 - top) / ROWS

    def _cell_rect(self, index: int) -> QRectF:
        top, width, height = self._grid()
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
        colors = self._grid_colors.get(pal.name)
        if colors is None:
            colors = self._grid_colors[pal.name] = GridColors(pal)
        m = self._m()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill(painter, self.rect(), colors.surface)
        self._paint_header(painter, colors, m)
        today = self._today()
        first = self.visible_range()[0]
        top, width, height = self._grid()
        for index in range(ROWS * COLUMNS):
            row, col = divmod(index, COLUMNS)
            self._paint_cell(painter, pal, colors, m,
                             QRectF(col * width, top + row * height, width, height),
                             first + datetime.timedelta(days=index), today)
        painter.end()
        if not self._entries_painted:
            self._entries_painted = True
            self.entries_shown.emit()

    def _paint_header(self, painter: QPainter, colors: GridColors, m: CellMetrics) -> None:
        painter.setFont(m.small)
        painter.setPen(colors.muted)
        if self._weekday_names is None:
            self._weekday_names = [name.upper()
                                   for name in weekday_short_names(self._first_weekday)]
        width = (self.width() - 1) / COLUMNS
        for col, name in enumerate(self._weekday_names):
            rect = QRectF(col * width + PAD + 2, 0, width - 2 * PAD, m.header_height)
            painter.drawText(rect, LEFT_MIDDLE, name)

    def _paint_cell(self, painter: QPainter, pal, colors: GridColors, m: CellMetrics,
                    rect: QRectF, day: datetime.date, today: datetime.date) -> None:
        in_month = day.month == self._month
        if not in_month:
            fill(painter, rect, colors.window)
        elif day.weekday() >= 5:
            fill(painter, rect, colors.weekend)
        painter.setPen(colors.border_pen)
        painter.setBrush(_NO_BRUSH)
        painter.drawRect(rect)

        diameter = m.diameter
        number_rect = QRectF(rect.left() + PAD, rect.top() + (m.number_height - diameter) / 2,
                             diameter, diameter)
        if day == today:
            painter.setPen(_NO_PEN)
            painter.setBrush(colors.accent)
            painter.drawEllipse(number_rect)
            painter.setPen(colors.accent_text)
            painter.setFont(m.bold)
        else:
            painter.setPen(colors.text if in_month else colors.muted)
            painter.setFont(m.normal)
        painter.drawText(number_rect, _CENTER, str(day.day))

        count = self.count_on(day)
        if count:  # an empty day has neither chips nor "+N more"
            chips, more = self._chips(rect, day)
            painter.setFont(m.small)
            for chip, entry, text in chips:
                selected = entry.key is not None and entry.key == self._selected_key
                hue, tint = self._chip_colors(pal, entry.category, selected,
                                              not in_month or entry.status == "skipped")
                paint_chip(painter, chip, text, m, colors, status=entry.status, hue=hue,
                           fill=tint, selected=selected, dimmed=not in_month)
            if more is not None:
                hidden = count - len(chips)
                painter.setPen(colors.accent if in_month else colors.muted)
                long_text = f"+{hidden} more"
                fits = m.small_fm.horizontalAdvance(long_text) + 6 <= more.width()
                text = long_text if fits else f"+{hidden}"
                painter.drawText(more.adjusted(4, 0, 0, 0), LEFT_MIDDLE, text)

        if day == self._selected:
            painter.setPen(colors.selected_pen)
            painter.setBrush(_NO_BRUSH)
            painter.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), 4, 4)
            if self.hasFocus():
                painter.setPen(colors.focus_pen)
                painter.drawRoundedRect(rect.adjusted(4, 4, -4, -4), 3, 3)

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
        elif event.type() == QEvent.Type.LocaleChange:
            self._weekday_names = None
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
