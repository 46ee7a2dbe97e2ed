"""Whether start-up finds the registry settled, asked in plain SQL: yes only when the full
reconcile would change nothing, and the names it uses agree with the registry's models."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from app.context import open_app
from app.journal.registry.settled import (
    FILE_COLUMN,
    INTENT_TABLE,
    JOURNAL_TABLE,
    registry_settled,
)
from app.models.journal_registry import Journal, JournalFileIntent
from app.services import journal
from tests.helpers.paths import ROOT

STAMP = "20260101-090000-000000"


def _state(context) -> tuple:
    """What reconcile may change: the journal rows, the announcements, the id counter."""
    db = context.db
    return (db.execute_sql("SELECT * FROM journal ORDER BY id").fetchall(),
            db.execute_sql("SELECT * FROM journal_file_intent ORDER BY id").fetchall(),
            db.execute_sql("SELECT * FROM sqlite_sequence ORDER BY name").fetchall())


def _settled_and_reconcile_agrees(context) -> bool:
    from app.journal.registry.files import reconcile

    settled = registry_settled(context)
    if settled:
        before = _state(context)
        assert reconcile(context) == []
        assert _state(context) == before
    return settled


def test_the_plain_names_agree_with_the_models():
    assert JOURNAL_TABLE == Journal._meta.table_name
    assert INTENT_TABLE == JournalFileIntent._meta.table_name
    assert FILE_COLUMN == Journal.file.column_name


def test_a_fresh_folder_is_settled(app_context):
    assert not (app_context.data_dir / "journals").exists()
    assert _settled_and_reconcile_agrees(app_context)


def test_a_folder_whose_journals_are_all_listed_is_settled(app_context):
    journal.create_journal(app_context, "Ours", None)
    journal.create_journal(app_context, "Mine", None)
    folder = app_context.data_dir / "journals"
    (folder / "notes.txt").write_text("not a journal's name")
    (folder / "0123.db").write_bytes(b"")
    assert _settled_and_reconcile_agrees(app_context)


def test_an_unlisted_journal_file_is_not_settled(app_context):
    info = journal.create_journal(app_context, "Ours", None)
    (info.path.parent / "0123456789abcdef.db").write_bytes(info.path.read_bytes())
    assert not registry_settled(app_context)


def test_a_journal_copy_whose_name_ends_in_a_newline_is_not_taken_for_a_journal(
        app_context):
    info = journal.create_journal(app_context, "Ours", None)
    odd = info.path.parent / "0123456789abcdef.db\n"
    odd.write_bytes(info.path.read_bytes())
    assert _settled_and_reconcile_agrees(app_context)
    assert [j.name for j in journal.list_journals(app_context)] == ["Ours"]
    assert odd.read_bytes() == info.path.read_bytes()


def test_an_announced_file_is_not_settled(app_context):
    journal.create_journal(app_context, "Ours", None)
    JournalFileIntent.insert(file="journals/00000000000000aa.db", pid=os.getpid(),
                             created_at="2026-01-01T00:00:00").execute()
    assert not registry_settled(app_context)


@pytest.mark.parametrize("where", ["journals", "unverified/journals"])
def test_backups_carrying_a_higher_id_are_not_settled(app_context, where):
    from app.journal.registry.settled import keep_ids_above_backups

    journal.create_journal(app_context, "Ours", None)  # the counter is at 1
    folder = app_context.data_dir / "backups" / where
    folder.mkdir(parents=True)
    (folder / f"1.{STAMP}.daily.db").write_bytes(b"")
    assert _settled_and_reconcile_agrees(app_context)  # no id above the counter
    (folder / f"7.{STAMP}.daily.db").write_bytes(b"")
    assert not registry_settled(app_context)
    keep_ids_above_backups(app_context)
    assert app_context.db.execute_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = 'journal'").fetchone() == (7,)
    assert _settled_and_reconcile_agrees(app_context)


def test_backups_over_a_counter_not_yet_started_are_not_settled(app_context):
    folder = app_context.data_dir / "backups" / "journals"
    folder.mkdir(parents=True)
    (folder / f"3.{STAMP}.daily.db").write_bytes(b"")
    assert not registry_settled(app_context)


def test_a_linked_journals_folder_or_a_file_in_its_place_is_left_to_the_full_look(
        app_context, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (app_context.data_dir / "journals").symlink_to(elsewhere, target_is_directory=True)
    assert not registry_settled(app_context)
    (app_context.data_dir / "journals").unlink()
    (app_context.data_dir / "journals").write_text("a file where the folder belongs")
    assert not registry_settled(app_context)


def test_a_database_it_cannot_read_is_left_to_the_full_look(app_context):
    app_context.db.execute_sql("DROP TABLE journal_file_intent")  # as a damaged file might be
    assert not registry_settled(app_context)


OPEN = r"""
import json, sys
from pathlib import Path
from app.context import open_app
context = open_app(Path(sys.argv[1]))
print(json.dumps(["app.journal.registry.files" in sys.modules, len(context.recovered)]))
context.close()
"""


def _open_twice(folder) -> list:
    """Two starts, each in a process of its own: whether each loaded the registry's files,
    and how many journals it listed again."""
    seen = []
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", OPEN, str(folder)], cwd=ROOT,
                                capture_output=True, text=True, timeout=120, check=True)
        seen.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return seen


def test_a_settled_start_never_loads_the_registry_files(tmp_path):
    assert _open_twice(tmp_path / "data") == [[False, 0], [False, 0]]


def test_a_start_with_an_unlisted_file_loads_them_and_lists_it_again(tmp_path):
    folder = tmp_path / "data"
    (folder / "journals").mkdir(parents=True)
    (folder / "journals" / "0123456789abcdef.db").write_bytes(os.urandom(4096))
    assert _open_twice(folder) == [[True, 1], [False, 0]]


# A backup is named by journal id, and any file in the backups folder is looked at: a name
# whose "digits" `int` cannot read, or an id no journal can ever have, must not stop a start.

def _counter(context):
    return context.db.execute_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = 'journal'").fetchone()


def test_a_backup_named_with_digits_int_cannot_read_does_not_stop_start_up(data_dir):
    folder = data_dir / "backups" / "journals"
    folder.mkdir(parents=True)
    (folder / f"\u00b2.{STAMP}.daily.db").write_bytes(b"")  # a superscript two
    context = open_app(data_dir)
    try:
        assert _settled_and_reconcile_agrees(context)
        assert _counter(context) is None
    finally:
        context.close()


def test_a_backup_in_other_decimal_digits_still_raises_the_counter(app_context):
    # The backup list reads "\u0663" (Arabic-Indic three) as journal 3: the counter agrees.
    folder = app_context.data_dir / "backups" / "journals"
    folder.mkdir(parents=True)
    (folder / f"\u0663.{STAMP}.daily.db").write_bytes(b"")
    assert not registry_settled(app_context)
    from app.journal.registry.settled import keep_ids_above_backups

    keep_ids_above_backups(app_context)
    assert _counter(app_context) == (3,)
    assert _settled_and_reconcile_agrees(app_context)


def test_a_backup_id_beyond_any_journal_id_does_not_stop_start_up(data_dir):
    folder = data_dir / "backups" / "journals"
    folder.mkdir(parents=True)
    (folder / f"{'9' * 30}.{STAMP}.daily.db").write_bytes(b"")  # above SQLite's integers
    context = open_app(data_dir)
    try:
        assert _settled_and_reconcile_agrees(context)
        assert journal.create_journal(context, "Ours", None).id == 1
    finally:
        context.close()
