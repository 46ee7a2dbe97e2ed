"""The guides in `resources/guides/`: Markdown with a TOML header, parsed into named tuples.

A guide file looks like this:

    +++
    id = "trust-and-vulnerability"
    title = "..."
    summary = "..."
    minutes = 5
    order = 2
    tags = ["trust", "safety"]
    +++

    Opening paragraphs.

    ## An explaining section (one or more)
    ...
    ## Try this
    ### An exercise title
    *Plan it · 30 min · outdoors*      (or *Reflect*)
    What to do, one paragraph or more.
    ## Talk about it
    - An open question?

Anything that breaks this shape raises ContentError naming the file, so a bad edit is
caught by the content tests rather than by a reader.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import NamedTuple

from app.content import ContentError
from app.content.categories import IDEA_CATEGORIES
from app.content.guide_headers import header_values
from app.content.stored import guides_dir

TRY_THIS = "Try this"
TALK_ABOUT_IT = "Talk about it"
PLAN = "plan"
REFLECT = "reflect"

# The marker under an exercise title names the category by its label in lower case
# ("at home"); the app stores the deck's id ("at-home").
_CATEGORY_BY_MARKER = {label.lower(): cat_id for cat_id, label in IDEA_CATEGORIES}
_CATEGORY_BY_MARKER.update({cat_id.replace("-", " "): cat_id for cat_id, _ in IDEA_CATEGORIES})

_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*\n", re.DOTALL)
_PLAN_MARKER = re.compile(r"^\*Plan it\s*·\s*(\d+)\s*min\s*·\s*([a-z ]+?)\s*\*$")
_REFLECT_MARKER = re.compile(r"^\*Reflect\*$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MARKDOWN_SYNTAX = re.compile(r"[*_`#>\[\]]")


class Section(NamedTuple):
    """One explaining section: its H2 title and Markdown body."""

    title: str
    markdown: str


class Exercise(NamedTuple):
    """A "Try this" item: something to plan on the calendar or to reflect on in the journal."""

    kind: str  # PLAN or REFLECT
    title: str
    text: str
    minutes: int | None = None  # PLAN only
    category: str | None = None  # an idea category id, PLAN only

    @property
    def is_plan(self) -> bool:
        return self.kind == PLAN


class Guide(NamedTuple):
    """One parsed guide."""

    id: str
    title: str
    summary: str
    minutes: int
    order: int
    tags: tuple[str, ...]
    opening: str
    sections: tuple[Section, ...]
    exercises: tuple[Exercise, ...]
    questions: tuple[str, ...]
    source: str  # the Markdown body after the header, as written

    @property
    def body_text(self) -> str:
        """The guide's text below its header, as plain-ish text."""
        parts = [self.opening]
        for section in self.sections:
            parts += [section.title, section.markdown]
        for exercise in self.exercises:
            parts += [exercise.title, exercise.text]
        parts += list(self.questions)
        return plain_text("\n".join(parts))

    @property
    def searchable_text(self) -> str:
        """Everything a reader sees, for searching: title, summary, tags and body."""
        return "\n".join([self.title, self.summary, " ".join(self.tags), self.body_text])


def plain_text(markdown_text: str) -> str:
    """Markdown with its emphasis and heading marks dropped (good enough for search)."""
    return _MARKDOWN_SYNTAX.sub("", markdown_text)


def header_text(raw: str) -> str | None:
    """The TOML between a guide's '+++' lines, or None when it has no such header."""
    match = _FRONT_MATTER.match(raw.replace("\r\n", "\n"))
    return match.group(1) if match else None


def parse_guide(path: Path) -> Guide:
    """Read and validate one guide file; raises ContentError naming the file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(f"Cannot read the guide {path.name}: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(f"The guide {path.name} is not UTF-8 text.") from exc
    return parse_guide_text(raw.replace("\r\n", "\n"), name=path.name)


def parse_guide_text(raw: str, *, name: str) -> Guide:
    """Parse a guide from its text; `name` (the file name) goes into every error."""

    def fail(message: str) -> ContentError:
        return ContentError(f"Guide {name}: {message}")

    match = _FRONT_MATTER.match(raw)
    if not match:
        raise fail("it must start with a metadata header between '+++' lines.")
    try:
        meta = header_values(match.group(1))
    except ValueError as exc:  # tomllib.TOMLDecodeError, without loading tomllib first
        raise fail(f"the metadata header is not valid TOML ({exc}).") from exc
    body = raw[match.end():].strip("\n") + "\n"

    def meta_text(key: str) -> str:
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"the header needs a non-empty '{key}'.")
        return value.strip()

    def meta_int(key: str, low: int, high: int) -> int:
        value = meta.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise fail(f"the header's '{key}' must be a whole number from {low} to {high}.")
        return value

    guide_id = meta_text("id")
    if not _ID.match(guide_id):
        raise fail(f"the id '{guide_id}' must be lower-case words joined by hyphens.")
    tags = meta.get("tags")
    if (not isinstance(tags, list) or not tags
            or not all(isinstance(tag, str) and tag.strip() for tag in tags)):
        raise fail("the header needs 'tags', a non-empty list of words.")

    opening, blocks = _split_h2(body)
    if not opening.strip():
        raise fail("it needs an opening before the first '##' section.")
    titles = [title for title, _ in blocks]
    for required in (TRY_THIS, TALK_ABOUT_IT):
        if titles.count(required) != 1:
            raise fail(f"it needs exactly one '## {required}' section.")
    try_index, talk_index = titles.index(TRY_THIS), titles.index(TALK_ABOUT_IT)
    if talk_index != len(blocks) - 1 or try_index != len(blocks) - 2:
        raise fail(f"'## {TRY_THIS}' and then '## {TALK_ABOUT_IT}' must close the guide.")
    sections = tuple(Section(title, text.strip()) for title, text in blocks[:try_index])
    if not sections:
        raise fail("it needs at least one explaining '##' section before 'Try this'.")
    for section in sections:
        if not section.markdown:
            raise fail(f"the section '{section.title}' is empty.")
    exercises = _parse_exercises(blocks[try_index][1], fail)
    questions = _parse_questions(blocks[talk_index][1], fail)
    return Guide(
        id=guide_id,
        title=meta_text("title"),
        summary=meta_text("summary"),
        minutes=meta_int("minutes", 1, 120),
        order=meta_int("order", 0, 10_000),
        tags=tuple(tag.strip() for tag in tags),
        opening=opening.strip(),
        sections=sections,
        exercises=exercises,
        questions=questions,
        source=body,
    )


def _split_h2(body: str) -> tuple[str, list[tuple[str, str]]]:
    """Split Markdown at '## ' headings into the text before them and (title, text) pairs."""
    opening_lines: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("## "):
            blocks.append((line[3:].strip(), []))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            opening_lines.append(line)
    return "\n".join(opening_lines), [(title, "\n".join(lines)) for title, lines in blocks]


def _parse_exercises(text: str, fail) -> tuple[Exercise, ...]:
    items: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("### "):
            items.append((line[4:].strip(), []))
        elif items:
            items[-1][1].append(line)
        elif line.strip():
            raise fail(f"'{TRY_THIS}' must hold only '###' exercises.")
    if not items:
        raise fail(f"'{TRY_THIS}' needs at least one '###' exercise.")
    exercises = []
    for title, lines in items:
        lines = _strip_blank_edges(lines)
        if not title:
            raise fail(f"an exercise in '{TRY_THIS}' has no title.")
        if not lines:
            raise fail(f"the exercise '{title}' is empty.")
        marker, rest = lines[0].strip(), "\n".join(lines[1:]).strip()
        plan = _PLAN_MARKER.match(marker)
        if not plan and not _REFLECT_MARKER.match(marker):
            raise fail(f"the exercise '{title}' must start with '*Plan it · N min · category*' "
                       "or '*Reflect*' on the line under its title.")
        if not rest:
            raise fail(f"the exercise '{title}' needs a paragraph after its marker line.")
        if plan:
            minutes = int(plan.group(1))
            category = _CATEGORY_BY_MARKER.get(plan.group(2).strip())
            if category is None:
                known = ", ".join(sorted(label.lower() for _, label in IDEA_CATEGORIES))
                raise fail(f"the exercise '{title}' has an unknown category "
                           f"'{plan.group(2)}' (use one of: {known}).")
            if not 5 <= minutes <= 24 * 60:
                raise fail(f"the exercise '{title}' must take 5 to 1440 minutes.")
            exercises.append(Exercise(PLAN, title, rest, minutes, category))
        else:
            exercises.append(Exercise(REFLECT, title, rest))
    return tuple(exercises)


def _parse_questions(text: str, fail) -> tuple[str, ...]:
    questions = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("- ") or not stripped[2:].strip():
            raise fail(f"'{TALK_ABOUT_IT}' must be a list of '- ' questions.")
        questions.append(stripped[2:].strip())
    if not questions:
        raise fail(f"'{TALK_ABOUT_IT}' needs at least one question.")
    return tuple(questions)


def _strip_blank_edges(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def parse_guides(folder: Path) -> list[Guide]:
    """Every guide in `folder`, by order then title; ids and orders must be unique."""
    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise ContentError(f"No guides found in {folder}.")
    guides = [parse_guide(path) for path in paths]
    seen: dict[str, str] = {}
    for path, guide in zip(paths, guides, strict=True):
        if guide.id in seen:
            raise ContentError(f"Guide {path.name}: the id '{guide.id}' is also used by "
                               f"{seen[guide.id]}.")
        seen[guide.id] = path.name
    return sorted(guides, key=lambda g: (g.order, g.title.lower()))


@functools.cache
def _guides() -> tuple[Guide, ...]:
    return tuple(parse_guides(guides_dir()))


def load_guides() -> list[Guide]:
    """The bundled guides in reading order (parsed once per process)."""
    return list(_guides())


def guide_by_id(guide_id: str) -> Guide | None:
    return next((g for g in _guides() if g.id == guide_id), None)
