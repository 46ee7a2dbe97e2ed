"""Text shortened where a reader expects a cut, counts with their nouns, and HTML escaping."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from app.text import check_storable, count, escape_html, shorten


def by_length(limit: int):
    return lambda text: len(text) <= limit


SUMMARY = ("The closeness of knowing each other's inner world, and being known in return, "
           "without having to perform.")


def test_text_that_fits_is_left_whole():
    assert shorten(SUMMARY, by_length(500)) == SUMMARY


def test_a_cut_between_words_ends_in_an_ellipsis_without_a_dangling_comma():
    assert shorten(SUMMARY, by_length(52)) == "The closeness of knowing each other's inner world…"


def test_a_cut_after_a_whole_sentence_when_it_keeps_most_of_the_room():
    text = "Why trust comes first. How to make it safe for each other to show soft spots."
    assert shorten(text, by_length(30)) == "Why trust comes first."
    # The sentence would keep too little of the room: cut between words instead.
    text = "Trust first. How to make it safe for each other to show fears and soft spots."
    assert shorten(text, by_length(50)) == "Trust first. How to make it safe for each other…"


def test_not_even_one_word_leaves_the_ellipsis_alone():
    assert shorten("Unbelievably long", by_length(5)) == "…"


@given(st.lists(st.text(alphabet="abcdefg.,", min_size=1, max_size=9), min_size=1,
                max_size=30), st.integers(min_value=1, max_value=120))
def test_every_cut_fits_and_is_a_prefix_of_whole_words(words, limit):
    text = " ".join(words)
    short = shorten(text, by_length(limit))
    assert len(short) <= limit or short == "…"
    if short != text:
        kept = short.removesuffix("…").split()
        assert kept == words[:len(kept)] or \
            kept[:-1] == words[:len(kept) - 1] and words[len(kept) - 1].startswith(kept[-1])
        assert short.endswith(("…", ".", "!", "?"))


def test_counts_and_storable_text():
    assert count(2, "entry", "entries") == "2 entries"
    check_storable("plain", field="title")


@given(st.text())
def test_text_escaped_for_html_is_what_the_standard_library_gives(text):
    assert escape_html(text) == html.escape(text)


def test_every_character_html_gives_a_meaning_is_escaped():
    assert escape_html("""<a href="x" title='y'>Tom & Ann</a>""") == (
        "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;Tom &amp; Ann&lt;/a&gt;")
