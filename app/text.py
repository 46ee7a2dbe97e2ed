"""Text for storing and for reading: what SQLite can keep (UTF-8, which has no lone
surrogates; they arrive from broken copy and paste, or from other programs' exports), counts
with their nouns, text shortened where a reader expects a cut, and text made safe in HTML."""

from __future__ import annotations

from collections.abc import Callable

from app.errors import ValidationError

REPLACEMENT = "\ufffd"
_HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "'": "&#x27;"})


def escape_html(text: str) -> str:
    """`text` safe inside HTML and its quoted attributes, exactly as `html.escape` gives it,
    without loading the `html` package and its table of named entities into every start
    that shows a guide or an entry."""
    return text.translate(_HTML_SPECIAL)


def is_storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_storable(text: str, *, field: str) -> None:
    """Refuse text SQLite cannot hold, with a message the user can act on."""
    if not is_storable(text):
        raise ValidationError(
            "This text contains characters that cannot be saved, probably from a broken "
            "copy and paste. Retype the part that looks wrong.",
            field=field,
        )


def mend(text: str) -> str:
    """Replace lone surrogates with U+FFFD, for text that must never be refused (drafts)."""
    if is_storable(text):
        return text
    return "".join(REPLACEMENT if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def count(number: int, noun: str, plural: str | None = None) -> str:
    """"1 plan", "2 plans", "1,200 entries" (pass the plural when it is not noun + "s")."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def shorten(text: str, fits: Callable[[str], bool], *, keep_sentence: float = 0.6) -> str:
    """`text` whole when `fits` it, else cut where a reader expects a cut.

    `fits(candidate)` says whether a candidate fits the room (lines of a card, a width).
    The cut falls after the last whole sentence that fits when that keeps at least
    `keep_sentence` of what a cut between words would keep; otherwise between words, with
    an ellipsis and no dangling comma or dash. Never inside a word, never the bare "…"
    unless not even one word fits.
    """
    if fits(text):
        return text
    words = text.split()

    def cut(count: int) -> str:
        return " ".join(words[:count]).rstrip(",;:–—-") + "…"

    low, high = 0, len(words)  # the most words that fit with an ellipsis, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if fits(cut(middle)):
            low = middle
        else:
            high = middle - 1
    by_words = cut(low) if low else "…"
    for count in range(min(low + 1, len(words)), 0, -1):
        if words[count - 1].endswith((".", "!", "?")):
            sentences = " ".join(words[:count])
            if fits(sentences):
                if len(sentences) >= keep_sentence * len(by_words):
                    return sentences
                break
    return by_words
