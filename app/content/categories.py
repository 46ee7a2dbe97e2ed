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
