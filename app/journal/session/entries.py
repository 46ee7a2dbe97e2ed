"""Entries and their tags: save, import, load, delete, filter and list them."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from app.errors import NotFoundError
from app.journal.session.guard import guarded
from app.journal.session.text import (
    clean_line,
    count_words,
    iso_now,
    parse_date,
    parse_time,
    snippet_of,
    validate_input,
)
from app.journal.types import NO_FILTERS, Entry, EntryFilters, EntryInput, EntrySummary

log = logging.getLogger("app.journal.session")

LIST_LIMIT_MAX = 1000


class EntriesMixin:
    """Entry reading and writing of a `JournalSession` (see its docstring for the contract)."""

    @guarded
    def save_entry(
        self, data: EntryInput, entry_id: int | None = None, *, draft_key: str | None = None
    ) -> Entry:
        """Create (entry_id None) or update an entry with its tags in one transaction.

        When `draft_key` is given, that draft is discarded in the same transaction, so the
        text is always either a draft or an entry.
        """
        data = validate_input(data)
        m = self._m
        now = iso_now(self._clock)
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

    @guarded
    def import_entries(self, datas: Iterable[EntryInput]) -> int:
        """Save many new entries in one transaction (all or none); return how many.

        For imports and sample data: much faster than one `save_entry` per entry, which
        waits for the disk on every commit.
        """
        m = self._m
        now = iso_now(self._clock)
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
            date=parse_date(row.date),
            title=row.title,
            body=row.body,
            mood=row.mood,
            tags=self._tags_of([row.id])[row.id],
            activity_uid=row.activity_uid,
            guide_id=row.guide_id,
            prompt_id=row.prompt_id,
            created_at=parse_time(row.created_at),
            updated_at=parse_time(row.updated_at),
            word_count=row.word_count,
        )

    @guarded
    def get_entry(self, entry_id: int) -> Entry:
        """The entry with this id; NotFoundError when it was deleted."""
        return self._load_entry(entry_id)

    @guarded
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

    @guarded
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
            tag_id = self._tag_ids().get(clean_line(filters.tag).casefold(), 0)
            clauses.append(f"{alias}.id IN (SELECT entry_id FROM entry_tag WHERE tag_id = ?)")
            params.append(tag_id)
        return " AND ".join(clauses), params

    @guarded
    def count_entries(self, filters: EntryFilters = NO_FILTERS) -> int:
        """How many entries match the filters (all entries by default)."""
        where, params = self._filter_sql(filters)
        sql = "SELECT count(*) FROM entry e" + (f" WHERE {where}" if where else "")
        return self._db.execute_sql(sql, params).fetchone()[0]

    @guarded
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
                date=parse_date(r[1]),
                title=r[2],
                snippet=snippet_of(r[2], r[3]),
                mood=r[4],
                tags=tags[r[0]],
                word_count=r[5],
            )
            for r in rows
        ]

    @guarded
    def all_tags(self) -> list[str]:
        """Every tag in use, most used first, for completion and the tag filter."""
        rows = self._db.execute_sql(
            "SELECT t.name FROM tag t JOIN entry_tag et ON et.tag_id = t.id"
            " GROUP BY t.id ORDER BY count(*) DESC, lower(t.name)"
        ).fetchall()
        return [r[0] for r in rows]

    @guarded
    def entry_ids(self, filters: EntryFilters = NO_FILTERS) -> list[int]:
        """Ids of the entries matching the filters, newest first (e.g. to export them)."""
        where, params = self._filter_sql(filters)
        sql = (
            "SELECT e.id FROM entry e"
            + (f" WHERE {where}" if where else "")
            + " ORDER BY e.date DESC, e.id DESC"
        )
        return [r[0] for r in self._db.execute_sql(sql, params)]
