"""Item models for the journal: entries loaded page by page, and ranked search hits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app import dates
from app.services.journal import MARK_END, MARK_START, EntrySummary, SearchHit
from app.text import count
from ui.journal.mood import mood_label

PAGE_SIZE = 100
_ROOT = QModelIndex()  # the invisible root of a list model

PageLoader = Callable[[int, int], Sequence[EntrySummary]]


class Roles(IntEnum):
    ENTRY_ID = Qt.ItemDataRole.UserRole + 1
    DATE = Qt.ItemDataRole.UserRole + 2
    MOOD = Qt.ItemDataRole.UserRole + 3
    SNIPPET = Qt.ItemDataRole.UserRole + 4
    TAGS = Qt.ItemDataRole.UserRole + 5
    MONTH_HEADER = Qt.ItemDataRole.UserRole + 6  # "November 2026" on a month's first row
    TITLE = Qt.ItemDataRole.UserRole + 7
    HIGHLIGHTED = Qt.ItemDataRole.UserRole + 8  # the snippet has MARK_START/END around hits
    ATTACHMENT = Qt.ItemDataRole.UserRole + 9  # "picture", "file" or None


def display_title(title: str, snippet: str) -> str:
    if title:
        return title
    # A search snippet may start mid-sentence with "…"; a title should not.
    first = snippet.replace(MARK_START, "").replace(MARK_END, "").strip().lstrip("…").strip()
    return (first[:60] + "…") if len(first) > 60 else (first or "Untitled")


class EntryListModel(QAbstractListModel):
    """Entries newest first. Rows arrive `page_size` at a time through `fetchMore`, so a
    journal of ten thousand entries shows its first page at once."""

    def __init__(self, *, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[EntrySummary] = []
        self._loader: PageLoader | None = None
        self._exhausted = True

    # ----- filling --------------------------------------------------------------------

    def set_loader(self, loader: PageLoader | None) -> None:
        """Start over with a new source (another filter, or None when locked)."""
        self.beginResetModel()
        self._rows = []
        self._loader = loader
        self._exhausted = loader is None
        self.endResetModel()

    def reload(self) -> None:
        """Read again as many rows as were loaded, e.g. after saving or deleting."""
        if self._loader is None:
            return
        wanted = max(self.page_size, len(self._rows))
        rows = list(self._loader(0, wanted))
        self.beginResetModel()
        self._rows = rows
        self._exhausted = len(rows) < wanted
        self.endResetModel()

    def clear(self) -> None:
        self.set_loader(None)

    def canFetchMore(self, parent=_ROOT) -> bool:  # noqa: N802 (Qt override)
        return not parent.isValid() and not self._exhausted and self._loader is not None

    def fetchMore(self, parent=_ROOT) -> None:  # noqa: N802 (Qt override)
        if parent.isValid() or self._loader is None or self._exhausted:
            return
        page = list(self._loader(len(self._rows), self.page_size))
        if len(page) < self.page_size:
            self._exhausted = True
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # ----- reading --------------------------------------------------------------------

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def summary(self, row: int) -> EntrySummary:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.id == entry_id:
                return row
        return -1

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_title(item.title, item.snippet)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{dates.day_text(item.date)} · {count(item.word_count, 'word')} · {mood_label(item.mood)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            held = {"picture": ", with pictures", "file": ", with files"}.get(
                item.attachment or "", "")
            return (f"{dates.day_text(item.date)}: "
                    f"{display_title(item.title, item.snippet)}{held}")
        if role == Roles.ENTRY_ID:
            return item.id
        if role == Roles.DATE:
            return item.date
        if role == Roles.MOOD:
            return item.mood
        if role == Roles.SNIPPET:
            return item.snippet
        if role == Roles.TITLE:
            return item.title
        if role == Roles.TAGS:
            return list(item.tags)
        if role == Roles.ATTACHMENT:
            return item.attachment
        if role == Roles.HIGHLIGHTED:
            return False
        if role == Roles.MONTH_HEADER:
            previous = self._rows[index.row() - 1].date if index.row() else None
            if previous is None or (previous.year, previous.month) != (item.date.year,
                                                                         item.date.month):
                return dates.month_text(item.date.year, item.date.month)
            return ""
        return None

    def roleNames(self) -> dict[int, bytes]:  # noqa: N802 (Qt override)
        names = super().roleNames()
        names.update({int(r): r.name.lower().encode() for r in Roles})
        return names


class SearchHitModel(QAbstractListModel):
    """Search results best first; the snippet keeps the core's match marks for the delegate."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_title(hit.title, hit.snippet)
        if role == Qt.ItemDataRole.ToolTipRole:
            return dates.day_text(hit.date)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            plain = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
            return f"{dates.day_text(hit.date)}: {display_title(hit.title, plain)}. {plain}"
        if role == Roles.ENTRY_ID:
            return hit.entry_id
        if role == Roles.DATE:
            return hit.date
        if role == Roles.MOOD:
            return hit.mood
        if role == Roles.SNIPPET:
            return hit.snippet
        if role == Roles.TITLE:
            return hit.title
        if role == Roles.TAGS:
            return []
        if role == Roles.HIGHLIGHTED:
            return True
        if role == Roles.MONTH_HEADER:
            return ""
        return None

    def roleNames(self) -> dict[int, bytes]:  # noqa: N802 (Qt override)
        names = super().roleNames()
        names.update({int(r): r.name.lower().encode() for r in Roles})
        return names
