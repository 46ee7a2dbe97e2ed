"""The plain values the journal services take and return (frozen dataclasses, no Peewee)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

# Kept in a module of its own (listing journals needs only it); named here as well.
from app.journal.info import JournalInfo as JournalInfo

MOOD_MIN = 1
MOOD_MAX = 5

# Search snippets mark each matched word as MARK_START + word + MARK_END. These control
# characters never occur in typed text (save_entry strips them), so a view can split on them
# and render the words in bold without parsing HTML.
MARK_START = "\x02"
MARK_END = "\x03"


@dataclass(frozen=True, slots=True)
class EntryInput:
    """What the editor sends to save an entry (or a draft).

    `tags` are shown names ("date night"); they are trimmed, de-duplicated ignoring case and
    kept in the order given. `mood` is 1 (low) .. 5 (bright) or None. `activity_uid` links to
    a calendar activity, `guide_id`/`prompt_id` to the guide or journal prompt it grew from.
    """

    date: datetime.date
    title: str = ""
    body: str = ""
    mood: int | None = None
    tags: tuple[str, ...] = ()
    activity_uid: str | None = None
    guide_id: str | None = None
    prompt_id: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A saved entry with everything the editor shows."""

    id: int
    date: datetime.date
    title: str
    body: str
    mood: int | None
    tags: tuple[str, ...]
    activity_uid: str | None
    guide_id: str | None
    prompt_id: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    word_count: int

    def to_input(self) -> EntryInput:
        """The entry as editor input, e.g. to start a draft from it."""
        return EntryInput(
            date=self.date,
            title=self.title,
            body=self.body,
            mood=self.mood,
            tags=self.tags,
            activity_uid=self.activity_uid,
            guide_id=self.guide_id,
            prompt_id=self.prompt_id,
        )


@dataclass(frozen=True, slots=True)
class EntrySummary:
    """One row of the entry list: `snippet` is the start of the body on one line;
    `attachment` is "picture" when the entry holds a picture, "file" when it holds only
    other files, None when it holds neither."""

    id: int
    date: datetime.date
    title: str
    snippet: str
    mood: int | None
    tags: tuple[str, ...]
    word_count: int
    attachment: str | None = None


@dataclass(frozen=True, slots=True)
class EntryFilters:
    """Narrow a list or a search. Every field is optional; set fields must all hold.

    `date_from`/`date_to` are inclusive; `tag` matches ignoring case; `mood` is exact.
    """

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    tag: str | None = None
    mood: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == NO_FILTERS


NO_FILTERS = EntryFilters()


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A ranked search result. `snippet` comes from the title or body with matched words
    wrapped in MARK_START/MARK_END; "..." marks text cut away. Lower `rank` is better."""

    entry_id: int
    date: datetime.date
    title: str
    snippet: str
    mood: int | None
    rank: float


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits best first, and a hint for the person when the query could not be used as typed
    (e.g. "Close the quote to search for an exact phrase."); `hint` is None otherwise."""

    hits: tuple[SearchHit, ...]
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """Unsaved editor text kept inside the journal. `key` is chosen by the editor (one per
    editor: e.g. "new" or "entry-42"); `entry_id` is the entry being edited, None for new;
    `prompt` the words of the writing prompt shown above the page ("" for none)."""

    key: str
    entry_id: int | None
    data: EntryInput
    saved_at: datetime.datetime
    prompt: str = ""


@dataclass(frozen=True, slots=True)
class DeletedEntry:
    """An entry just deleted, whole: its text, tags, mood, links and times, and the drafts
    that were editing it. `restore_entry` puts it back as it was."""

    entry: Entry
    drafts: tuple[Draft, ...] = ()


@dataclass(frozen=True, slots=True)
class MoodPoint:
    """Average mood of the entries in one period starting on `start` (a Monday for weeks)."""

    start: datetime.date
    average: float
    count: int


@dataclass(frozen=True, slots=True)
class JournalStats:
    """Small numbers for the tab: `writing_streak_days` counts consecutive days with an
    entry ending today (or yesterday, so the streak is not lost before today's writing);
    `mood_by_week` covers the last 26 weeks (weeks without moods left out), `mood_by_month`
    the last 12 months; `days_written` holds every day of the last 366 with an entry."""

    total_entries: int
    entries_this_month: int
    writing_streak_days: int
    mood_by_week: tuple[MoodPoint, ...]
    mood_by_month: tuple[MoodPoint, ...]
    days_written: frozenset[datetime.date] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: the files (one per entry for "md-files") and the entry count."""

    paths: tuple[Path, ...]
    entry_count: int


EXPORT_FORMATS = ("md", "md-files", "html", "pdf")

# Shown before exporting a protected journal: the exported files are plain.
EXPORT_WARNING = (
    "The exported files are not encrypted. Anyone who can open them can read these entries."
)

# Shown when a passphrase is set: there is no way back without it.
LOST_PASSPHRASE_WARNING = (
    "If you forget this passphrase, only the recovery key on this journal's recovery kit "
    "opens it; nobody else can, not even with Hearth's help. Keep the kit somewhere safe."
)
