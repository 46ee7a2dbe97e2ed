"""Fixtures for the journal core's tests: an open journal database in tmp_path."""

import pytest

from app.db import open_database
from app.migrations.journal import STEPS


@pytest.fixture
def journal_db(tmp_path):
    db = open_database(tmp_path / "journal.db", migrations=STEPS)
    yield db
    db.close()
