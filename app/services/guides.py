"""Reading guides: progress per guide, search, favourite questions and conversation cards."""

from __future__ import annotations

import datetime
import functools
import logging
import random
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

import peewee

from app.content.guides import Guide, load_guides
from app.errors import NotFoundError, ValidationError
from app.models.guides import CardDraw, FavouriteQuestion, GuideProgress

if TYPE_CHECKING:  # the deck itself loads with the first card (it is on no first screen)
    from app.content.decks import Question

log = logging.getLogger(__name__)

RECENT_CARDS = 20  # a drawn card stays out of the draw for this many draws
_DRAW_HISTORY_KEPT = 200  # older draw rows are pruned; only the recent ones matter
SNIPPET_CHARS = 150


class ReadingProgress(NamedTuple):
    """What the reader has done with one guide."""

    guide_id: str
    opened_at: datetime.datetime | None = None
    last_opened_at: datetime.datetime | None = None
    finished_at: datetime.datetime | None = None
    favourite: bool = False

    @property
    def opened(self) -> bool:
        return self.opened_at is not None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class ReadingSummary(NamedTuple):
    read: int
    total: int

    @property
    def label(self) -> str:
        return f"{self.read} of {self.total} read"


class SearchHit(NamedTuple):
    """A guide that matches every search word, with a short excerpt around a match."""

    guide_id: str
    score: int
    snippet: str
    terms: tuple[str, ...]


def search_terms(query: str) -> tuple[str, ...]:
    """The lower-case words of a query, without duplicates, in the order typed."""
    words = re.findall(r"[\w'’-]+", query.lower())
    return tuple(dict.fromkeys(word.strip("'’-") for word in words if word.strip("'’-")))


class GuidesService:
    """Progress, search and cards over the bundled guides and the shared database.

    `clock` and `rng` are injectable so tests control time and the card draw.
    """

    def __init__(
        self,
        *,
        db: peewee.Database,
        guides: Sequence[Guide] | None = None,
        questions: Sequence[Question] | None = None,
        clock: Callable[[], datetime.datetime] = datetime.datetime.now,
        rng: random.Random | None = None,
    ):
        self._db = db
        self._guides = list(guides) if guides is not None else load_guides()
        # The cards' deck is read the first time a card is asked for: most starts show none.
        self._given_questions = list(questions) if questions is not None else None
        self._guide_ids = {guide.id for guide in self._guides}
        self._clock = clock
        self._rng = rng or random.Random()

    @functools.cached_property
    def _search_text(self) -> dict[str, str]:
        """Each guide's text in lower case, made with the first search (most starts make none)."""
        return {guide.id: guide.searchable_text.lower() for guide in self._guides}

    @functools.cached_property
    def _questions(self) -> list[Question]:
        given = self._given_questions
        if given is not None:
            return given
        from app.content.decks import load_questions

        return load_questions()

    @functools.cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self._questions}

    # ----- guides ---------------------------------------------------------------------

    def guides(self) -> list[Guide]:
        return list(self._guides)

    def guide(self, guide_id: str) -> Guide:
        for guide in self._guides:
            if guide.id == guide_id:
                return guide
        raise NotFoundError(f"There is no guide called '{guide_id}'.")

    def tags(self) -> list[str]:
        """Every tag in use, alphabetically."""
        return sorted({tag for guide in self._guides for tag in guide.tags}, key=str.lower)

    # ----- progress -------------------------------------------------------------------

    def progress(self) -> dict[str, ReadingProgress]:
        """Progress for every bundled guide (untouched guides get an empty record)."""
        found = {row.guide_id: _progress(row) for row in GuideProgress.select()
                 if row.guide_id in self._guide_ids}
        return {guide.id: found.get(guide.id, ReadingProgress(guide.id))
                for guide in self._guides}

    def progress_for(self, guide_id: str) -> ReadingProgress:
        self._check_guide(guide_id)
        row = GuideProgress.get_or_none(GuideProgress.guide_id == guide_id)
        return _progress(row) if row else ReadingProgress(guide_id)

    def summary(self) -> ReadingSummary:
        finished = (GuideProgress.select()
                    .where(GuideProgress.finished_at.is_null(False)
                           & GuideProgress.guide_id.in_(list(self._guide_ids)))
                    .count())
        return ReadingSummary(read=finished, total=len(self._guides))

    def mark_opened(self, guide_id: str) -> ReadingProgress:
        now = self._now()
        return self._update(guide_id, lambda row: (
            setattr(row, "opened_at", row.opened_at or now),
            setattr(row, "last_opened_at", now),
        ))

    def set_finished(self, guide_id: str, finished: bool = True) -> ReadingProgress:
        """Mark a guide read (keeping the first time it was finished) or unread again."""
        now = self._now()

        def change(row):
            row.opened_at = row.opened_at or now
            row.finished_at = (row.finished_at or now) if finished else None

        return self._update(guide_id, change)

    def set_favourite(self, guide_id: str, favourite: bool) -> ReadingProgress:
        return self._update(guide_id, lambda row: setattr(row, "favourite", bool(favourite)))

    def _update(self, guide_id: str, change) -> ReadingProgress:
        self._check_guide(guide_id)
        with self._db.atomic():
            row = GuideProgress.get_or_none(GuideProgress.guide_id == guide_id)
            if row is None:
                row = GuideProgress(guide_id=guide_id)
                change(row)
                row.save(force_insert=True)
            else:
                change(row)
                row.save()
        return _progress(row)

    # ----- search ---------------------------------------------------------------------

    def search(self, query: str) -> list[SearchHit]:
        """Guides whose title or text holds every word of `query`, best matches first."""
        terms = search_terms(query)
        if not terms:
            return []
        hits = []
        for guide in self._guides:
            text = self._search_text[guide.id]
            if not all(term in text for term in terms):
                continue
            title = guide.title.lower()
            score = sum(10 * title.count(term) + text.count(term) for term in terms)
            hits.append(SearchHit(guide.id, score, _snippet(guide, terms), terms))
        hits.sort(key=lambda hit: -hit.score)
        log.debug("search for %d words matched %d guides", len(terms), len(hits))
        return hits

    # ----- conversation cards ---------------------------------------------------------

    def questions(self, category: str | None = None) -> list[Question]:
        return [q for q in self._questions if category is None or q.category == category]

    def question_categories(self) -> list[str]:
        return list(dict.fromkeys(q.category for q in self._questions))

    def draw_card(self, category: str | None = None) -> Question:
        """A random question (from `category` if given) that is not among the last 20 drawn.

        A category smaller than the window cannot avoid every recent card; then the draw
        takes one from the half of that category seen longest ago.
        """
        pool = self.questions(category)
        if not pool:
            raise ValidationError("There are no questions in that category.", field="category")
        recent = self.recent_card_ids(RECENT_CARDS)
        fresh = [q for q in pool if q.id not in set(recent)]
        if not fresh:
            in_pool = [qid for qid in dict.fromkeys(self.recent_card_ids(_DRAW_HISTORY_KEPT))
                       if qid in {q.id for q in pool}]
            newest_half = set(in_pool[: len(pool) // 2])
            fresh = [q for q in pool if q.id not in newest_half]
        question = self._rng.choice(fresh)
        with self._db.atomic():
            draw = CardDraw.create(question_id=question.id, drawn_at=self._now())
            CardDraw.delete().where(CardDraw.id <= draw.id - _DRAW_HISTORY_KEPT).execute()
        return question

    def recent_card_ids(self, limit: int = RECENT_CARDS) -> list[str]:
        """Ids of the last `limit` cards drawn, newest first."""
        rows = CardDraw.select(CardDraw.question_id).order_by(CardDraw.id.desc()).limit(limit)
        return [row.question_id for row in rows]

    def last_card(self) -> Question | None:
        """The card drawn most recently (so the deck shows it again after a restart)."""
        for question_id in self.recent_card_ids(5):
            if question_id in self._questions_by_id:
                return self._questions_by_id[question_id]
        return None

    def favourite_question_ids(self) -> set[str]:
        return {row.question_id for row in FavouriteQuestion.select()}

    def favourite_questions(self) -> list[Question]:
        """Favourite questions in deck order."""
        ids = self.favourite_question_ids()
        return [q for q in self._questions if q.id in ids]

    def set_question_favourite(self, question_id: str, favourite: bool) -> None:
        if question_id not in self._questions_by_id:
            raise NotFoundError(f"There is no question called '{question_id}'.")
        with self._db.atomic():
            if favourite:
                (FavouriteQuestion.insert(question_id=question_id, created_at=self._now())
                 .on_conflict_ignore().execute())
            else:
                FavouriteQuestion.delete().where(
                    FavouriteQuestion.question_id == question_id).execute()

    # ----- helpers --------------------------------------------------------------------

    def _check_guide(self, guide_id: str) -> None:
        if guide_id not in self._guide_ids:
            raise NotFoundError(f"There is no guide called '{guide_id}'.")

    def _now(self) -> datetime.datetime:
        return self._clock().replace(microsecond=0)


def _progress(row: GuideProgress) -> ReadingProgress:
    return ReadingProgress(
        guide_id=row.guide_id,
        opened_at=row.opened_at,
        last_opened_at=row.last_opened_at,
        finished_at=row.finished_at,
        favourite=bool(row.favourite),
    )


def _snippet(guide: Guide, terms: tuple[str, ...]) -> str:
    """A short plain-text excerpt around the first match in the guide's body, or its summary
    when the words are only in the title or summary."""
    body = " ".join(guide.body_text.split())
    lowered = body.lower()
    positions = [lowered.find(term) for term in terms if lowered.find(term) >= 0]
    if not positions:
        return guide.summary
    at = min(positions)
    start = max(0, at - SNIPPET_CHARS // 3)
    if start > 0:
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(body), start + SNIPPET_CHARS)
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > at else end
    return ("…" if start > 0 else "") + body[start:end].strip() + ("…" if end < len(body) else "")
