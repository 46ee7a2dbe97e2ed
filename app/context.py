"""The running app's core state: its data folder and the open shared database."""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

import peewee

from app import __version__
from app.data_folders import protect_folder
from app.db import open_database
from app.db_files import MISSING, file_kind
from app.errors import DamagedDatabaseError
from app.instance_lock import FolderUse
from app.migrations.shared import STEPS as SHARED_STEPS
from app.models.base import shared_db
from app.models.meta import AppMeta
from app.paths import SHARED_DB_NAME, ensure_private_dir, shared_db_path
from app.safety.leftovers import remove_unfinished_copies

log = logging.getLogger(__name__)


class AppContext:
    """What a front end (window or command) needs: where data lives and the shared db.

    A plain class: every start makes one, and a dataclass would load its module and write
    its methods' code at each start."""

    def __init__(self, *, data_dir: Path, db: peewee.Database, first_start: bool = False,
                 closers: list | None = None, read_only: bool = False, recovered: tuple = (),
                 folder_use: FolderUse | None = None):
        self.data_dir = data_dir
        self.db = db
        self.first_start = first_start
        self.closers: list = closers if closers is not None else []
        # True when the data folder cannot take writes: everything opens for reading only.
        self.read_only = read_only
        # Journal files found unlisted at start-up and listed again, to tell the user about.
        self.recovered = recovered
        # The folder's shared use lock, held until `close()`: no restore swaps a file
        # meanwhile.
        self.folder_use = folder_use

    def __repr__(self) -> str:
        return (f"AppContext(data_dir={self.data_dir!r}, first_start={self.first_start}, "
                f"read_only={self.read_only})")

    def close(self) -> None:
        for closer in reversed(self.closers):
            try:
                closer()
            except Exception:  # closing must go on for the rest
                log.exception("error while closing")
        self.closers.clear()
        if not self.db.is_closed():
            self.db.close()
        if self.folder_use is not None:
            self.folder_use.release()
            self.folder_use = None


def open_app(data_dir: Path, *, before_migrate=None, fresh: bool = False) -> AppContext:
    """Create the data folder if needed, open and migrate the shared database, bind models,
    then settle what a crashed process left and list again any journal file the shared
    database does not name (so no journal file is ever unaccounted for)."""
    ensure_private_dir(data_dir)
    protect_folder(data_dir)
    use = FolderUse(data_dir).acquire()
    try:
        return _open_app(data_dir, use, before_migrate=before_migrate, fresh=fresh)
    except BaseException:
        use.release()
        raise


def _open_app(data_dir: Path, use: FolderUse, *, before_migrate, fresh: bool) -> AppContext:
    from app.journal.registry.settled import registry_settled

    path = shared_db_path(data_dir)
    first_start = file_kind(path) == MISSING
    if first_start and not fresh and _shared_backups_exist(data_dir):
        # Not a first start: the file went missing, and a backup may bring it back.
        raise DamagedDatabaseError(
            f"{path.name} is missing, but backups of it exist: open the Hearth window to "
            "restore one, or use `hearth backup --list` and `hearth restore FILE`.")
    db = open_database(path, migrations=SHARED_STEPS, before_migrate=before_migrate,
                       quick_check=True)
    shared_db.initialize(db)
    context = AppContext(data_dir=data_dir, db=db, first_start=first_start, folder_use=use)
    try:
        if first_start:
            with db.atomic():
                AppMeta.set_value("created_at",
                                  datetime.datetime.now().isoformat(timespec="seconds"))
                AppMeta.set_value("created_by_version", __version__)
        if not registry_settled(context):
            # Only now the registry's models and files: a settled start needs neither.
            from app.journal.registry.files import reconcile

            context.recovered = tuple(reconcile(context))
        remove_unfinished_copies(data_dir)
    except BaseException:
        db.close()
        raise
    return context


def _shared_backups_exist(data_dir: Path) -> bool:
    from app.safety.leftovers import BACKUPS_DIR_NAME

    folder = Path(data_dir) / BACKUPS_DIR_NAME
    return folder.is_dir() and any(folder.glob(f"{SHARED_DB_NAME.split('.')[0]}.*.db"))
