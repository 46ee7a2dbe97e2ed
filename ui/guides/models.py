"""Item models for the guide list and the favourite questions."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSortFilterProxyModel, Qt

from app.content.guides import Guide
from app.services.guides import ReadingProgress, SearchHit

if TYPE_CHECKING:  # cards are on no first screen: the deck loads with them
    from app.content.decks import Question

_ROOT = QModelIndex()
ALL_TOPICS = ""
FAVOURITES = "\x00favourites"  # pseudo-tags for the topic filter; never a real tag
UNREAD = "\x00unread"


class GuideRole(IntEnum):
    GUIDE = Qt.ItemDataRole.UserRole + 1
    GUIDE_ID = Qt.ItemDataRole.UserRole + 2
    PROGRESS = Qt.ItemDataRole.UserRole + 3
    SEARCH_HIT = Qt.ItemDataRole.UserRole + 4


class GuideRow(NamedTuple):
    guide: Guide
    progress: ReadingProgress
    hit: SearchHit | None = None


class GuideListModel(QAbstractListModel):
    """Every guide with its reading progress and, while searching, its search hit."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._rows: list[GuideRow] = []

    def set_guides(self, guides: list[Guide], progress: dict[str, ReadingProgress]) -> None:
        self.beginResetModel()
        self._rows = [GuideRow(g, progress.get(g.id, ReadingProgress(g.id))) for g in guides]
        self.endResetModel()

    def update_progress(self, progress: ReadingProgress) -> None:
        for row, item in enumerate(self._rows):
            if item.guide.id == progress.guide_id:
                self._rows[row] = item._replace(progress=progress)
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return

    def set_search_hits(self, hits: list[SearchHit] | None) -> None:
        by_id = {hit.guide_id: hit for hit in hits or []}
        for row, item in enumerate(self._rows):
            self._rows[row] = item._replace(hit=by_id.get(item.guide.id))
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def row_of(self, guide_id: str) -> int:
        return next((row for row, item in enumerate(self._rows) if item.guide.id == guide_id), -1)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.guide.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.guide.title}\n{item.guide.summary}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = ("read" if item.progress.finished
                     else "started" if item.progress.opened else "not read yet")
            favourite = ", favourite" if item.progress.favourite else ""
            return f"{item.guide.title}, {item.guide.minutes} minutes, {state}{favourite}"
        if role == GuideRole.GUIDE:
            return item.guide
        if role == GuideRole.GUIDE_ID:
            return item.guide.id
        if role == GuideRole.PROGRESS:
            return item.progress
        if role == GuideRole.SEARCH_HIT:
            return item.hit
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class GuideFilterProxy(QSortFilterProxyModel):
    """Filters by topic (or favourites/unread) and by search results, ranking hits first."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._topic = ALL_TOPICS
        self._searching = False
        self.setDynamicSortFilter(False)

    def set_topic(self, topic: str) -> None:
        self.beginFilterChange()
        self._topic = topic
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_searching(self, searching: bool) -> None:
        self.beginFilterChange()
        self._searching = searching
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.sort(0 if searching else -1)

    def refresh(self) -> None:
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        index = self.sourceModel().index(source_row, 0, source_parent)
        guide: Guide = index.data(GuideRole.GUIDE)
        progress: ReadingProgress = index.data(GuideRole.PROGRESS)
        if self._searching and index.data(GuideRole.SEARCH_HIT) is None:
            return False
        if self._topic == FAVOURITES:
            return progress.favourite
        if self._topic == UNREAD:
            return not progress.finished
        return self._topic == ALL_TOPICS or self._topic in guide.tags

    def lessThan(self, left, right) -> bool:  # noqa: N802
        left_hit, right_hit = left.data(GuideRole.SEARCH_HIT), right.data(GuideRole.SEARCH_HIT)
        if left_hit and right_hit and left_hit.score != right_hit.score:
            return left_hit.score > right_hit.score
        return left.row() < right.row()


class QuestionListModel(QAbstractListModel):
    """A plain list of conversation questions (the favourites)."""

    QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._questions: list[Question] = []

    def set_questions(self, questions: list[Question]) -> None:
        self.beginResetModel()
        self._questions = list(questions)
        self.endResetModel()

    def question_at(self, row: int) -> Question | None:
        return self._questions[row] if 0 <= row < len(self._questions) else None

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._questions)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._questions):
            return None
        question = self._questions[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return question.text
        if role == self.QUESTION_ROLE:
            return question
        return None
