"""The list of journals in the shared database, and the life of their files.

Every journal is `journals/<token>.db` in the data folder. Protecting, unprotecting and
changing a passphrase never rewrite that file in place: the journal is exported with
`sqlcipher_export` into a new file under a new token, the new file is opened and compared
with the old one, and only then does the registry row switch to it (one transaction) and
the old file go. A crash at any point leaves the registry naming a complete, valid file.
"""

from __future__ import annotations

import datetime
import logging
import re
import secrets
import threading
from collections.abc import Callable
from pathlib import Path

import peewee

from app.context import AppContext
from app.db import check_passphrase, integrity_problems, open_database
from app.db_files import fsync_dir, fsync_file, remove_db_files
from app.errors import DatabaseOpenError, NotFoundError, ValidationError, WrongPassphraseError
from app.journal.session import JournalBusyError, JournalSession
from app.journal.types import JournalInfo
from app.migrations.journal import STEPS as JOURNAL_STEPS
from app.models.journal_registry import Journal
from app.paths import ensure_private_dir
from app.safety.hooks import backup_before_migrate

log = logging.getLogger(__name__)

JOURNALS_DIR = "journals"
NAME_MAX = 60
_FILE_NAME = re.compile(r"^[0-9a-f]{16}\.db(-wal|-shm|-journal)?$")

# Files of journals with an open session in this process, with how many sessions use each.
_open_files: dict[Path, int] = {}
_open_lock = threading.Lock()


def journals_dir(context: AppContext) -> Path:
    return context.data_dir / JOURNALS_DIR


def _info(context: AppContext, row: Journal) -> JournalInfo:
    return JournalInfo(
        id=row.id,
        name=row.name,
        protected=bool(row.protected),
        path=context.data_dir / row.file,
        created_at=datetime.datetime.fromisoformat(row.created_at),
    )


def _row(journal_id: int) -> Journal:
    row = Journal.get_or_none(Journal.id == journal_id)
    if row is None:
        raise NotFoundError("That journal no longer exists.")
    return row


def _clean_name(name: str, *, except_id: int | None = None) -> str:
    name = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", str(name or "")).split())
    if not name:
        raise ValidationError("Give the journal a name.", field="name")
    if len(name) > NAME_MAX:
        raise ValidationError(
            f"A journal name can be at most {NAME_MAX} characters long.", field="name"
        )
    clash = Journal.select().where(peewee.fn.lower(Journal.name) == name.lower())
    if except_id is not None:
        clash = clash.where(Journal.id != except_id)
    if clash.exists():
        raise ValidationError("There is already a journal with that name.", field="name")
    return name


def _new_file(context: AppContext) -> tuple[str, Path]:
    folder = ensure_private_dir(journals_dir(context))
    while True:
        relative = f"{JOURNALS_DIR}/{secrets.token_hex(8)}.db"
        path = context.data_dir / relative
        if not path.exists() and not Journal.select().where(Journal.file == relative).exists():
            assert path.parent == folder
            return relative, path


def list_journals(context: AppContext) -> list[JournalInfo]:
    """Every journal, by name."""
    rows = Journal.select().order_by(peewee.fn.lower(Journal.name), Journal.id)
    return [_info(context, row) for row in rows]


def get_journal(context: AppContext, journal_id: int) -> JournalInfo:
    """One journal's registry entry; NotFoundError when it was deleted."""
    return _info(context, _row(journal_id))


def create_journal(context: AppContext, name: str, passphrase: str | None) -> JournalInfo:
    """Create an empty journal. `passphrase=None` makes an unprotected one; an empty or
    blank passphrase is refused (ValidationError) rather than silently meaning "none"."""
    check_passphrase(passphrase)
    name = _clean_name(name)
    relative, path = _new_file(context)
    db = open_database(path, migrations=JOURNAL_STEPS, passphrase=passphrase)
    db.close()
    try:
        with context.db.atomic():
            journal_id = Journal.insert(
                name=name,
                file=relative,
                protected=passphrase is not None,
                created_at=datetime.datetime.now().replace(microsecond=0).isoformat(),
            ).execute()
    except peewee.IntegrityError as exc:
        remove_db_files(path)
        raise ValidationError("There is already a journal with that name.", field="name") from exc
    except BaseException:
        remove_db_files(path)
        raise
    log.info("created journal %s (protected: %s)", journal_id, passphrase is not None)
    return get_journal(context, journal_id)


def rename_journal(context: AppContext, journal_id: int, name: str) -> JournalInfo:
    """Give a journal a new display name (its file stays)."""
    _row(journal_id)
    name = _clean_name(name, except_id=journal_id)
    try:
        with context.db.atomic():
            Journal.update(name=name).where(Journal.id == journal_id).execute()
    except peewee.IntegrityError as exc:
        raise ValidationError("There is already a journal with that name.", field="name") from exc
    log.info("renamed journal %s", journal_id)
    return get_journal(context, journal_id)


def _ensure_closed(info: JournalInfo) -> None:
    with _open_lock:
        if _open_files.get(info.path):
            raise JournalBusyError("Lock this journal first, then try again.")


def _open_file(context: AppContext, info: JournalInfo, passphrase: str | None,
               **options) -> peewee.Database:
    """Open an existing journal file, backed up before any schema upgrade touches it.

    open_database would turn a missing or empty file into a new, empty journal; here
    both are refused, so damage is reported (and restorable) instead of hidden.
    """
    if not info.path.exists():
        raise DatabaseOpenError(f"The file of the journal “{info.name}” is missing.")
    if info.path.stat().st_size == 0:
        raise DatabaseOpenError(
            f"The file of the journal “{info.name}” is empty: it was damaged. "
            "Restore it with File > Restore from backup…"
        )
    hook = backup_before_migrate(context.data_dir, journal_id=info.id)
    return open_database(info.path, migrations=JOURNAL_STEPS, passphrase=passphrase,
                         before_migrate=hook, **options)


def _verify_opens(context: AppContext, info: JournalInfo,
                  passphrase: str | None) -> dict[str, int]:
    """Open the journal once (migrating it) to prove the passphrase; return its counts."""
    db = _open_file(context, info, passphrase)
    try:
        return _counts(db)
    finally:
        db.close()


def _counts(db: peewee.Database) -> dict[str, int]:
    return {
        name: db.execute_sql(f"SELECT count(*) FROM {name}").fetchone()[0]
        for name in ("entry", "tag", "entry_tag", "draft")
    }


def delete_journal(context: AppContext, journal_id: int, passphrase: str | None = None) -> None:
    """Delete a journal and its file for good. A protected journal needs its passphrase,
    so one partner cannot delete the other's journal; it must not be open."""
    row = _row(journal_id)
    info = _info(context, row)
    _ensure_closed(info)
    if info.protected:
        if passphrase is None:
            raise ValidationError("Enter this journal's passphrase to delete it.", field="passphrase")
        check_passphrase(passphrase)
        if info.path.exists() and info.path.stat().st_size:
            _verify_opens(context, info, passphrase)
    with context.db.atomic():
        Journal.delete().where(Journal.id == journal_id).execute()
    remove_db_files(info.path)
    log.info("deleted journal %s", journal_id)


def open_journal(
    context: AppContext,
    journal_id: int,
    passphrase: str | None = None,
    *,
    clock: Callable[[], datetime.datetime] | None = None,
) -> JournalSession:
    """Unlock a journal. A protected one needs its passphrase (WrongPassphraseError when it
    does not fit, with no file changed); an unprotected one ignores `passphrase`.

    Slow for protected journals by design (key derivation, ~0.1-0.3 s): call it off the UI
    thread. The session may then be used from any thread.
    """
    info = get_journal(context, journal_id)
    if info.protected:
        if passphrase is None:
            raise WrongPassphraseError("Enter the passphrase to unlock this journal.")
        check_passphrase(passphrase)
    else:
        passphrase = None
    db = _open_file(context, info, passphrase, shared_connection=True)
    with _open_lock:
        _open_files[info.path] = _open_files.get(info.path, 0) + 1
    log.info("journal %s unlocked", journal_id)
    return JournalSession(info, db, clock=clock, on_close=_session_closed)


def _session_closed(session: JournalSession) -> None:
    with _open_lock:
        left = _open_files.get(session.info.path, 0) - 1
        if left > 0:
            _open_files[session.info.path] = left
        else:
            _open_files.pop(session.info.path, None)


def change_passphrase(
    context: AppContext, journal_id: int, old_passphrase: str, new_passphrase: str
) -> JournalInfo:
    """Re-encrypt a protected journal with a new passphrase. The journal must be locked."""
    info = get_journal(context, journal_id)
    if not info.protected:
        raise ValidationError("This journal has no passphrase yet.", field="passphrase")
    check_passphrase(old_passphrase)
    _require_new(new_passphrase)
    return _rewrite(context, info, old_passphrase, new_passphrase)


def protect_journal(context: AppContext, journal_id: int, new_passphrase: str) -> JournalInfo:
    """Encrypt an unprotected journal with a passphrase. The journal must be locked."""
    info = get_journal(context, journal_id)
    if info.protected:
        raise ValidationError("This journal already has a passphrase.", field="passphrase")
    _require_new(new_passphrase)
    return _rewrite(context, info, None, new_passphrase)


def unprotect_journal(context: AppContext, journal_id: int, passphrase: str) -> JournalInfo:
    """Remove the passphrase: the journal is stored unencrypted afterwards."""
    info = get_journal(context, journal_id)
    if not info.protected:
        raise ValidationError("This journal has no passphrase.", field="passphrase")
    check_passphrase(passphrase)
    return _rewrite(context, info, passphrase, None)


def _require_new(passphrase: str | None) -> None:
    if passphrase is None:
        raise ValidationError("A passphrase cannot be empty.", field="new_passphrase")
    try:
        check_passphrase(passphrase)
    except ValidationError as exc:
        raise ValidationError(exc.message, field="new_passphrase") from exc


def _escape(passphrase: str) -> str:
    return passphrase.replace("'", "''")


def _export_copy(source: Path, target: Path, old: str | None, new: str | None) -> None:
    """Copy every table of `source` into the new file `target` with sqlcipher_export."""
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(source), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if old is not None:
            conn.execute(f"PRAGMA key = '{_escape(old)}'")
        conn.execute("PRAGMA temp_store = memory")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # KEY '' makes the attached file plain; a non-empty KEY encrypts it.
        conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(target), new or ""))
        try:
            conn.execute("SELECT sqlcipher_export('target')").fetchall()
        finally:
            conn.execute("DETACH DATABASE target")
    finally:
        conn.close()


def _rewrite(
    context: AppContext, info: JournalInfo, old: str | None, new: str | None
) -> JournalInfo:
    from app.safety.backup import backup_database, journal_key  # only rewrites back up here

    _ensure_closed(info)
    # Proves the old passphrase (WrongPassphraseError, nothing changed) and brings the
    # schema up to date, so the copy is checked against current tables.
    before = _verify_opens(context, info, old)
    # The old file is about to be replaced by a re-encrypted copy: keep a backup of it.
    backup_database(context.data_dir, journal_key(info.id), reason="passphrase", passphrase=old)
    _sweep_orphans(context)
    relative, target = _new_file(context)
    try:
        _export_copy(info.path, target, old, new)
        copy = open_database(target, migrations=JOURNAL_STEPS, passphrase=new)
        try:
            after = _counts(copy)
            problems = integrity_problems(copy)
            copy.execute_sql("INSERT INTO entry_fts (entry_fts) VALUES ('integrity-check')")
        finally:
            copy.close()
        if after != before or problems:
            raise DatabaseOpenError(
                "The journal could not be copied safely; it was left as it was.",
                detail=f"counts {before} -> {after}, problems {len(problems)}",
            )
        if new is not None and target.read_bytes()[:16] == b"SQLite format 3\x00":
            raise DatabaseOpenError("The journal could not be encrypted; it was left as it was.")
        fsync_file(target)
        fsync_dir(target.parent)
        with context.db.atomic():
            Journal.update(file=relative, protected=new is not None).where(
                Journal.id == info.id
            ).execute()
    except BaseException:
        remove_db_files(target)
        raise
    remove_db_files(info.path)
    fsync_dir(info.path.parent)
    log.info("journal %s rewritten (protected: %s)", info.id, new is not None)
    return get_journal(context, info.id)


def _sweep_orphans(context: AppContext) -> None:
    """Delete journal files no registry row names: leftovers of an interrupted rewrite
    (a plaintext one after protecting must not linger)."""
    folder = journals_dir(context)
    if not folder.is_dir():
        return
    known = {Path(row.file).name for row in Journal.select(Journal.file)}
    with _open_lock:
        busy = {path.name for path in _open_files}
    for path in folder.iterdir():
        if not _FILE_NAME.match(path.name):
            continue
        base = path.name.split(".db")[0] + ".db"
        if base in known or base in busy:
            continue
        try:
            path.unlink()
            log.info("removed leftover journal file %s", path.name)
        except OSError:
            log.warning("could not remove leftover journal file %s", path.name)
