"""A comma-separated tag field that completes the tag being typed from the journal's tags."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit


def split_tags(text: str) -> tuple[str, ...]:
    seen: set[str] = set()
    tags = []
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


class TagCompleter(QCompleter):
    """Completes only the text after the last comma and keeps the tags before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt override)
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802 (Qt override)
        chosen = index.data(Qt.ItemDataRole.DisplayRole)
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0] if "," in text else ""
        return f"{head.rstrip()}, {chosen}" if head.strip() else chosen


class TagEdit(QLineEdit):
    """Tags as "walks, date night"; `tags()` returns them trimmed and without duplicates."""

    tags_edited = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setPlaceholderText("Tags, separated by commas")
        self.setAccessibleName("Tags")
        self.setToolTip("Tags help you find entries later; separate them with commas")
        self._model = QStringListModel(self)
        self.tag_completer = TagCompleter(self._model, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.tag_completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(self.tag_completer)
        self.textEdited.connect(self._on_text_edited)

    def set_known_tags(self, tags) -> None:
        self._model.setStringList(sorted(set(tags), key=str.casefold))

    def known_tags(self) -> list[str]:
        return self._model.stringList()

    def tags(self) -> tuple[str, ...]:
        return split_tags(self.text())

    def set_tags(self, tags) -> None:
        self.setText(", ".join(tags))

    def clear_all(self) -> None:
        """Forget the entry's tags and the journal's tag list (the journal was locked)."""
        self.tag_completer.popup().hide()
        self.setText("")
        self._model.setStringList([])

    def _on_text_edited(self, _text: str) -> None:
        self.tags_edited.emit()
