"""What commands read from a person or a script: passphrases, a confirmation, an entry's text."""

from __future__ import annotations

import io

import pytest

from app.commands import prompts
from app.errors import ValidationError


@pytest.fixture
def piped(monkeypatch):
    """Standard input as a pipe holding the given text."""

    def give(text: str | bytes) -> None:
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))

    return give


def test_a_piped_passphrase_is_its_line_as_typed(piped):
    piped("  spaced out pass \r\nnext line\n")
    assert prompts.read_passphrase("Passphrase: ") == "  spaced out pass "
    assert prompts.read_passphrase("Passphrase: ") == "next line"


@pytest.mark.parametrize(("text", "words"), [("", "ended before"), ("\n", "No passphrase")])
def test_the_end_of_input_or_an_empty_line_is_no_passphrase(piped, text, words):
    piped(text)
    with pytest.raises(ValidationError, match=words):
        prompts.read_passphrase("Passphrase: ")


def test_ctrl_d_at_a_terminal_prompt_is_no_passphrase(monkeypatch):
    def hang_up(prompt):
        raise EOFError

    monkeypatch.setattr(prompts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(prompts.getpass, "getpass", hang_up)
    with pytest.raises(ValidationError, match="No passphrase"):
        prompts.read_passphrase("Passphrase: ")


def test_a_new_passphrase_must_be_typed_twice_alike(piped):
    piped("river stone\nriver stone\nriver stone\nriver stones\n")
    assert prompts.read_new_passphrase("New passphrase: ") == "river stone"
    with pytest.raises(ValidationError, match="do not match"):
        prompts.read_new_passphrase("New passphrase: ")


def test_confirming_by_name_ignores_case_and_spacing(piped, capsys):
    piped("  our   JOURNAL \nours\n")
    assert prompts.confirm_by_typing("Our journal", "Type the name: ")
    assert not prompts.confirm_by_typing("Our journal", "Type the name: ")
    assert not prompts.confirm_by_typing("Our journal", "Type the name: ")  # Ctrl-D
    assert capsys.readouterr().err.count("Type the name: ") == 3


def test_text_is_capped_in_bytes_not_characters(piped):
    piped("é" * (prompts.TEXT_MAX_BYTES // 2))
    assert len(prompts.read_text()) == prompts.TEXT_MAX_BYTES // 2
    piped("é" * (prompts.TEXT_MAX_BYTES // 2) + "!")
    with pytest.raises(ValidationError, match="longer than 1 MB"):
        prompts.read_text()


def test_text_that_is_not_text_is_refused(piped):
    piped(b"\xff\xfe\x00binary")
    with pytest.raises(ValidationError, match="not text"):
        prompts.read_text()


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_a_secret_that_is_not_text_is_refused_without_quoting_it(monkeypatch, errors):
    # A strict reader stops at the bad bytes; a C locale's reader hands them on as lone
    # surrogates, which no key can be made of. Either way: one clear refusal.
    raw = "zqxj\u00e9wvkq\n".encode("latin-1")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8",
                                                      errors=errors))
    with pytest.raises(ValidationError, match="passphrase is not text") as refused:
        prompts.read_passphrase("Passphrase: ")
    assert "zqxj" not in refused.value.message and "wvkq" not in refused.value.message


@pytest.mark.parametrize(("text", "words"), [
    ("", "ended before the recovery key"), ("\n", "No recovery key was given")])
def test_a_missing_recovery_key_is_called_that_not_a_passphrase(piped, text, words):
    piped(text)
    with pytest.raises(ValidationError, match=words) as refused:
        prompts.read_recovery_key("Recovery key: ")
    assert refused.value.field == "recovery_key"
