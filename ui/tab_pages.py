"""The window's tab pages: each tab's module is imported and its widget built the first time
the tab is needed, so start-up pays only for the tab that shows first.

A page is what the QTabWidget holds; the tab widget itself fills the page once built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QVBoxLayout, QWidget


@dataclass(frozen=True)
class TabSpec:
    """What the window knows of a tab before its module is imported."""

    name: str  # "guides", "calendar", "journal"
    title: str
    tooltip: str
    load: Callable[[], type]  # imports the tab's module and returns its widget class
    own_menu: str | None = None  # the menu bar entry the tab fills with its actions


class TabPage(QWidget):
    """Holds one tab; `ensure_built()` imports and builds it on first call."""

    def __init__(self, spec: TabSpec, *, make: Callable[[type, QWidget], QWidget],
                 on_built: Callable[[TabPage], None], parent=None):
        super().__init__(parent)
        self.spec = spec
        self.tab: QWidget | None = None
        self._make = make
        self._on_built = on_built
        self.setAccessibleName(spec.title)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self.tab is not None

    def ensure_built(self) -> QWidget:
        if self.tab is None:
            self.tab = self._make(self.spec.load(), self)
            self._layout.addWidget(self.tab)
            # At once, not queued as a layout would: the tab may be on screen already.
            self.tab.show()
            self._on_built(self)
        return self.tab
