"""Validation messages shown right under the form fields they concern (never a silent
refusal), plus one general message for problems that name no field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from app.errors import ValidationError


class FieldErrors:
    """Owns the message labels of one form; fields register in the order they appear."""

    def __init__(self, *, parent: QWidget):
        self._parent = parent
        self._labels: dict[str, QLabel] = {}
        self._focus: dict[str, QWidget] = {}
        self._marked: dict[str, QWidget] = {}
        self.general = QLabel(parent)
        self.general.setProperty("role", "error")
        self.general.setWordWrap(True)
        self.general.setAccessibleName("Problem")
        self.general.hide()

    def wrap(self, field: str, content: QWidget | QLayout, *, focus: QWidget | None = None,
             mark: QWidget | None = None) -> QWidget:
        """`content` with its (hidden until needed) message under it. `focus` gets the
        keyboard when this is the first field in error; `mark` gets a red border."""
        holder = QWidget(self._parent)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if isinstance(content, QWidget):
            column.addWidget(content)
        else:
            column.addLayout(content)
        label = QLabel(holder)
        label.setProperty("role", "error")
        label.setWordWrap(True)
        label.setAccessibleName(f"{field.capitalize()} problem")
        label.hide()
        column.addWidget(label)
        self._labels[field] = label
        target = focus if focus is not None else content if isinstance(content, QWidget) else None
        if target is not None:
            self._focus[field] = target
        if mark is not None:
            self._marked[field] = mark
        return holder

    def show(self, errors: Sequence[ValidationError]) -> None:
        """Replace every message with `errors` (the first one per field wins)."""
        for label in self._labels.values():
            label.clear()
            label.hide()
        general = []
        for error in errors:
            label = self._labels.get(error.field)
            if label is None:
                general.append(error.message)
            elif not label.text():
                label.setText(error.message)
                label.show()
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))
        for field, widget in self._marked.items():
            failed = bool(self._labels[field].text())
            if widget.property("invalid") != failed:
                widget.setProperty("invalid", failed)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def text(self, field: str) -> str:
        """The message shown under `field` ("" when none)."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def focus_first(self) -> None:
        for field in self._labels:
            if self.text(field) and field in self._focus:
                self._focus[field].setFocus()
                return
