"""Key slots and the key file's bytes: wrapping, tampering, another journal's slots."""

from __future__ import annotations

import json

import pytest

from app.errors import WrongPassphraseError
from app.journal.keys import slots
from app.journal.keys.slots import KeyFileDamagedError


def _keys(secret=b"pass", journal=None):
    journal = journal or slots.new_journal_id()
    data_key = slots.new_data_key()
    keys = slots.KeyFile(journal=journal, slots=(
        slots.make_slot(journal, slots.PASSPHRASE, secret, data_key),
        slots.make_slot(journal, slots.RECOVERY, b"r" * 16, data_key)))
    return keys, data_key


def test_each_slot_gives_back_the_data_key_and_stores_its_own_parameters():
    keys, data_key = _keys()
    parsed = slots.from_bytes(slots.to_bytes(keys))
    assert slots.open_slot(parsed, slots.PASSPHRASE, b"pass") == data_key
    assert slots.open_slot(parsed, slots.RECOVERY, b"r" * 16) == data_key
    kdf = parsed.slot(slots.PASSPHRASE).kdf
    assert kdf["name"] == "argon2id" and kdf["memory_kib"] == slots.ARGON2_MEMORY_KIB
    assert parsed.slot(slots.RECOVERY).kdf["name"] == "hkdf-sha256"
    with pytest.raises(WrongPassphraseError):
        slots.open_slot(parsed, slots.PASSPHRASE, b"wrong")


def test_the_file_holds_no_key_in_the_clear():
    keys, data_key = _keys()
    data = slots.to_bytes(keys)
    assert data_key.hex().encode() not in data and data_key not in data


@pytest.mark.parametrize("offset", [40, 200, 400, -60])
def test_a_flipped_byte_is_refused_in_words(offset):
    keys, _ = _keys()
    data = bytearray(slots.to_bytes(keys))
    data[offset] ^= 0x01
    with pytest.raises(KeyFileDamagedError) as caught:
        slots.open_slot(slots.from_bytes(bytes(data)), slots.PASSPHRASE, b"pass")
    assert "key file" in caught.value.message


def test_a_slot_moved_from_another_journal_is_refused():
    mine, _ = _keys()
    theirs, _ = _keys()
    document = json.loads(slots.to_bytes(mine))
    document["slots"][0] = json.loads(slots.to_bytes(theirs))["slots"][0]
    with pytest.raises(KeyFileDamagedError, match="another journal"):
        slots.from_bytes(json.dumps(document).encode())


def test_a_moved_slot_relabelled_and_resummed_still_does_not_open():
    mine, _ = _keys(secret=b"same")
    theirs, _ = _keys(secret=b"same")
    slot = theirs.slot(slots.PASSPHRASE)
    forged = mine.with_slot(slots.Slot(kind=slot.kind, journal=mine.journal, kdf=slot.kdf,
                                       nonce=slot.nonce, wrapped=slot.wrapped))
    with pytest.raises(WrongPassphraseError):
        slots.open_slot(slots.from_bytes(slots.to_bytes(forged)), slots.PASSPHRASE, b"same")


def test_a_slot_relabelled_as_the_other_kind_does_not_open():
    keys, _ = _keys(secret=b"r" * 16)
    slot = keys.slot(slots.PASSPHRASE)
    forged = keys.with_slot(slots.Slot(kind=slots.RECOVERY, journal=keys.journal,
                                       kdf=slot.kdf, nonce=slot.nonce, wrapped=slot.wrapped))
    with pytest.raises(WrongPassphraseError):
        slots.open_slot(forged, slots.RECOVERY, b"r" * 16)


def test_unbounded_parameters_from_a_file_are_refused_before_any_work():
    keys, _ = _keys()
    slot = keys.slot(slots.PASSPHRASE)
    greedy = keys.with_slot(slots.Slot(kind=slot.kind, journal=slot.journal,
                                       kdf={**slot.kdf, "memory_kib": 1 << 40},
                                       nonce=slot.nonce, wrapped=slot.wrapped))
    with pytest.raises(KeyFileDamagedError, match="out of range"):
        slots.open_slot(slots.from_bytes(slots.to_bytes(greedy)), slots.PASSPHRASE, b"pass")


@pytest.mark.parametrize("data", [b"", b"not json", b'{"format": "other"}', b"x" * 70000])
def test_what_is_not_a_key_file_is_refused(data):
    with pytest.raises(KeyFileDamagedError):
        slots.from_bytes(data)


def _tampered(field: str, value) -> bytes:
    """The bytes of a key file whose passphrase slot has `field` set to `value` and whose
    checksum was recomputed, as an attacker who read the format would."""
    keys, _ = _keys()
    document = json.loads(slots.to_bytes(keys))
    document.pop("checksum")
    slot = next(s for s in document["slots"] if s["kind"] == slots.PASSPHRASE)
    if field in ("nonce", "wrapped"):
        slot[field] = value
    else:
        slot["kdf"][field] = value
    document["checksum"] = slots._checksum(document)
    return json.dumps(document).encode()


@pytest.mark.parametrize(("field", "value"), [
    ("memory_kib", 8), ("memory_kib", 0), ("memory_kib", 15), ("time_cost", 0),
    ("parallelism", 0), ("parallelism", 17), ("nonce", "AAAA"), ("nonce", ""),
    ("salt", ""), ("salt", "AAAA"), ("wrapped", "AAAA"), ("salt", 7), ("nonce", None),
    ("name", "scrypt"), ("memory_kib", "65536"),
])
def test_slot_values_no_hearth_writes_are_refused_when_read(field, value):
    with pytest.raises(KeyFileDamagedError) as caught:
        slots.from_bytes(_tampered(field, value))
    assert "traceback" not in str(caught.value).casefold()


def test_opening_a_slot_turns_any_refusal_of_its_values_into_damage(monkeypatch):
    from argon2.exceptions import HashingError

    keys, _ = _keys()

    def refuse(*_args, **_kwargs):
        raise HashingError("Memory cost is too small")

    monkeypatch.setattr("argon2.low_level.hash_secret_raw", refuse)
    with pytest.raises(KeyFileDamagedError, match="damaged"):
        slots.open_slot(keys, slots.PASSPHRASE, b"pass")
