"""The five moods: their words and colours, and the picker the editor shows."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from ui import icons

MOOD_LABELS = {1: "Low", 2: "Uneasy", 3: "Okay", 4: "Good", 5: "Great"}
# Warm-to-cool would read as a judgement; these go from muted slate to the accent's rose.
MOOD_COLORS = {1: "#7A8CA8", 2: "#9C9FB8", 3: "#C9A36B", 4: "#D98A7A", 5: "#C8557A"}


def mood_label(mood: int | None) -> str:
    return MOOD_LABELS.get(mood or 0, "No mood")


class MoodPicker(QWidget):
    """Five face buttons; clicking the chosen one again clears the mood."""

    mood_changed = Signal(object)  # int 1..5 or None

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Mood")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self.buttons: dict[int, QToolButton] = {}
        for mood, label in MOOD_LABELS.items():
            button = QToolButton(self)
            button.setCheckable(True)
            button.setIconSize(QSize(22, 22))
            button.setToolTip(f"Mood: {label}")
            button.setAccessibleName(f"Mood {mood}: {label}")
            self._group.addButton(button, mood)
            layout.addWidget(button)
            self.buttons[mood] = button
        self._group.idClicked.connect(self._on_group_id_clicked)
        self._mood: int | None = None
        self.refresh_icons()

    def mood(self) -> int | None:
        return self._mood

    def set_mood(self, mood: int | None) -> None:
        self._mood = mood if mood in MOOD_LABELS else None
        for value, button in self.buttons.items():
            button.setChecked(value == self._mood)
        self.refresh_icons()

    def refresh_icons(self) -> None:
        for mood, button in self.buttons.items():
            button.setIcon(icons.icon(f"mood-{mood}", accent=button.isChecked()))

    def _on_group_id_clicked(self, mood: int) -> None:
        self.set_mood(None if mood == self._mood else mood)
        self.mood_changed.emit(self._mood)
