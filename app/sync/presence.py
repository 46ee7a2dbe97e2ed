"""Whether a calendar server account is set up, asked without loading the sync itself.

Most couples never set one up; the calendar tab asks this at start and loads the sync
machinery (its status line, its schedule, its dialogs) only when the answer is yes.
"""

from __future__ import annotations

import logging

from app.models.base import shared_db

log = logging.getLogger(__name__)


def account_set_up() -> bool:
    """True when hearth.db holds the sync account (turned on or off); False when it holds
    none or cannot be read (the calendar says so elsewhere)."""
    try:
        found = shared_db.execute_sql("SELECT 1 FROM sync_account WHERE id = 1").fetchone()
    except Exception:  # an unreadable database must not stop the calendar
        log.info("sync account not readable", exc_info=True)
        return False
    return found is not None
