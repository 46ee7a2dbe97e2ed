"""Recovery keys as people read, write and type them.

A recovery key is 128 random bits written as 26 characters from an alphabet with no
look-alikes (no 0/O, no 1/I/L), then two check characters, shown in seven groups of four:
`K7QX-3M9P-...`. The first check character is Luhn mod 31 (it catches every single wrong
character and almost every swap of two neighbours), the second comes from a hash of the
key (it catches most of what is left). So a typo is refused by `parse` before any
decryption is tried. Typed keys forgive case, spaces and dashes.
"""

from __future__ import annotations

import hashlib
import secrets

from app.errors import ValidationError

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE = len(ALPHABET)
KEY_BYTES = 16
BODY_CHARS = 26  # BASE ** 26 > 2 ** 128
CHECK_CHARS = 2
GROUP = 4
GROUPS = (BODY_CHARS + CHECK_CHARS) // GROUP
FIELD = "recovery_key"

_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_IGNORED = " -\t\n\r_."


def new_key() -> bytes:
    """A fresh random recovery key (16 bytes)."""
    return secrets.token_bytes(KEY_BYTES)


def _body(key: bytes) -> str:
    number = int.from_bytes(key, "big")
    chars = []
    for _ in range(BODY_CHARS):
        number, digit = divmod(number, BASE)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def _luhn(body: str) -> str:
    """The Luhn mod N check character of `body`."""
    factor, total = 2, 0
    for ch in reversed(body):
        addend = factor * _VALUE[ch]
        factor = 1 if factor == 2 else 2
        total += addend // BASE + addend % BASE
    return ALPHABET[(BASE - total % BASE) % BASE]


def _hashed(body: str) -> str:
    digest = hashlib.sha256(b"hearth recovery key check\0" + body.encode("ascii")).digest()
    return ALPHABET[int.from_bytes(digest[:4], "big") % BASE]


def format_key(key: bytes) -> str:
    """`key` as the grouped text printed on the recovery kit."""
    if len(key) != KEY_BYTES:
        raise ValueError("a recovery key is 16 bytes")
    body = _body(key)
    text = body + _luhn(body) + _hashed(body)
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))


def groups(text: str) -> list[str]:
    """The groups of a formatted key, e.g. to ask for two of them back."""
    return text.split("-")


def normalise(typed: str) -> str:
    """Typed text without case, spaces or dashes."""
    return "".join(ch for ch in str(typed or "").upper() if ch not in _IGNORED)


def parse(typed: str) -> bytes:
    """The key typed as `typed`, or ValidationError saying what is wrong with it; nothing
    is decrypted here, so a mistyped key costs nothing and changes nothing."""
    text = normalise(typed)
    if not text:
        raise ValidationError("Type the recovery key from your recovery kit.", field=FIELD)
    # Nothing typed is ever quoted back: it is a secret, and may hold control characters.
    if any(ch not in _VALUE for ch in text):
        raise ValidationError(
            "A recovery key has only the letters and digits printed on the kit (never 0, O, "
            "1, I or L); this one has another character.", field=FIELD)
    wanted = BODY_CHARS + CHECK_CHARS
    if len(text) != wanted:
        raise ValidationError(
            f"A recovery key has {wanted} characters ({GROUPS} groups of {GROUP}); "
            f"this has {len(text)}.", field=FIELD)
    body, check = text[:BODY_CHARS], text[BODY_CHARS:]
    if check != _luhn(body) + _hashed(body):
        raise ValidationError(
            "That recovery key has a typo: check each group against the kit.", field=FIELD)
    number = 0
    for ch in body:
        number = number * BASE + _VALUE[ch]
    if number >= 1 << (8 * KEY_BYTES):
        raise ValidationError(
            "That recovery key has a typo: check each group against the kit.", field=FIELD)
    return number.to_bytes(KEY_BYTES, "big")
