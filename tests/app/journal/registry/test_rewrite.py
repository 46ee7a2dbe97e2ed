"""Re-encrypting a journal's file (a new key, a new recovery kit, protecting or removing the
protection) never loses what another process saved meanwhile."""

from __future__ import annotations

import pytest

from app import instance_lock
from app.errors import DatabaseBusyError
from app.services import journal
from tests.helpers.journal import OTHER_PROCESS_BODIES, another_process_writing

NEW = "a passphrase for the copy"


def test_a_rewrite_waits_for_another_process_writing_in_the_folder(app_context, data_dir,
                                                                   monkeypatch):
    monkeypatch.setattr(instance_lock, "RESTORE_WAIT_SECONDS", 0.3)
    info = journal.create_journal(app_context, "Ours", None)
    with another_process_writing(data_dir, info.id) as let_go:
        with pytest.raises(DatabaseBusyError, match="left as it was"):
            journal.protect_journal(app_context, info.id, NEW)
        assert not journal.get_journal(app_context, info.id).protected
        assert journal.get_journal(app_context, info.id).path == info.path
        let_go()
    journal.protect_journal(app_context, info.id, NEW)  # alone in the folder now
    with journal.open_journal(app_context, info.id, NEW) as session:
        bodies = {entry.body for entry in session.get_entries()}
    # Every entry the other process was told it saved is in the re-encrypted journal.
    assert OTHER_PROCESS_BODIES <= bodies
