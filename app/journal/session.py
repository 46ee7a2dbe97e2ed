"""An unlocked journal: entries, tags, search, drafts, statistics and backups of one file."""

from __future__ import annotations

import datetime
import functools
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import peewee

from app import sqlcipher
from app.db_files import fsync_dir, fsync_file, remove_db_files
from app.errors import HearthError, NotFoundError, ValidationError
from app.journal import search as fts
from app.journal.models import JournalModels, bind_models
from app.journal.types import (
    MARK_END,
    MARK_START,
    MOOD_MAX,
    MOOD_MIN,
    NO_FILTERS,
    Draft,
    Entry,
    EntryFilters,
    EntryInput,
    EntrySummary,
    JournalInfo,
    JournalStats,
    MoodPoint,
    SearchHit,
    SearchResult,
)
from app.safety.leftovers import SESSION_COPY, unfinished_name
from app.text import check_storable, mend

log = logging.getLogger(__name__)

TITLE_MAX = 200
TAG_MAX = 40
TAGS_PER_ENTRY_MAX = 30
LINK_MAX = 200
DRAFT_KEY_MAX = 100
SNIPPET_CHARS = 160
LIST_LIMIT_MAX = 1000
SEARCH_LIMIT_MAX = 500
# Up to this many matches are ranked by relevance; beyond it, newest written first.
RANK_ALL_MAX = 2000

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Control characters other than tab and newline never belong in typed text; MARK_START and
# MARK_END in particular must stay free for search snippets.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class JournalClosedError(HearthError):
    """The journal was locked (its session closed) before this call."""

    def __init__(self, message: str = "This journal is locked. Unlock it to go on.", **kw):
        super().__init__(message, **kw)


class JournalBusyError(HearthError):
    """The journal is open, so its file cannot be replaced or deleted right now."""


def count_words(text: str) -> int:
    """Words as a person counts them: "don't" is one word, punctuation is none."""
    return len(_WORD.findall(text))


def _clean_text(value: str) -> str:
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _clean_line(value: str) -> str:
    return " ".join(_clean_text(value).split())


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trim tags, drop empty ones and repeats (ignoring case), keep the given order."""
    if isinstance(tags, str):
        raise ValidationError("Tags must be a list of names.", field="tags")
    seen: set[str] = set()
    result = []
    for raw in tags:
        name = _clean_line(str(raw)).strip(" ,#")
        if not name:
            continue
        if len(name) > TAG_MAX:
            raise ValidationError(
                f"A tag can be at most {TAG_MAX} characters long.", field="tags"
            )
        folded = name.casefold()
        if folded not in seen:
            seen.add(folded)
            result.append(name)
    if len(result) > TAGS_PER_ENTRY_MAX:
        raise ValidationError(
            f"An entry can have at most {TAGS_PER_ENTRY_MAX} tags.", field="tags"
        )
    return tuple(result)


def validate_input(data: EntryInput) -> EntryInput:
    """Check an entry as typed and return it cleaned (trimmed title, tidy tags)."""
    if not isinstance(data, EntryInput):
        raise TypeError("save_entry takes an EntryInput")
    if not isinstance(data.date, datetime.date) or isinstance(data.date, datetime.datetime):
        raise ValidationError("Choose a date for this entry.", field="date")
    if not (datetime.date(1900, 1, 1) <= data.date <= datetime.date(2999, 12, 31)):
        raise ValidationError("That date is out of range.", field="date")
    for name in ("title", "body", "activity_uid", "guide_id", "prompt_id"):
        check_storable(str(getattr(data, name) or ""), field=name)
    for tag in data.tags if not isinstance(data.tags, str) else ():
        check_storable(str(tag), field="tags")
    title = _clean_line(data.title or "")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            f"A title can be at most {TITLE_MAX} characters long.", field="title"
        )
    body = _clean_text(data.body or "")
    if data.mood is not None and (
        isinstance(data.mood, bool)
        or not isinstance(data.mood, int)
        or not MOOD_MIN <= data.mood <= MOOD_MAX
    ):
        raise ValidationError(
            f"Mood is a number from {MOOD_MIN} to {MOOD_MAX}.", field="mood"
        )
    if not title and not body.strip():
        raise ValidationError("Write something or give the entry a title.", field="body")
    links = {}
    for name in ("activity_uid", "guide_id", "prompt_id"):
        value = getattr(data, name)
        if value is not None:
            value = _clean_line(str(value))
            if len(value) > LINK_MAX:
                raise ValidationError("That link is too long.", field=name)
        links[name] = value or None
    return EntryInput(
        date=data.date,
        title=title,
        body=body,
        mood=data.mood,
        tags=normalise_tags(data.tags),
        **links,
    )


def _lenient_input(data: EntryInput) -> EntryInput:
    """Drafts keep whatever was typed; only what cannot be stored is mended."""
    date = data.date if isinstance(data.date, datetime.date) else datetime.date.today()
    if isinstance(date, datetime.datetime):
        date = date.date()
    mood = data.mood
    if isinstance(mood, bool) or not isinstance(mood, int) or not MOOD_MIN <= mood <= MOOD_MAX:
        mood = None
    raw_tags = () if isinstance(data.tags, str) else tuple(mend(str(t)) for t in data.tags)
    try:
        tags = normalise_tags(raw_tags)
    except ValidationError:
        tags = tuple(_clean_line(t) for t in raw_tags if _clean_line(t))
    return EntryInput(
        date=date,
        title=_clean_text(mend(data.title or "")),
        body=_clean_text(mend(data.body or "")),
        mood=mood,
        tags=tags,
        activity_uid=mend(data.activity_uid) if data.activity_uid else None,
        guide_id=mend(data.guide_id) if data.guide_id else None,
        prompt_id=mend(data.prompt_id) if data.prompt_id else None,
    )


def _snippet(title: str, body: str) -> str:
    for line in body.splitlines():
        text = line.strip().lstrip("#>*-+ \t").strip()
        if text:
            break
    else:
        text = ""
    text = " ".join(text.split())
    if len(text) > SNIPPET_CHARS:
        text = text[: SNIPPET_CHARS - 1].rstrip() + "…"
    return text


def _parse_date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _parse_time(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


def _iso_now(clock: Callable[[], datetime.datetime]) -> str:
    return clock().replace(microsecond=0).isoformat()


def _guarded(method):
    """Run a session method under the session lock, refusing once the journal is locked."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            if self._models is None:
                raise JournalClosedError()
            return method(self, *args, **kwargs)

    return wrapper


class JournalSession:
    """One unlocked journal. Created by `open_journal()`; `close()` locks it again.

    Every method is safe to call from any thread (calls are serialised and share one
    connection). After `close()` every method raises `JournalClosedError`.
    """

    def __init__(
        self,
        info: JournalInfo,
        db: peewee.Database,
        *,
        clock: Callable[[], datetime.datetime] | None = None,
        on_close: Callable[[JournalSession], None] | None = None,
    ):
        self._info = info
        self._db = db
        self._models: JournalModels | None = bind_models(db)
        self._clock = clock or datetime.datetime.now
        self._on_close = on_close
        self._lock = threading.RLock()

    # -- state ------------------------------------------------------------------------

    @property
    def info(self) -> JournalInfo:
        """The registry entry of this journal (as it was when unlocked)."""
        return self._info

    @property
    def is_open(self) -> bool:
        return self._models is not None

    def close(self) -> None:
        """Lock the journal: close its connection (checkpointing the WAL). Idempotent."""
        with self._lock:
            if self._models is None:
                return
            self._models = None
            try:
                if not self._db.is_closed():
                    self._db.close()
            finally:
                log.info("journal %s locked", self._info.id)
                if self._on_close is not None:
                    self._on_close(self)

    def __enter__(self) -> JournalSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def _m(self) -> JournalModels:
        assert self._models is not None
        return self._models

    # -- entries ----------------------------------------------------------------------

    @_guarded
    def save_entry(
        self, data: EntryInput, entry_id: int | None = None, *, draft_key: str | None = None
    ) -> Entry:
        """Create (entry_id None) or update an entry with its tags in one transaction.

        When `draft_key` is given, that draft is discarded in the same transaction, so the
        text is always either a draft or an entry.
        """
        data = validate_input(data)
        m = self._m
        now = _iso_now(self._clock)
        fields = {
            "date": data.date.isoformat(),
            "title": data.title,
            "body": data.body,
            "mood": data.mood,
            "activity_uid": data.activity_uid,
            "guide_id": data.guide_id,
            "prompt_id": data.prompt_id,
            "tags_text": "\n".join(data.tags),
            "word_count": count_words(data.body),
            "updated_at": now,
        }
        with self._db.atomic():
            if entry_id is None:
                entry_id = m.Entry.insert(created_at=now, **fields).execute()
            else:
                updated = m.Entry.update(**fields).where(m.Entry.id == entry_id).execute()
                if not updated:
                    raise NotFoundError("This entry was deleted.")
            self._set_tags(entry_id, data.tags)
            if draft_key is not None:
                m.Draft.delete().where(m.Draft.key == draft_key).execute()
        log.info("journal %s: saved entry %s", self._info.id, entry_id)
        return self._load_entry(entry_id)

    @_guarded
    def import_entries(self, datas: Iterable[EntryInput]) -> int:
        """Save many new entries in one transaction (all or none); return how many.

        For imports and sample data: much faster than one `save_entry` per entry, which
        waits for the disk on every commit.
        """
        m = self._m
        now = _iso_now(self._clock)
        count = 0
        cleaned = [validate_input(data) for data in datas]
        with self._db.atomic():
            known = self._tag_ids()
            for data in cleaned:
                entry_id = m.Entry.insert(
                    date=data.date.isoformat(),
                    title=data.title,
                    body=data.body,
                    mood=data.mood,
                    activity_uid=data.activity_uid,
                    guide_id=data.guide_id,
                    prompt_id=data.prompt_id,
                    tags_text="\n".join(data.tags),
                    word_count=count_words(data.body),
                    created_at=now,
                    updated_at=now,
                ).execute()
                self._set_tags(entry_id, data.tags, known=known, prune=False)
                count += 1
        log.info("journal %s: imported %d entries", self._info.id, count)
        return count

    def _tag_ids(self) -> dict[str, int]:
        """Existing tags by case-folded name (SQLite's NOCASE folds ASCII only)."""
        m = self._m
        return {name.casefold(): tag_id for tag_id, name in m.Tag.select(m.Tag.id, m.Tag.name).tuples()}

    def _set_tags(
        self,
        entry_id: int,
        tags: Sequence[str],
        *,
        known: dict[str, int] | None = None,
        prune: bool = True,
    ) -> None:
        m = self._m
        known = self._tag_ids() if known is None else known
        m.EntryTag.delete().where(m.EntryTag.entry == entry_id).execute()
        for position, name in enumerate(tags):
            tag_id = known.get(name.casefold())
            if tag_id is None:
                # The first spelling of a tag is the one shown everywhere.
                tag_id = m.Tag.insert(name=name).execute()
                known[name.casefold()] = tag_id
            m.EntryTag.insert(entry=entry_id, tag=tag_id, position=position).execute()
        if not prune:
            return
        # Tags no entry uses any more would only clutter the completion list.
        m.Tag.delete().where(m.Tag.id.not_in(m.EntryTag.select(m.EntryTag.tag))).execute()

    def _tags_of(self, entry_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        if not entry_ids:
            return {}
        m = self._m
        result: dict[int, list[str]] = {i: [] for i in entry_ids}
        rows = (
            m.EntryTag.select(m.EntryTag.entry, m.Tag.name)
            .join(m.Tag)
            .where(m.EntryTag.entry.in_(list(entry_ids)))
            .order_by(m.EntryTag.entry, m.EntryTag.position)
            .tuples()
        )
        for entry_id, name in rows:
            result[entry_id].append(name)
        return {k: tuple(v) for k, v in result.items()}

    def _load_entry(self, entry_id: int) -> Entry:
        m = self._m
        row = m.Entry.get_or_none(m.Entry.id == entry_id)
        if row is None:
            raise NotFoundError("This entry no longer exists.")
        return Entry(
            id=row.id,
            date=_parse_date(row.date),
            title=row.title,
            body=row.body,
            mood=row.mood,
            tags=self._tags_of([row.id])[row.id],
            activity_uid=row.activity_uid,
            guide_id=row.guide_id,
            prompt_id=row.prompt_id,
            created_at=_parse_time(row.created_at),
            updated_at=_parse_time(row.updated_at),
            word_count=row.word_count,
        )

    @_guarded
    def get_entry(self, entry_id: int) -> Entry:
        """The entry with this id; NotFoundError when it was deleted."""
        return self._load_entry(entry_id)

    @_guarded
    def get_entries(self, entry_ids: Sequence[int] | None = None) -> list[Entry]:
        """Full entries, oldest first (for export); None means every entry."""
        m = self._m
        query = m.Entry.select(m.Entry.id).order_by(m.Entry.date, m.Entry.id)
        if entry_ids is not None:
            wanted = list(dict.fromkeys(int(i) for i in entry_ids))
            query = query.where(m.Entry.id.in_(wanted))
            ids = [row.id for row in query]
            if len(ids) != len(wanted):
                raise NotFoundError("Some of the chosen entries no longer exist.")
        else:
            ids = [row.id for row in query]
        return [self._load_entry(i) for i in ids]

    @_guarded
    def delete_entry(self, entry_id: int) -> None:
        """Delete an entry, its tag links and any draft editing it."""
        m = self._m
        with self._db.atomic():
            deleted = m.Entry.delete().where(m.Entry.id == entry_id).execute()
            if not deleted:
                raise NotFoundError("This entry was already deleted.")
            m.EntryTag.delete().where(m.EntryTag.entry == entry_id).execute()
            m.Draft.delete().where(m.Draft.entry_id == entry_id).execute()
            m.Tag.delete().where(m.Tag.id.not_in(m.EntryTag.select(m.EntryTag.tag))).execute()
        log.info("journal %s: deleted entry %s", self._info.id, entry_id)

    def _filter_sql(self, filters: EntryFilters, alias: str = "e") -> tuple[str, list]:
        clauses: list[str] = []
        params: list = []
        if filters.date_from is not None:
            clauses.append(f"{alias}.date >= ?")
            params.append(filters.date_from.isoformat())
        if filters.date_to is not None:
            clauses.append(f"{alias}.date <= ?")
            params.append(filters.date_to.isoformat())
        if filters.mood is not None:
            clauses.append(f"{alias}.mood = ?")
            params.append(int(filters.mood))
        if filters.tag:
            tag_id = self._tag_ids().get(_clean_line(filters.tag).casefold(), 0)
            clauses.append(f"{alias}.id IN (SELECT entry_id FROM entry_tag WHERE tag_id = ?)")
            params.append(tag_id)
        return " AND ".join(clauses), params

    @_guarded
    def count_entries(self, filters: EntryFilters = NO_FILTERS) -> int:
        """How many entries match the filters (all entries by default)."""
        where, params = self._filter_sql(filters)
        sql = "SELECT count(*) FROM entry e" + (f" WHERE {where}" if where else "")
        return self._db.execute_sql(sql, params).fetchone()[0]

    @_guarded
    def list_entries(
        self, offset: int = 0, limit: int = 100, filters: EntryFilters = NO_FILTERS
    ) -> list[EntrySummary]:
        """A page of entries, newest date first (ties: newest written first)."""
        offset = max(0, int(offset))
        limit = max(0, min(int(limit), LIST_LIMIT_MAX))
        where, params = self._filter_sql(filters)
        sql = (
            "SELECT e.id, e.date, e.title, substr(e.body, 1, 600), e.mood, e.word_count"
            " FROM entry e"
            + (f" WHERE {where}" if where else "")
            + " ORDER BY e.date DESC, e.id DESC LIMIT ? OFFSET ?"
        )
        rows = self._db.execute_sql(sql, [*params, limit, offset]).fetchall()
        tags = self._tags_of([r[0] for r in rows])
        return [
            EntrySummary(
                id=r[0],
                date=_parse_date(r[1]),
                title=r[2],
                snippet=_snippet(r[2], r[3]),
                mood=r[4],
                tags=tags[r[0]],
                word_count=r[5],
            )
            for r in rows
        ]

    @_guarded
    def all_tags(self) -> list[str]:
        """Every tag in use, most used first, for completion and the tag filter."""
        rows = self._db.execute_sql(
            "SELECT t.name FROM tag t JOIN entry_tag et ON et.tag_id = t.id"
            " GROUP BY t.id ORDER BY count(*) DESC, lower(t.name)"
        ).fetchall()
        return [r[0] for r in rows]

    # -- search -----------------------------------------------------------------------

    @_guarded
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
                    date=_parse_date(date),
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

    # -- statistics -------------------------------------------------------------------

    @_guarded
    def stats(self, today: datetime.date) -> JournalStats:
        """Numbers for the tab, computed relative to `today`."""
        db = self._db
        total = db.execute_sql("SELECT count(*) FROM entry").fetchone()[0]
        month_start = today.replace(day=1)
        next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
        this_month = db.execute_sql(
            "SELECT count(*) FROM entry WHERE date >= ? AND date < ?",
            (month_start.isoformat(), next_month.isoformat()),
        ).fetchone()[0]
        year_ago = today - datetime.timedelta(days=365)
        days = frozenset(
            _parse_date(r[0])
            for r in db.execute_sql(
                "SELECT DISTINCT date FROM entry WHERE date >= ? AND date <= ?",
                (year_ago.isoformat(), today.isoformat()),
            )
        )
        streak = 0
        day = today if today in days else today - datetime.timedelta(days=1)
        while day in days:
            streak += 1
            day -= datetime.timedelta(days=1)
        if day < year_ago:
            # The streak is older than the year loaded above: count the rest in SQL.
            older = {
                _parse_date(r[0])
                for r in db.execute_sql(
                    "SELECT DISTINCT date FROM entry WHERE date <= ?", (day.isoformat(),)
                )
            }
            while day in older:
                streak += 1
                day -= datetime.timedelta(days=1)
        week_start = today - datetime.timedelta(days=today.weekday() + 7 * 25)
        month_from = _add_months(month_start, -11)
        moods = [
            (_parse_date(r[0]), r[1])
            for r in db.execute_sql(
                "SELECT date, mood FROM entry WHERE mood IS NOT NULL AND date >= ?"
                " AND date <= ?",
                (min(week_start, month_from).isoformat(), today.isoformat()),
            )
        ]
        by_week: dict[datetime.date, list[int]] = {}
        by_month: dict[datetime.date, list[int]] = {}
        for date, mood in moods:
            if date >= week_start:
                by_week.setdefault(date - datetime.timedelta(days=date.weekday()), []).append(mood)
            if date >= month_from:
                by_month.setdefault(date.replace(day=1), []).append(mood)
        return JournalStats(
            total_entries=total,
            entries_this_month=this_month,
            writing_streak_days=streak,
            mood_by_week=_points(by_week),
            mood_by_month=_points(by_month),
            days_written=days,
        )

    # -- drafts -----------------------------------------------------------------------

    @_guarded
    def save_draft(self, key: str, data: EntryInput, *, entry_id: int | None = None) -> Draft:
        """Keep the editor's unsaved text under `key` (replacing the previous draft).

        Never refuses text: odd values (a mood out of range) are mended, not rejected.
        """
        key = _clean_line(str(key or ""))
        if not key or len(key) > DRAFT_KEY_MAX:
            raise ValidationError("A draft needs a short key.", field="key")
        data = _lenient_input(data)
        now = self._clock().replace(microsecond=0)
        m = self._m
        with self._db.atomic():
            m.Draft.insert(
                key=key,
                entry_id=entry_id,
                date=data.date.isoformat(),
                title=data.title,
                body=data.body,
                mood=data.mood,
                tags=json.dumps(list(data.tags), ensure_ascii=False),
                activity_uid=data.activity_uid,
                guide_id=data.guide_id,
                prompt_id=data.prompt_id,
                saved_at=now.isoformat(),
            ).on_conflict_replace().execute()
        log.debug("journal %s: draft saved", self._info.id)
        return Draft(key=key, entry_id=entry_id, data=data, saved_at=now)

    @_guarded
    def pending_drafts(self) -> list[Draft]:
        """Drafts left from earlier (e.g. before a crash), newest first."""
        m = self._m
        drafts = []
        for row in m.Draft.select().order_by(m.Draft.saved_at.desc(), m.Draft.key):
            try:
                tags = tuple(str(t) for t in json.loads(row.tags))
            except (ValueError, TypeError):
                tags = ()
            drafts.append(
                Draft(
                    key=row.key,
                    entry_id=row.entry_id,
                    data=EntryInput(
                        date=_parse_date(row.date),
                        title=row.title,
                        body=row.body,
                        mood=row.mood,
                        tags=tags,
                        activity_uid=row.activity_uid,
                        guide_id=row.guide_id,
                        prompt_id=row.prompt_id,
                    ),
                    saved_at=_parse_time(row.saved_at),
                )
            )
        return drafts

    @_guarded
    def discard_draft(self, key: str) -> None:
        """Forget a draft (after saving or when the person declines it). No error if gone."""
        m = self._m
        with self._db.atomic():
            m.Draft.delete().where(m.Draft.key == key).execute()

    # -- files ------------------------------------------------------------------------

    @_guarded
    def backup_to(self, path: Path) -> Path:
        """Write a consistent copy of the journal to `path` (replaced atomically).

        A protected journal's copy is encrypted with the same passphrase; an unprotected
        one's is a plain SQLite file. The copy opens with `open_database` like the original.
        """
        path = Path(path)
        tmp = unfinished_name(path, SESSION_COPY)
        remove_db_files(tmp)
        try:
            if self._info.protected:
                passphrase = sqlcipher.passphrase_of(self._db)
                if not passphrase:  # never let a protected journal's copy come out plain
                    raise HearthError("This journal's copy could not be encrypted.")
                sqlcipher.export_copy(self._db.connection(), tmp, passphrase)
            else:
                self._db.execute_sql("VACUUM INTO ?", (str(tmp),))
            fsync_file(tmp)
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except BaseException:
            remove_db_files(tmp)
            raise
        log.info("journal %s: backup written", self._info.id)
        return path

    @_guarded
    def entry_ids(self, filters: EntryFilters = NO_FILTERS) -> list[int]:
        """Ids of the entries matching the filters, newest first (e.g. to export them)."""
        where, params = self._filter_sql(filters)
        sql = (
            "SELECT e.id FROM entry e"
            + (f" WHERE {where}" if where else "")
            + " ORDER BY e.date DESC, e.id DESC"
        )
        return [r[0] for r in self._db.execute_sql(sql, params)]

    @_guarded
    def counts(self) -> dict[str, int]:
        """Row counts per table (entries, tags, drafts), to verify a copy is complete."""
        return {
            name: self._db.execute_sql(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("entry", "tag", "entry_tag", "draft")
        }


def _points(groups: dict[datetime.date, list[int]]) -> tuple[MoodPoint, ...]:
    return tuple(
        MoodPoint(start=start, average=round(sum(v) / len(v), 2), count=len(v))
        for start, v in sorted(groups.items())
    )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
