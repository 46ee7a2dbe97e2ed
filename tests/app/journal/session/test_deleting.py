"""Deleting an entry hands all of it back, restoring puts it back whole, and a delete is
final at once: a process killed or a journal locked before the undo leaves it deleted and
the rest of the journal intact."""

from __future__ import annotations

import datetime
import signal
import subprocess
import sys

import pytest

from app.context import open_app
from app.errors import NotFoundError
from app.services import journal
from tests.helpers.journal import PASS, entry_input
from tests.helpers.paths import ROOT

D = datetime.date


@pytest.fixture
def session(app_context):
    info = journal.create_journal(app_context, "Ours", None)
    with journal.open_journal(app_context, info.id) as opened:
        yield opened


def write_canal(session) -> journal.Entry:
    return session.save_entry(entry_input(
        "We walked by the **canal** until the lamps came on.", title="Canal",
        day=D(2026, 3, 7), mood=5, tags=("walks", "evening", "Us"),
        activity_uid="plan-1@hearth", guide_id="listening", prompt_id="smile-01"))


def test_restore_brings_the_entry_back_whole(session):
    kept = session.save_entry(entry_input("Another day.", tags=("evening",)))
    canal = write_canal(session)
    session.save_draft(f"entry-{canal.id}", canal.to_input(), entry_id=canal.id,
                       prompt="What made you smile today?")
    deleted = session.delete_entry(canal.id)
    assert deleted.entry == canal
    assert [d.prompt for d in deleted.drafts] == ["What made you smile today?"]
    assert session.all_tags() == ["evening"]  # tags only it had are gone meanwhile
    assert session.pending_drafts() == []
    with pytest.raises(NotFoundError):
        session.get_entry(canal.id)

    back = session.restore_entry(deleted)
    assert back == canal  # same id, text, mood, tags in order, links and times
    assert session.get_entry(canal.id) == canal
    assert set(session.all_tags()) == {"evening", "walks", "Us"}
    assert [hit.entry_id for hit in session.search("canal").hits] == [canal.id]
    assert [hit.entry_id for hit in session.search("walk").hits] == [canal.id]
    (draft,) = session.pending_drafts()
    assert draft.entry_id == canal.id and draft.prompt == "What made you smile today?"
    assert session.entries_about("plan-1@hearth") == [canal.id]
    assert session.get_entry(kept.id).body == "Another day."


def test_an_id_taken_meanwhile_gives_the_entry_a_new_one(session):
    canal = write_canal(session)
    session.save_draft(f"entry-{canal.id}", canal.to_input(), entry_id=canal.id)
    deleted = session.delete_entry(canal.id)
    newer = session.save_entry(entry_input("Written during the undo window."))
    assert newer.id == canal.id  # SQLite reuses the highest id
    back = session.restore_entry(deleted)
    assert back.id != canal.id and back.title == "Canal" and back.tags == canal.tags
    assert session.get_entry(newer.id).body == "Written during the undo window."
    (draft,) = session.pending_drafts()
    assert draft.entry_id == back.id and draft.key == f"entry-{back.id}"


def test_deleting_twice_is_refused_and_restore_takes_only_a_deletion(session):
    canal = write_canal(session)
    session.delete_entry(canal.id)
    with pytest.raises(NotFoundError, match="already deleted"):
        session.delete_entry(canal.id)
    with pytest.raises(TypeError):
        session.restore_entry(canal)


def test_a_journal_locked_before_the_undo_keeps_the_delete(app_context):
    info = journal.create_journal(app_context, "Ours", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        kept = session.save_entry(entry_input("Stays.", tags=("evening",)))
        canal = write_canal(session)
        session.delete_entry(canal.id)
    with journal.open_journal(app_context, info.id, PASS) as session:
        assert session.entry_ids() == [kept.id]
        assert session.all_tags() == ["evening"]
        assert session.search("canal").hits == ()
        assert session.counts() == {"entry": 1, "tag": 1, "entry_tag": 1, "draft": 0,
                                    "attachment": 0, "attachment_data": 0,
                                    "entry_source": 0}


CHILD = """
import sys
from pathlib import Path
from app.context import open_app
from app.services import journal

context = open_app(Path(sys.argv[1]))
session = journal.open_journal(context, int(sys.argv[2]), sys.stdin.readline().rstrip("\\n"))
session.delete_entry(int(sys.argv[3]))
print("deleted", flush=True)
sys.stdin.readline()  # the undo window: killed here
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_in_the_undo_window_leaves_the_entry_deleted(data_dir):
    context = open_app(data_dir)
    info = journal.create_journal(context, "Mine", PASS)
    with journal.open_journal(context, info.id, PASS) as session:
        kept = session.save_entry(entry_input("Stays.", tags=("evening",)))
        canal = write_canal(session)
    context.close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir), str(info.id),
                              str(canal.id)], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        child.stdin.write(PASS + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "deleted"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    context = open_app(data_dir)
    try:
        with journal.open_journal(context, info.id, PASS) as session:
            assert session.entry_ids() == [kept.id]
            assert session.all_tags() == ["evening"]
            assert session.search("canal").hits == ()
    finally:
        context.close()


def test_an_undone_delete_brings_its_pictures_back_and_a_kept_one_lets_them_go(session):
    from tests.helpers.photos import small_jpeg

    picture = session.add_attachment("walk.jpg", small_jpeg())
    entry = session.save_entry(entry_input(f"The light on the water {picture.link}"))
    original = session.attachment_bytes(picture.id)
    deleted = session.delete_entry(entry.id)
    # Within the undo window the picture waits, unclaimed, instead of going with it.
    restored = session.restore_entry(deleted)
    assert [a.id for a in session.attachments_of(restored.id)] == [picture.id]
    assert session.attachment_bytes(picture.id) == original
    session.delete_entry(restored.id)
    assert session.remove_unclaimed_attachments(datetime.timedelta(minutes=-1)) == 1
    with pytest.raises(NotFoundError):
        session.attachment_bytes(picture.id)
