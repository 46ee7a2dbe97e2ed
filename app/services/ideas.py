"""Ideas for time together: the built-in deck plus the ones a couple adds themselves.

Own ideas are `Idea`s with `own=True` and an id of the form "own-<number>", so the UI can
treat both kinds alike and still tell them apart. Writes raise `ValidationError` (with
`field`) for bad input and `NotFoundError` for an own idea that is gone.
"""

from __future__ import annotations

import datetime as dt
import logging

from app.content.categories import IDEA_CATEGORIES
from app.content.decks import COST_LABELS, Idea, load_ideas
from app.errors import NotFoundError, ValidationError
from app.models.base import shared_db
from app.models.own_ideas import OwnIdea
from app.text import is_storable

log = logging.getLogger(__name__)

TITLE_MAX = 60
DESCRIPTION_MAX = 280
MINUTES_MIN = 5
MINUTES_MAX = 12 * 60
COST_MAX = len(COST_LABELS) - 1
_ID_PREFIX = "own-"
_CATEGORY_IDS = tuple(key for key, _label in IDEA_CATEGORIES)


def own_id(number: int) -> str:
    """The `Idea.id` of the stored own idea `number`."""
    return f"{_ID_PREFIX}{number}"


def is_own_id(idea_id: str) -> bool:
    return idea_id.startswith(_ID_PREFIX)


def list_ideas() -> list[Idea]:
    """The deck's ideas in deck order, then the couple's own, oldest first."""
    return load_ideas() + list_own_ideas()


def list_own_ideas() -> list[Idea]:
    return [_idea(row) for row in OwnIdea.select().order_by(OwnIdea.id)]


def get_idea(idea_id: str) -> Idea:
    """One own idea by its id ("own-3")."""
    return _idea(_row(idea_id))


def validate_idea(title: str, description: str, category: str, minutes: int,
                  cost: int) -> list[ValidationError]:
    """Every problem with these values, each naming its field; empty when they can be saved."""
    errors: list[ValidationError] = []

    def problem(field_name: str, message: str) -> None:
        errors.append(ValidationError(message, field=field_name))

    title = (title or "").strip()
    description = (description or "").strip()
    if not is_storable(title):
        problem("title", "The name has characters that cannot be stored; retype them.")
    elif not title:
        problem("title", "Give the idea a name.")
    elif len(title) > TITLE_MAX:
        problem("title", f"Keep the name to {TITLE_MAX} characters or fewer "
                         f"(it has {len(title)}).")
    if not is_storable(description):
        problem("description", "The description has characters that cannot be stored; "
                               "retype them.")
    elif len(description) > DESCRIPTION_MAX:
        problem("description", f"Keep the description to {DESCRIPTION_MAX} characters or "
                               f"fewer (it has {len(description)}).")
    if category not in _CATEGORY_IDS:
        problem("category", "Choose what kind of idea this is.")
    if isinstance(minutes, bool) or not isinstance(minutes, int) \
            or not MINUTES_MIN <= minutes <= MINUTES_MAX:
        problem("minutes", f"The length must be from {MINUTES_MIN} minutes to "
                           f"{MINUTES_MAX // 60} hours.")
    if isinstance(cost, bool) or not isinstance(cost, int) or not 0 <= cost <= COST_MAX:
        problem("cost", "Choose how much it costs, from free to high.")
    return errors


def add_idea(title: str, description: str, category: str, minutes: int, cost: int) -> Idea:
    """Store a new own idea and return it."""
    fields = _checked(title, description, category, minutes, cost)
    now = _now()
    with shared_db.atomic():
        row = OwnIdea.create(created_at=now, updated_at=now, **fields)
    log.info("added own idea %s", row.id)
    return _idea(row)


def update_idea(idea_id: str, title: str, description: str, category: str, minutes: int,
                cost: int) -> Idea:
    """Change an own idea; the deck's ideas cannot be changed."""
    fields = _checked(title, description, category, minutes, cost)
    with shared_db.atomic():
        row = _row(idea_id)
        for name, value in fields.items():
            setattr(row, name, value)
        row.updated_at = _now()
        row.save()
    log.info("updated own idea %s", row.id)
    return _idea(row)


def delete_idea(idea_id: str) -> Idea:
    """Remove an own idea; returns it as it was (e.g. to offer it back)."""
    with shared_db.atomic():
        row = _row(idea_id)
        idea = _idea(row)
        row.delete_instance()
    log.info("deleted own idea %s", row.id)
    return idea


def _checked(title, description, category, minutes, cost) -> dict:
    errors = validate_idea(title, description, category, minutes, cost)
    if errors:
        raise errors[0]
    return {"title": title.strip(), "description": (description or "").strip(),
            "category": category, "minutes": minutes, "cost": cost}


def _row(idea_id: str) -> OwnIdea:
    number = idea_id[len(_ID_PREFIX):] if isinstance(idea_id, str) and is_own_id(idea_id) else ""
    row = OwnIdea.get_or_none(OwnIdea.id == int(number)) if number.isdigit() else None
    if row is None:
        if isinstance(idea_id, str) and not is_own_id(idea_id):
            raise NotFoundError("Ideas from Hearth's deck cannot be changed; "
                                "add one of your own instead.")
        raise NotFoundError("That idea is no longer there.")
    return row


def _idea(row: OwnIdea) -> Idea:
    return Idea(id=own_id(row.id), title=row.title, description=row.description,
                category=row.category, minutes=row.minutes, cost=row.cost, own=True)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
