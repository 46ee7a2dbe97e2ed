"""The main window: three tabs in order, remembered state, theme and text size."""

from PySide6.QtCore import QRect

from app.logs import setup_logging  # noqa: F401  (import proves ui can reach the core)
from ui import settings as S


def test_three_tabs_in_order(make_window):
    window = make_window()
    assert window.tab_names() == ["Guides", "Calendar", "Journal"]
    assert window.windowTitle() == "Hearth"
    assert not window.windowIcon().isNull()


def test_menus_offer_the_basics(make_window):
    window = make_window()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:3] == ["&File", "&Edit", "&View"] and titles[-1] == "&Help"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    assert window.save_action.shortcut().toString() == "Ctrl+S"


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
