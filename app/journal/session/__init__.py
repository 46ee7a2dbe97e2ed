"""An unlocked journal: entries, tags, search, drafts, statistics and backups of one file.

The face of the session package; each part lives in a module of its own:
`core` (the session, its lock and `close()`), `guard` (the thread contract and its errors),
`text` (cleaning and validating typed text), `entries`, `search`, `stats`, `drafts` and
`files` (backup copies).
"""

from app.journal.session.core import JournalSession
from app.journal.session.entries import LIST_LIMIT_MAX
from app.journal.session.guard import JournalBusyError, JournalClosedError
from app.journal.session.search import RANK_ALL_MAX, SEARCH_LIMIT_MAX
from app.journal.session.text import (
    DRAFT_KEY_MAX,
    LINK_MAX,
    SNIPPET_CHARS,
    TAG_MAX,
    TAGS_PER_ENTRY_MAX,
    TITLE_MAX,
    count_words,
    normalise_tags,
    validate_input,
)

__all__ = [
    "DRAFT_KEY_MAX", "LINK_MAX", "LIST_LIMIT_MAX", "RANK_ALL_MAX", "SEARCH_LIMIT_MAX",
    "SNIPPET_CHARS", "TAG_MAX", "TAGS_PER_ENTRY_MAX", "TITLE_MAX", "JournalBusyError",
    "JournalClosedError", "JournalSession", "count_words", "normalise_tags", "validate_input",
]
