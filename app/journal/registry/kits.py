"""Whether a protected journal opens through key slots and still owes its recovery kit.

Apart from `keyslots` (which makes, unwraps and rewraps keys) because the Journal menu asks
this of a locked journal before the window first paints, and reading the key file is all
it takes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.errors import DamagedDatabaseError
from app.journal.keys.file import KeyFileMissingError, has_key_file, read_key_file

if TYPE_CHECKING:
    from app.journal.info import JournalInfo


def uses_key_slots(info: JournalInfo) -> bool:
    return info.protected and has_key_file(info.path)


def kit_pending(info: JournalInfo) -> bool:
    """Whether a protected journal's recovery kit has not been saved yet (False when the
    journal has no key file to ask about)."""
    if not uses_key_slots(info):
        return False
    try:
        return read_key_file(info.path).kit_saved is None
    except (DamagedDatabaseError, KeyFileMissingError, OSError):
        return False
