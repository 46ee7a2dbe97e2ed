"""Recovery keys: grouped text without look-alikes, typos caught by the checksum."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.journal.keys import recovery


@given(st.binary(min_size=16, max_size=16))
def test_every_key_reads_back_from_its_text_whatever_the_spacing_and_case(key):
    text = recovery.format_key(key)
    assert len(recovery.groups(text)) == 7 and all(len(g) == 4 for g in recovery.groups(text))
    assert not set(text) & set("01OIL")
    assert recovery.parse(text) == key
    assert recovery.parse(" " + text.lower().replace("-", "  ") + "\n") == key


def near_misses(text: str):
    """Every text one wrong character or one swap of different neighbours from `text`."""
    for i, ch in enumerate(text):
        for other in recovery.ALPHABET.replace(ch, ""):
            yield text[:i] + other + text[i + 1:]
        if i + 1 < len(text) and text[i + 1] != ch:
            yield text[:i] + text[i + 1] + ch + text[i + 2:]


def refused_as_typos(texts) -> bool:
    for text in texts:
        with pytest.raises(ValidationError, match="typo"):
            recovery.parse(text)
    return True


@pytest.mark.parametrize("draw", range(20))
def test_every_single_wrong_character_and_swap_of_neighbours_in_a_new_key_is_caught(draw):
    text = recovery.normalise(recovery.format_key(recovery.new_key()))
    variants = list(near_misses(text))
    assert len(variants) > 28 * 30 and refused_as_typos(variants)


@given(st.binary(min_size=16, max_size=16).filter(recovery.near_misses_caught))
def test_keys_kept_by_the_rule_refuse_every_near_miss(key):
    assert refused_as_typos(near_misses(recovery.normalise(recovery.format_key(key))))


def test_keys_made_before_the_rule_still_read_back():
    # Kits printed before new_key kept only well-checked keys hold any 16 bytes; they read
    # as they always did, blind spot and all (a slot refuses a wrong key in the end).
    old = next(key for n in range(1, 1000)
               if not recovery.near_misses_caught(key := n.to_bytes(16, "big")))
    text = recovery.format_key(old)
    assert recovery.parse(text) == old
    slipping = [t for t in near_misses(recovery.normalise(text)) if _reads(t)]
    assert slipping and all(recovery.parse(t) != old for t in slipping)


def _reads(text: str) -> bool:
    try:
        recovery.parse(text)
    except ValidationError:
        return False
    return True


def test_the_rule_keeps_most_keys():
    kept = sum(recovery.near_misses_caught(n.to_bytes(16, "big")) for n in
               range(10**30, 10**30 + 600))
    assert 0.5 < kept / 600 < 0.85


@pytest.mark.parametrize(("typed", "words"), [
    ("", "Type the recovery key"),
    ("ABCD-EFGH", "28 characters"),
    ("0OIL" * 7, "another character"),
])
def test_unusable_text_is_refused_in_words(typed, words):
    with pytest.raises(ValidationError, match=words) as caught:
        recovery.parse(typed)
    assert caught.value.field == "recovery_key"


@pytest.mark.parametrize("separator", ["\u2010", "\u2013", "\u2014", "\u2212", "\u00a0",
                                       "\u202f", "\u00ad", "\u200b", "\u2060", "\t",
                                       "\u30fc", "\uff70", "\u02d7", "\u2796"])
def test_dashes_and_spaces_of_any_kind_are_forgiven(separator):
    # A phone, a word processor or a copy from a PDF changes the kit's dashes and spaces.
    key = recovery.new_key()
    text = recovery.format_key(key)
    assert recovery.parse(text.replace("-", separator)) == key
    assert recovery.parse("\ufeff" + text.lower()) == key
    wide = text.translate({ord(c): ord(c) + 0xFEE0 for c in recovery.ALPHABET})
    assert recovery.parse(wide) == key  # full-width letters and digits read as usual


def test_a_look_alike_that_is_not_a_separator_is_still_refused():
    text = recovery.format_key(recovery.new_key())
    with pytest.raises(ValidationError, match="another character"):
        recovery.parse(text.replace("-", "\u00b7"))
