"""The banner that offers unsaved drafts back after the journal is unlocked."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from app import dates
from app.services.journal import Draft
from ui import icons
from ui.theme import SPACING


def describe(draft: Draft, today: datetime.date | None = None) -> str:
    data = draft.data
    label = data.title or " ".join(data.body.split()[:8]) or "an untitled entry"
    if len(label) > 60:
        label = label[:59] + "…"
    kept = dates.moment_text(draft.saved_at, today or datetime.date.today())
    if draft.entry_id is not None:
        return f"Your changes to “{label}” were not saved. The draft is from {kept}."
    return f"A new entry, “{label}”, was not saved. The draft is from {kept}."


class DraftBanner(QFrame):
    restore_clicked = Signal(object)  # Draft
    discard_clicked = Signal(object)  # Draft

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.setAccessibleName("Unsaved draft")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING["m"], SPACING["s"], SPACING["s"], SPACING["s"])
        self.icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.restore_button = QPushButton("Restore draft", self)
        self.restore_button.setProperty("role", "primary")
        self.restore_button.setToolTip("Open the draft in the editor")
        self.discard_button = QPushButton("Discard", self)
        self.discard_button.setToolTip("Throw the draft away")
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.discard_button)
        layout.addWidget(self.restore_button)
        self._drafts: list[Draft] = []
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.refresh_icons()
        self.hide()

    def set_drafts(self, drafts) -> None:
        self._drafts = list(drafts)
        self._show_first()

    def drafts(self) -> list[Draft]:
        return list(self._drafts)

    def current(self) -> Draft | None:
        return self._drafts[0] if self._drafts else None

    def clear(self) -> None:
        self.set_drafts([])

    def refresh_icons(self) -> None:
        self.icon.setPixmap(icons.icon("restore", accent=True).pixmap(20, 20))

    def _show_first(self) -> None:
        draft = self.current()
        if draft is None:
            self.label.setText("")
            self.hide()
            return
        more = len(self._drafts) - 1
        extra = f" ({more} more after this one)" if more else ""
        self.label.setText(describe(draft) + extra)
        self.show()

    def _pop(self) -> Draft | None:
        draft = self.current()
        if draft is not None:
            self._drafts.pop(0)
            self._show_first()
        return draft

    def _on_restore_button_clicked(self) -> None:
        draft = self._pop()
        if draft is not None:
            self.restore_clicked.emit(draft)

    def _on_discard_button_clicked(self) -> None:
        draft = self._pop()
        if draft is not None:
            self.discard_clicked.emit(draft)
