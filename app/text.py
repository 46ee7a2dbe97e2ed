"""Text that can and cannot be stored: SQLite keeps UTF-8, which has no lone surrogates
(they arrive from broken copy and paste, or from other programs' exports)."""

from __future__ import annotations

from app.errors import ValidationError

REPLACEMENT = "\ufffd"


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
