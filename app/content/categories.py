"""The categories of ideas and of conversation questions: (id, label) pairs, in the order
menus and filters list them. Guides, the calendar and the decks all name categories by
these ids; the list lives here, apart from the decks, so reading a guide or a month does
not load the decks themselves."""

from __future__ import annotations

IDEA_CATEGORIES: list[tuple[str, str]] = [
    ("at-home", "At home"),
    ("outdoors", "Outdoors"),
    ("out", "Out and about"),
    ("creative", "Creative"),
    ("low-budget", "Low budget"),
    ("conversation", "Conversation"),
    ("physical-closeness", "Physical closeness"),
]

QUESTION_CATEGORIES: list[tuple[str, str]] = [
    ("light", "Light"),
    ("memories", "Memories"),
    ("appreciation", "Appreciation"),
    ("dreams", "Dreams"),
    ("deeper", "Deeper"),
    ("physical-closeness", "Physical closeness"),
]

IDEA_LABELS = dict(IDEA_CATEGORIES)  # id -> label
QUESTION_LABELS = dict(QUESTION_CATEGORIES)


def category_label(category_id: str | None) -> str:
    """A category's name for people, wherever one is shown (ideas, plans, calendar files):
    the deck's label ("at-home" -> "At home"), "Other" for none or "other", and an id the
    deck does not know read as words."""
    if not category_id:
        return "Other"
    try:
        return IDEA_LABELS[category_id]
    except KeyError:
        return category_id.replace("-", " ").capitalize()


def question_category_label(category_id: str) -> str:
    """The human label of a conversation-question category id."""
    try:
        return QUESTION_LABELS[category_id]
    except KeyError:
        return category_id.replace("-", " ").capitalize()
