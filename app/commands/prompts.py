"""What commands ask for: passphrases, a confirmation and text, from a terminal or a pipe."""

from __future__ import annotations

import getpass
import sys

from app.errors import ValidationError
from app.text import is_storable

# The service takes a body of any length; a command line caps it so a wrong pipe (a whole
# log file, a binary) is refused instead of landing in a journal.
TEXT_MAX_BYTES = 1024 * 1024


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _read_line(what: str, field: str) -> str:
    """One line of standard input without its line ending; the end of input is refused,
    so a script that gives too few lines fails instead of using an empty answer."""
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise ValidationError(f"Standard input ended before the {what} was given.",
                              field=field)
    return line.rstrip("\r\n")


def read_passphrase(prompt: str) -> str:
    """Ask without echo on a terminal; otherwise read one line (for scripts). Never from
    the environment or the command line, where other users and logs could see it."""
    return _read_secret(prompt, "passphrase")


def read_recovery_key(prompt: str) -> str:
    """The recovery key from the kit, asked like a passphrase (it is as secret)."""
    return _read_secret(prompt, "recovery key", field="recovery_key")


def read_new_passphrase(prompt: str) -> str:
    """A new passphrase, asked twice so a typing slip cannot lock a journal for good."""
    first = read_passphrase(prompt)
    second = read_passphrase("Type it again: ")
    if first != second:
        raise ValidationError("The two new passphrases do not match; nothing was changed.",
                              field="new_passphrase")
    return first


def confirm_by_typing(expected: str, prompt: str) -> bool:
    """On a terminal, whether the person typed `expected` (spaces and case aside). Typing
    a name, unlike y/N, cannot be done by a reflex of the hand."""
    print(prompt, end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()  # "" after Ctrl-D, which is no
    return " ".join(answer.split()).casefold() == " ".join(expected.split()).casefold()


def read_text() -> str:
    """The rest of standard input (up to Ctrl-D on a terminal), refused when over
    TEXT_MAX_BYTES or not text."""
    if sys.stdin is None:
        return ""
    try:
        # One character is at least one byte, so one character more than the limit proves
        # an overflow without reading an endless pipe to its end.
        text = sys.stdin.read(TEXT_MAX_BYTES + 1)
    except UnicodeDecodeError:
        raise ValidationError("Standard input is not text in this system's encoding.",
                              field="body") from None
    if len(text.encode("utf-8", "surrogatepass")) > TEXT_MAX_BYTES:
        raise ValidationError("The text is longer than 1 MB; nothing was saved.", field="body")
    return text


def read_password(prompt: str) -> str:
    """A server's app password, asked like a passphrase: without echo on a terminal,
    else the next line of standard input; never from arguments or the environment."""
    return _read_secret(prompt, "password")


def _read_secret(prompt: str, what: str, field: str | None = None) -> str:
    """A secret without echo on a terminal, else the next line of standard input; an
    empty one, or bytes that are not text in this system's encoding, are refused without
    quoting any of it (`what` names it; `field`, by default `what`, is the error's field)."""
    field = field or what
    if stdin_is_terminal():
        try:
            secret = getpass.getpass(prompt)
        except EOFError:
            raise ValidationError(f"No {what} was given.", field=field) from None
    else:
        try:
            secret = _read_line(what, field)
        except UnicodeDecodeError:
            secret = None
    # Undecodable bytes arrive as lone surrogates (or stop the read): no key comes of them.
    if secret is None or not is_storable(secret):
        raise ValidationError(f"The {what} is not text in this system's encoding; nothing "
                              "was changed.", field=field)
    if not secret:
        raise ValidationError(f"No {what} was given.", field=field)
    return secret

