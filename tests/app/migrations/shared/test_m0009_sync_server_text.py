"""The server-text step: a database synced before it keeps every sync row, each without a
server copy yet, and the rows take one from then on."""

from __future__ import annotations

import shutil

from app.context import open_app
from app.migrations import current_version, step_version
from app.migrations.shared import STEPS, m0009_sync_server_text
from app.models.sync import SyncCalendar, SyncItem
from app.sync import state
from tests.helpers.paths import FIXTURES


def test_rows_synced_before_the_step_have_no_server_copy_and_take_one(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "schemas" / "shared_v7.db", folder / "hearth.db")
    context = open_app(folder)
    try:
        assert step_version(m0009_sync_server_text) in {step_version(s) for s in STEPS}
        assert current_version(context.db) == max(step_version(s) for s in STEPS)
        columns = {row[1] for row in context.db.execute_sql("PRAGMA table_info(sync_item)")}
        assert "server_text" in columns
        rows = list(SyncItem.select().order_by(SyncItem.id))
        assert [(row.href, row.etag, row.server_text) for row in rows] == [
            ("/sam/hearth/5c2e.ics", '"e1"', None), ("/sam/hearth/gone.ics", '"e2"', None)]
        calendar = SyncCalendar.get()
        with context.db.atomic():
            state.put(calendar, uid=rows[0].uid, href=rows[0].href, etag='"e3"',
                      base=state.base_of(rows[0]), sequence=1, server_text="BEGIN:VCALENDAR")
        assert SyncItem.get(SyncItem.id == rows[0].id).server_text == "BEGIN:VCALENDAR"
        with context.db.atomic():  # too large to keep: marked so, and not stored
            state.put(calendar, uid=rows[0].uid, href=rows[0].href, etag='"e4"',
                      base=None, sequence=1, server_text="x" * (state.SERVER_TEXT_MAX + 1))
        assert SyncItem.get(SyncItem.id == rows[0].id).server_text == state.NOT_KEPT
    finally:
        context.close()
