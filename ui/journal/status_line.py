"""A one-line status that never moves the layout: it takes the room it is given and elides.

A plain QLabel asks for the width of its text, so every new status ("Editing…", "Restored
draft, not saved yet") changed the editor's size hint and the splitter moved all three
journal columns sideways. This label asks for no width at all; what does not fit ends in
"…", and the whole text stays in the tooltip and the accessible description.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption


class StatusLine(QLabel):
    """A label for short, changing text whose size hint does not depend on the text."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        self._text = text or ""
        self.setToolTip(self._text)
        self.setAccessibleDescription(self._text)
        super().setText(self._text)

    def clear(self) -> None:
        self.setText("")

    def full_text(self) -> str:
        return self._text

    def shown_text(self) -> str:
        """The text as painted: elided when the label is narrower than it."""
        return self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight,
                                             max(0, self.contentsRect().width()))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  option.palette, self.isEnabled(), self.shown_text(),
                                  self.foregroundRole())
