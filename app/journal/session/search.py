"""Full-text search of an unlocked journal's entries."""

from __future__ import annotations

import logging

import peewee

from app.journal import search as fts
from app.journal.session.guard import guarded
from app.journal.session.text import parse_date
from app.journal.types import (
    MARK_END,
    MARK_START,
    NO_FILTERS,
    EntryFilters,
    SearchHit,
    SearchResult,
)

log = logging.getLogger("app.journal.session")

SEARCH_LIMIT_MAX = 500
# Up to this many matches are ranked by relevance; beyond it, newest written first.
RANK_ALL_MAX = 2000


class SearchMixin:
    """Search of a `JournalSession` (see its docstring for the contract)."""

    @guarded
    def search(
        self, query: str, filters: EntryFilters = NO_FILTERS, limit: int = 50
    ) -> SearchResult:
        """Full-text search, best match first.

        Words must all occur (any order; accents and case ignored); `word*` matches words
        starting with "word"; `"two words"` matches the exact phrase; `-word` leaves out
        entries containing it. Hits come best first (bm25: title words weigh most, then
        tags, then the body); when more than RANK_ALL_MAX entries match, the most recently
        written come first instead. Anything else (stray quotes, brackets, FTS operators) is not
        syntax here: an unusable query returns no hits and a `hint`, never an exception.
        """
        parsed = fts.parse_query(query)
        if parsed.expression is None:
            return SearchResult(hits=(), hint=parsed.hint)
        limit = max(1, min(int(limit), SEARCH_LIMIT_MAX))
        where, params = self._filter_sql(filters)
        try:
            # Counting reads only the index's doclists: cheap even for a word in every entry.
            matches = self._db.execute_sql(
                "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH ?", (parsed.expression,)
            ).fetchone()[0]
            if not matches:
                return SearchResult(hits=(), hint=parsed.hint)
            # bm25 must score every match before the best can be picked; past a few thousand
            # matches that costs tens of milliseconds and the order says little (the word is
            # everywhere), so the most recently written matches come first instead.
            order = "f.rank" if matches <= RANK_ALL_MAX else "f.rowid DESC"
            # FTS5 hands rows over in that order, so snippet() runs for the kept rows only.
            rows = self._db.execute_sql(
                "SELECT f.rowid, f.rank, e.date, e.title, e.mood,"
                f" snippet(entry_fts, -1, '{MARK_START}', '{MARK_END}', '…', 14)"
                " FROM entry_fts f JOIN entry e ON e.id = f.rowid"
                " WHERE entry_fts MATCH ?"
                + (f" AND {where}" if where else "")
                + f" ORDER BY {order} LIMIT ?",
                [parsed.expression, *params, limit],
            ).fetchall()
            hits = tuple(
                SearchHit(
                    entry_id=rowid,
                    date=parse_date(date),
                    title=title,
                    snippet=" ".join(snippet.split()),
                    mood=mood,
                    rank=float(rank),
                )
                for rowid, rank, date, title, mood, snippet in rows
            )
        except peewee.OperationalError as exc:
            # parse_query only emits quoted terms, so this is not expected; a person still
            # gets words rather than a crash.
            log.warning("journal search failed: %s", type(exc).__name__)
            return SearchResult(hits=(), hint=fts.HINT_UNUSABLE)
        return SearchResult(hits=hits, hint=parsed.hint)
