"""No ordinary action loses a journal file: restores of the shared data, a fresh start, an
empty or missing hearth.db, and the passphrase changes after them. Each state is built for
real in a data folder, and every journal file's bytes are checked afterwards."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil

import pytest

from app.context import open_app
from app.errors import DamagedDatabaseError
from app.safety import backup as B
from app.safety.opening import open_data_safely
from app.services import journal
from tests.helpers.safety import PASSPHRASE, entry_titles, journal_path, make_journal

NEW = "a brand new passphrase"


def _hashes(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob("*.db"))}


def _titles_by_name(context) -> dict[str, list[str]]:
    found = {}
    for info in journal.list_journals(context):
        passphrase = PASSPHRASE if info.protected else None
        with journal.open_journal(context, info.id, passphrase) as session:
            found[info.name] = sorted(e.title for e in session.list_entries())
    return found


@pytest.fixture
def two_journals(app_context, data_dir):
    """A protected and an unprotected journal, each with entries; the context is closed."""
    secret = make_journal(app_context, "Ours", entries=3)
    plain = make_journal(app_context, "Notes", passphrase=None, entries=2)
    app_context.close()
    return secret, plain


def test_restoring_an_older_shared_backup_keeps_every_journal(app_context, data_dir):
    # The backup is taken before any journal exists; restoring it used to empty the list,
    # and the next passphrase change swept the unlisted files away.
    old = B.backup_database(data_dir, "hearth", db=app_context.db,
                            now=dt.datetime(2026, 1, 1, 9))
    make_journal(app_context, "Ours", entries=3)
    make_journal(app_context, "Notes", passphrase=None, entries=2)
    app_context.close()
    files_before = _hashes(data_dir / "journals")
    B.restore_backup(data_dir, old.path)
    context = open_app(data_dir)
    try:
        assert _titles_by_name(context) == {"Notes": ["Day 0", "Day 1"],
                                            "Ours": ["Day 0", "Day 1", "Day 2"]}
        assert context.recovered == ()
        ours = next(j for j in journal.list_journals(context) if j.name == "Ours")
        journal.change_passphrase(context, ours.id, PASSPHRASE, NEW)
        assert set(files_before) - {ours.path.name} <= set(_hashes(data_dir / "journals"))
        assert len(journal.list_journals(context)) == 2
    finally:
        context.close()


@pytest.mark.parametrize("how", ["missing", "empty-start-fresh", "damaged-start-fresh"])
def test_a_lost_shared_database_gives_every_journal_back(how, two_journals, data_dir):
    files_before = _hashes(data_dir / "journals")
    shared = data_dir / "hearth.db"
    if how == "missing":
        for path in data_dir.glob("hearth.db*"):
            path.unlink()
    elif how == "empty-start-fresh":
        shared.write_bytes(b"")
    else:
        shared.write_bytes(shared.read_bytes()[:3000])
    for backup in B.list_backups(data_dir, "hearth"):
        backup.path.unlink()  # no sound backup: the offer is a fresh start
    context, notice = open_data_safely(data_dir, interactive=True,
                                       ask=lambda question, button, detail: True)
    assert context is not None, notice
    try:
        names = sorted(j.name for j in journal.list_journals(context))
        assert len(names) == 2 and all(n.startswith("Recovered journal") for n in names)
        assert "listed them again" in notice
        found = _titles_by_name_any(context)
        assert sorted(found) == [["Day 0", "Day 1"], ["Day 0", "Day 1", "Day 2"]]
        # A later passphrase change on one journal leaves the other's file alone.
        protected = next(j for j in journal.list_journals(context) if j.protected)
        journal.change_passphrase(context, protected.id, PASSPHRASE, NEW)
        after = _hashes(data_dir / "journals")
        unprotected = next(j for j in journal.list_journals(context) if not j.protected)
        assert after[unprotected.path.name] == files_before[unprotected.path.name]
    finally:
        context.close()
    if how != "missing":
        assert list(data_dir.glob("hearth.db.damaged-*")), "the old file is kept aside"


def _titles_by_name_any(context) -> list[list[str]]:
    return sorted(_titles_by_name(context).values())


def test_an_empty_shared_database_is_offered_a_restore_not_replaced(two_journals, data_dir):
    good = B.backup_database(data_dir, "hearth", now=dt.datetime(2026, 1, 2, 9))
    (data_dir / "hearth.db").write_bytes(b"")
    with pytest.raises(DamagedDatabaseError):
        open_app(data_dir)
    assert (data_dir / "hearth.db").stat().st_size == 0
    asked = []
    context, notice = open_data_safely(
        data_dir, interactive=True,
        ask=lambda question, button, detail: asked.append(button) or True)
    try:
        assert asked == ["Restore backup"] and "restored" in notice
        assert sorted(j.name for j in journal.list_journals(context)) == ["Notes", "Ours"]
    finally:
        context.close()
    assert good.path.exists()


@pytest.mark.parametrize("damage", ["page-headers", "truncated"])
def test_a_truncated_or_malformed_shared_database_is_offered_a_sound_backup(
        damage, two_journals, data_dir):
    B.backup_database(data_dir, "hearth", now=dt.datetime(2026, 1, 2, 9))
    shared = data_dir / "hearth.db"
    data = bytearray(shared.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:  # every table page after the first claims an impossible page type
        for offset in range(4096, len(data), 4096):
            data[offset] = 0x7F
    shared.write_bytes(bytes(data))
    asked = []
    context, notice = open_data_safely(
        data_dir, interactive=True,
        ask=lambda question, button, detail: asked.append(button) or True)
    if context is None:
        pytest.fail(f"no restore offered: {notice}")
    context.close()
    assert asked == ["Restore backup"]


def test_an_unlisted_protected_journal_comes_back_locked(app_context, data_dir):
    journal_id = make_journal(app_context, "Ours", entries=2)
    source = journal_path(data_dir, journal_id)
    stray = source.parent / "00aa11bb22cc33dd.db"
    shutil.copyfile(source, stray)
    shutil.copyfile(f"{source}.keys", f"{stray}.keys")  # a journal travels with its key file
    app_context.close()
    context = open_app(data_dir)
    try:
        (found,) = [j for j in journal.list_journals(context) if j.path == stray]
        assert found.protected and found.name.startswith("Recovered journal ")
        with pytest.raises(journal.WrongPassphraseError):
            journal.open_journal(context, found.id, "not it")
        with journal.open_journal(context, found.id, PASSPHRASE) as session:
            assert session.count_entries() == 2
    finally:
        context.close()


def test_restored_journal_backup_keeps_other_journals(app_context, data_dir):
    ours = make_journal(app_context, "Ours", entries=2)
    make_journal(app_context, "Notes", passphrase=None, entries=1)
    backup = B.backup_database(data_dir, B.journal_key(ours), passphrase=PASSPHRASE)
    app_context.close()
    B.restore_backup(data_dir, backup.path, passphrase=PASSPHRASE)
    context = open_app(data_dir)
    try:
        assert sorted(_titles_by_name(context)) == ["Notes", "Ours"]
        assert context.recovered == ()
    finally:
        context.close()
    assert entry_titles(journal_path(data_dir, ours), passphrase=PASSPHRASE) == ["Day 0",
                                                                                "Day 1"]


def test_restore_dialog_says_what_a_shared_restore_leaves_alone():
    assert "Journals are left as they are now" in B.SHARED_RESTORE_SCOPE


def test_a_locked_journal_overwritten_with_noise_never_pushes_out_its_good_copies(
        app_context, data_dir):
    journal_id = make_journal(app_context, "Ours", entries=2)
    path = journal_path(data_dir, journal_id)
    key = B.journal_key(journal_id)
    for day in range(1, 11):
        B.daily_backup(data_dir, now=dt.datetime(2026, 4, day, 9))
    good = {b.path for b in B.list_backups(data_dir, key)}
    assert good and all(not b.verified for b in B.list_backups(data_dir, key))
    path.write_bytes(os.urandom(path.stat().st_size))  # same size: the shape still looks right
    for day in range(11, 25):
        outcome = B.daily_backup(data_dir, now=dt.datetime(2026, 4, day, 9))
        assert any("overwrote" in why for _label, why in outcome.skipped)
    assert {b.path for b in B.list_backups(data_dir, key)} == good
    (result,) = [r for r in B.check_all(data_dir) if r.key == key]
    assert result.status == "damaged" and "overwrote" in result.problems[0]
    with pytest.raises(DamagedDatabaseError):
        journal.open_journal(app_context, journal_id, PASSPHRASE)
    newest = B.list_backups(data_dir, key)[0]
    B.verify_backup(newest.path, passphrase=PASSPHRASE)


def test_journals_listed_again_never_take_the_ids_of_old_backups(two_journals, data_dir):
    outcome = B.backup_all(data_dir, passphrases={"journal-1": PASSPHRASE})
    assert len(outcome.made) == 3
    (data_dir / "hearth.db").unlink()
    for backup in B.list_backups(data_dir, "hearth"):
        backup.path.unlink()
    context = open_app(data_dir)
    try:
        ids = sorted(j.id for j in journal.list_journals(context))
        assert len(ids) == 2 and min(ids) > 2
        for info in journal.list_journals(context):
            assert B.list_backups(data_dir, B.journal_key(info.id)) == []
    finally:
        context.close()


def test_a_missing_shared_database_with_backups_is_offered_back_not_started_fresh(
        two_journals, data_dir):
    B.backup_database(data_dir, "hearth", now=dt.datetime(2026, 1, 3, 9))
    (data_dir / "hearth.db").unlink()
    with pytest.raises(DamagedDatabaseError) as caught:
        open_app(data_dir)
    assert "hearth restore" in caught.value.message
    asked = []
    context, notice = open_data_safely(
        data_dir, interactive=True,
        ask=lambda question, button, detail: asked.append(button) or True)
    try:
        assert asked == ["Restore backup"]
        assert sorted(j.name for j in journal.list_journals(context)) == ["Notes", "Ours"]
    finally:
        context.close()


def test_restoring_an_old_shared_backup_over_a_lost_one_leaves_no_ghost_journals(
        app_context, data_dir):
    alice = make_journal(app_context, "Alice", entries=2)
    bob = make_journal(app_context, "Bob", entries=1)
    old = B.backup_database(data_dir, "hearth", db=app_context.db,
                            now=dt.datetime(2026, 1, 4, 9))
    journal.delete_journal(app_context, bob, PASSPHRASE)
    journal.change_passphrase(app_context, alice, PASSPHRASE, NEW, new_key=True)
    app_context.close()
    for path in data_dir.glob("hearth.db*"):
        path.unlink()
    outcome = B.restore_backup(data_dir, old.path)
    assert outcome.notes and "Alice" in outcome.notes[0] and "Bob" in outcome.notes[0]
    context = open_app(data_dir)
    try:
        listed = journal.list_journals(context)
        assert all(info.path.exists() for info in listed)
        (recovered,) = listed
        with journal.open_journal(context, recovered.id, NEW) as session:
            assert session.count_entries() == 2
    finally:
        context.close()
