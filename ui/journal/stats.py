"""The small statistics column: days written, this month, streak, mood over time."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.services.journal import JournalStats
from app.text import escape_html
from ui import icons
from ui.journal.charts import DayHeatmap, MoodChart
from ui.theme import SPACING

TOP_TAGS = 8


class _Number(QFrame):
    def __init__(self, *, caption: str, icon_name: str, parent=None):
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING["m"], SPACING["s"], SPACING["m"], SPACING["s"])
        layout.setSpacing(SPACING["s"])
        self._icon_name = icon_name
        self.icon = QLabel(self)
        self.value = QLabel(self)
        self.value.setProperty("role", "h2")
        self.caption = QLabel(caption, self)
        self.caption.setProperty("role", "muted")
        self.caption.setWordWrap(True)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.value, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignVCenter)
        self.refresh_icon()

    def refresh_icon(self) -> None:
        self.icon.setPixmap(icons.icon(self._icon_name, accent=True).pixmap(18, 18))


class StatsPanel(QFrame):
    """Painted charts and two numbers; `clear()` forgets them all when the journal locks."""

    day_clicked = Signal(object)  # datetime.date from the heatmap
    tag_clicked = Signal(str)

    def __init__(self, *, today=datetime.date.today, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Journal statistics")
        self.setMinimumWidth(190)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Scrolls when the window is short or the text large, rather than squeezing charts.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        scroll.viewport().setAutoFillBackground(False)
        inner.setAutoFillBackground(False)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(SPACING["l"], SPACING["l"], SPACING["l"], SPACING["l"])
        layout.setSpacing(SPACING["s"])
        layout.addWidget(self._caption("Days written"))
        self.heatmap = DayHeatmap(today=today, parent=self)
        layout.addWidget(self.heatmap)
        layout.addSpacing(SPACING["s"])
        self.month_number = _Number(caption="entries this month", icon_name="pen", parent=self)
        self.streak_number = _Number(caption="day streak", icon_name="streak", parent=self)
        layout.addWidget(self.month_number)
        layout.addWidget(self.streak_number)
        layout.addSpacing(SPACING["s"])
        layout.addWidget(self._caption("Mood by week"))
        self.mood_chart = MoodChart(parent=self)
        layout.addWidget(self.mood_chart)
        layout.addSpacing(SPACING["s"])
        self.tags_caption = self._caption("Tags you use most")
        layout.addWidget(self.tags_caption)
        self.tags_label = QLabel(self)
        self.tags_label.setWordWrap(True)
        self.tags_label.setAccessibleName("Tags you use most")
        self.tags_label.setToolTip("Click a tag to see its entries")
        self.tags_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.tags_label)
        layout.addSpacing(SPACING["s"])
        self.total_label = QLabel(self)
        self.total_label.setProperty("role", "small")
        layout.addWidget(self.total_label)
        layout.addStretch(1)
        self._top_tags: list[str] = []
        self.heatmap.day_clicked.connect(self.day_clicked)
        self.tags_label.linkActivated.connect(self._on_tags_label_link_activated)
        self.clear()

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "h3")
        label.setWordWrap(True)
        return label

    def set_stats(self, stats: JournalStats) -> None:
        self.heatmap.set_counts(dict.fromkeys(stats.days_written, 1))
        self.month_number.value.setText(f"{stats.entries_this_month:,}")
        self.month_number.caption.setText(
            "entry this month" if stats.entries_this_month == 1 else "entries this month")
        self.streak_number.value.setText(f"{stats.writing_streak_days:,}")
        self.streak_number.caption.setText(
            "day in a row" if stats.writing_streak_days == 1 else "days in a row")
        self.mood_chart.set_points((p.start, p.average) for p in stats.mood_by_week)
        self.total_label.setText(
            f"{stats.total_entries:,} entr{'y' if stats.total_entries == 1 else 'ies'} in all")

    def set_top_tags(self, tags) -> None:
        shown = list(tags)[:TOP_TAGS]
        accent = self.palette().color(self.palette().ColorRole.Highlight).name()
        links = "&nbsp;&nbsp; ".join(
            f'<a href="{index}" style="color:{accent}; text-decoration:none">'
            f"#{escape_html(tag)}</a>" for index, tag in enumerate(shown))
        self._top_tags = shown
        self.tags_label.setText(links)
        self.tags_caption.setVisible(bool(shown))
        self.tags_label.setVisible(bool(shown))

    def clear(self) -> None:
        self.set_top_tags([])
        self.heatmap.clear()
        self.mood_chart.clear()
        self.month_number.value.setText("–")
        self.streak_number.value.setText("–")
        self.total_label.setText("")

    def _on_tags_label_link_activated(self, link: str) -> None:
        self.tag_clicked.emit(self._top_tags[int(link)])

    def refresh_icons(self) -> None:
        self.set_top_tags(self._top_tags)  # the links carry the accent colour
        self.month_number.refresh_icon()
        self.streak_number.refresh_icon()
