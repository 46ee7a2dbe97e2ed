"""Markdown shown as plain words: what is removed, what stays, and snippet marks kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.journal.plain import plain_text
from app.journal.types import MARK_END, MARK_START


@pytest.mark.parametrize(("markdown", "plain"), [
    ("We walked by the **canal**.", "We walked by the canal."),
    ("*slowly* and __together__, ~~not~~ ***really***", "slowly and together, not really"),
    ("# A day out\n\nThen tea.", "A day out · Then tea."),
    ("## Indoors\nA short walk.\n\nThen tea\n\nand cake", "Indoors · A short walk. Then tea · and cake"),
    ("## Closing hashes ##", "Closing hashes"),
    ("- bread\n* milk\n+ eggs\n1. first\n2) second", "bread milk eggs first second"),
    ("- [x] booked the table", "booked the table"),
    ("> she said\n> > twice", "she said twice"),
    ("See [the map](https://example.org/map) and ![a photo](x.png)", "See the map and a photo"),
    ("A [ref link][1]\n\n[1]: https://example.org", "A ref link"),
    ("Go to <https://example.org>", "Go to https://example.org"),
    ("Use `git log` here", "Use git log here"),
    ("```\ncode block\n```", "code block"),
    ("one line\nruns on\ninto the next", "one line runs on into the next"),
    ("before\n\n---\n\nafter", "before · after"),
    ("snake_case stays, 2 * 3 = 6, a*b", "snake_case stays, 2 * 3 = 6, a*b"),
    (r"An escaped \*star\* and a \# hash", "An escaped *star* and a # hash"),
    ("  lots   of\n\n\nspace  ", "lots of · space"),
    ("  lots   of\n  space  ", "lots of space"),
    ("", ""),
])
def test_markdown_becomes_plain_words(markdown, plain):
    assert plain_text(markdown) == plain


def test_search_marks_survive_and_cut_markdown_is_cleaned():
    snippet = f"…walked by the **{MARK_START}canal{MARK_END}** at dusk…"
    assert plain_text(snippet) == f"…walked by the {MARK_START}canal{MARK_END} at dusk…"
    assert plain_text(f"**{MARK_START}walk{MARK_END}ing** home") == \
        f"{MARK_START}walk{MARK_END}ing home"


@given(st.text(max_size=200))
def test_any_text_gives_one_line_without_new_characters(text):
    result = plain_text(text)
    assert "\n" not in result
    assert set(result) <= set(text) | {" ", "·"}


def test_private_use_characters_typed_by_hand_stay_as_they_are():
    assert plain_text("\ue02a odd **text**") == "\ue02a odd text"
