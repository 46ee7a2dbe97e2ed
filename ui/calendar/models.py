"""Item models of the Calendar tab: agenda rows (a day, upcoming) and the ideas deck."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ui.calendar.formatting import cost_text, duration_text

OWN_IDEA_MARK = "★ Your own · "


class Role(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    WHEN = Qt.ItemDataRole.UserRole + 2
    DETAIL = Qt.ItemDataRole.UserRole + 3
    CATEGORY = Qt.ItemDataRole.UserRole + 4
    STATUS = Qt.ItemDataRole.UserRole + 5
    ITEM = Qt.ItemDataRole.UserRole + 6
    MINUTES = Qt.ItemDataRole.UserRole + 7
    COST = Qt.ItemDataRole.UserRole + 8


@dataclass(frozen=True)
class AgendaRow:
    """One plan in a list: `when` is the left column ("19:00", "Fri 14 Mar")."""

    key: object
    title: str
    when: str
    detail: str = ""
    category: str | None = None
    status: str = "planned"
    tooltip: str = ""


class AgendaModel(QAbstractListModel):
    """A plain list of agenda rows; the tab replaces it whenever the data changes."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._rows: list[AgendaRow] = []

    def set_rows(self, rows: Sequence[AgendaRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AgendaRow]:
        return list(self._rows)

    def row_of(self, key: object) -> int:
        for i, row in enumerate(self._rows):
            if row.key == key:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.when}, {row.title}" + (f", {row.detail}" if row.detail else "")
        if role == Role.KEY:
            return row.key
        if role == Role.WHEN:
            return row.when
        if role == Role.DETAIL:
            return row.detail
        if role == Role.CATEGORY:
            return row.category
        if role == Role.STATUS:
            return row.status
        if role == Role.ITEM:
            return row
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class IdeaModel(QAbstractListModel):
    """The ideas deck (and any ideas of the couple's own) as a list."""

    def __init__(self, *, ideas: Sequence = (), parent=None):
        super().__init__(parent)
        self._ideas = list(ideas)

    def set_ideas(self, ideas: Sequence) -> None:
        self.beginResetModel()
        self._ideas = list(ideas)
        self.endResetModel()

    def idea_at(self, row: int):
        return self._ideas[row]

    def ideas(self) -> list:
        return list(self._ideas)

    def row_of(self, idea_id: str) -> int:
        """The row of the idea with this id, or -1."""
        return next((row for row, idea in enumerate(self._ideas) if idea.id == idea_id), -1)

    def append_idea(self, idea) -> None:
        row = len(self._ideas)
        self.beginInsertRows(QModelIndex(), row, row)
        self._ideas.append(idea)
        self.endInsertRows()

    def replace_idea(self, idea) -> None:
        row = self.row_of(idea.id)
        if row < 0:
            return
        self._ideas[row] = idea
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def remove_idea(self, idea_id: str) -> None:
        row = self.row_of(idea_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ideas[row]
        self.endRemoveRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ideas)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ideas):
            return None
        idea = self._ideas[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return idea.title
        if role in (Qt.ItemDataRole.ToolTipRole, Role.DETAIL):
            return idea.description
        own = getattr(idea, "own", False)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (f"{idea.title}, {duration_text(idea.minutes)}, {cost_text(idea.cost)}"
                    + (", your own idea" if own else ""))
        if role == Role.WHEN:
            # Own ideas carry a marker so they stand out among the deck's.
            return (f"{OWN_IDEA_MARK}{duration_text(idea.minutes)} · {cost_text(idea.cost)}"
                    if own else f"{duration_text(idea.minutes)} · {cost_text(idea.cost)}")
        if role == Role.CATEGORY:
            return idea.category
        if role == Role.MINUTES:
            return idea.minutes
        if role == Role.COST:
            return idea.cost
        if role in (Role.ITEM, Role.KEY):
            return idea
        if role == Role.STATUS:
            return "planned"
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class IdeaFilterModel(QSortFilterProxyModel):
    """Filters ideas by category, longest duration, highest cost and words."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._category: str | None = None
        self._max_minutes: int | None = None
        self._max_cost: int | None = None
        self._words: list[str] = []
        self._own_only = False

    def set_filters(self, *, category: str | None, max_minutes: int | None,
                    max_cost: int | None, text: str = "", own_only: bool = False) -> None:
        self.beginFilterChange()
        self._own_only = own_only
        self._category = category
        self._max_minutes = max_minutes
        self._max_cost = max_cost
        self._words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        idea = self.sourceModel().idea_at(source_row)
        if self._own_only and not getattr(idea, "own", False):
            return False
        if self._category and idea.category != self._category:
            return False
        if self._max_minutes is not None and idea.minutes > self._max_minutes:
            return False
        if self._max_cost is not None and idea.cost > self._max_cost:
            return False
        haystack = f"{idea.title} {idea.description}".lower()
        return all(word in haystack for word in self._words)
