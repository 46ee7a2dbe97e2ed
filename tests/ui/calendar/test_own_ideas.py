"""Ideas of the couple's own in the Calendar: added through the dialog with its problems shown
beside the fields, listed with a marker, filtered, surprised with, planned, changed, deleted."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.content.decks import load_ideas
from app.services import ideas as idea_service
from ui.calendar.idea_dialog import IdeaDialog
from ui.calendar.ideas import OWN_FILTER, IdeasBrowser
from ui.calendar.models import OWN_IDEA_MARK, IdeaFilterModel, IdeaModel, Role


def listed_titles(browser: IdeasBrowser) -> list[str]:
    return [browser.proxy.index(r, 0).data() for r in range(browser.proxy.rowCount())]


def fill(qtbot, dialog: IdeaDialog, *, title: str, description: str = "", category: str = "",
         minutes: int = 60, cost: int = 0) -> None:
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, title)
    dialog.description_edit.setPlainText(description)
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData(category or None))
    dialog.minutes_spin.setValue(minutes)
    dialog.cost_combo.setCurrentIndex(dialog.cost_combo.findData(cost))


def test_add_list_filter_plan_and_delete_an_own_idea(qtbot, make_tab):
    tab = make_tab()
    qtbot.mouseClick(tab.header.ideas_button, Qt.MouseButton.LeftButton)
    browser = tab.ideas_dialog.browser
    deck_size = len(load_ideas())
    assert not browser.edit_button.isVisible()  # the deck's ideas are not theirs to change

    qtbot.mouseClick(browser.add_button, Qt.MouseButton.LeftButton)
    dialog = browser.idea_dialog
    assert dialog.isVisible()
    # A refused save says why beside each field and stores nothing.
    fill(qtbot, dialog, title="x" * 61, description="y" * 281)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "60 characters" in dialog.error_text("title")
    assert "280 characters" in dialog.error_text("description")
    assert dialog.error_text("category")
    assert dialog.error_text("minutes") == "" and dialog.error_text("cost") == ""
    assert idea_service.list_own_ideas() == []
    # Fixing a field clears its message as you go.
    fill(qtbot, dialog, title="Pancakes in bed", description="y" * 281)
    assert dialog.error_text("title") == "" and dialog.error_text("description")

    fill(qtbot, dialog, title="Pancakes in bed", description="Sunday, no phones, extra syrup",
         category="at-home", minutes=45, cost=1)
    with qtbot.waitSignal(browser.ideas_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [stored] = idea_service.list_own_ideas()
    assert (stored.title, stored.category, stored.minutes, stored.cost) == (
        "Pancakes in bed", "at-home", 45, 1)

    # Listed with a marker, selected, and its card offers Edit and Delete.
    assert browser.model.rowCount() == deck_size + 1
    assert browser.current_idea() == stored
    row = browser.list_view.currentIndex()
    assert row.data(Role.WHEN).startswith(OWN_IDEA_MARK)
    assert "your own idea" in row.data(Qt.ItemDataRole.AccessibleTextRole)
    assert browser.card_own.isVisible()
    assert browser.edit_button.isVisible() and browser.delete_button.isVisible()
    assert f"{deck_size + 1} ideas" == browser.count_label.text()

    # Filterable like any other idea, and on its own.
    browser.category_combo.setCurrentIndex(browser.category_combo.findData(OWN_FILTER))
    assert listed_titles(browser) == ["Pancakes in bed"]
    browser.category_combo.setCurrentIndex(browser.category_combo.findData("outdoors"))
    assert "Pancakes in bed" not in listed_titles(browser)
    browser.category_combo.setCurrentIndex(browser.category_combo.findData("at-home"))
    browser.search_edit.setText("syrup")
    assert listed_titles(browser) == ["Pancakes in bed"]
    browser.length_combo.setCurrentIndex(browser.length_combo.findData(30))
    assert listed_titles(browser) == []
    browser.length_combo.setCurrentIndex(0)
    browser.search_edit.clear()
    browser.category_combo.setCurrentIndex(0)

    # Plan this pre-fills the activity dialog.
    browser.show_idea(stored.id)
    qtbot.mouseClick(browser.plan_button, Qt.MouseButton.LeftButton)
    activity = tab.activity_dialog
    assert activity.title_edit.text() == "Pancakes in bed"
    assert activity.category_combo.currentData() == "at-home"
    assert activity.notes_edit.toPlainText() == "Sunday, no phones, extra syrup"
    assert activity.value().duration_minutes == 45
    activity.reject()

    # Opened again, the browser reads it from the database; delete asks first.
    tab.open_ideas()
    browser = tab.ideas_dialog.browser
    browser.show_idea(stored.id)
    qtbot.mouseClick(browser.delete_button, Qt.MouseButton.LeftButton)
    box = browser.delete_box
    assert box.isVisible() and "Pancakes in bed" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert idea_service.list_own_ideas() == [stored]
    qtbot.mouseClick(browser.delete_button, Qt.MouseButton.LeftButton)
    [delete] = [b for b in browser.delete_box.buttons()
                if browser.delete_box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole]
    with qtbot.waitSignal(browser.ideas_changed):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert idea_service.list_own_ideas() == []
    assert browser.model.rowCount() == deck_size
    assert "Pancakes in bed" not in listed_titles(browser)
    assert not browser.current_idea().own
    assert not browser.card_own.isVisible() and not browser.delete_button.isVisible()
    browser.category_combo.setCurrentIndex(browser.category_combo.findData(OWN_FILTER))
    assert browser.card_title.text() == "No ideas of your own yet"
    assert not browser.plan_button.isEnabled()


def test_edit_changes_the_idea_in_place(qtbot, make_tab):
    idea = idea_service.add_idea("Night swim", "", "outdoors", 120, 0)
    tab = make_tab()
    browser = tab.open_ideas().browser
    browser.show_idea(idea.id)
    qtbot.mouseClick(browser.edit_button, Qt.MouseButton.LeftButton)
    dialog = browser.idea_dialog
    assert dialog.windowTitle() == "Change your idea"
    assert dialog.title_edit.text() == "Night swim" and dialog.minutes_spin.value() == 120
    fill(qtbot, dialog, title="Night swim at the lake", category="outdoors", minutes=90, cost=1)
    with qtbot.waitSignal(dialog.idea_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert idea_service.get_idea(idea.id).title == "Night swim at the lake"
    assert browser.current_idea().title == "Night swim at the lake"
    assert browser.card_title.text() == "Night swim at the lake"
    assert browser.model.rowCount() == len(load_ideas()) + 1


def test_a_vanished_idea_is_reported_in_the_dialog(qtbot, make_tab):
    idea = idea_service.add_idea("Board games", "", "at-home", 60, 0)
    tab = make_tab()
    browser = tab.open_ideas().browser
    browser.show_idea(idea.id)
    dialog = browser.open_edit_dialog()
    idea_service.delete_idea(idea.id)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "no longer there" in dialog.general_error.text()


def test_surprise_me_can_pick_an_own_idea(qtbot, app_context):
    own = idea_service.add_idea("Pancakes in bed", "", "at-home", 20, 0)
    browser = IdeasBrowser(ideas=idea_service.list_ideas(), rng=random.Random(3))
    qtbot.addWidget(browser)
    browser.category_combo.setCurrentIndex(browser.category_combo.findData(OWN_FILTER))
    browser.evening_combo.setCurrentIndex(browser.evening_combo.findData(30))
    assert browser.surprise() == own
    qtbot.mouseClick(browser.surprise_button, Qt.MouseButton.LeftButton)
    assert browser.current_idea() == own
    with qtbot.waitSignal(browser.idea_chosen) as chosen:
        qtbot.mouseClick(browser.plan_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [own]


def test_picker_in_the_activity_dialog_keeps_an_idea_added_there(qtbot, make_tab):
    tab = make_tab()
    tab.new_item()
    activity = tab.activity_dialog
    qtbot.mouseClick(activity.idea_button, Qt.MouseButton.LeftButton)
    picker = activity.findChild(IdeasBrowser)
    dialog = picker.open_add_dialog()
    fill(qtbot, dialog, title="Our old coffee house", category="out", minutes=90, cost=1)
    with qtbot.waitSignal(picker.ideas_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(picker.plan_button, Qt.MouseButton.LeftButton)
    assert activity.title_edit.text() == "Our old coffee house"
    assert activity.value().duration_minutes == 90
    qtbot.mouseClick(activity.idea_button, Qt.MouseButton.LeftButton)
    pickers = activity.findChildren(IdeasBrowser)
    assert any(p.model.row_of(idea_service.list_own_ideas()[0].id) >= 0 for p in pickers[-1:])


def test_own_ideas_pass_the_model_tester(qtmodeltester, app_context):
    idea_service.add_idea("Pancakes in bed", "", "at-home", 20, 0)
    model = IdeaModel(ideas=idea_service.list_ideas())
    qtmodeltester.check(model)
    model.append_idea(idea_service.add_idea("Night swim", "", "outdoors", 120, 0))
    model.remove_idea(model.idea_at(0).id)
    proxy = IdeaFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filters(category=None, max_minutes=None, max_cost=None, own_only=True)
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)
