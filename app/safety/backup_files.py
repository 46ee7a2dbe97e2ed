"""What the backups folder holds: the databases there are to back up, backup file names,
listing, and retention.

Backups live in `<data folder>/backups/`, owner-only: `hearth.<stamp>.<reason>.db` for the
shared database and `journals/<journal id>.<stamp>.<reason>.db` for each journal. Journals
are named by their registry id, not their file, because protecting a journal or changing
its passphrase moves it to a new file. While the shared database cannot be read, nothing
says which journal a file is, so each journal file is backed up under its file name
instead, as `journals/file-<file name>.<stamp>.<reason>.db`. A copy that could not be
verified (a locked
protected journal copied byte for byte) is kept apart under `backups/unverified/` and never
counts toward retention: the rotation only ever drops verified copies for newer verified
ones, and the newest verified copy of every database is kept whatever the rotation says.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.db_files import KEY_FILE_SUFFIX, OPAQUE, file_kind, fsync_dir
from app.errors import HearthError, NotFoundError
from app.journal.registry.offline import read_registry
from app.paths import JOURNALS_DIR_NAME, SHARED_DB_NAME, ensure_private_dir, journals_dir
from app.safety.leftovers import BACKUPS_DIR_NAME, UNVERIFIED_DIR_NAME

log = logging.getLogger(__name__)

SHARED_KEY = "hearth"
SHARED_LABEL = "Shared data (guides, calendar)"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_UNVERIFIED = 7
REASONS = ("daily", "manual", "migration", "passphrase", "pre-restore", "pre-delete")
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
FILE_KEY_PREFIX = "file-"
# The names Hearth gives journal files (`secrets.token_hex(8)`); a file named otherwise was
# not made by Hearth and is never copied under its own name.
_JOURNAL_FILE_STEM = re.compile(r"^[0-9a-f]{16}$")
_BACKUP_NAME = re.compile(
    r"^(?P<stem>hearth|\d+|file-[0-9a-f]{16})"
    r"\.(?P<stamp>\d{8}-\d{6}-\d{6})\.(?P<reason>[a-z-]+)\.db$"
)


class BackupError(HearthError):
    """A backup could not be made, read or restored."""


class DamagedBackupError(BackupError):
    """The chosen backup is damaged or is not a Hearth database."""


class PassphraseNeededError(BackupError):
    """The backup belongs to a protected journal; its passphrase is needed to check it."""


@dataclass(frozen=True)
class DatabaseRef:
    """One database of the data folder. `key` is "hearth" or "journal-<id>"."""

    key: str
    path: Path
    label: str
    journal_id: int | None = None
    protected: bool = False


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it is a copy of. `verified` is False for a copy kept apart
    because nothing could check it when it was made."""

    path: Path
    key: str
    label: str
    created: dt.datetime
    reason: str
    size: int
    protected: bool
    verified: bool = True

    @property
    def journal_id(self) -> int | None:
        return journal_id_of(self.key)

    @property
    def is_shared(self) -> bool:
        return self.key == SHARED_KEY


# ----- what there is ----------------------------------------------------------------------


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR_NAME


def journal_key(journal_id: int) -> str:
    return f"journal-{int(journal_id)}"


def journal_id_of(key: str) -> int | None:
    return int(key.split("-", 1)[1]) if key.startswith("journal-") else None


def journal_label(name: str | None, journal_id: int) -> str:
    return f"Journal “{name}”" if name else f"Journal {journal_id} (deleted)"


def file_key(path: Path) -> str:
    """The key of a journal file backed up by its name (the shared database unreadable)."""
    # Not `stem`: to Python a file named ".db" has no suffix, and it would read ".db.db".
    return f"{FILE_KEY_PREFIX}{Path(path).name.removesuffix('.db')}"


def file_stem_of(key: str) -> str | None:
    """The journal file name (without `.db`) a file key stands for, else None."""
    return key[len(FILE_KEY_PREFIX):] if key.startswith(FILE_KEY_PREFIX) else None


def file_label(key: str) -> str:
    # A file name can hold anything, a line break included: a label stays one line.
    stem = "".join(c if c.isprintable() else "?" for c in file_stem_of(key) or "")
    return f"Journal file {stem}.db"


def is_foreign_file_key(key: str) -> bool:
    """A file in the journals folder whose name Hearth never gives a journal file: none of
    Hearth's, so never opened, copied or changed (its key is `file-` and its name)."""
    stem = file_stem_of(key)
    return stem is not None and not _JOURNAL_FILE_STEM.match(stem)


def foreign_name_error(key: str) -> BackupError:
    return BackupError(f"{file_label(key)} has a name Hearth never gives a journal file, "
                       "so it was not backed up.")


def is_journal_key(key: str) -> bool:
    """A journal's backup, whether named by its registry id or by its file."""
    return key != SHARED_KEY


def database_refs(data_dir: Path) -> list[DatabaseRef]:
    """The shared database, every journal the registry names, then every other journal
    file there is (by its file name: all of them while the registry cannot be read)."""
    data_dir = Path(data_dir)
    refs = [DatabaseRef(SHARED_KEY, data_dir / SHARED_DB_NAME, SHARED_LABEL)]
    registry = read_registry(data_dir)
    listed = set()
    for journal_id, row in sorted((registry or {}).items()):
        refs.append(DatabaseRef(journal_key(journal_id), data_dir / row.file,
                                journal_label(row.name, journal_id), journal_id, row.protected))
        listed.add(Path(row.file).name)
    # A file no row names (the next start lists it again) is copied all the same.
    folder = journals_dir(data_dir)
    files = sorted(folder.glob("*.db")) if folder.is_dir() else []
    for path in files:
        if path.name in listed:
            continue
        key = file_key(path)
        # A file none of Hearth's is listed by its name only: never opened, not even to see
        # whether it is encrypted.
        protected = not is_foreign_file_key(key) and file_kind(path) == OPAQUE
        refs.append(DatabaseRef(key, path, file_label(key), protected=protected))
    return refs


def database_ref(data_dir: Path, key: str) -> DatabaseRef:
    for ref in database_refs(data_dir):
        if ref.key == key:
            return ref
    journal_id = journal_id_of(key)
    if journal_id is None:
        raise NotFoundError(f"There is no database called {key}.")
    raise NotFoundError(f"Journal {journal_id} no longer exists.")


# ----- names ------------------------------------------------------------------------------


def backup_path(data_dir: Path, key: str, reason: str, when: dt.datetime, *,
                verified: bool = True) -> Path:
    """A new backup's file name (never one that exists)."""
    root = ensure_private_dir(backups_dir(data_dir))
    if not verified:
        root = ensure_private_dir(root / UNVERIFIED_DIR_NAME)
    journal_id = journal_id_of(key)
    if key == SHARED_KEY:
        folder, stem = root, SHARED_KEY
    elif journal_id is not None:
        folder, stem = ensure_private_dir(root / JOURNALS_DIR_NAME), journal_id
    elif not is_foreign_file_key(key):
        folder, stem = ensure_private_dir(root / JOURNALS_DIR_NAME), key
    else:
        raise foreign_name_error(key)
    path = folder / f"{stem}.{when.strftime(STAMP_FORMAT)}.{reason}.db"
    while path.exists():  # two backups in the same microsecond: never overwrite one
        when += dt.timedelta(microseconds=1)
        path = folder / f"{stem}.{when.strftime(STAMP_FORMAT)}.{reason}.db"
    return path


def info_of(path: Path, key: str, label: str, *, verified: bool = True) -> BackupInfo:
    match = _BACKUP_NAME.match(path.name)
    try:
        created = dt.datetime.strptime(match["stamp"], STAMP_FORMAT) if match else None
    except ValueError:  # shaped like a stamp, but no date ("99999999-…")
        created = None
    if created is None:
        raise DamagedBackupError(f"{path.name} is not a Hearth backup file.")
    return BackupInfo(
        path=path,
        key=key,
        label=label,
        created=created,
        reason=match["reason"],
        size=path.stat().st_size,
        protected=is_journal_key(key) and file_kind(path) == OPAQUE,
        verified=verified,
    )


def _key_of_name(match: re.Match) -> str:
    stem = match["stem"]
    if stem == SHARED_KEY or stem.startswith(FILE_KEY_PREFIX):
        return stem
    return journal_key(int(stem))


def _labels(data_dir: Path) -> dict[str, str] | None:
    """Each database's label by key; None while the registry cannot be read."""
    registry = read_registry(data_dir)
    if registry is None:
        return None
    labels = {SHARED_KEY: SHARED_LABEL}
    for journal_id, row in registry.items():
        labels[journal_key(journal_id)] = journal_label(row.name, journal_id)
    return labels


def _label_for(labels: dict[str, str] | None, key: str) -> str:
    if key == SHARED_KEY:
        return SHARED_LABEL
    if file_stem_of(key) is not None:
        return file_label(key)
    if labels is None:  # nothing says whether it still exists, nor its name
        return f"Journal {journal_id_of(key)}"
    return labels.get(key) or journal_label(None, journal_id_of(key) or 0)


def _is_unverified(path: Path) -> bool:
    parent = path.parent
    if parent.name == JOURNALS_DIR_NAME:
        parent = parent.parent
    return parent.name == UNVERIFIED_DIR_NAME


def backup_info(data_dir: Path, path: Path) -> BackupInfo:
    """Describe a backup file, from the backups folder or copied elsewhere."""
    path = Path(path)
    match = _BACKUP_NAME.match(path.name)
    if match is None or not path.is_file() or path.is_symlink():
        raise DamagedBackupError(f"{path.name} is not a Hearth backup file.")
    key = _key_of_name(match)
    return info_of(path, key, _label_for(_labels(data_dir), key),
                   verified=not _is_unverified(path))


def list_backups(data_dir: Path, key: str | None = None, *,
                 unverified: bool = True) -> list[BackupInfo]:
    """Backups, newest first; of one database when `key` is given; with the unverified
    copies kept apart unless `unverified` is False."""
    root = backups_dir(data_dir)
    if not root.is_dir():
        return []
    labels = _labels(data_dir)
    found = []
    roots = [(root, True)]
    if unverified:
        roots.append((root / UNVERIFIED_DIR_NAME, False))
    for folder, verified in roots:
        candidates = [(p, False) for p in folder.glob("*.db")]
        candidates += [(p, True) for p in (folder / JOURNALS_DIR_NAME).glob("*.db")]
        for path, in_journals in candidates:
            match = _BACKUP_NAME.match(path.name)
            if match is None or path.is_symlink() or not path.is_file():
                continue
            if in_journals == (match["stem"] == SHARED_KEY):
                continue
            found_key = _key_of_name(match)
            if key is not None and found_key != key:
                continue
            with contextlib.suppress(OSError, DamagedBackupError):
                found.append(info_of(path, found_key, _label_for(labels, found_key),
                                     verified=verified))
    return sorted(found, key=lambda b: b.created, reverse=True)


# ----- retention --------------------------------------------------------------------------


def backups_to_keep(backups: Iterable[BackupInfo], *,
                    daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> set[Path]:
    """Of verified backups: the newest of each of the last `daily` days that have one, plus
    the newest of each of the last `weekly` ISO weeks before those, and always the newest.
    Of unverified ones: the newest KEEP_UNVERIFIED, which never displace a verified one."""
    backups = list(backups)
    verified = sorted((b for b in backups if b.verified), key=lambda b: b.created,
                      reverse=True)
    keep: set[Path] = {b.path for b in sorted(
        (b for b in backups if not b.verified), key=lambda b: b.created,
        reverse=True)[:KEEP_UNVERIFIED]}
    if verified:
        keep.add(verified[0].path)
    days: dict[dt.date, BackupInfo] = {}
    for backup in verified:
        days.setdefault(backup.created.date(), backup)
    kept_days = list(days)[:daily]
    keep.update(days[day].path for day in kept_days)
    weeks: dict[tuple[int, int], BackupInfo] = {}
    oldest_daily = min(kept_days) if kept_days else None
    for backup in verified:
        if oldest_daily is not None and backup.created.date() >= oldest_daily:
            continue
        weeks.setdefault(backup.created.isocalendar()[:2], backup)
    keep.update(weeks[week].path for week in list(weeks)[:weekly])
    return keep


def prune_backups(data_dir: Path, key: str) -> list[Path]:
    """Delete backups of `key` beyond the retention rule; return what was removed. Copies
    made before a delete or a restore are the user's last word on a journal: never pruned."""
    backups = [b for b in list_backups(data_dir, key)
               if b.reason not in ("pre-delete", "pre-restore")]
    keep = backups_to_keep(backups)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
            removed.append(backup.path)
    if removed:
        log.info("pruned %d old backups of %s", len(removed), key)
    return removed


def keep_aside(path: Path, *, now: dt.datetime | None = None, tag: str = "damaged") -> Path:
    """Rename a file (and its -wal/-shm) to `<name>.<tag>-<stamp>`; never delete it. A link
    is renamed itself: what it points to is not touched."""
    stamp = (now or dt.datetime.now()).strftime(STAMP_FORMAT)
    aside = path.with_name(f"{path.name}.{tag}-{stamp}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm", KEY_FILE_SUFFIX):
        companion = Path(f"{path}{suffix}")
        if os.path.lexists(companion):
            os.replace(companion, Path(f"{aside}{suffix}"))
    fsync_dir(path.parent)
    log.warning("kept %s aside as %s", path.name, aside.name)
    return aside


def describe_size(size: int) -> str:
    """A byte count for people: 812 bytes, 48 KB, 3.2 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
