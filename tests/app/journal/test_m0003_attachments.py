"""The attachments step: it applies to a journal left at version 1 although no step 2 is
in this list yet, and it touches nothing an earlier step made.

The runner applies every listed step newer than the file's highest recorded version. So a
journal that reached version 3 here would never get a step numbered 2 added later: the
schema fixture `journal_v3.db` must be made again (delete it, run make_fixtures.py) once
that step is listed before this one, and no released build may carry 3 without 2.
"""

import shutil

from app.db import open_database
from app.migrations import current_version
from app.migrations.journal import STEPS, m0003_attachments
from tests.helpers.paths import FIXTURES as FIXTURE_ROOT

FIXTURES = FIXTURE_ROOT / "schemas"


def test_a_version_1_journal_gets_the_new_tables_and_keeps_its_rows(tmp_path):
    path = tmp_path / "journal.db"
    shutil.copyfile(FIXTURES / "journal_v1.db", path)
    db = open_database(path, migrations=STEPS)
    try:
        assert current_version(db) == 3
        versions = [row[0] for row in db.execute_sql(
            "SELECT version FROM schema_migration ORDER BY version")]
        assert versions == [1, 2, 3]
        assert db.execute_sql("SELECT count(*) FROM entry").fetchone()[0] == 2
        for table in ("attachment", "attachment_data", "entry_source"):
            assert db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    finally:
        db.close()


def test_the_step_creates_only_its_own_tables():
    created = [s.split(" ON ")[0].split("(")[0].split()[-1]
               for s in m0003_attachments.STATEMENTS]
    assert all(s.startswith("CREATE ") for s in m0003_attachments.STATEMENTS)
    assert set(created) <= {"attachment", "attachment_data", "entry_source",
                            "attachment_entry", "entry_source_entry", "entry_source_moment"}
