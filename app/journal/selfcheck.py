"""Prove at run time that protected journals really are encrypted (e.g. in a frozen app),
and that their key slots work (Argon2id, AES-GCM, HKDF and the kit's QR code)."""

from __future__ import annotations

import datetime
import secrets
from pathlib import Path

from app import sqlcipher
from app.db import open_database
from app.errors import HearthError, WrongPassphraseError
from app.journal.models import bind_models
from app.migrations.journal import STEPS as JOURNAL_STEPS

PLAIN_HEADER = b"SQLite format 3\x00"


class EncryptionCheckError(HearthError):
    """SQLCipher is missing or did not encrypt: protected journals would not be safe."""


def check_encryption(folder: Path) -> None:
    """Create a protected journal file in `folder`, write, close, reopen and read it back.

    Raises EncryptionCheckError when the file is plain SQLite, the text does not come back,
    or a wrong passphrase is accepted. The files it makes are removed afterwards.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"selfcheck-{secrets.token_hex(4)}.db"
    passphrase = _key_through_slots(secrets.token_urlsafe(12))
    marker = f"selfcheck{secrets.token_hex(6)}"
    try:
        try:
            db = open_database(path, migrations=JOURNAL_STEPS, passphrase=passphrase)
        except ImportError as exc:
            raise EncryptionCheckError("SQLCipher is not available.", detail=str(exc)) from exc
        try:
            models = bind_models(db)
            now = datetime.datetime.now().isoformat(timespec="seconds")
            with db.atomic():
                models.Entry.insert(
                    date=datetime.date.today().isoformat(),
                    body=marker,
                    created_at=now,
                    updated_at=now,
                ).execute()
        finally:
            db.close()
        data = path.read_bytes()
        if data[:16] == PLAIN_HEADER or marker.encode() in data:
            raise EncryptionCheckError("The journal file was written unencrypted.")
        db = open_database(path, migrations=JOURNAL_STEPS, passphrase=passphrase)
        try:
            bodies = [row[0] for row in db.execute_sql("SELECT body FROM entry")]
        finally:
            db.close()
        if bodies != [marker]:
            raise EncryptionCheckError("The encrypted journal did not read back its text.")
        try:
            db = open_database(path, migrations=JOURNAL_STEPS,
                               passphrase=sqlcipher.raw_key(secrets.token_bytes(32)))
        except WrongPassphraseError:
            pass
        else:
            db.close()
            raise EncryptionCheckError("A wrong passphrase opened the encrypted journal.")
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _key_through_slots(passphrase: str) -> str:
    """A data key wrapped in both kinds of slot, written out, read back and unwrapped
    again; its raw key text. Raises EncryptionCheckError when a library is missing."""
    try:
        from app.journal.keys import recovery, slots
        from app.journal.keys.kit import qr_matrix

        journal = slots.new_journal_id()
        data_key = slots.new_data_key()
        recovery_key = recovery.new_key()
        keys = slots.KeyFile(journal=journal, slots=(
            slots.make_slot(journal, slots.PASSPHRASE, passphrase.encode(), data_key),
            slots.make_slot(journal, slots.RECOVERY, recovery_key, data_key)))
        parsed = slots.from_bytes(slots.to_bytes(keys))
        typed = recovery.parse(recovery.format_key(recovery_key))
        opened = {slots.open_slot(parsed, slots.PASSPHRASE, passphrase.encode()),
                  slots.open_slot(parsed, slots.RECOVERY, typed)}
        if opened != {data_key} or not qr_matrix(recovery.format_key(recovery_key)):
            raise EncryptionCheckError("The journal's key slots did not give the key back.")
    except ImportError as exc:
        raise EncryptionCheckError("A library for journal keys is not available.",
                                   detail=str(exc)) from exc
    return sqlcipher.raw_key(data_key)
