"""Turn what a person types in the search box into a safe FTS5 query, or into a hint.

Raw input never reaches FTS5's query syntax: every word becomes a double-quoted string, so
`NEAR(`, `title:`, `^`, `AND`/`OR`/`NOT`, brackets and stray stars are plain words or
nothing. The few things a person may mean are kept: several words (all must occur),
`word*` (prefix), `"two words"` (exact phrase) and `-word` (leave out).

Words match their other forms ("walk" finds "walking"): the index stems English words (see
the journal migration m0002), and FTS5 stems the query the same way. A plain word also
matches the start of a tag, so "walk" finds an entry tagged "walks" or "walking-club".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUERY_CHARS_MAX = 1000
TERMS_MAX = 32
TAGS_COLUMN = "tags_text"

# The same notion of a word as FTS5's unicode61 tokenizer: letters and digits; anything
# else (including "_" and apostrophes) separates words.
_TOKEN = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Inside a typed word, these join tokens into one phrase ("don't", "e-mail", "3.5");
# any other punctuation (brackets, colons, FTS operators) just separates words.
_PIECE_BREAK = re.compile(r"[^\w'’.\-@*]+")

HINT_EMPTY = "Type a word to search for."
HINT_UNCLOSED_QUOTE = 'Close the quote (") to search for an exact phrase.'
HINT_ONLY_EXCLUDED = "Add a word to look for, not only words to leave out (with -)."
HINT_TOO_LONG = f"Only the first {TERMS_MAX} words were searched."
HINT_UNUSABLE = "That search could not be run. Try plain words."


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """The FTS5 MATCH expression (None: nothing to search) and a hint for the person."""

    expression: str | None
    hint: str | None = None


def _quoted(words: list[str], prefix: bool = False) -> str:
    # Tokens hold letters and digits only, so a double quote can never occur inside.
    text = '"' + " ".join(words) + '"'
    return text + "*" if prefix else text


def _word_or_tag(words: list[str]) -> str:
    """A plain word, anywhere as a word form, or as the start of a tag."""
    return f"({_quoted(words)} OR {TAGS_COLUMN} : {_quoted(words, prefix=True)})"


def parse_query(text: str) -> ParsedQuery:
    """Parse a search box's text; see the module docstring for what is understood."""
    if not isinstance(text, str):
        return ParsedQuery(None, HINT_EMPTY)
    text = _CONTROL.sub(" ", text[:QUERY_CHARS_MAX])
    if text.count('"') % 2:
        return ParsedQuery(None, HINT_UNCLOSED_QUOTE)
    include: list[str] = []
    exclude: list[str] = []
    hint = None
    # Even positions after split('"') are outside quotes, odd ones are phrases.
    for index, part in enumerate(text.split('"')):
        if index % 2:
            words = _TOKEN.findall(part)
            if words:
                include.append(_quoted(words))
            continue
        for chunk in part.split():
            negate = chunk.startswith("-") and len(chunk) > 1
            for piece in _PIECE_BREAK.split(chunk):
                words = _TOKEN.findall(piece)
                if not words:
                    continue
                # "e-mail" or "don't" are several tokens to FTS5: match them side by side.
                term = (_quoted(words, prefix=True) if piece.endswith("*")
                        else _word_or_tag(words))
                (exclude if negate else include).append(term)
    if len(include) + len(exclude) > TERMS_MAX:
        include = include[:TERMS_MAX]
        exclude = exclude[: max(0, TERMS_MAX - len(include))]
        hint = HINT_TOO_LONG
    if not include:
        return ParsedQuery(None, HINT_ONLY_EXCLUDED if exclude else HINT_EMPTY)
    expression = "(" + " AND ".join(include) + ")"
    for term in exclude:
        expression += f" NOT {term}"
    return ParsedQuery(expression, hint)
