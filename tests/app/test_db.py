"""Opening databases: pragmas, permissions, damaged files, newer schemas."""

import os
import stat

import pytest

from app.db import open_database
from app.errors import DatabaseOpenError
from app.migrations.shared import STEPS


def test_pragmas_are_set(tmp_path):
    db = open_database(tmp_path / "x.db", migrations=STEPS)
    pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000
    assert pragma("temp_store") == 2  # MEMORY
    db.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_file_is_owner_only(tmp_path):
    db = open_database(tmp_path / "x.db", migrations=STEPS)
    db.close()
    assert stat.S_IMODE((tmp_path / "x.db").stat().st_mode) == 0o600


def test_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "x.db"
    junk = b"this is a shopping list, not a database\n" * 100
    path.write_bytes(junk)
    with pytest.raises(DatabaseOpenError, match="damaged or is not a Hearth database"):
        open_database(path, migrations=STEPS)
    assert path.read_bytes() == junk


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "x.db"
    db = open_database(path, migrations=STEPS)
    db.execute_sql("INSERT INTO schema_migration VALUES (9999, 'm9999_future', 'now')")
    db.close()
    with pytest.raises(DatabaseOpenError, match="newer version of Hearth"):
        open_database(path, migrations=STEPS)


def test_a_passphrase_of_bytes_that_were_not_text_is_refused_in_words():
    from app.db import check_passphrase
    from app.errors import ValidationError

    check_passphrase("été au lac")  # any real text is fine
    with pytest.raises(ValidationError, match="must be text"):
        check_passphrase("\udce9t\udce9")
