"""The window's tab pages and the contract every tab keeps with the window.

A page is what the QTabWidget holds; the tab itself fills the page once built. Each tab's
module is imported and its widget built the first time the tab is needed, so start-up pays
only for the tab that shows first.

Every tab derives from `TabContent`, whose methods do nothing until a tab overrides them, so
the window calls them on any tab without asking whether it has them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import ClassVar, NamedTuple

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QVBoxLayout, QWidget


class Command(enum.Enum):
    """The commands the window offers to whichever tab is showing."""

    NEW = "new"  # File > New
    SAVE = "save"  # File > Save
    FIND = "find"  # Edit > Find


class TabContent(QWidget):
    """One tab's widget: what the window may ask of it, each a no-op unless overridden.

    `commands` names the shared commands the tab takes, with the text their menu entries
    show while it is current; the others are disabled there.
    """

    commands: ClassVar[dict[Command, str]] = {}

    def __init__(self, *, context, navigator, settings, parent=None):
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.settings = settings

    def run(self, command: Command) -> None:
        """Carry out a shared command (the window's New, Save or Find)."""
        {Command.NEW: self.new_item, Command.SAVE: self.save, Command.FIND: self.find}[command]()

    def new_item(self) -> None:
        """File > New."""

    def save(self) -> None:
        """File > Save."""

    def find(self) -> None:
        """Edit > Find."""

    def menu_actions(self) -> dict[str, list[QAction]]:
        """The tab's own actions by menu ("file", "view", "help" or its own menu's title).

        Those in the shared menus show only while the tab is current; those in its own
        menu always show."""
        return {}

    def refresh_theme(self) -> None:
        """The theme changed: redraw what does not follow the palette by itself."""

    def shutdown(self) -> None:
        """The window is closing: flush what is unsaved and stop timers and workers."""

    def handle_plan_request(self, request) -> None:
        """A PlanActivityRequest ("Plan it") routed here by the window."""

    def handle_journal_request(self, request) -> None:
        """A JournalEntryRequest ("Reflect", "Write about it") routed here by the window."""

    def handle_show_plan(self, request) -> None:
        """A ShowPlanRequest (a journal entry's "About: …" link) routed here by the window."""

    def build_everything(self) -> None:
        """Build the parts made on first use, so every key binding exists (for Help >
        Keyboard shortcuts)."""

    def smoke_test(self) -> None:
        """`--smoke-test`: prove what this tab needs from the build works."""


class TabSpec(NamedTuple):
    """What the window knows of a tab before its module is imported."""

    name: str  # "guides", "calendar", "journal"
    title: str
    tooltip: str
    load: Callable[[], type[TabContent]]  # imports the tab's module, returns its class
    own_menu: str | None = None  # the menu bar entry the tab fills with its actions


class TabPage(QWidget):
    """Holds one tab; `ensure_built()` imports and builds it on first call."""

    def __init__(self, spec: TabSpec, *, make: Callable[[type, QWidget], TabContent],
                 on_built: Callable[[TabPage], None], parent=None):
        super().__init__(parent)
        self.spec = spec
        self.tab: TabContent | None = None
        self._make = make
        self._on_built = on_built
        self.setAccessibleName(spec.title)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self.tab is not None

    def ensure_built(self) -> TabContent:
        if self.tab is None:
            self.tab = self._make(self.spec.load(), self)
            self._layout.addWidget(self.tab)
            if self.window().isVisible():
                # At once, not queued as a layout would: the tab may be on screen already.
                self.tab.show()
            else:
                # Shown by the window (show_built) once its tab widget has placed the pages:
                # shown with the window, the tab would be laid out twice, first at the
                # pages' natural size (QTabWidget places them only after showing them).
                self.tab.hide()
            self._on_built(self)
        return self.tab

    def show_built(self) -> None:
        """Show a tab built before the window was shown."""
        if self.tab is not None and self.tab.isHidden():
            self.tab.show()
