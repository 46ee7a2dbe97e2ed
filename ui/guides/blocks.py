"""The pieces the guide reader lays a guide out in: text blocks and "Try this" cards.

A block of text exactly as tall as its text, and an exercise card with its Plan it or
Reflect button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
)

from app.content.guides import Exercise
from ui import icons
from ui.guides.delegate import highlighted_html
from ui.guides.render import exercise_marker
from ui.theme import SPACING

if TYPE_CHECKING:
    from PySide6.QtGui import QTextCursor


class WrappedLabel(QLabel):
    """A word-wrapped label that works out its height for a width once per text and font.

    Qt lays a rich text out anew for every height a layout asks of it, and laying out the
    reader's column asks each label many times over at the same few widths.
    """

    def __init__(self, text: str = "", parent=None, *, rich: bool = False):
        super().__init__(text, parent)
        self.setWordWrap(True)
        if rich:
            self.setTextFormat(Qt.TextFormat.RichText)
        self._heights: dict[int, int] = {}
        self._heights_text = text

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        text = self.text()
        if text != self._heights_text:
            self._heights.clear()
            self._heights_text = text
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # A new font or style (the app's stylesheet sets fonts by role) changes every height.
        # (Qt sends some while the label is being made, before it has any.)
        heights = getattr(self, "_heights", None)
        if heights is not None:
            heights.clear()
        super().changeEvent(event)


class AutoHeightBrowser(QTextBrowser):
    """A text browser exactly as tall as its document, so an outer scroll area scrolls."""

    # Its text was laid out for a width it took while the window was being shown.
    settled = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Transparent: the palette this gives the browser is the one its viewport fills
        # with, so the page shows through. (Not through viewport(): handing that plain
        # QWidget to Python the first time makes PySide look through every widget class.)
        self.setStyleSheet("QTextBrowser { background: transparent; border: none; padding: 0px; }")
        self._settle_posted = False
        self.document().setDocumentMargin(0)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if (event.size().width() != event.oldSize().width()
                and not self.window().testAttribute(Qt.WidgetAttribute.WA_Mapped)):
            # The window is still being shown, and its layouts hand out a few widths
            # before the last one: lay the text out once, for the width it ends up with,
            # before the first paint (a zero timer runs before the window's first paint).
            if not self._settle_posted:
                self._settle_posted = True
                QTimer.singleShot(0, self, self._settle)
            return
        super().resizeEvent(event)
        self.fit_width()

    def _settle(self) -> None:
        self._settle_posted = False
        self.fit_width()
        self.settled.emit()

    def fit_width(self) -> None:
        # The viewport's width: the scroll bars are always off.
        width = self.maximumViewportSize().width()
        # Only a new width needs a new layout: setting the same width again lays the whole
        # text out anew, and every height this very widget takes (_fit_height) comes back
        # here as a resize.
        if self.document().textWidth() != width:
            self.document().setTextWidth(width)
        self._fit_height()

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Nothing to scroll in here; let the reader's scroll area have the wheel (and keep
        # Ctrl+wheel from zooming this one block of text on its own).
        event.ignore()

    def _fit_height(self, _size=None) -> None:
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 2
        if height != self.height():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().sizeHint().width(), self.height())

    def highlight(self, terms, colour) -> QTextCursor | None:
        """Mark every occurrence of `terms`; return the first match (or None)."""
        if not terms:
            # Nothing to mark (as when a guide opens at start-up): no need for Qt's text
            # format and cursor classes, whose first use builds all their enums.
            self.setExtraSelections([])
            return None
        from PySide6.QtGui import QTextCharFormat, QTextCursor

        selections, first = [], None
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        document = self.document()
        for term in terms:
            cursor = document.find(term, 0)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor, selection.format = cursor, fmt
                selections.append(selection)
                if first is None or cursor.position() < first.position():
                    first = QTextCursor(cursor)
                cursor = document.find(term, cursor)
        self.setExtraSelections(selections)
        return first


class ExerciseCard(QFrame):
    """One "Try this" exercise with its Plan it / Reflect button."""

    activated = Signal(object)  # Exercise

    def __init__(self, *, exercise: Exercise, point_size: float = 0.0, parent=None):
        super().__init__(parent)
        self.exercise = exercise
        self._terms: tuple[str, ...] = ()
        self._mark = ""
        self._point_size = point_size
        self.setProperty("role", "panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["l"], SPACING["l"], SPACING["l"], SPACING["l"])
        layout.setSpacing(SPACING["s"])
        top = QHBoxLayout()
        top.setSpacing(SPACING["s"])
        self.icon_label = QLabel(self)
        self.marker_label = QLabel(exercise_marker(exercise), self)
        self.marker_label.setProperty("role", "small")
        top.addWidget(self.icon_label)
        top.addWidget(self.marker_label, 1)
        layout.addLayout(top)
        self.title_label = WrappedLabel(parent=self, rich=True)
        self.title_label.setProperty("role", "h3")
        self.text_label = WrappedLabel(parent=self, rich=True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        row = QHBoxLayout()
        row.addStretch(1)
        plan = exercise.is_plan
        self.button = QPushButton("Plan it" if plan else "Reflect", self)
        self.button.setProperty("role", "primary")
        self.button.setAccessibleName(f"{'Plan it' if plan else 'Reflect'}: {exercise.title}")
        self.button.setToolTip("Open a new calendar activity with this filled in" if plan
                               else "Start a journal entry with this prompt")
        self.button.clicked.connect(self._on_button_clicked)
        row.addWidget(self.button)
        layout.addLayout(row)
        self.set_highlight((), "")
        self.refresh_icons()

    def set_highlight(self, terms, mark: str) -> None:
        self._terms, self._mark = tuple(terms), mark
        self.title_label.setText(highlighted_html(self.exercise.title, terms, mark=mark))
        # The size goes into the markup: the app stylesheet would undo a setFont().
        text = highlighted_html(self.exercise.text.replace("\n", " "), terms, mark=mark)
        size = f"font-size:{self._point_size:.1f}pt; " if self._point_size else ""
        self.text_label.setText(f"<div style='{size}line-height:140%'>{text}</div>")

    def set_text_size(self, point_size: float) -> None:
        self._point_size = point_size
        self.set_highlight(self._terms, self._mark)

    def refresh_icons(self) -> None:
        name = "calendar-plus" if self.exercise.is_plan else "pen"
        size = QFontMetrics(self.font()).height()
        self.icon_label.setPixmap(icons.icon(name, accent=True).pixmap(size, size))

    def _on_button_clicked(self) -> None:
        self.activated.emit(self.exercise)
