"""A read-only or full data folder: a clear error, reading still works, nothing half-written."""

import os
import sqlite3
import subprocess
import sys

import peewee
import pytest

from app.context import open_app
from app.safety.storage import (
    ReadOnlyStorageError,
    StorageError,
    StorageFullError,
    storage_error,
    translate_storage_errors,
)
from tests.helpers.paths import ROOT


def child(mode, data_dir):
    return subprocess.run([sys.executable, "-m", "tests.helpers.children.limits", mode,
                           str(data_dir)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("exc, kind", [
    (peewee.OperationalError("attempt to write a readonly database"), ReadOnlyStorageError),
    (sqlite3.OperationalError("database or disk is full"), StorageFullError),
    (OSError(28, "No space left on device"), StorageFullError),
    (OSError(30, "Read-only file system"), ReadOnlyStorageError),
])
def test_storage_failures_become_typed_errors(exc, kind):
    assert isinstance(storage_error(exc), kind)
    with pytest.raises(kind), translate_storage_errors():
        raise exc


def test_a_hidden_first_error_is_found():
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise peewee.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except peewee.OperationalError as exc:
        assert isinstance(storage_error(exc), StorageFullError)


def test_other_errors_pass_through():
    assert storage_error(peewee.OperationalError("no such table: x")) is None
    with pytest.raises(ValueError), translate_storage_errors():
        raise ValueError("a bug")


def test_exception_hook_shows_storage_errors_as_messages(qtbot):
    from ui.exception_hook import ExceptionHandler

    handler = ExceptionHandler(log_path=None, show_dialogs=False)
    exc = peewee.OperationalError("attempt to write a readonly database")
    with qtbot.waitSignal(handler.exception_handled) as blocker:
        handler.handle(type(exc), exc, None)
    assert blocker.args == ["ReadOnlyStorageError"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to hand the folder to another user")
def test_read_only_folder_opens_for_reading_and_refuses_writes(tmp_path):
    data_dir = tmp_path / "data"
    context = open_app(data_dir)
    context.db.execute_sql("INSERT INTO app_meta VALUES ('who', 'us')")
    context.close()
    os.chmod(tmp_path, 0o755)
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chown(path, 65534, 65534)
        os.chmod(path, 0o555 if path.is_dir() else 0o444)
    before = {p: p.stat().st_mtime_ns for p in data_dir.rglob("*")}
    result = child("read-only", data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "opened True" in lines and "read us" in lines
    assert "refused ReadOnlyStorageError" in lines
    assert any(line.startswith("notice") and "read-only" in line for line in lines)
    assert {p: p.stat().st_mtime_ns for p in data_dir.rglob("*")} == before


def test_full_disk_refuses_cleanly_and_keeps_every_save(tmp_path):
    data_dir = tmp_path / "data"
    open_app(data_dir).close()
    result = child("full", data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("refused") and lines[-1].split()[1] in (
        "StorageFullError", "StorageError")
    saved = [int(line.split()[1]) for line in lines if line.startswith("saved")]
    assert saved
    con = sqlite3.connect(data_dir / "hearth.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        keys = {r[0] for r in con.execute("SELECT key FROM app_meta WHERE key LIKE 'note-%'")}
    finally:
        con.close()
    assert keys == {f"note-{n}" for n in saved}
    assert issubclass(StorageFullError, StorageError)
