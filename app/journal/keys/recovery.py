"""Recovery keys as people read, write and type them.

A recovery key is 128 random bits written as 26 characters from an alphabet with no
look-alikes (no 0/O, no 1/I/L), then two check characters, shown in seven groups of four:
`K7QX-3M9P-...`. The first check character is Luhn mod 31, the second comes from a hash
of the key. Luhn mod N is exact only for an even N: with 31 it misses, where it doubles, a
character read as the one 15 places along the alphabet, and some swaps of neighbours; the
hash catches all but one in 31 of those. So `new_key` keeps only keys for which no single
wrong character and no swap of two neighbours anywhere in the text reads as another key
(two keys in three, so a key still holds more than 127 random bits). For those, every
such typo is refused by `parse` before any decryption is tried. The text format is the one
kits were always printed in, so every kit ever printed still reads; a key made before this
rule (one in about two thousand of its single typos slips past the checks) is refused by
its slot instead, as any wrong key is. Typed keys forgive case, spaces and dashes.
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
# What a typed key may hold between its letters, besides any space, dash or invisible mark
# (normalise). The minus signs and the long vowel mark are not dashes to Unicode, but they
# are what a phone's symbols or a Japanese input method type for "-" (the half-width mark
# reads as the full-width one after NFKC).
_IGNORED = " -\t\n\r_.\u2212\u02d7\u2796\u30fc"


def new_key() -> bytes:
    """A fresh random recovery key (16 bytes) whose every near miss is caught (see above)."""
    while True:
        key = secrets.token_bytes(KEY_BYTES)
        if near_misses_caught(key):
            return key


def near_misses_caught(key: bytes) -> bool:
    """Whether no text one wrong character or one swap of neighbours away from `key`'s
    reads as a key."""
    text = normalise(format_key(key))
    for position, ch in enumerate(text):
        start, rest = text[:position], text[position + 1:]
        if any(_reads(start + other + rest) for other in ALPHABET if other != ch):
            return False
        if rest and rest[0] != ch and _reads(start + rest[0] + ch + rest[1:]):
            return False
    return True


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
    """Typed text without case, spaces or dashes: of any kind, since a phone, a word
    processor or a copy from a PDF turns them into en dashes, no-break spaces, soft hyphens
    or invisible joiners, and full-width letters into their usual ones (NFKC)."""
    import unicodedata  # only when a key is typed

    text = unicodedata.normalize("NFKC", str(typed or "")).upper()
    return "".join(ch for ch in text if ch not in _IGNORED and not ch.isspace()
                   and unicodedata.category(ch) not in ("Pd", "Cf"))


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
    if not _reads(text):
        raise ValidationError(
            "That recovery key has a typo: check each group against the kit.", field=FIELD)
    return _number(text[:BODY_CHARS]).to_bytes(KEY_BYTES, "big")


def _number(body: str) -> int:
    number = 0
    for ch in body:
        number = number * BASE + _VALUE[ch]
    return number


def _reads(text: str) -> bool:
    """Whether `text`, normalised and of the right length and alphabet, passes the checks."""
    body, check = text[:BODY_CHARS], text[BODY_CHARS:]
    return check == _luhn(body) + _hashed(body) and _number(body) < 1 << (8 * KEY_BYTES)
