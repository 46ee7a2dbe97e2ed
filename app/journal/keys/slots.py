"""Key slots: the journal's data key wrapped once per secret that may open it.

A protected journal is encrypted with a random 256-bit data key. Each slot holds that key
encrypted with AES-256-GCM under a key derived from one secret: the passphrase (Argon2id,
tuned to cost about a quarter of a second on a two-core machine) or the recovery key
(already 128 random bits, so HKDF-SHA256 is enough). The journal's id, the slot's kind and
the format version are the associated data, so a slot copied from another journal, or
relabelled as another kind, does not open. Every slot stores its own KDF parameters, so
they can be raised later without touching the others.

The serialised form is JSON with a SHA-256 checksum over its content, so a flipped byte is
reported as damage rather than as a wrong passphrase.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace

from app.errors import DamagedDatabaseError, ValidationError, WrongPassphraseError

FORMAT = "hearth-journal-keys"
VERSION = 1
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
KINDS = (PASSPHRASE, RECOVERY)
DATA_KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
# Argon2id, measured on a two-core machine: about 0.25 s of work per unlock (see bench/).
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 2
# Bounds on parameters read from a file, so a damaged file cannot ask for unbounded work.
ARGON2_MAX_TIME_COST = 20
ARGON2_MAX_MEMORY_KIB = 1024 * 1024
ARGON2_MAX_PARALLELISM = 16
MAX_FILE_BYTES = 64 * 1024

MAX_SALT_BYTES = 64
WRAPPED_BYTES = DATA_KEY_BYTES + 16  # AES-GCM adds a 16-byte tag

REPAIR = "Restore the journal from a backup (File > Restore from backup…)."
UNKNOWN_KDF = ("The key file of this journal uses a key derivation this Hearth does not know; "
               "it may come from a newer version.")


class KeyFileDamagedError(DamagedDatabaseError):
    """The key file beside a journal is damaged, tampered with, or not a key file."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the data key. `kdf` holds the derivation's name and parameters
    (salt included), `journal` the id of the journal the slot was made for."""

    kind: str
    journal: str
    kdf: dict
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True)
class KeyFile:
    """Everything in a journal's key file. `kit_saved` is when the recovery kit of the
    current recovery key was confirmed saved (an ISO date), or None."""

    journal: str
    slots: tuple[Slot, ...] = ()
    kit_saved: str | None = None
    version: int = VERSION
    extra: dict = field(default_factory=dict)

    def slot(self, kind: str) -> Slot | None:
        return next((s for s in self.slots if s.kind == kind), None)

    def with_slot(self, slot: Slot) -> KeyFile:
        """A copy with `slot` replacing the slot of its kind."""
        others = tuple(s for s in self.slots if s.kind != slot.kind)
        return replace(self, slots=tuple(sorted((*others, slot), key=lambda s: s.kind)))


def new_journal_id() -> str:
    return secrets.token_hex(16)


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def associated_data(journal: str, kind: str, version: int = VERSION) -> bytes:
    return f"{FORMAT}/v{version}/{journal}/{kind}".encode("ascii")


def passphrase_kdf() -> dict:
    return {"name": "argon2id", "time_cost": ARGON2_TIME_COST,
            "memory_kib": ARGON2_MEMORY_KIB, "parallelism": ARGON2_PARALLELISM,
            "salt": _b64(secrets.token_bytes(SALT_BYTES))}


def recovery_kdf() -> dict:
    return {"name": "hkdf-sha256", "salt": _b64(secrets.token_bytes(SALT_BYTES))}


def _bounded(kdf: dict, name: str, top: int, bottom: int = 1) -> int:
    value = kdf.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not bottom <= value <= top:
        raise KeyFileDamagedError(f"The key file of this journal is damaged (its {name} "
                                  f"is out of range). {REPAIR}")
    return value


def _salt(kdf: dict) -> bytes:
    try:
        salt = _unb64(kdf.get("salt"))
    except ValueError as exc:
        raise KeyFileDamagedError(f"The key file of this journal is damaged. {REPAIR}") from exc
    if not SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
        raise KeyFileDamagedError(f"The key file of this journal is damaged (its salt is "
                                  f"out of range). {REPAIR}")
    return salt


def _argon2_costs(kdf: dict) -> tuple[int, int, int]:
    """(time cost, memory in KiB, parallelism), each within what Argon2id accepts and what
    Hearth would ever ask for."""
    time_cost = _bounded(kdf, "time_cost", ARGON2_MAX_TIME_COST)
    parallelism = _bounded(kdf, "parallelism", ARGON2_MAX_PARALLELISM)
    memory = _bounded(kdf, "memory_kib", ARGON2_MAX_MEMORY_KIB, bottom=8 * parallelism)
    return time_cost, memory, parallelism


def check_slot(slot: Slot) -> None:
    """Refuse, in words, a slot whose fields no Hearth writes: so a tampered file whose
    checksum was recomputed is refused when read, before any key is derived."""
    if not isinstance(slot.kind, str) or slot.kind not in KINDS or not isinstance(
            slot.journal, str):
        raise KeyFileDamagedError(f"The key file of this journal is damaged. {REPAIR}")
    _salt(slot.kdf)
    name = slot.kdf.get("name")
    if name == "argon2id":
        _argon2_costs(slot.kdf)
    elif name != "hkdf-sha256":
        raise KeyFileDamagedError(UNKNOWN_KDF)
    if len(slot.nonce) != NONCE_BYTES or len(slot.wrapped) != WRAPPED_BYTES:
        raise KeyFileDamagedError(f"The key file of this journal is damaged (a slot has the "
                                  f"wrong length). {REPAIR}")


def wrapping_key(kdf: dict, secret: bytes, journal: str, kind: str) -> bytes:
    """The 256-bit key that wraps the data key, derived from `secret` as `kdf` says."""
    salt = _salt(kdf)
    if kdf.get("name") == "argon2id":
        from argon2.low_level import Type, hash_secret_raw

        time_cost, memory, parallelism = _argon2_costs(kdf)
        return hash_secret_raw(secret, salt, time_cost=time_cost, memory_cost=memory,
                               parallelism=parallelism, hash_len=32, type=Type.ID)
    if kdf.get("name") == "hkdf-sha256":
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                    info=associated_data(journal, kind)).derive(secret)
    raise KeyFileDamagedError(UNKNOWN_KDF)


def make_slot(journal: str, kind: str, secret: bytes, data_key: bytes,
              kdf: dict | None = None) -> Slot:
    """Wrap `data_key` under `secret` in a new slot of `kind` (fresh salt and nonce)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if kind not in KINDS:
        raise ValueError(f"unknown slot kind {kind!r}")
    kdf = kdf or (passphrase_kdf() if kind == PASSPHRASE else recovery_kdf())
    nonce = secrets.token_bytes(NONCE_BYTES)
    key = wrapping_key(kdf, secret, journal, kind)
    wrapped = AESGCM(key).encrypt(nonce, data_key, associated_data(journal, kind))
    return Slot(kind=kind, journal=journal, kdf=kdf, nonce=nonce, wrapped=wrapped)


def open_slot(keys: KeyFile, kind: str, secret: bytes) -> bytes:
    """The data key from the slot of `kind`, or WrongPassphraseError when `secret` does not
    open it (nothing is changed either way)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    slot = keys.slot(kind)
    if slot is None:
        raise KeyFileDamagedError(f"The key file of this journal has no {kind} slot. {REPAIR}")
    from argon2.exceptions import Argon2Error

    check_slot(slot)
    try:
        key = wrapping_key(slot.kdf, secret, keys.journal, kind)
        data_key = AESGCM(key).decrypt(slot.nonce, slot.wrapped,
                                       associated_data(keys.journal, kind, keys.version))
    except InvalidTag:
        if kind == RECOVERY:
            raise WrongPassphraseError("That recovery key does not open this journal "
                                       "(it may belong to another journal).") from None
        raise WrongPassphraseError("That passphrase does not unlock this journal.") from None
    except (Argon2Error, ValueError, TypeError, OverflowError) as exc:
        # Whatever else a slot's values make the key derivation or AES-GCM refuse.
        raise KeyFileDamagedError(f"The key file of this journal is damaged. {REPAIR}",
                                  detail=type(exc).__name__) from None
    if len(data_key) != DATA_KEY_BYTES:
        raise KeyFileDamagedError(f"The key file of this journal is damaged. {REPAIR}")
    return data_key


def passphrase_secret(passphrase: str) -> bytes:
    if not isinstance(passphrase, str) or not passphrase.strip():
        raise ValidationError("A passphrase cannot be empty.", field="passphrase")
    return passphrase.encode("utf-8")


# -- the file's bytes ---------------------------------------------------------------


def _content(keys: KeyFile) -> dict:
    return {
        "format": FORMAT, "version": keys.version, "journal": keys.journal,
        "kit_saved": keys.kit_saved,
        "slots": [{"kind": s.kind, "journal": s.journal, "kdf": s.kdf, "nonce": _b64(s.nonce),
                   "wrapped": _b64(s.wrapped)} for s in keys.slots],
    }


def _checksum(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def to_bytes(keys: KeyFile) -> bytes:
    content = _content(keys)
    document = {**content, "checksum": _checksum(content)}
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8")


def from_bytes(data: bytes) -> KeyFile:
    """Parse a key file, refusing in words anything damaged, tampered with or foreign."""
    damaged = f"The key file of this journal is damaged. {REPAIR}"
    if len(data) > MAX_FILE_BYTES:
        raise KeyFileDamagedError(damaged, detail="too large")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise KeyFileDamagedError(damaged, detail="not JSON") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise KeyFileDamagedError(f"The file beside this journal is not a Hearth key file. "
                                  f"{REPAIR}")
    version = document.get("version")
    if version != VERSION:
        raise KeyFileDamagedError(
            "The key file of this journal comes from a newer Hearth; update Hearth to open it.")
    checksum = document.pop("checksum", None)
    journal = document.get("journal")
    raw_slots = document.get("slots")
    if not isinstance(journal, str) or not isinstance(raw_slots, list):
        raise KeyFileDamagedError(damaged, detail="fields")
    try:
        slots = tuple(Slot(kind=s["kind"], journal=s["journal"], kdf=dict(s["kdf"]),
                           nonce=_unb64(s["nonce"]), wrapped=_unb64(s["wrapped"]))
                      for s in raw_slots)
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyFileDamagedError(damaged, detail="slots") from exc
    foreign = [s.kind for s in slots if s.journal != journal]
    if foreign:
        raise KeyFileDamagedError(
            f"The key file of this journal holds a {foreign[0]} slot of another journal, so "
            f"it was refused. {REPAIR}")
    if checksum != _checksum(document):
        raise KeyFileDamagedError(
            f"The key file of this journal is damaged (its checksum does not match). {REPAIR}")
    if not all(isinstance(s.kind, str) for s in slots) or sorted(
            s.kind for s in slots) != sorted(set(s.kind for s in slots)) or any(
            s.kind not in KINDS for s in slots):
        raise KeyFileDamagedError(damaged, detail="slot kinds")
    for slot in slots:
        check_slot(slot)
    kit = document.get("kit_saved")
    return KeyFile(journal=journal, slots=slots, version=version,
                   kit_saved=kit if isinstance(kit, str) else None)
