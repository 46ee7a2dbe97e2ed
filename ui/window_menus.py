"""The main window's menu bar: File, Edit, View, each tab's own menu and Help, the shared
commands (New, Save, Find) and each tab's actions, tinted with the theme's icons.

The bar and its menus' titles are made with the window; what the menus hold is made once
the first paint is on screen (the window's `started`), or sooner the first time anything
asks for a menu or one of its actions (`MENU_MEMBERS`). No one can open a menu or press a
shortcut before the window shows, and the actions, their key sequences and the backup
entries cost every start about 10 M instructions before its first paint.
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ui import icons
from ui.tab_list import TAB_ORDER, TAB_SPECS
from ui.tab_pages import Command, TabPage
from ui.theme import TEXT_SIZES, THEME_MODES

# The window's members that exist once the menus are filled: asking for one fills them.
MENU_MEMBERS = frozenset({
    "menus", "new_action", "save_action", "find_action", "quit_action", "preferences_action",
    "theme_actions", "text_size_actions", "shortcuts_action", "backup_actions",
    "_command_actions", "_file_anchors", "_file_contrib_anchor",
})


def _fallback_keys() -> dict:
    from PySide6.QtGui import QKeySequence

    return {
        QKeySequence.StandardKey.New: "Ctrl+N",
        QKeySequence.StandardKey.Save: "Ctrl+S",
        QKeySequence.StandardKey.Find: "Ctrl+F",
        QKeySequence.StandardKey.Quit: "Ctrl+Q",
        QKeySequence.StandardKey.HelpContents: "F1",
        QKeySequence.StandardKey.Preferences: "Ctrl+,",
    }


# The shared commands' menu text when the tab showing does not name its own.
COMMAND_TEXT = {Command.NEW: "&New", Command.SAVE: "&Save", Command.FIND: "&Find…"}
# What they do, for Help > Keyboard shortcuts, whichever tab is showing.
_COMMAND_HELP = {Command.NEW: "New plan (Calendar) or new entry (Journal)",
                 Command.SAVE: "Save the entry (Journal)",
                 Command.FIND: "Find a guide, a plan or an entry on the tab showing"}


class WindowMenus:
    """The menu part of `MainWindow` (a mixin: it reads the window's theme, tabs and
    slots)."""

    def _build_menu_bar(self) -> None:
        """The bar and its menus' titles, as the first paint shows them (still empty)."""
        self._menu_actions: list[QAction] = []  # the ones that carry an icon
        # Each tab's actions in the shared menus, shown only while that tab is current.
        self._tab_actions: dict[str, list[QAction]] = {}
        self._menus_filled = False
        bar = self.menuBar()
        titles = {"file": "&File", "edit": "&Edit", "view": "&View"}
        titles.update({spec.own_menu: spec.own_menu for spec in TAB_SPECS if spec.own_menu})
        titles["help"] = "&Help"
        self._bar_menus: dict[str, QMenu] = {key: bar.addMenu(text)
                                             for key, text in titles.items()}
        for spec in TAB_SPECS:
            if spec.own_menu:
                self._bar_menus[spec.own_menu].aboutToShow.connect(
                    lambda name=spec.name: self.tab(name))

    def __getattr__(self, name: str):
        # Only called for a member not there yet: the menus' contents fill on first ask.
        if name in MENU_MEMBERS and not self.__dict__.get("_menus_filled", True):
            self.fill_menus()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def fill_menus(self) -> None:
        """Make what the menus hold, once: the shared commands, the window's own actions,
        and those of every tab built so far (a tab built later adds its own)."""
        if self._menus_filled:
            return
        self._menus_filled = True
        from PySide6.QtGui import QActionGroup, QKeySequence

        from ui import backup_actions

        self.menus = dict(self._bar_menus)
        file_menu, edit_menu, view_menu = self.menus["file"], self.menus["edit"], self.menus["view"]

        self.new_action = self._command_action(Command.NEW, QKeySequence.StandardKey.New, "add")
        self.save_action = self._command_action(Command.SAVE, QKeySequence.StandardKey.Save)
        self.find_action = self._command_action(Command.FIND, QKeySequence.StandardKey.Find,
                                                "search")
        self._command_actions = {Command.NEW: self.new_action, Command.SAVE: self.save_action,
                                 Command.FIND: self.find_action}
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addActions([self.new_action, self.save_action])
        file_menu.addSeparator()
        # Each tab's File actions go before its own separator, so the groups keep the tabs'
        # order whichever tab is built first (empty groups' separators collapse).
        self._file_anchors = {spec.name: file_menu.addSeparator() for spec in TAB_SPECS}
        self._file_contrib_anchor = file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        self.preferences_action = self._action("&Preferences…",
                                               QKeySequence.StandardKey.Preferences,
                                               self.open_preferences, "settings")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(self.preferences_action)

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
            action.setWhatsThis(f"Go to the {name.capitalize()} tab")
            view_menu.addAction(action)

        help_menu = self.menus["help"]
        self.shortcuts_action = self._action("&Keyboard shortcuts",
                                             QKeySequence.StandardKey.HelpContents,
                                             self.show_shortcuts, "keyboard")
        self.shortcuts_action.setWhatsThis("List every keyboard shortcut")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self._action("&About Hearth", None, self._on_about, "info"))
        help_menu.addAction(self._action("Open &data folder", None, self._on_open_data_folder,
                                         "folder"))
        self._tint(self._menu_actions)  # the window's own; what others add comes tinted
        self.backup_actions = backup_actions.install(self)
        for page in self._pages.values():
            if page.tab is not None:
                self._add_menu_actions(page)
        self._update_shared_actions()

    def _add_menu_actions(self, page: TabPage) -> None:
        contributed = page.tab.menu_actions()
        file_menu = self.menus["file"]
        for menu_name, actions in contributed.items():
            self.keep_tinted(actions)
            if menu_name != page.spec.own_menu:
                self._tab_actions.setdefault(page.spec.name, []).extend(actions)
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
        action = self._action(COMMAND_TEXT[command], shortcut,
                              functools.partial(self._on_command_triggered, command), icon_name)
        action.setWhatsThis(_COMMAND_HELP[command])
        return action

    def _action(self, text, shortcut, slot, icon_name: str | None = None) -> QAction:
        from PySide6.QtGui import QKeySequence

        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys = QKeySequence.keyBindings(shortcut)
            # Some platforms define no binding for Quit/Find; fall back to the usual ones.
            action.setShortcuts(keys or [QKeySequence(_fallback_keys()[shortcut])])
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
