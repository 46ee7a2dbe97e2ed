"""The Calendar tab's side column keeps a share of the tab's width until its divider is
dragged: at 1024 pixels the month keeps cells wide enough for whole words even at the
largest text size, and on a wide screen the side column does not grow past reading width."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QSplitter, QWidget

SHARE = 0.24
BOUNDS = (240, 340)


class SideWidth(QObject):
    """Sets the splitter's last widget to SHARE of `owner`'s width, within BOUNDS, on every
    resize, until the person drags the divider (then their width stays)."""

    def __init__(self, splitter: QSplitter, *, owner: QWidget, parent=None):
        super().__init__(parent)
        self._splitter = splitter
        self._owner = owner
        self.dragged = False
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(self._on_splitter_moved)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self._splitter and event.type() == QEvent.Type.Resize and not self.dragged:
            low, high = BOUNDS
            side = max(low, min(high, int(self._owner.width() * SHARE)))
            total = self._splitter.width() - self._splitter.handleWidth()
            if total > side:
                self._splitter.setSizes([total - side, side])
        return False

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self.dragged = True
