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


@given(st.binary(min_size=16, max_size=16), st.integers(0, 27), st.integers(1, 30))
def test_any_single_wrong_character_is_caught(key, position, shift):
    text = recovery.normalise(recovery.format_key(key))
    wrong = recovery.ALPHABET[(recovery.ALPHABET.index(text[position]) + shift) % 31]
    with pytest.raises(ValidationError, match="typo"):
        recovery.parse(text[:position] + wrong + text[position + 1:])


def test_swapped_neighbours_are_caught_almost_always():
    caught = total = 0
    for n in range(300):
        text = recovery.normalise(recovery.format_key(n.to_bytes(16, "big") or b"\1" * 16))
        for i in range(27):
            if text[i] == text[i + 1]:
                continue
            total += 1
            try:
                recovery.parse(text[:i] + text[i + 1] + text[i] + text[i + 2:])
            except ValidationError:
                caught += 1
    assert caught / total > 0.99


@pytest.mark.parametrize(("typed", "words"), [
    ("", "Type the recovery key"),
    ("ABCD-EFGH", "28 characters"),
    ("0OIL" * 7, "another character"),
])
def test_unusable_text_is_refused_in_words(typed, words):
    with pytest.raises(ValidationError, match=words) as caught:
        recovery.parse(typed)
    assert caught.value.field == "recovery_key"
