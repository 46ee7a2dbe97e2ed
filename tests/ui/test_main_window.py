"""The main window: three tabs in order, remembered state, theme and text size."""

from PySide6.QtCore import QRect

from app.logs import setup_logging  # noqa: F401  (import proves ui can reach the core)
from ui import settings as S


def test_three_tabs_in_order(make_window, qtbot):
    window = make_window()
    assert window.tab_names() == ["Guides", "Calendar", "Journal"]
    assert window.windowTitle() == "Hearth"
    window.show()
    qtbot.waitUntil(window.has_started)  # the icon is set once the first paint is done
    assert not window.windowIcon().isNull()


def test_menus_offer_the_basics(make_window):
    window = make_window()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:3] == ["&File", "&Edit", "&View"] and titles[-1] == "&Help"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    assert window.save_action.shortcut().toString() == "Ctrl+S"


def test_the_menus_fill_once_the_first_paint_is_on_screen(make_window, qtbot):
    window = make_window()
    # Before: the bar and its titles, as the first paint shows them, and nothing in them.
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:3] == ["&File", "&Edit", "&View"] and titles[-1] == "&Help"
    assert all(not action.menu().actions() for action in window.menuBar().actions())
    window.show()
    qtbot.waitUntil(window.has_started)
    file_menu = [a.text() for a in window.menuBar().actions()[0].menu().actions()
                 if not a.isSeparator()]
    assert file_menu[:2] == ["&New", "&Save"] and file_menu[-1] == "&Quit"
    assert "Back &up now" in file_menu
    # The open tab's own actions came in with them, shown as it is the current tab.
    assert any(action.isVisible() for action in window._tab_actions["guides"])


def test_asking_for_a_menu_action_before_the_first_paint_fills_the_menus(make_window):
    window = make_window()
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.menus["edit"].actions()[0] is window.find_action
    assert window.find_action.text() == "&Find in guides…"  # what the Guides tab offers
    window.fill_menus()  # again: nothing twice
    assert window.menus["edit"].actions().count(window.find_action) == 1


def test_geometry_last_tab_and_theme_are_remembered(make_window, qtbot, data_dir):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.setGeometry(QRect(20, 30, 760, 540))  # the offscreen screen is 800x600
    window.tabs.setCurrentIndex(2)
    window.set_theme("dark")
    window.set_text_size("large")
    window.close()

    again = make_window(data_dir)
    assert again.tabs.currentIndex() == 2
    assert (again.width(), again.height()) == (760, 540)
    assert again.theme.mode == "dark" or again.settings.get(S.THEME) == "dark"
    assert again.settings.get(S.TEXT_SIZE) == "large"


def test_theme_switch_changes_palette(make_window):
    window = make_window()
    window.set_theme("dark")
    dark = window.palette().window().color().name()
    window.set_theme("light")
    light = window.palette().window().color().name()
    assert dark != light
    assert window.theme_actions["light"].isChecked()


def test_navigator_switches_tabs(make_window):
    window = make_window()
    window.navigator.show_tab("journal")
    assert window.current_tab() is window.journal_tab
    window.navigator.show_tab("calendar")
    assert window.current_tab() is window.calendar_tab


def test_only_the_tab_that_shows_is_built_before_the_first_paint(make_window):
    window = make_window()
    assert window.built_tab("guides") is window.current_tab()
    assert window.built_tab("calendar") is None and window.built_tab("journal") is None
    assert not window.has_started()


def test_the_other_tabs_and_their_menus_follow_the_first_paint(make_window, qtbot):
    window = make_window()
    with qtbot.waitSignal(window.all_tabs_built, timeout=10_000):
        window.show()
    assert window.has_started()
    assert window.built_tab("calendar") is not None and window.built_tab("journal") is not None
    texts = [a.text() for a in window.menus["file"].actions()]
    assert "Import calendar (.ics)…" in texts
    assert "&Lock now" in [a.text() for a in window.menus["&Journal"].actions()]


def test_the_first_tab_is_laid_out_once_at_its_place_in_the_window(make_window, qtbot):
    from PySide6.QtCore import QEvent, QObject

    window = make_window()
    tab = window.current_tab()
    early = window.tab("journal")  # built before the window shows, behind the current tab
    sizes = []

    class Resizes(QObject):
        def eventFilter(self, _watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Resize:
                sizes.append(event.size())
            return False

    resizes = Resizes()
    tab.installEventFilter(resizes)
    window.show()
    qtbot.waitExposed(window)
    assert tab.isVisible() and sizes == [tab.size()]
    window.show_tab("journal")
    assert early.isVisible()


def test_a_tab_asked_for_early_is_built_at_once(make_window):
    window = make_window()
    window.show_tab("journal")
    assert window.built_tab("journal") is window.current_tab()
    assert window.new_action.text() == "New entry"  # the shared actions follow the tab
    assert window.built_tab("calendar") is None


def test_the_journal_menu_builds_its_tab_when_opened(make_window):
    window = make_window()
    assert window.built_tab("journal") is None
    window.menus["&Journal"].aboutToShow.emit()
    assert window.built_tab("journal") is not None
    assert window.menus["&Journal"].actions()


def test_file_menu_groups_keep_the_tab_order_whichever_tab_builds_first(make_window,
                                                                         data_dir):
    first = make_window()
    first.show_tab("journal")
    first.save_state()
    first.close()
    window = make_window(data_dir)  # reopens on the journal: it builds first
    assert window.built_tab("guides") is None
    window.tab("calendar")
    window.tab("guides")
    texts = [a.text() for a in window.menus["file"].actions() if not a.isSeparator()]
    order = ["Export guide as &PDF…", "&Print guide…", "Import calendar (.ics)…",
             "Export calendar (.ics)…", "Back &up now", "&Restore from backup…", "&Quit"]
    assert [text for text in texts if text in order] == order


def test_menu_icons_follow_the_theme_for_tabs_built_later(make_window):
    window = make_window()
    window.set_theme("light")
    window.build_all_tabs()
    actions = [a for menu in window.menus.values() for a in menu.actions()
               if isinstance(a.data(), str) and a.data()]
    assert {"pdf", "import", "backup", "lock"} <= {a.data() for a in actions}
    assert all(not a.icon().isNull() for a in actions)
    light = {a.data(): a.icon().pixmap(16, 16).toImage() for a in actions}
    window.set_theme("dark")
    assert all(a.icon().pixmap(16, 16).toImage() != light[a.data()] for a in actions)


def test_shared_commands_follow_what_the_showing_tab_offers(make_window):
    window = make_window()
    assert window.current_tab() is window.guides_tab
    assert not window.new_action.isEnabled() and not window.save_action.isEnabled()
    assert window.find_action.isEnabled() and window.find_action.text() == "&Find in guides…"
    window.show_tab("calendar")
    assert window.new_action.isEnabled() and window.new_action.text() == "New activity"
    assert not window.save_action.isEnabled() and window.save_action.text() == "&Save"
    window.show_tab("journal")
    assert all(action.isEnabled() for action in (window.new_action, window.save_action,
                                                 window.find_action))


def test_a_tab_that_overrides_nothing_takes_part_in_nothing(qtbot):
    from ui.tab_pages import Command, TabContent

    tab = TabContent(context=None, navigator=None, settings=None)
    qtbot.addWidget(tab)
    assert tab.commands == {} and tab.menu_actions() == {}
    for command in Command:
        tab.run(command)  # each a no-op
    tab.handle_plan_request(object())
    tab.handle_journal_request(object())
    tab.smoke_test()
    tab.shutdown()


def visible_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def test_the_shared_menus_show_only_the_current_tabs_actions(make_window):
    window = make_window()
    window.build_all_tabs()
    guide_actions, calendar_actions = (["Export guide as &PDF…", "&Print guide…"],
                                       ["Import calendar (.ics)…", "Export calendar (.ics)…"])
    file_menu = window.menus["file"]
    assert window.current_tab() is window.guides_tab
    shown = visible_texts(file_menu)
    assert set(guide_actions) <= set(shown) and not set(calendar_actions) & set(shown)
    window.show_tab("calendar")
    shown = visible_texts(file_menu)
    assert set(calendar_actions) <= set(shown) and not set(guide_actions) & set(shown)
    window.show_tab("journal")
    shown = visible_texts(file_menu)
    assert not (set(guide_actions) | set(calendar_actions)) & set(shown)
    # What belongs to the window, and the journal's own menu, stay on every tab.
    assert {"Back &up now", "&Quit"} <= set(shown)
    window.show_tab("guides")
    assert visible_texts(window.menus["&Journal"])


def test_hearths_style_takes_over_once_the_window_has_painted(make_window, qtbot):
    from PySide6.QtGui import QImage, QPalette
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui import icons
    from ui.theme import TEXT_SIZES

    def message_icon() -> QImage:
        box = QMessageBox(QMessageBox.Icon.Warning, "Hearth", "Something to say")
        qtbot.addWidget(box)
        return box.iconPixmap().toImage().convertToFormat(QImage.Format.Format_ARGB32)

    QApplication.setStyle("Fusion")  # as a start begins (ui/application.py)
    stock = message_icon()
    window = make_window()
    window.set_theme("dark")
    window.set_text_size("large")
    window.show()
    qtbot.waitUntil(window.has_started)
    shown = message_icon()
    assert shown != stock
    assert shown == icons.icon("warning", accent=True).pixmap(shown.width()).toImage() \
        .convertToFormat(QImage.Format.Format_ARGB32)
    # The switch keeps the theme's palette and text size.
    app = QApplication.instance()
    assert app.palette().color(QPalette.ColorRole.Window).name() == window.theme.palette.window.lower()
    assert app.font().pointSizeF() == TEXT_SIZES["large"]
    window.set_theme("light")
    window.set_text_size("normal")
