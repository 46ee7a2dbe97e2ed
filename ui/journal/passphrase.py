"""A rough passphrase strength estimate for the hint under the passphrase field."""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

# A handful of choices people reach for first; matching one makes the hint say so.
_COMMON = {
    "password", "passw0rd", "123456", "12345678", "123456789", "qwerty", "iloveyou",
    "letmein", "admin", "welcome", "monkey", "dragon", "sunshine", "princess", "love",
    "secret", "journal", "hearth", "abc123", "111111",
}


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    label: str
    hint: str


def estimate(passphrase: str) -> Strength:
    """Score by length and variety of characters; long phrases of words score well."""
    if not passphrase:
        return Strength(0, "", "Use a phrase of several words only you would think of.")
    if passphrase.lower() in _COMMON:
        return Strength(0, "Too common", "This is one of the first things anyone would try.")
    pool = 0
    for chars, size in ((string.ascii_lowercase, 26), (string.ascii_uppercase, 26),
                        (string.digits, 10), (string.punctuation + " ", 33)):
        if any(c in chars for c in passphrase):
            pool += size
    if any(ord(c) > 127 for c in passphrase):
        pool += 60
    distinct = len(set(passphrase))
    bits = min(len(passphrase), distinct * 2) * math.log2(max(pool, 2))
    if len(passphrase) < 8:
        return Strength(0, "Too short", "Use at least 8 characters; a few words is better.")
    if bits < 45:
        return Strength(1, "Weak", "Add another word or two.")
    if bits < 65:
        return Strength(2, "Fair", "Good enough for most people; longer is stronger.")
    if bits < 90:
        return Strength(3, "Strong", "A good passphrase.")
    return Strength(4, "Very strong", "An excellent passphrase.")
