"""The key text that opens a journal file, from what a person typed.

A file with a key file beside it opens with its data key: the typed passphrase opens the
passphrase slot, or, when the text reads as a recovery key, the recovery slot. A file
without one (a journal or backup made before key slots) opens with the passphrase itself.
Raw keys pass through, so code that already holds one can call this too.
"""

from __future__ import annotations

from pathlib import Path

from app import sqlcipher
from app.db import check_passphrase
from app.errors import ValidationError, WrongPassphraseError
from app.journal.keys import recovery
from app.journal.keys.file import has_key_file, read_key_file
from app.journal.keys.slots import PASSPHRASE, RECOVERY, open_slot, passphrase_secret


def key_for(db_path: Path, secret: str | None) -> str | None:
    """SQLCipher's key text for `db_path` given `secret` (None stays None)."""
    if secret is None or sqlcipher.is_raw_key(secret) or not has_key_file(db_path):
        return secret
    check_passphrase(secret)
    keys = read_key_file(db_path)
    try:
        return sqlcipher.raw_key(open_slot(keys, PASSPHRASE, passphrase_secret(secret)))
    except WrongPassphraseError:
        try:
            recovery_key = recovery.parse(secret)
        except ValidationError:
            raise WrongPassphraseError("That passphrase does not unlock this journal.") from None
        return sqlcipher.raw_key(open_slot(keys, RECOVERY, recovery_key))
