"""Browsing the ideas deck and the couple's own ideas: filter, be surprised, add your own."""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.content.categories import IDEA_CATEGORIES, category_label
from app.errors import HearthError
from app.services import ideas as idea_service
from ui import icons
from ui.calendar.delegates import PlanRowDelegate
from ui.calendar.formatting import COST_NAMES, duration_text
from ui.calendar.idea_dialog import IdeaDialog
from ui.calendar.models import OWN_IDEA_MARK, IdeaFilterModel, IdeaModel, Role
from ui.theme import SPACING
from ui.viewports import own_viewport
from ui.widgets import FitsHeightToWidth, heading, muted

LENGTH_CHOICES: tuple[tuple[str, int | None], ...] = (
    ("Any length", None), ("Up to 30 minutes", 30), ("Up to 1 hour", 60),
    ("Up to 2 hours", 120), ("Up to 3 hours", 180),
)
COST_CHOICES: tuple[tuple[str, int | None], ...] = (
    ("Any cost", None), ("Free", 0), ("Free or low cost", 1), ("Up to medium cost", 2),
)
EVENING_CHOICES: tuple[tuple[str, int], ...] = (
    ("half an hour", 30), ("an hour", 60), ("two hours", 120), ("a whole evening", 240),
    ("a whole day", 12 * 60),
)
OWN_FILTER = "own"


class IdeasBrowser(QWidget):
    """Filters, the list of ideas and the chosen idea's card with "Plan this"."""

    idea_chosen = Signal(object)  # Idea
    ideas_changed = Signal()  # an own idea was added, changed or deleted

    def __init__(self, *, ideas: Sequence, action_text: str = "Plan this",
                 rng: random.Random | None = None, parent=None):
        super().__init__(parent)
        self._rng = rng or random.Random()
        self.idea_dialog: IdeaDialog | None = None
        self.delete_box: QMessageBox | None = None
        self.model = IdeaModel(ideas=ideas, parent=self)
        self.proxy = IdeaFilterModel(parent=self)
        self.proxy.setSourceModel(self.model)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING["l"])

        left = QVBoxLayout()
        left.setSpacing(SPACING["s"])
        filters = QHBoxLayout()
        self.category_combo = QComboBox(self)
        self.category_combo.setAccessibleName("Idea category")
        self.category_combo.setToolTip("Show ideas of one kind")
        self.category_combo.addItem("All kinds", None)
        self.category_combo.addItem("Your own ideas", OWN_FILTER)
        for key, label in IDEA_CATEGORIES:
            self.category_combo.addItem(label, key)
        self.length_combo = QComboBox(self)
        self.length_combo.setAccessibleName("Idea length")
        self.length_combo.setToolTip("Show ideas that fit the time you have")
        for label, minutes in LENGTH_CHOICES:
            self.length_combo.addItem(label, minutes)
        self.cost_combo = QComboBox(self)
        self.cost_combo.setAccessibleName("Idea cost")
        self.cost_combo.setToolTip("Show ideas within a budget")
        for label, cost in COST_CHOICES:
            self.cost_combo.addItem(label, cost)
        for combo in (self.category_combo, self.length_combo, self.cost_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._on_filters_changed)
        # Two lines, the cost beside the search: three whole filters on one line make the
        # dialog wider than a 1024-pixel window at the largest text size.
        filters.addWidget(self.category_combo)
        filters.addWidget(self.length_combo)
        filters.addStretch(1)
        left.addLayout(filters)
        search_row = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Search ideas")
        self.search_edit.setAccessibleName("Search ideas")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(self._on_filters_changed)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.cost_combo)
        left.addLayout(search_row)

        self.list_view = own_viewport(QListView(self))
        self.list_view.setModel(self.proxy)
        self.list_view.setItemDelegate(PlanRowDelegate(when_width_text="", stacked=True,
                                                       parent=self.list_view))
        self.list_view.setAccessibleName("Ideas")
        self.list_view.setMouseTracking(True)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list_view.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.list_view.doubleClicked.connect(self._on_list_double_clicked)
        left.addWidget(self.list_view, 1)
        self.count_label = muted("", parent=self)
        self.count_label.setProperty("role", "small")
        self.add_button = QPushButton("Add your own idea…", self)
        self.add_button.setIcon(icons.icon("add"))
        self.add_button.setAutoDefault(False)
        self.add_button.setAccessibleName("Add your own idea")
        self.add_button.setToolTip("Keep an idea of your own beside the deck's")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.add_button)
        left.addLayout(footer)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(SPACING["m"])
        surprise = QFrame(self)
        surprise.setProperty("role", "panel")
        box = QVBoxLayout(surprise)
        box.setContentsMargins(SPACING["l"], SPACING["m"], SPACING["l"], SPACING["m"])
        box.addWidget(heading("Not sure?", level=3, parent=surprise))
        row = QHBoxLayout()
        row.addWidget(QLabel("We have", surprise))
        self.evening_combo = QComboBox(surprise)
        self.evening_combo.setAccessibleName("Time you have")
        self.evening_combo.setToolTip("How long you have; the surprise will fit in it")
        for label, minutes in EVENING_CHOICES:
            self.evening_combo.addItem(label, minutes)
        self.evening_combo.setCurrentIndex(2)
        row.addWidget(self.evening_combo, 1)
        box.addLayout(row)
        self.surprise_button = QPushButton("Surprise me", surprise)
        self.surprise_button.setIcon(icons.icon("shuffle"))
        # Enter in the dialog plans the chosen idea; it must not roll the dice instead.
        self.surprise_button.setAutoDefault(False)
        self.surprise_button.setToolTip("Pick a random idea that fits the time you have and "
                                        "the filters on the left")
        self.surprise_button.clicked.connect(self._on_surprise_button_clicked)
        box.addWidget(self.surprise_button)
        self.surprise_note = QLabel(surprise)
        self.surprise_note.setProperty("role", "small")
        self.surprise_note.setWordWrap(True)
        self.surprise_note.hide()
        box.addWidget(self.surprise_note)
        right.addWidget(surprise)

        self.card = QFrame(self)
        self.card.setProperty("role", "card")
        card = QVBoxLayout(self.card)
        card.setContentsMargins(SPACING["l"], SPACING["l"], SPACING["l"], SPACING["l"])
        card.setSpacing(SPACING["s"])
        self.card_title = heading("", level=2, parent=self.card)
        self.card_badges = QLabel(self.card)
        self.card_badges.setProperty("role", "badge")
        self.card_badges.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.card_text = QLabel(self.card)
        self.card_text.setWordWrap(True)
        self.card_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.card_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan_button = QPushButton(action_text, self.card)
        self.plan_button.setProperty("role", "primary")
        self.plan_button.setAutoDefault(True)
        self.plan_button.setDefault(True)
        self.plan_button.setToolTip("Open the planner with this idea filled in")
        self.plan_button.setAccessibleName(action_text)
        self.plan_button.clicked.connect(self._on_plan_button_clicked)
        # Its own line: inside the badge it would widen the card past a small window.
        self.card_own = QLabel(OWN_IDEA_MARK.rstrip(" ·") + " idea", self.card)
        self.card_own.setProperty("role", "small")
        self.card_own.setAccessibleName("One of your own ideas")
        self.card_own.hide()
        card.addWidget(self.card_own)
        card.addWidget(self.card_title)
        card.addWidget(self.card_badges)
        # Icon-only so the card still fits a 1024-pixel window at the larger text size.
        self.edit_button = QToolButton(self.card)
        self.edit_button.setIcon(icons.icon("edit"))
        self.edit_button.setAccessibleName("Edit this idea")
        self.edit_button.setToolTip("Change this idea of your own")
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button = QToolButton(self.card)
        self.delete_button.setIcon(icons.icon("delete"))
        self.delete_button.setAccessibleName("Delete this idea")
        self.delete_button.setToolTip("Delete this idea of your own")
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        actions = QHBoxLayout()
        actions.setSpacing(SPACING["s"])
        actions.addWidget(self.plan_button)
        actions.addStretch(1)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        card.addWidget(self.card_text, 1)
        card.addLayout(actions)
        right.addWidget(self.card, 1)
        layout.addLayout(right, 2)

        self._update_count()
        if self.proxy.rowCount():
            self.select_row(0)
        else:
            self._show_idea(None)

    # ----- public ---------------------------------------------------------------------

    def ideas(self) -> list:
        """Every idea the browser holds, the deck's and the couple's own."""
        return self.model.ideas()

    def show_idea(self, idea_id: str) -> None:
        """Select the idea with this id, clearing filters that hide it."""
        row = self.model.row_of(idea_id)
        if row < 0:
            return
        if not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self.search_edit.clear()
            for combo in (self.category_combo, self.length_combo, self.cost_combo):
                combo.setCurrentIndex(0)
        self.select_row(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def open_add_dialog(self) -> IdeaDialog:
        return self._open_idea_dialog(IdeaDialog(save=idea_service.add_idea, parent=self))

    def open_edit_dialog(self) -> IdeaDialog | None:
        idea = self.current_idea()
        if idea is None or not idea.own:
            return None
        save = functools.partial(idea_service.update_idea, idea.id)
        return self._open_idea_dialog(IdeaDialog(save=save, idea=idea, parent=self))

    def ask_delete(self) -> QMessageBox | None:
        """Ask before removing the current own idea (nothing to undo it with)."""
        idea = self.current_idea()
        if idea is None or not idea.own:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, "Delete this idea?",
                          f"Delete “{idea.title}” from your ideas? Plans made from it stay.",
                          QMessageBox.StandardButton.Cancel, self)
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setProperty("idea_id", idea.id)
        delete.clicked.connect(self._on_delete_box_confirmed)
        self.delete_box = box
        box.open()
        return box

    def current_idea(self):
        index = self.list_view.currentIndex()
        return index.data(Role.ITEM) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list_view.scrollTo(index)

    def surprise(self):
        """Select a random idea that fits the evening and the filters; None when none do."""
        minutes = self.evening_combo.currentData()
        rows = [r for r in range(self.proxy.rowCount())
                if self.proxy.index(r, 0).data(Role.MINUTES) <= minutes]
        if not rows:
            self.surprise_note.setText("Nothing fits that; try a longer time or fewer filters.")
            self.surprise_note.show()
            return None
        self.surprise_note.hide()
        self.select_row(self._rng.choice(rows))
        return self.current_idea()

    # ----- slots ----------------------------------------------------------------------

    def _on_filters_changed(self, *_args) -> None:
        kind = self.category_combo.currentData()
        self.proxy.set_filters(category=None if kind == OWN_FILTER else kind,
                               max_minutes=self.length_combo.currentData(),
                               max_cost=self.cost_combo.currentData(),
                               text=self.search_edit.text(), own_only=kind == OWN_FILTER)
        self._update_count()
        if not self.list_view.currentIndex().isValid() and self.proxy.rowCount():
            self.select_row(0)
        elif not self.proxy.rowCount():
            self._show_idea(None)

    def _on_list_current_changed(self, current, _previous) -> None:
        self._show_idea(current.data(Role.ITEM) if current.isValid() else None)

    def _on_list_double_clicked(self, index) -> None:
        idea = index.data(Role.ITEM)
        if idea is not None:
            self.idea_chosen.emit(idea)

    def _on_plan_button_clicked(self) -> None:
        idea = self.current_idea()
        if idea is not None:
            self.idea_chosen.emit(idea)

    def _on_surprise_button_clicked(self) -> None:
        self.surprise()

    def _on_add_button_clicked(self) -> None:
        self.open_add_dialog()

    def _on_edit_button_clicked(self) -> None:
        self.open_edit_dialog()

    def _on_delete_button_clicked(self) -> None:
        self.ask_delete()

    def _on_idea_dialog_saved(self, idea) -> None:
        if self.model.row_of(idea.id) < 0:
            self.model.append_idea(idea)
        else:
            self.model.replace_idea(idea)
        self._update_count()
        self.show_idea(idea.id)
        self._show_idea(self.current_idea())
        self.ideas_changed.emit()

    def _on_delete_box_confirmed(self) -> None:
        idea_id = self.delete_box.property("idea_id") if self.delete_box is not None else None
        if not idea_id:
            return
        try:
            idea_service.delete_idea(idea_id)
        except HearthError as exc:
            self.surprise_note.setText(f"That idea could not be deleted: {exc.message}")
            self.surprise_note.show()
            return
        self.model.remove_idea(idea_id)
        self._update_count()
        if self.proxy.rowCount():
            if not self.list_view.currentIndex().isValid():
                self.select_row(0)
        else:
            self._show_idea(None)
        self.ideas_changed.emit()

    def _open_idea_dialog(self, dialog: IdeaDialog) -> IdeaDialog:
        if self.idea_dialog is not None:
            self.idea_dialog.close()
        dialog.idea_saved.connect(self._on_idea_dialog_saved)
        self.idea_dialog = dialog
        dialog.open()
        return dialog

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} ideas" if shown != total
                                 else f"{total} ideas")

    def _show_idea(self, idea) -> None:
        self.plan_button.setEnabled(idea is not None)
        own = idea is not None and idea.own
        self.edit_button.setVisible(own)
        self.delete_button.setVisible(own)
        if idea is None:
            self.card_own.hide()
            self.card_badges.hide()
            if not any(getattr(i, "own", False) for i in self.model.ideas()) \
                    and self.category_combo.currentData() == OWN_FILTER:
                self.card_title.setText("No ideas of your own yet")
                self.card_text.setText("“Add your own idea…” below the list keeps one here, "
                                       "ready to plan or to be surprised by.")
                return
            self.card_title.setText("No idea matches")
            self.card_text.setText("Loosen a filter or clear the search.")
            return
        self.card_title.setText(idea.title)
        self.card_own.setVisible(own)
        self.card_badges.setText(f"{category_label(idea.category)} · "
                                 f"{duration_text(idea.minutes)} · {COST_NAMES[idea.cost]}")
        self.card_badges.show()
        self.card_text.setText(idea.description)


class IdeasDialog(FitsHeightToWidth, QDialog):
    """The ideas browser in a window; `picking` fills in the planner instead of opening it."""

    idea_chosen = Signal(object)  # Idea

    def __init__(self, *, ideas: Sequence, picking: bool = False,
                 rng: random.Random | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Ideas for time together")
        self.setAccessibleName("Ideas for time together")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        layout.setSpacing(SPACING["m"])
        layout.addWidget(heading("Ideas for time together", level=2, parent=self))
        self.browser = IdeasBrowser(ideas=ideas, rng=rng, parent=self,
                                    action_text="Use this idea" if picking else "Plan this")
        self.browser.idea_chosen.connect(self._on_browser_idea_chosen)
        layout.addWidget(self.browser, 1)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(close)
        layout.addLayout(footer)
        self.resize(860, 560)

    def _on_browser_idea_chosen(self, idea) -> None:
        self.idea_chosen.emit(idea)
        self.accept()
