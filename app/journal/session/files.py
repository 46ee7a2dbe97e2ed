"""The journal file as a whole: consistent backup copies and row counts to verify them."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app import sqlcipher
from app.db_files import fsync_dir, fsync_file, remove_db_files
from app.errors import HearthError
from app.journal.session.guard import guarded
from app.safety.leftovers import SESSION_COPY, unfinished_name

log = logging.getLogger("app.journal.session")


class FilesMixin:
    """Whole-file operations of a `JournalSession` (see its docstring for the contract)."""

    @guarded
    def backup_to(self, path: Path) -> Path:
        """Write a consistent copy of the journal to `path` (replaced atomically).

        A protected journal's copy is encrypted with the same passphrase; an unprotected
        one's is a plain SQLite file. The copy opens with `open_database` like the original.
        """
        path = Path(path)
        tmp = unfinished_name(path, SESSION_COPY)
        remove_db_files(tmp)
        try:
            if self._info.protected:
                passphrase = sqlcipher.passphrase_of(self._db)
                if not passphrase:  # never let a protected journal's copy come out plain
                    raise HearthError("This journal's copy could not be encrypted.")
                sqlcipher.export_copy(self._db.connection(), tmp, passphrase)
            else:
                self._db.execute_sql("VACUUM INTO ?", (str(tmp),))
            fsync_file(tmp)
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except BaseException:
            remove_db_files(tmp)
            raise
        log.info("journal %s: backup written", self._info.id)
        return path

    @guarded
    def counts(self) -> dict[str, int]:
        """Row counts per table (entries, tags, drafts), to verify a copy is complete."""
        return {
            name: self._db.execute_sql(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("entry", "tag", "entry_tag", "draft")
        }
