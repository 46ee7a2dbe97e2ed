"""Whether start-up finds the registry settled, asked in plain SQL on the open database.

Nearly every start finds nothing to do: no file announced, every journal file listed, no
backup carrying an id above the journal table's counter. Start-up asks this first and
loads `files` (the models, the announcing and the adopting) only when the answer is no.
The answer is yes only when `files.reconcile` would change nothing; when in doubt it is no.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from app.paths import JOURNALS_DIR_NAME, journals_dir
from app.safety.leftovers import BACKUPS_DIR_NAME, UNVERIFIED_DIR_NAME

if TYPE_CHECKING:
    from app.context import AppContext

# The name Hearth gives every journal file it makes (`secrets.token_hex(8)`).
# Used with `fullmatch`: `$` alone would also take a name ending in a newline.
MAIN_FILE = re.compile(r"[0-9a-f]{16}\.db")

# What the plain SQL here names; app.models.journal_registry owns them, and a test pins
# that these agree with its models.
JOURNAL_TABLE = "journal"
INTENT_TABLE = "journal_file_intent"
FILE_COLUMN = "file"
# The largest integer SQLite holds: no journal id, nor its counter, goes above it.
MAX_ID = (1 << 63) - 1


def registry_settled(context: AppContext) -> bool:
    """True when `reconcile` would do nothing: no file is announced, backups carry no
    journal id above the counter, and every journal file in `journals/` is listed. False
    when something may need doing, or the question cannot be answered here."""
    try:
        return _settled(context)
    except Exception:  # the full reconcile meets it again and answers as it always has
        return False


def _settled(context: AppContext) -> bool:
    db = context.db
    if db.execute_sql(f"SELECT 1 FROM {INTENT_TABLE} LIMIT 1").fetchone() is not None:
        return False
    if _ids_to_raise(context) is not None:
        return False
    folder = journals_dir(context.data_dir)
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return True  # no journals folder: nothing to adopt
    if not stat.S_ISDIR(mode):
        return False  # a link or a file where the folder belongs: the full look decides
    with os.scandir(folder) as entries:
        names = [entry.name for entry in entries if MAIN_FILE.fullmatch(entry.name)]
    if not names:
        return True
    # Read after the folder, as adopting reads each file's row after listing the folder.
    listed = {row[0] for row in db.execute_sql(f"SELECT {FILE_COLUMN} FROM {JOURNAL_TABLE}")}
    # Files this process has open are not set aside: adopting would skip an unlisted one,
    # here it only sends start-up the full way.
    return all(f"{JOURNALS_DIR_NAME}/{name}" in listed for name in names)


def keep_ids_above_backups(context: AppContext) -> None:
    """A fresh or older shared database must not hand out a journal id that backups of
    another journal already carry (backups are named by id): start counting above them."""
    needed = _ids_to_raise(context)
    if needed is None:
        return
    highest, row = needed
    db = context.db
    with db.atomic():
        if row is None:
            db.execute_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                           (JOURNAL_TABLE, highest))
        else:
            db.execute_sql("UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?",
                           (highest, JOURNAL_TABLE, highest))


def _ids_to_raise(context: AppContext) -> tuple[int, tuple | None] | None:
    """The highest journal id backups carry and the journal table's counter row (None when
    it has none), when the counter is below that id; None when it is not."""
    highest = 0
    root = Path(context.data_dir) / BACKUPS_DIR_NAME
    for folder in (root / JOURNALS_DIR_NAME, root / UNVERIFIED_DIR_NAME / JOURNALS_DIR_NAME):
        if folder.is_dir() and not folder.is_symlink():
            for path in folder.glob("*.db"):
                stem = path.name.split(".", 1)[0]
                # Decimal digits only (`int` refuses a superscript, which isdigit allows);
                # an id above SQLite's integers is no journal's, so no id can clash with it.
                if stem.isdecimal() and (found := int(stem)) <= MAX_ID:
                    highest = max(highest, found)
    if not highest:
        return None
    row = context.db.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = ?",
                                 (JOURNAL_TABLE,)).fetchone()
    if row is not None and row[0] >= highest:
        return None
    return highest, row
