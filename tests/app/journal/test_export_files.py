"""Pictures survive every way out: backup and restore, Markdown folder, HTML and PDF."""

import base64
import datetime
import io
import re

import pytest

from app.context import open_app
from app.safety import backup as B
from app.services import journal
from tests.helpers import photos
from tests.helpers.journal import PASS

NOON = datetime.datetime(2026, 11, 20, 12, 0)


def _entry_with_files(session):
    picture = session.add_attachment("Night walk.jpg", photos.jpeg_with_exif(gps=False),
                                     display=photos.small_png(), width=64, height=48)
    ticket = session.add_attachment("ticket.pdf", b"%PDF-1.4 train ticket")
    entry = session.save_entry(journal.EntryInput(
        date=datetime.date(2021, 5, 3), title="Night walk",
        body=f"By the river.\n\n{picture.link}\n\nThe {ticket.link} too."))
    return entry, picture, ticket


@pytest.fixture
def filled(app_context):
    info = journal.create_journal(app_context, "Ours", PASS)
    with journal.open_journal(app_context, info.id, PASS) as session:
        entry, picture, ticket = _entry_with_files(session)
        originals = {a.id: session.attachment_bytes(a.id) for a in (picture, ticket)}
    return info, entry, originals


def test_photos_are_byte_identical_after_backup_and_restore(app_context, filled):
    info, entry, originals = filled
    saved = B.backup_database(app_context.data_dir, B.journal_key(info.id), passphrase=PASS,
                              now=NOON)
    with journal.open_journal(app_context, info.id, PASS) as session:
        session.delete_entry(entry.id)
        assert session.attachments_of(entry.id) == []
        # Kept, unclaimed, for an undo until the window closes; then they go.
        assert session.remove_unclaimed_attachments(datetime.timedelta(minutes=-1)) == 2
        assert session.counts()["attachment_data"] == 0
    data_dir = app_context.data_dir
    app_context.close()
    B.restore_backup(data_dir, saved.path, passphrase=PASS)
    context = open_app(data_dir)
    try:
        with journal.open_journal(context, info.id, PASS) as session:
            back = {a.id: session.attachment_bytes(a.id)
                    for a in session.attachments_of(entry.id)}
            assert session.attachment_problems() == []
    finally:
        context.close()
    assert back == originals


def test_markdown_folder_writes_the_files_beside_the_entry(app_context, filled, tmp_path):
    info, entry, originals = filled
    out = tmp_path / "out"
    with journal.open_journal(app_context, info.id, PASS) as session:
        result = journal.export_entries(session, None, "md-files", out)
    (page,) = result.paths
    text = page.read_text(encoding="utf-8")
    files = sorted(p.name for p in out.iterdir() if p != page)
    assert files == ["2021-05-03-night-walk-Night walk.jpg", "2021-05-03-night-walk-ticket.pdf"]
    assert "](2021-05-03-night-walk-Night%20walk.jpg)" in text
    assert "[ticket.pdf](2021-05-03-night-walk-ticket.pdf)" in text
    assert "attachment:" not in text
    assert sorted((out / f).read_bytes() for f in files) == sorted(originals.values())


def test_html_embeds_the_display_copy_and_the_file(app_context, filled, tmp_path):
    info, _entry, originals = filled
    out = tmp_path / "out.html"
    with journal.open_journal(app_context, info.id, PASS) as session:
        journal.export_entries(session, None, "html", out)
    page = out.read_text(encoding="utf-8")
    assert "attachment:" not in page
    images = re.findall(r'src="data:([^;]+);base64,([^"]+)"', page)
    assert [(mime, base64.b64decode(data)) for mime, data in images] == [
        ("image/png", photos.small_png())]
    assert 'download="ticket.pdf"' in page
    assert base64.b64encode(b"%PDF-1.4 train ticket").decode() in page


def test_pdf_shows_the_picture(app_context, filled, tmp_path):
    from pypdf import PdfReader

    info, _entry, _originals = filled
    out = tmp_path / "out.pdf"
    with journal.open_journal(app_context, info.id, PASS) as session:
        journal.export_entries(session, None, "pdf", out)
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert sum(len(page.images) for page in reader.pages) == 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert "By the river" in text and "[ticket.pdf]" in text


def test_single_markdown_names_its_pictures(app_context, filled, tmp_path):
    info, _entry, _originals = filled
    out = tmp_path / "out.md"
    with journal.open_journal(app_context, info.id, PASS) as session:
        journal.export_entries(session, None, "md", out)
    text = out.read_text(encoding="utf-8")
    assert "*[picture: Night walk.jpg]*" in text


def test_hearth_check_verifies_the_stored_files(app_context, filled):
    import sqlite3

    info, _entry, _originals = filled
    data_dir = app_context.data_dir
    shared = journal.create_journal(app_context, "Shared", None)
    with journal.open_journal(app_context, shared.id) as session:
        picture = session.add_attachment("a.jpg", photos.small_jpeg())
    app_context.close()
    results = {r.label: r for r in B.check_all(data_dir, passphrases={
        B.journal_key(info.id): PASS})}
    assert all(r.status == "ok" for r in results.values()), results
    # Flip bytes of the stored picture behind Hearth's back: check names it.
    connection = sqlite3.connect(shared.path)
    with connection:
        connection.execute("UPDATE attachment_data SET original = ? WHERE attachment_id = ?",
                           (b"changed", picture.id))
    connection.close()
    (result,) = [r for r in B.check_all(data_dir) if r.key == B.journal_key(shared.id)]
    assert result.status == "damaged"
    assert result.problems == (f"attachment {picture.id}: its bytes do not match their "
                               "checksum",)
