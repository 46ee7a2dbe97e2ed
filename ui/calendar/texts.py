"""Words the calendar shows for the core's category and status ids."""

from __future__ import annotations

from app.content.decks import category_label

STATUS_NAMES = {"planned": "Planned", "done": "Done", "skipped": "Skipped"}


def category_name(category: str | None) -> str:
    if not category or category == "other":
        return "Other"
    return category_label(category)
