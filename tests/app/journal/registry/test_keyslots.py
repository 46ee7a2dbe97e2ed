"""Protected journals through their key slots: recovery, tampering, a lost key file,
backups that keep their key, and older journals moving over even when killed midway."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.context import open_app
from app.db_files import key_file_of
from app.errors import DamagedDatabaseError, ValidationError, WrongPassphraseError
from app.journal.keys.file import KeyFileMissingError
from app.journal.keys.recovery import ALPHABET
from app.journal.keys.slots import KeyFileDamagedError
from app.journal.registry.rewrite import rewrite_file
from app.safety import backup as B
from app.safety.storage import StorageFullError
from app.services import journal
from tests.helpers.journal import PASS, entry_input, folder_hashes
from tests.helpers.paths import ROOT

NEW = "a new passphrase"


def _filled(context, name="Mine", count=5):
    info, recovery_key = journal.create_protected_journal(context, name, PASS)
    with journal.open_journal(context, info.id, PASS) as session:
        for n in range(count):
            session.save_entry(entry_input(f"Entry {n} by the river", title=f"Day {n}",
                                           tags=(f"tag{n}",)))
    return info, recovery_key


def _entries(context, journal_id, passphrase):
    with journal.open_journal(context, journal_id, passphrase) as session:
        return [(e.title, e.body, e.tags) for e in session.get_entries()]


def test_a_forgotten_passphrase_is_replaced_with_the_recovery_key(app_context):
    info, recovery_key = _filled(app_context)
    before = _entries(app_context, info.id, PASS)
    typed = recovery_key.lower().replace("-", " ")
    journal.recover_journal(app_context, info.id, typed, NEW)
    assert _entries(app_context, info.id, NEW) == before
    with pytest.raises(WrongPassphraseError):
        journal.open_journal(app_context, info.id, PASS)
    # The recovery key keeps working: it can set a passphrase again.
    journal.recover_journal(app_context, info.id, recovery_key, "and again")
    assert _entries(app_context, info.id, "and again") == before


@pytest.mark.parametrize("kind", ["mistyped", "another journal's"])
def test_a_wrong_recovery_key_is_refused_and_nothing_is_written(app_context, kind):
    info, recovery_key = _filled(app_context)
    _, other_key = journal.create_protected_journal(app_context, "Theirs", "theirs")
    before = folder_hashes(app_context.data_dir / "journals")
    if kind == "mistyped":
        # One wrong character, which the key's check characters always catch (a shuffled
        # group is caught almost always, so the check would fail now and then).
        groups = recovery_key.split("-")
        wrong = ALPHABET[(ALPHABET.index(groups[3][0]) + 1) % len(ALPHABET)]
        groups[3] = wrong + groups[3][1:]
        with pytest.raises(ValidationError, match="typo"):
            journal.recover_journal(app_context, info.id, "-".join(groups), NEW)
    else:
        with pytest.raises(WrongPassphraseError, match="recovery key does not open"):
            journal.recover_journal(app_context, info.id, other_key, NEW)
    assert folder_hashes(app_context.data_dir / "journals") == before
    assert len(_entries(app_context, info.id, PASS)) == 5


def test_a_flipped_byte_in_the_key_file_is_refused_in_words(app_context):
    info, _ = _filled(app_context)
    path = key_file_of(info.path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x04
    path.write_bytes(bytes(data))
    with pytest.raises(KeyFileDamagedError) as caught:
        journal.open_journal(app_context, info.id, PASS)
    assert "key file" in caught.value.message and "Restore" in caught.value.message
    (result,) = [r for r in B.check_all(app_context.data_dir) if r.key != "hearth"]
    assert result.status == "damaged" and "key file" in result.problems[0]


def test_slots_swapped_between_two_journals_are_refused_in_words(app_context):
    mine, _ = _filled(app_context)
    theirs, _ = journal.create_protected_journal(app_context, "Theirs", PASS)
    document = json.loads(key_file_of(mine.path).read_bytes())
    document["slots"] = json.loads(key_file_of(theirs.path).read_bytes())["slots"]
    key_file_of(mine.path).write_text(json.dumps(document))
    with pytest.raises(KeyFileDamagedError, match="another journal"):
        journal.open_journal(app_context, mine.id, PASS)
    # A whole key file of the other journal beside this one opens, but does not fit.
    shutil.copyfile(key_file_of(theirs.path), key_file_of(mine.path))
    with pytest.raises(DamagedDatabaseError, match="belongs to another copy"):
        journal.open_journal(app_context, mine.id, PASS)


def test_a_missing_key_file_is_explained_with_restore_offered(app_context):
    info, _ = _filled(app_context)
    B.backup_database(app_context.data_dir, B.journal_key(info.id), passphrase=PASS)
    key_file_of(info.path).unlink()
    with pytest.raises(KeyFileMissingError) as caught:
        journal.open_journal(app_context, info.id, PASS)
    assert "key file is missing" in caught.value.message
    assert "Restore from backup" in caught.value.message
    (result,) = [r for r in B.check_all(app_context.data_dir) if r.key != "hearth"]
    assert result.status == "damaged" and "key file is missing" in result.problems[0]


def test_backups_carry_the_key_file_and_restore_with_the_passphrase_of_then(app_context):
    info, recovery_key = _filled(app_context)
    before = _entries(app_context, info.id, PASS)
    made = B.backup_database(app_context.data_dir, B.journal_key(info.id), passphrase=PASS)
    assert key_file_of(made.path).exists() and oct(key_file_of(made.path).stat().st_mode)[-3:] == "600"
    journal.change_passphrase(app_context, info.id, PASS, NEW)
    with journal.open_journal(app_context, info.id, NEW) as session:
        session.save_entry(entry_input("After the backup"))
    app_context.close()
    outcome = B.restore_backup(app_context.data_dir, made.path, passphrase=PASS)
    assert key_file_of(outcome.restored).exists()
    context = open_app(app_context.data_dir)
    try:
        assert _entries(context, info.id, PASS) == before
        # The same backup restores with the recovery key instead of the passphrase.
        context.close()
        B.restore_backup(context.data_dir, made.path, passphrase=recovery_key)
        context = open_app(context.data_dir)
        assert _entries(context, info.id, PASS) == before
    finally:
        context.close()


def test_a_new_recovery_key_retires_the_old_one_and_the_kit_counts_as_unsaved(app_context):
    info, old_key = _filled(app_context)
    assert journal.kit_pending(info)
    journal.mark_kit_saved(app_context, info.id)
    assert not journal.kit_pending(info)
    new_key = journal.new_recovery_key(app_context, info.id, PASS)
    # The journal was re-encrypted into a new file: its registry entry says which.
    assert new_key != old_key and journal.kit_pending(journal.get_journal(app_context, info.id))
    with pytest.raises(WrongPassphraseError):
        journal.recover_journal(app_context, info.id, old_key, NEW)
    journal.recover_journal(app_context, info.id, new_key, NEW)
    assert len(_entries(app_context, info.id, NEW)) == 5


def test_the_old_recovery_key_opens_nothing_after_a_new_one_even_with_an_old_key_file(
        app_context):
    # A new kit is made because the old one was lost or seen: someone holding it and an
    # older copy of the key file (a backup's) must not open what the journal holds now.
    info, old_key = _filled(app_context)
    old_keys_copy = key_file_of(info.path).read_bytes()
    journal.new_recovery_key(app_context, info.id, PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        session.save_entry(entry_input("Written after the new kit", title="Later"))
    current = journal.get_journal(app_context, info.id)
    key_file_of(current.path).write_bytes(old_keys_copy)  # the attacker's copy
    with pytest.raises((WrongPassphraseError, DamagedDatabaseError)):
        journal.recover_journal(app_context, info.id, old_key, NEW)
    with pytest.raises((WrongPassphraseError, DamagedDatabaseError)):
        journal.open_journal(app_context, info.id, PASS)


def test_a_kit_that_cannot_be_written_leaves_the_journal_and_its_keys_as_they_were(
        app_context):
    info, old_key = _filled(app_context)
    before = folder_hashes(info.path.parent)

    def fail(_text):
        raise OSError(28, "No space left on device")

    with pytest.raises(StorageFullError):
        journal.new_recovery_key(app_context, info.id, PASS, write_kit=fail)
    assert folder_hashes(info.path.parent) == before
    assert journal.get_journal(app_context, info.id).path == info.path
    journal.recover_journal(app_context, info.id, old_key, NEW)  # the old kit still works
    assert len(_entries(app_context, info.id, NEW)) == 5


def test_a_kit_written_by_the_new_key_counts_as_saved(app_context):
    info, _ = _filled(app_context)
    written = []
    key = journal.new_recovery_key(app_context, info.id, PASS, write_kit=written.append)
    assert written == [key]
    assert not journal.kit_pending(journal.get_journal(app_context, info.id))
    journal.recover_journal(app_context, info.id, key, NEW)
    assert len(_entries(app_context, info.id, NEW)) == 5


@pytest.mark.parametrize("how", ["changed", "recovered"])
def test_a_new_passphrase_is_set_only_after_a_backup_that_opens_with_the_old_one(
        app_context, how):
    info, recovery_key = _filled(app_context)
    key = B.journal_key(info.id)
    assert not [b for b in B.list_backups(app_context.data_dir, key) if b.reason == "passphrase"]
    if how == "changed":
        journal.change_passphrase(app_context, info.id, PASS, NEW)
    else:
        journal.recover_journal(app_context, info.id, recovery_key, NEW)
    made = [b for b in B.list_backups(app_context.data_dir, key) if b.reason == "passphrase"]
    assert len(made) == 1 and key_file_of(made[0].path).exists()
    # Forgot the new one at once: the backup still opens with the old passphrase.
    from app import sqlcipher
    from app.journal.keys.unlock import key_for

    copy = sqlcipher.connect_read_only(made[0].path, key_for(made[0].path, PASS))
    try:
        assert copy.execute("SELECT count(*) FROM entry").fetchone()[0] == 5
    finally:
        copy.close()
    with pytest.raises(WrongPassphraseError):
        key_for(made[0].path, NEW)


def _make_older(context, name="Old", count=4) -> int:
    """A protected journal as Hearth wrote them before key slots: keyed by the passphrase
    itself, with no key file."""
    info, _ = _filled(context, name, count)
    from app.journal.keys.unlock import key_for

    key = key_for(info.path, PASS)
    rewrite_file(context, info, key, PASS)
    older = journal.get_journal(context, info.id)
    assert not key_file_of(older.path).exists()
    return info.id


def test_an_older_journal_moves_to_key_slots_on_its_first_unlock(app_context):
    journal_id = _make_older(app_context)
    assert not journal.uses_key_slots(journal.get_journal(app_context, journal_id))
    before = _entries(app_context, journal_id, PASS)  # the first unlock moves it
    info = journal.get_journal(app_context, journal_id)
    assert journal.uses_key_slots(info) and journal.kit_pending(info)
    assert _entries(app_context, journal_id, PASS) == before
    reasons = [b.reason for b in B.list_backups(app_context.data_dir, B.journal_key(journal_id))]
    assert "passphrase" in reasons  # backed up before the move


KILLED_MOVE = textwrap.dedent("""
    import os, sys, time
    from app.context import open_app
    from app.journal.registry import keyslots
    from app.services import journal

    from pathlib import Path
    data_dir, journal_id, target = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    passphrase = sys.stdin.readline().rstrip("\\n")

    def step(name):
        print(name, flush=True)
        if name == target:
            time.sleep(600)

    keyslots.step = step
    context = open_app(data_dir)
    journal.open_journal(context, journal_id, passphrase).close()
    print("done", flush=True)
""")

STEPS = ["backed up", "copied", "verified", "key file written", "switched",
         "old file removed"]


@pytest.mark.slow
@pytest.mark.parametrize("target", STEPS)
def test_a_move_killed_at_any_step_leaves_a_journal_that_opens(data_dir, target):
    context = open_app(data_dir)
    journal_id = _make_older(context)
    context.close()
    child = subprocess.Popen([sys.executable, "-c", KILLED_MOVE, str(data_dir), str(journal_id),
                              target], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    child.stdin.write(PASS + "\n")
    child.stdin.flush()
    seen = []
    while not seen or seen[-1] != target:
        line = child.stdout.readline()
        assert line, f"the child ended before {target}: saw {seen}"
        seen.append(line.strip())
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    context = open_app(data_dir)  # settles what the killed process left
    try:
        entries = _entries(context, journal_id, PASS)
        assert [e[0] for e in entries] == [f"Day {n}" for n in range(4)]
        info = journal.get_journal(context, journal_id)
        assert journal.uses_key_slots(info)  # moved now, if the kill came first
        files = sorted(p.name for p in (data_dir / "journals").iterdir())
        assert files == [info.path.name, key_file_of(info.path).name]
    finally:
        context.close()


def _resummed(path: Path, change) -> None:
    """Rewrite a key file with `change` applied to its content and its checksum recomputed,
    as someone who read the format would."""
    from app.journal.keys import slots

    document = json.loads(path.read_bytes())
    document.pop("checksum")
    change(document)
    document["checksum"] = slots._checksum(document)
    path.write_text(json.dumps(document))


def _check_of(context, info):
    (result,) = [r for r in B.check_all(context.data_dir) if r.key == B.journal_key(info.id)]
    return result


def test_check_refuses_key_files_the_journal_commands_refuse(app_context):
    mine, _ = _filled(app_context, "Mine", count=1)
    theirs, _ = _filled(app_context, "Theirs", count=1)
    for info in (mine, theirs):
        B.backup_database(app_context.data_dir, B.journal_key(info.id), passphrase=PASS)
    assert _check_of(app_context, mine).status == "locked"
    mine_keys, their_keys = key_file_of(mine.path), key_file_of(theirs.path)
    saved = mine_keys.read_bytes(), their_keys.read_bytes()
    # Two journals' key files swapped whole.
    mine_keys.write_bytes(saved[1])
    their_keys.write_bytes(saved[0])
    for info in (mine, theirs):
        result = _check_of(app_context, info)
        assert result.status == "damaged" and "another journal" in result.problems[0]
    their_keys.write_bytes(saved[1])

    def greedy(document):
        document["slots"][0]["kdf"]["memory_kib"] = 8

    for change, words in ((greedy, "out of range"),
                          (lambda d: d.update(slots=[]), "no passphrase slot")):
        mine_keys.write_bytes(saved[0])
        _resummed(mine_keys, change)
        result = _check_of(app_context, mine)
        assert result.status == "damaged" and words in result.problems[0], result
        with pytest.raises(DamagedDatabaseError):
            journal.open_journal(app_context, mine.id, PASS)
    mine_keys.write_bytes(saved[0])
    assert _check_of(app_context, mine).status == "locked"


def test_a_missing_key_file_without_backups_says_so_on_unlock(app_context):
    info, _ = _filled(app_context, count=1)
    key_file_of(info.path).unlink()
    with pytest.raises(WrongPassphraseError, match="key file is missing") as caught:
        journal.open_journal(app_context, info.id, PASS)
    assert "Restore from backup" in caught.value.message
