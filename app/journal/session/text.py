"""Entry text as typed and as stored: cleaning, validation, word counts, snippets and dates."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable

from app.errors import ValidationError
from app.journal.types import MOOD_MAX, MOOD_MIN, EntryInput
from app.text import check_storable, mend

TITLE_MAX = 200
TAG_MAX = 40
TAGS_PER_ENTRY_MAX = 30
LINK_MAX = 200
DRAFT_KEY_MAX = 100
SNIPPET_CHARS = 160

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Control characters other than tab and newline never belong in typed text; MARK_START and
# MARK_END in particular must stay free for search snippets.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def count_words(text: str) -> int:
    """Words as a person counts them: "don't" is one word, punctuation is none."""
    return len(_WORD.findall(text))


def _clean_text(value: str) -> str:
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str) -> str:
    return " ".join(_clean_text(value).split())


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trim tags, drop empty ones and repeats (ignoring case), keep the given order."""
    if isinstance(tags, str):
        raise ValidationError("Tags must be a list of names.", field="tags")
    seen: set[str] = set()
    result = []
    for raw in tags:
        name = clean_line(str(raw)).strip(" ,#")
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
    title = clean_line(data.title or "")
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
            value = clean_line(str(value))
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


def lenient_input(data: EntryInput) -> EntryInput:
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
        tags = tuple(clean_line(t) for t in raw_tags if clean_line(t))
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


def snippet_of(title: str, body: str) -> str:
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


def parse_date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def parse_time(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


def iso_now(clock: Callable[[], datetime.datetime]) -> str:
    return clock().replace(microsecond=0).isoformat()
