"""The main window: three tabs (Guides, Calendar, Journal), menus, status bar, geometry.

Tabs are independent widgets. The window gives each the app context and the navigator,
routes navigator requests between them, and offers the shared commands (New, Save, Find)
to whichever tab is showing. Every tab is a `TabContent` (ui/tab_pages.py), whose no-op
methods a tab overrides for what it takes part in:
  commands, new_item(), save(), find() -> File > New / File > Save / Edit > Find
  menu_actions() -> {menu: [QAction]}  -> its own actions in File/View/Help or its own menu
  refresh_theme()                      -> after a theme change, what the palette misses
  shutdown()                           -> flush and close before the window closes
  handle_plan_request(request)         -> Calendar: "Plan it"
  handle_journal_request(request)      -> Journal: "Reflect" / "Write about it"

Only the tab that shows first is built before the window appears. `started` fires once
the first paint is on screen (or after a short wait when none comes, e.g. minimised); then
the other tabs are built one at a time (the calendar's reminders must run even when its
tab is never opened), unless something asked for one sooner.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from app import APP_NAME, __version__
from app.context import AppContext
from app.logs import log_file
from ui import backup_actions, icons
from ui import settings as S
from ui.navigation import JournalEntryRequest, Navigator, PlanActivityRequest
from ui.settings import Settings
from ui.tab_pages import Command, TabContent, TabPage, TabSpec
from ui.theme import TEXT_SIZES, THEME_MODES, ThemeManager

_FALLBACK_KEYS = {
    QKeySequence.StandardKey.New: "Ctrl+N",
    QKeySequence.StandardKey.Save: "Ctrl+S",
    QKeySequence.StandardKey.Find: "Ctrl+F",
    QKeySequence.StandardKey.Quit: "Ctrl+Q",
}
# The shared commands' menu text when the tab showing does not name its own.
_COMMAND_TEXT = {Command.NEW: "&New", Command.SAVE: "&Save", Command.FIND: "&Find…"}
DEFAULT_SIZE = (1180, 780)
MINIMUM_SIZE = (720, 500)
# How long after show() `started` fires when no paint comes (a window started minimised).
STARTED_FALLBACK_MS = 2000


def _guides_tab() -> type:
    from ui.guides.tab import GuidesTab

    return GuidesTab


def _calendar_tab() -> type:
    from ui.calendar.tab import CalendarTab

    return CalendarTab


def _journal_tab() -> type:
    from ui.journal.tab import JournalTab

    return JournalTab


TAB_SPECS = (
    TabSpec("guides", "Guides", "Read about emotional intimacy and try one small thing",
            _guides_tab),
    TabSpec("calendar", "Calendar", "Plan quality time and date nights", _calendar_tab,
            own_menu="&Calendar"),
    TabSpec("journal", "Journal", "Your private journal", _journal_tab, own_menu="&Journal"),
)
TAB_ORDER = tuple(spec.name for spec in TAB_SPECS)


class _FirstPaintWatcher(QObject):
    """Calls `callback` once the watched window's first paint has been flushed."""

    def __init__(self, window: QWidget, callback):
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Posted, so it runs after this paint pass has reached the screen.
            QTimer.singleShot(0, self, self._callback)
        return False


class MainWindow(QMainWindow):
    started = Signal()  # once, when the window first showed: time for deferred work
    tab_built = Signal(str)  # a tab's name, once its widget exists
    all_tabs_built = Signal()

    def __init__(self, *, context: AppContext, settings: Settings, theme: ThemeManager,
                 parent=None):
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.theme = theme
        self.navigator = Navigator(self)
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icons.app_icon())
        self.setMinimumSize(*MINIMUM_SIZE)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Sections")
        self.tabs.setIconSize(QSize(20, 20))
        self._pages: dict[str, TabPage] = {}
        for spec in TAB_SPECS:
            page = TabPage(spec, make=self._make_tab, on_built=self._on_page_built,
                           parent=self.tabs)
            self._pages[spec.name] = page
            index = self.tabs.addTab(page, spec.title)
            self.tabs.setTabToolTip(index, spec.tooltip)
        self.setCentralWidget(self.tabs)

        self._status_label = QLabel(self)
        self._status_label.setProperty("role", "small")
        self.statusBar().addPermanentWidget(self._status_label)
        self.statusBar().showMessage("Welcome back" if not context.first_start
                                     else "Welcome to Hearth", 5000)

        self._build_menus()
        self.backup_actions = backup_actions.install(self)
        self._refresh_icons(theme.palette)
        theme.theme_changed.connect(self._refresh_icons)
        self.navigator.plan_activity_requested.connect(self._on_navigator_plan_activity)
        self.navigator.journal_entry_requested.connect(self._on_navigator_journal_entry)
        self.navigator.tab_requested.connect(self.show_tab)
        self.navigator.window_requested.connect(self._on_navigator_window_requested)
        self.navigator.status_message_requested.connect(self._on_navigator_status_message)
        self._restore_state()
        self.current_page().ensure_built()
        self._update_shared_actions()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._has_started = False
        self.started.connect(self._build_deferred_tabs)
        _FirstPaintWatcher(self, self._on_started)

    # ----- tabs -----------------------------------------------------------------------

    @property
    def guides_tab(self) -> TabContent:
        return self.tab("guides")

    @property
    def calendar_tab(self) -> TabContent:
        return self.tab("calendar")

    @property
    def journal_tab(self) -> TabContent:
        return self.tab("journal")

    def tab(self, name: str) -> TabContent:
        """The tab called `name`, built now if it was not yet."""
        return self._pages[name].ensure_built()

    def built_tab(self, name: str) -> TabContent | None:
        """The tab called `name` if it has been built, else None (nothing is built)."""
        page = self._pages.get(name)
        return page.tab if page is not None else None

    def current_page(self) -> TabPage:
        return self.tabs.currentWidget()

    def current_tab(self) -> TabContent:
        return self.current_page().ensure_built()

    def build_all_tabs(self) -> None:
        for page in self._pages.values():
            page.ensure_built()

    def all_built(self) -> bool:
        return all(page.is_built for page in self._pages.values())

    def _make_tab(self, cls: type[TabContent], page: TabPage) -> TabContent:
        return cls(context=self.context, navigator=self.navigator, settings=self.settings,
                   parent=page)

    def _on_page_built(self, page: TabPage) -> None:
        self._add_menu_actions(page)
        self.tab_built.emit(page.spec.name)
        if self.all_built():
            self.all_tabs_built.emit()

    def has_started(self) -> bool:
        return self._has_started

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._has_started:
            QTimer.singleShot(STARTED_FALLBACK_MS, self, self._on_started)

    def _on_started(self) -> None:
        if not self._has_started:
            self._has_started = True
            self.started.emit()

    def _build_deferred_tabs(self) -> None:
        """Build the next tab not built yet, then come back for the one after it, so the
        event loop runs (input, paint) between two tabs."""
        for page in self._pages.values():
            if not page.is_built:
                page.ensure_built()
                QTimer.singleShot(0, self, self._build_deferred_tabs)
                return

    # ----- building -------------------------------------------------------------------

    def _build_menus(self) -> None:
        self._menu_actions: list[QAction] = []  # the ones that carry an icon
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {
            "file": bar.addMenu("&File"),
            "edit": bar.addMenu("&Edit"),
            "view": bar.addMenu("&View"),
        }
        file_menu, edit_menu, view_menu = self.menus["file"], self.menus["edit"], self.menus["view"]

        self.new_action = self._command_action(Command.NEW, QKeySequence.StandardKey.New, "add")
        self.save_action = self._command_action(Command.SAVE, QKeySequence.StandardKey.Save)
        self.find_action = self._command_action(Command.FIND, QKeySequence.StandardKey.Find,
                                                "search")
        self._command_actions = {Command.NEW: self.new_action, Command.SAVE: self.save_action,
                                 Command.FIND: self.find_action}
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addActions([self.new_action, self.save_action])
        file_menu.addSeparator()
        # Each tab's File actions go before its own separator, so the groups keep the tabs'
        # order whichever tab is built first (empty groups' separators collapse).
        self._file_anchors = {spec.name: file_menu.addSeparator() for spec in TAB_SPECS}
        self._file_contrib_anchor = file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu.addAction(self.find_action)

        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for mode in THEME_MODES:
            action = QAction(mode.capitalize() if mode != "system" else "Follow system", self,
                             checkable=True)
            action.setChecked(self.theme.mode == mode)
            action.triggered.connect(lambda _=False, m=mode: self.set_theme(m))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[mode] = action
        size_menu = view_menu.addMenu("Text &size")
        size_group = QActionGroup(self)
        self.text_size_actions: dict[str, QAction] = {}
        for size in TEXT_SIZES:
            action = QAction(size.capitalize(), self, checkable=True)
            action.setChecked(self.theme.text_size == size)
            action.triggered.connect(lambda _=False, s=size: self.set_text_size(s))
            size_group.addAction(action)
            size_menu.addAction(action)
            self.text_size_actions[size] = action
        view_menu.addSeparator()
        for i, name in enumerate(TAB_ORDER):
            action = self._action(f"&{name.capitalize()}", QKeySequence(f"Alt+{i + 1}"),
                                  lambda _=False, n=name: self.show_tab(n))
            view_menu.addAction(action)

        for spec in TAB_SPECS:
            if spec.own_menu:
                self.menus[spec.own_menu] = bar.addMenu(spec.own_menu)
                self.menus[spec.own_menu].aboutToShow.connect(
                    lambda name=spec.name: self.tab(name))

        help_menu = self.menus["help"] = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About Hearth", None, self._on_about, "info"))
        help_menu.addAction(self._action("Open &data folder", None, self._on_open_data_folder,
                                         "folder"))

    def _add_menu_actions(self, page: TabPage) -> None:
        contributed = page.tab.menu_actions()
        file_menu = self.menus["file"]
        for menu_name, actions in contributed.items():
            self.keep_tinted(actions)
            if menu_name == "file":
                for action in actions:
                    file_menu.insertAction(self._file_anchors[page.spec.name], action)
            elif menu_name == page.spec.own_menu:
                self.menus[menu_name].addActions(actions)
            elif menu_name in self.menus:
                self.menus[menu_name].addSeparator()
                self.menus[menu_name].addActions(actions)
            else:
                raise ValueError(f"tab {page.spec.name} names an unknown menu {menu_name!r}")

    def _command_action(self, command: Command, shortcut, icon_name: str | None = None
                        ) -> QAction:
        return self._action(_COMMAND_TEXT[command], shortcut,
                            functools.partial(self._on_command_triggered, command), icon_name)

    def _action(self, text, shortcut, slot, icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys = QKeySequence.keyBindings(shortcut)
            # Some platforms define no binding for Quit/Find; fall back to the usual ones.
            action.setShortcuts(keys or [QKeySequence(_FALLBACK_KEYS[shortcut])])
        elif shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        if icon_name:
            action.setData(icon_name)
            self._menu_actions.append(action)
        return action

    def _refresh_icons(self, _palette=None) -> None:
        for index, name in enumerate(TAB_ORDER):
            self.tabs.setTabIcon(index, icons.icon(name))
        self._tint(self._menu_actions)
        for page in self._pages.values():
            if page.tab is not None:
                page.tab.refresh_theme()

    def add_file_actions(self, actions) -> None:
        """Put window-wide actions in the File menu after every tab's, before Quit."""
        for action in actions:
            self.menus["file"].insertAction(self._file_contrib_anchor, action)
        self.keep_tinted(actions)

    def keep_tinted(self, actions) -> None:
        """Give the actions whose data() names an icon that icon, now and on every theme
        change. (A list, not findChildren(): that walks, and wraps, every widget in the
        window.)"""
        named = [action for action in actions
                 if isinstance(action.data(), str) and action.data() in icons.GLYPHS]
        self._menu_actions.extend(named)
        self._tint(named)

    @staticmethod
    def _tint(actions) -> None:
        for action in actions:
            action.setIcon(icons.icon(action.data()))

    # ----- state ----------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.get(S.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        last = self.settings.get(S.LAST_TAB)
        if 0 <= last < self.tabs.count():
            self.tabs.setCurrentIndex(last)

    def save_state(self) -> None:
        self.settings.set(S.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(S.LAST_TAB, self.tabs.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.save_state()
        for page in self._pages.values():
            if page.tab is not None:
                page.tab.shutdown()
        super().closeEvent(event)

    # ----- public ---------------------------------------------------------------------

    def tab_names(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_tab(self, name: str) -> None:
        page = self._pages.get(name)
        if page is not None:
            self.tabs.setCurrentWidget(page)

    def set_theme(self, mode: str) -> None:
        self.theme.apply(mode=mode)
        self.settings.set(S.THEME, self.theme.mode)
        self.theme_actions[self.theme.mode].setChecked(True)

    def set_text_size(self, size: str) -> None:
        self.theme.apply(text_size=size)
        self.settings.set(S.TEXT_SIZE, self.theme.text_size)
        self.text_size_actions[self.theme.text_size].setChecked(True)

    def bring_to_front(self) -> None:
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    # ----- slots ----------------------------------------------------------------------

    def _update_shared_actions(self) -> None:
        offered = self.current_tab().commands
        for command, action in self._command_actions.items():
            action.setEnabled(command in offered)
            action.setText(offered.get(command, _COMMAND_TEXT[command]))

    def _on_tabs_current_changed(self, _index: int) -> None:
        self.current_page().ensure_built()
        self._update_shared_actions()

    def _on_command_triggered(self, command: Command) -> None:
        tab = self.current_tab()
        if command in tab.commands:
            tab.run(command)

    def _on_navigator_plan_activity(self, request: PlanActivityRequest) -> None:
        self.show_tab("calendar")
        self.tab("calendar").handle_plan_request(request)

    def _on_navigator_journal_entry(self, request: JournalEntryRequest) -> None:
        self.show_tab("journal")
        self.tab("journal").handle_journal_request(request)

    def _on_navigator_window_requested(self, name: str) -> None:
        self.bring_to_front()
        self.show_tab(name)

    def _on_navigator_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _on_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About Hearth",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Guides, a calendar for quality time and a private journal, for couples "
            "who want to stay close.</p>"
            "<p>Everything stays on this computer: no account, no server, no network.</p>"
            f"<p>Data folder: <code>{self.context.data_dir}</code><br>"
            f"Log: <code>{log_file(self.context.data_dir)}</code></p>",
        )

    def _on_open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.data_dir)))
