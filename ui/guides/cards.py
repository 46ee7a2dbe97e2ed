"""Conversation cards: draw a question to talk about, keep the ones you like."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.content.categories import QUESTION_CATEGORIES, question_category_label
from app.content.decks import Question
from ui import icons
from ui.guides.models import QuestionListModel
from ui.theme import SPACING
from ui.widgets import heading, muted

# The question's size on a card at most, whatever the app's text size.
QUESTION_MAX_PT = 21.0


class ConversationCards(QWidget):
    """The card table. It asks the tab for cards through signals and shows what it gets."""

    draw_requested = Signal(object)  # category id or None
    favourite_toggled = Signal(str, bool)  # question id, favourite

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.question: Question | None = None
        self._favourites: set[str] = set()
        self.setAccessibleName("Conversation cards")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACING["xl"], SPACING["xl"], SPACING["xl"], SPACING["l"])
        outer.setSpacing(SPACING["m"])
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(SPACING["xs"])
        titles.addWidget(heading("Conversation cards", level=1, parent=self))
        titles.addWidget(muted("Draw a question and take turns answering. Press Space for the "
                               "next card.", parent=self))
        top.addLayout(titles, 1)
        self.category_combo = QComboBox(self)
        self.category_combo.setAccessibleName("Card category")
        self.category_combo.setToolTip("Draw only from one kind of question")
        self.category_combo.addItem("Any kind of question", None)
        for category_id, label in QUESTION_CATEGORIES:
            self.category_combo.addItem(label, category_id)
        self.category_combo.activated.connect(self._on_category_combo_activated)
        top.addWidget(self.category_combo, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)

        self.card = QFrame(self)
        self.card.setProperty("role", "card")
        self.card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.card.setMinimumHeight(220)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(SPACING["xxl"], SPACING["xl"], SPACING["xxl"], SPACING["xl"])
        card_row = QHBoxLayout()
        self.category_label = QLabel(self.card)
        self.category_label.setProperty("role", "badge")
        self.favourite_button = QToolButton(self.card)
        self.favourite_button.setCheckable(True)
        self.favourite_button.setAccessibleName("Favourite question")
        self.favourite_button.setToolTip("Keep this question in your favourites")
        self.favourite_button.toggled.connect(self._on_favourite_button_toggled)
        card_row.addWidget(self.category_label, 0, Qt.AlignmentFlag.AlignLeft)
        card_row.addStretch(1)
        card_row.addWidget(self.favourite_button)
        card_layout.addLayout(card_row)
        card_layout.addStretch(1)
        self.question_label = QLabel(self.card)
        self.question_label.setWordWrap(True)
        self.question_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question_label.setAccessibleName("Question")
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card_layout.addWidget(self.question_label)
        card_layout.addStretch(1)
        outer.addWidget(self.card, 3)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.next_button = QPushButton("Next card", self)
        self.next_button.setProperty("role", "primary")
        self.next_button.setAccessibleName("Next card")
        self.next_button.setToolTip("Draw another question (Space)")
        self.next_button.clicked.connect(self.draw)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        self.favourites_heading = heading("Favourite questions", level=3, parent=self)
        outer.addWidget(self.favourites_heading)
        self.favourites_model = QuestionListModel(parent=self)
        self.favourites_view = QListView(self)
        self.favourites_view.setModel(self.favourites_model)
        self.favourites_view.setAccessibleName("Favourite questions")
        self.favourites_view.setWordWrap(True)
        self.favourites_view.setUniformItemSizes(False)
        self.favourites_view.activated.connect(self._on_favourites_view_activated)
        self.favourites_empty = muted("Star a question on a card to keep it here.", parent=self)
        outer.addWidget(self.favourites_view, 2)
        outer.addWidget(self.favourites_empty)

        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        space.setWhatsThis("Draw the next conversation card")
        space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        space.activated.connect(self.draw)
        self._apply_fonts()
        self._refresh_icons()
        self.show_question(None)

    # ----- public ---------------------------------------------------------------------

    def category(self) -> str | None:
        return self.category_combo.currentData()

    def draw(self) -> None:
        self.draw_requested.emit(self.category())

    def show_question(self, question: Question | None) -> None:
        self.question = question
        if question is None:
            self.question_label.setText("Press Space or “Next card” to draw your first "
                                        "question.")
            self.category_label.setText("Ready when you are")
        else:
            self.question_label.setText(question.text)
            self.category_label.setText(question_category_label(question.category))
        self._fit_question()
        self.favourite_button.setEnabled(question is not None)
        self._sync_favourite_button()

    def set_favourites(self, questions: list[Question]) -> None:
        self._favourites = {q.id for q in questions}
        self.favourites_model.set_questions(questions)
        has = bool(questions)
        self.favourites_view.setVisible(has)
        self.favourites_empty.setVisible(not has)
        self._sync_favourite_button()

    # ----- internals ------------------------------------------------------------------

    def _sync_favourite_button(self) -> None:
        favourite = self.question is not None and self.question.id in self._favourites
        self.favourite_button.blockSignals(True)
        self.favourite_button.setChecked(favourite)
        self.favourite_button.blockSignals(False)
        self.favourite_button.setText("Favourite" if favourite else "Add to favourites")
        self._refresh_icons()

    def _apply_fonts(self) -> None:
        font = QFont(self.font())
        # Large on a card, but not so large that the longest question outgrows the card
        # when the whole app's text is at its largest.
        font.setPointSizeF(min(self.font().pointSizeF() * 1.7, QUESTION_MAX_PT))
        font.setWeight(QFont.Weight.DemiBold)
        self.question_label.setFont(font)
        self._fit_question()

    def _fit_question(self) -> None:
        """Reserve the wrapped question's full height: a layout shares height out by
        stretch and would otherwise cut the last line off a long question."""
        label = self.question_label
        margins = self.card.layout().contentsMargins()
        # From the card's width, which the layout has already set: the label's own width
        # may still be the one before this resize.
        width = max(1, self.card.width() - margins.left() - margins.right())
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter
        words = label.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), flags,
                                                  label.text())
        label.setMinimumHeight(words.height() + 2 * label.margin())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_question()

    def _refresh_icons(self) -> None:
        favourite = self.favourite_button.isChecked()
        self.favourite_button.setIcon(icons.icon("star-filled" if favourite else "star",
                                                 accent=favourite))
        self.favourite_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        elif event.type() == QEvent.Type.PaletteChange:
            self._refresh_icons()

    def _on_category_combo_activated(self, _index: int) -> None:
        self.draw()

    def _on_favourite_button_toggled(self, checked: bool) -> None:
        if self.question is not None:
            self.favourite_toggled.emit(self.question.id, checked)

    def _on_favourites_view_activated(self, index) -> None:
        question = self.favourites_model.question_at(index.row())
        if question is not None:
            self.show_question(question)
