"""The main window: three tabs (Guides, Calendar, Journal), menus, status bar, geometry.

Tabs are independent widgets. The window gives each the app context and the navigator,
routes navigator requests between them, and offers the shared commands (New, Save, Find)
to whichever tab is showing. Every tab is a `TabContent` (ui/tab_pages.py), whose no-op
methods a tab overrides for what it takes part in:
  commands, new_item(), save(), find() -> File > New / File > Save / Edit > Find
  menu_actions() -> {menu: [QAction]}  -> its own actions in File/View/Help (shown while it is
                                          current) or in its own menu (always shown)
  refresh_theme()                      -> after a theme change, what the palette misses
  shutdown()                           -> flush and close before the window closes
  handle_plan_request(request)         -> Calendar: "Plan it"
  handle_journal_request(request)      -> Journal: "Reflect" / "Write about it"
  handle_show_plan(request)            -> Calendar: a journal entry's "About: …" link

Only the tab that shows first is built before the window appears. `started` fires once
the first paint is on screen (or after a short wait when none comes, e.g. minimised); then
the other tabs are built one at a time (the calendar's reminders must run even when its
tab is never opened), unless something asked for one sooner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QWidget

from app import APP_NAME, __version__
from app.context import AppContext
from app.logs import log_file
from ui import icons
from ui import settings as S
from ui.navigation import JournalEntryRequest, Navigator, PlanActivityRequest, ShowPlanRequest
from ui.settings import Settings
from ui.tab_list import TAB_SPECS
from ui.tab_pages import Command, TabContent, TabPage
from ui.theme import ThemeManager
from ui.tray import AppTray
from ui.window_menus import COMMAND_TEXT, WindowMenus

if TYPE_CHECKING:  # an annotation only: the class costs a start 15 M instructions
    from PySide6.QtGui import QCloseEvent

DEFAULT_SIZE = (1180, 780)
MINIMUM_SIZE = (720, 500)
# How long after show() `started` fires when no paint comes (a window started minimised).
STARTED_FALLBACK_MS = 2000




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


class MainWindow(WindowMenus, QMainWindow):
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
        self.tray = AppTray(parent=self)
        self._quitting = self._told_about_tray = False
        self._notified_tab, self.preferences_dialog = "calendar", None
        self.setWindowTitle(APP_NAME)
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

        self.shortcuts_dialog = None  # Help > Keyboard shortcuts, while open
        self._build_menu_bar()  # filled with the first paint on screen (ui/window_menus.py)
        self._refresh_icons(theme.palette)
        theme.theme_changed.connect(self._refresh_icons)
        self.navigator.plan_activity_requested.connect(self._on_navigator_plan_activity)
        self.navigator.journal_entry_requested.connect(self._on_navigator_journal_entry)
        self.navigator.plan_requested.connect(self._on_navigator_plan_requested)
        self.navigator.tab_requested.connect(self.show_tab)
        self.navigator.window_requested.connect(self._on_navigator_window_requested)
        self.navigator.status_message_requested.connect(self._on_navigator_status_message)
        self.navigator.notification_requested.connect(self._on_navigator_notification)
        self.tray.open_requested.connect(self.bring_to_front)
        self.tray.message_clicked.connect(self._on_tray_message_clicked)
        self.tray.quit_requested.connect(self.quit)
        self._restore_state()
        self.current_page().ensure_built()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._has_started = False
        # Once the first paint is on screen: the icon's SVG engine loads in a few ms the
        # first screen need not wait for, the desktop's tray is a round trip, and Hearth's
        # style changes only dialogs (ui/theme.py).
        self.started.connect(self.fill_menus)
        self.started.connect(self._set_window_icon)
        self.started.connect(theme.finish_style)
        self.started.connect(self.tray.ensure_icon)
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

    def pages(self) -> list[TabPage]:
        """The tab pages in their order, built or not."""
        return list(self._pages.values())

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
        if self._menus_filled:  # else filling the menus adds this tab's actions
            self._add_menu_actions(page)
            self._show_current_tab_actions()
        self.tab_built.emit(page.spec.name)
        if self.all_built():
            self.all_tabs_built.emit()

    def has_started(self) -> bool:
        return self._has_started

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Before the first paint, now that the tab widget has placed its pages.
        for page in self._pages.values():
            page.show_built()
        super().showEvent(event)
        if not self._has_started:
            QTimer.singleShot(STARTED_FALLBACK_MS, self, self._on_started)

    def _on_started(self) -> None:
        if not self._has_started:
            self._has_started = True
            self.started.emit()

    def _set_window_icon(self) -> None:
        self.setWindowIcon(icons.app_icon())

    def _build_deferred_tabs(self) -> None:
        """Build the next tab not built yet, then come back for the one after it, so the
        event loop runs (input, paint) between two tabs."""
        for page in self._pages.values():
            if not page.is_built:
                page.ensure_built()
                QTimer.singleShot(0, self, self._build_deferred_tabs)
                return

    # ----- building -------------------------------------------------------------------

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
        if self.keeps_running_in_tray() and not self._quitting:
            self.hide_to_tray()
            event.ignore()
            return
        self.tray.hide()
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

    def show_shortcuts(self):
        """Help > Keyboard shortcuts, listing what is bound once every tab is built."""
        from ui.shortcuts import ShortcutsDialog, bindings

        self.build_all_tabs()
        for page in self._pages.values():
            page.tab.build_everything()
        self.shortcuts_dialog = ShortcutsDialog(found=bindings(self), parent=self)
        self.shortcuts_dialog.open()
        return self.shortcuts_dialog

    def keeps_running_in_tray(self) -> bool:
        """Closing leaves Hearth running: chosen in Preferences, and a tray icon shows."""
        return bool(self.settings.get(S.CLOSE_TO_TRAY)) and self.tray.is_shown()

    def hide_to_tray(self) -> None:
        """Hide the window; Hearth and its reminders keep running behind the tray icon."""
        # A dialog closed later, with the window hidden, must not end the application.
        QApplication.setQuitOnLastWindowClosed(False)
        self.hide()
        if not self._told_about_tray:
            self._told_about_tray = True
            self.tray.notify(APP_NAME, "Hearth is still running here, so your reminders "
                                       "come. Choose Quit Hearth in this icon's menu to stop.")

    def quit(self) -> None:
        """Close the window and stop Hearth, even when it would keep running in the tray."""
        self._quitting, was_hidden = True, not self.isVisible()
        self._quitting = self.close()
        if self._quitting:
            QApplication.setQuitOnLastWindowClosed(True)
            if was_hidden:  # closing a hidden window does not end the event loop
                QApplication.quit()

    def open_preferences(self):
        from ui.preferences_dialog import open_for

        self.preferences_dialog = open_for(self)
        return self.preferences_dialog

    def bring_to_front(self) -> None:
        QApplication.setQuitOnLastWindowClosed(True)
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    # ----- slots ----------------------------------------------------------------------

    def _update_shared_actions(self) -> None:
        if not self._menus_filled:  # filling them brings them up to date
            return
        offered = self.current_tab().commands
        for command, action in self._command_actions.items():
            action.setEnabled(command in offered)
            action.setText(offered.get(command, COMMAND_TEXT[command]))
        self._show_current_tab_actions()

    def _show_current_tab_actions(self) -> None:
        """A tab's File, View and Help entries show (and their shortcuts work) only while
        it is current; its own menu, named after it, stays."""
        current = self.current_page().spec.name
        for name, actions in self._tab_actions.items():
            for action in actions:
                action.setVisible(name == current)

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

    def _on_navigator_plan_requested(self, request: ShowPlanRequest) -> None:
        self.show_tab("calendar")
        self.tab("calendar").handle_show_plan(request)

    def _on_navigator_window_requested(self, name: str) -> None:
        self.bring_to_front()
        self.show_tab(name)

    def _on_navigator_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _on_navigator_notification(self, title: str, text: str, tab: str) -> None:
        self._notified_tab = tab
        self.tray.notify(title, text)

    def _on_tray_message_clicked(self) -> None:
        self._on_navigator_window_requested(self._notified_tab)

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
