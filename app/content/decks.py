"""The idea, conversation and journal-prompt decks, loaded once from `resources/decks/`."""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content import ContentError
from app.content.categories import (
    IDEA_LABELS,
    QUESTION_LABELS,
    category_label,
    question_category_label,
)
from app.paths import resource_path

COST_LABELS = ("Free", "Low cost", "Medium cost", "High cost")



@dataclass(frozen=True, slots=True)
class Idea:
    """Something to do together, offered when planning time on the calendar."""

    id: str
    title: str
    description: str
    category: str
    minutes: int
    cost: int  # 0 free .. 3 high
    own: bool = False  # added by the couple (app.services.ideas), not from the deck
    # When it usually starts ("Morning at a market" at 09:30); None: the planner's default.
    time_of_day: datetime.time | None = None

    @property
    def category_label(self) -> str:
        return category_label(self.category)

    @property
    def cost_label(self) -> str:
        return COST_LABELS[self.cost]


@dataclass(frozen=True, slots=True)
class Question:
    """An open question for the conversation cards."""

    id: str
    category: str
    text: str

    @property
    def category_label(self) -> str:
        return question_category_label(self.category)


@dataclass(frozen=True, slots=True)
class JournalPrompt:
    """A reflection prompt; `guide_id` ties it to the guide it grew out of, if any."""

    id: str
    text: str
    guide_id: str | None = None


def deck_path(name: str) -> Path:
    return resource_path("decks", f"{name}.toml")


def _read_deck(path: Path, table: str) -> list[dict[str, Any]]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ContentError(f"Cannot read the deck {path.name}: {exc.strerror or exc}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"The deck {path.name} is not valid TOML: {exc}.") from exc
    entries = data.get(table)
    if not isinstance(entries, list) or not entries:
        raise ContentError(f"The deck {path.name} has no [[{table}]] entries.")
    return entries


def _text(entry: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str | None:
    value = entry.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: '{key}' must be a non-empty string.")
    return value.strip()


def _int(entry: dict[str, Any], key: str, where: str, low: int, high: int) -> int:
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ContentError(f"{where}: '{key}' must be a whole number from {low} to {high}.")
    return value


def _check_unique(items: list, path: Path) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ContentError(f"{path.name}: the id '{item.id}' is used twice.")
        seen.add(item.id)


def parse_ideas(path: Path) -> list[Idea]:
    """Read and validate an ideas deck; raises ContentError naming the file and entry."""
    ideas = []
    for index, entry in enumerate(_read_deck(path, "idea"), start=1):
        where = f"{path.name}, idea {entry.get('id') or index}"
        category = _text(entry, "category", where)
        if category not in IDEA_LABELS:
            raise ContentError(f"{where}: unknown category '{category}'.")
        ideas.append(
            Idea(
                id=_text(entry, "id", where),
                title=_text(entry, "title", where),
                description=_text(entry, "description", where),
                category=category,
                minutes=_int(entry, "minutes", where, 5, 24 * 60),
                cost=_int(entry, "cost", where, 0, len(COST_LABELS) - 1),
                time_of_day=_time(entry, "time", where),
            )
        )
    _check_unique(ideas, path)
    return ideas


_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def _time(entry: dict[str, Any], key: str, where: str) -> datetime.time:
    value = entry.get(key)
    match = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ContentError(f"{where}: '{key}' must be a 24-hour time such as \"19:30\".")
    return datetime.time(int(match.group(1)), int(match.group(2)))


def parse_questions(path: Path) -> list[Question]:
    """Read and validate a conversation deck."""
    questions = []
    for index, entry in enumerate(_read_deck(path, "question"), start=1):
        where = f"{path.name}, question {entry.get('id') or index}"
        category = _text(entry, "category", where)
        if category not in QUESTION_LABELS:
            raise ContentError(f"{where}: unknown category '{category}'.")
        questions.append(
            Question(id=_text(entry, "id", where), category=category, text=_text(entry, "text", where))
        )
    _check_unique(questions, path)
    return questions


def parse_journal_prompts(path: Path) -> list[JournalPrompt]:
    """Read and validate a journal-prompt deck."""
    prompts = []
    for index, entry in enumerate(_read_deck(path, "prompt"), start=1):
        where = f"{path.name}, prompt {entry.get('id') or index}"
        prompts.append(
            JournalPrompt(
                id=_text(entry, "id", where),
                text=_text(entry, "text", where),
                guide_id=_text(entry, "guide", where, optional=True),
            )
        )
    _check_unique(prompts, path)
    return prompts


@functools.cache
def _ideas() -> tuple[Idea, ...]:
    return tuple(parse_ideas(deck_path("ideas")))


@functools.cache
def _questions() -> tuple[Question, ...]:
    return tuple(parse_questions(deck_path("conversation")))


@functools.cache
def _journal_prompts() -> tuple[JournalPrompt, ...]:
    return tuple(parse_journal_prompts(deck_path("journal_prompts")))


def load_ideas() -> list[Idea]:
    """Every idea in deck order (parsed once per process; the list is a fresh copy)."""
    return list(_ideas())


def load_questions() -> list[Question]:
    """Every conversation question in deck order."""
    return list(_questions())


def load_journal_prompts() -> list[JournalPrompt]:
    """Every journal prompt in deck order."""
    return list(_journal_prompts())
