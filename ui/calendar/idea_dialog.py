"""The dialog to add or change an idea of the couple's own, each problem shown by its field."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.content.categories import IDEA_CATEGORIES
from app.content.decks import Idea
from app.errors import HearthError, ValidationError
from app.services import ideas as idea_service
from ui.calendar.formatting import COST_NAMES, duration_text
from ui.field_errors import FieldErrors
from ui.theme import SPACING

_DEFAULT_MINUTES = 60


class IdeaDialog(QDialog):
    """Edits one own idea; `save(title, description, category, minutes, cost)` stores it.

    `save` may raise ValidationError (shown beside its field); what it returns is emitted
    with `idea_saved`.
    """

    idea_saved = Signal(object)  # Idea

    def __init__(self, *, save: Callable[..., Idea], idea: Idea | None = None, parent=None):
        super().__init__(parent)
        self._save = save
        self._tried = False
        title = "Change your idea" if idea is not None else "Add your own idea"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self._build(title)
        if idea is not None:
            self._load(idea)
        self._update_counts()
        self.title_edit.setFocus()

    # ----- building -------------------------------------------------------------------

    def _build(self, title: str) -> None:
        self._field_errors = FieldErrors(parent=self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        outer.setSpacing(SPACING["m"])
        form = QFormLayout()
        form.setHorizontalSpacing(SPACING["l"])
        form.setVerticalSpacing(SPACING["s"])
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        heading = QLabel(title, self)
        heading.setProperty("role", "h2")
        form.addRow(heading)
        intro = QLabel("It joins the ideas deck, so you can filter it, be surprised by it "
                       "and plan it like any other.", self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        form.addRow(intro)

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("Pancakes in bed, a night swim, our old café…")
        self.title_edit.setAccessibleName("Idea name")
        self.title_edit.setToolTip(f"A short name, at most {idea_service.TITLE_MAX} characters")
        form.addRow("Name", self._field_errors.wrap("title", self.title_edit,
                                                        mark=self.title_edit))

        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setAccessibleName("Description")
        self.description_edit.setPlaceholderText("Optional: what makes it yours")
        self.description_edit.setToolTip("A few words to remember it by; it becomes the plan's "
                                         "notes")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(64)
        self.description_edit.setMaximumHeight(110)
        self.description_count = QLabel(self)
        self.description_count.setProperty("role", "small")
        self.description_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        description = QVBoxLayout()
        description.setSpacing(2)
        description.addWidget(self.description_edit)
        description.addWidget(self.description_count)
        form.addRow("Description", self._field_errors.wrap("description", description,
                                                               focus=self.description_edit))

        self.category_combo = QComboBox(self)
        self.category_combo.setAccessibleName("Kind of idea")
        self.category_combo.setToolTip("What kind of time together it is")
        self.category_combo.addItem("Choose a kind…", None)
        for key, label in IDEA_CATEGORIES:
            self.category_combo.addItem(label, key)
        form.addRow("Kind", self._field_errors.wrap("category", self.category_combo))

        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setRange(idea_service.MINUTES_MIN, idea_service.MINUTES_MAX)
        self.minutes_spin.setSingleStep(15)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setValue(_DEFAULT_MINUTES)
        # Like the calendar's other number fields: typed or stepped with the arrow keys.
        self.minutes_spin.setProperty("role", "bare")
        self.minutes_spin.setMinimumWidth(
            self.minutes_spin.fontMetrics().horizontalAdvance("720 min") + 28)
        self.minutes_spin.setAccessibleName("Length in minutes")
        self.minutes_spin.setToolTip(f"How long it usually takes: {idea_service.MINUTES_MIN} "
                                     f"minutes to {idea_service.MINUTES_MAX // 60} hours")
        self.minutes_label = QLabel(self)
        self.minutes_label.setProperty("role", "muted")
        length = QHBoxLayout()
        length.addWidget(self.minutes_spin)
        length.addWidget(self.minutes_label, 1)
        form.addRow("Length", self._field_errors.wrap("minutes", length, focus=self.minutes_spin))

        self.cost_combo = QComboBox(self)
        self.cost_combo.setAccessibleName("Cost")
        self.cost_combo.setToolTip("Roughly what it costs")
        for cost, label in COST_NAMES.items():
            self.cost_combo.addItem(label, cost)
        form.addRow("Cost", self._field_errors.wrap("cost", self.cost_combo))

        self.general_error = self._field_errors.general
        form.addRow(self.general_error)
        outer.addLayout(form)
        outer.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self.title_edit.textChanged.connect(self._on_field_changed)
        self.description_edit.textChanged.connect(self._on_field_changed)
        self.category_combo.currentIndexChanged.connect(self._on_field_changed)
        self.minutes_spin.valueChanged.connect(self._on_field_changed)
        self.cost_combo.currentIndexChanged.connect(self._on_field_changed)
        self.setMinimumWidth(560)

    # ----- values ---------------------------------------------------------------------

    def _load(self, idea: Idea) -> None:
        self.title_edit.setText(idea.title)
        self.description_edit.setPlainText(idea.description)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(idea.category)))
        self.minutes_spin.setValue(idea.minutes)
        self.cost_combo.setCurrentIndex(max(0, self.cost_combo.findData(idea.cost)))

    def value(self) -> dict:
        """The entered values as keyword arguments of `add_idea`."""
        return {"title": self.title_edit.text().strip(),
                "description": self.description_edit.toPlainText().strip(),
                "category": self.category_combo.currentData() or "",
                "minutes": self.minutes_spin.value(),
                "cost": self.cost_combo.currentData()}

    # ----- validation -----------------------------------------------------------------

    def show_errors(self, errors: Sequence[ValidationError]) -> None:
        self._field_errors.show(errors)

    def error_text(self, field: str) -> str:
        """The message shown beside `field` ("" when none), e.g. for tests and a11y."""
        return self._field_errors.text(field)

    def _focus_first_error(self) -> None:
        self._field_errors.focus_first()

    def _revalidate(self) -> list[ValidationError]:
        errors = idea_service.validate_idea(**self.value())
        self.show_errors(errors)
        return errors

    def _update_counts(self) -> None:
        used = len(self.description_edit.toPlainText().strip())
        self.description_count.setText(f"{used} / {idea_service.DESCRIPTION_MAX}")
        self.minutes_label.setText(duration_text(self.minutes_spin.value()))

    # ----- slots ----------------------------------------------------------------------

    def _on_buttons_accepted(self) -> None:
        self._tried = True
        if self._revalidate():
            self._focus_first_error()
            return
        try:
            idea = self._save(**self.value())
        except ValidationError as exc:
            self.show_errors([exc])
            self._focus_first_error()
            return
        except HearthError as exc:
            self.show_errors([ValidationError(exc.message)])
            return
        self.idea_saved.emit(idea)
        self.accept()

    def _on_field_changed(self, *_args) -> None:
        self._update_counts()
        if self._tried:
            self._revalidate()
