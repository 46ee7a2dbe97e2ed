"""Pictures and files in the journal tab: in by drop, paste and Insert picture…, shown
inline without touching the disk, marked in the list, and opened outside after a warning."""

from __future__ import annotations

import os
import stat
import tempfile

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from tests.helpers import photos
from tests.helpers.journal_ui import build_tab, create_through_welcome
from ui.journal import attachments as ui_attachments
from ui.journal.models import Roles


@pytest.fixture
def tab(qtbot, app_context):
    tab = build_tab(qtbot, app_context)
    create_through_welcome(qtbot, tab)
    return tab


def _drop(qtbot, tab, paths):
    editor, controller = tab.editor, tab.workspace.attachments
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with qtbot.waitSignal(controller.inserted, timeout=5000) as inserted:
        editor.body_edit.insertFromMimeData(mime)
    return inserted.args[0]


def _big_photo(tmp_path):
    image = QImage(2400, 1800, QImage.Format.Format_RGB32)
    image.fill(QColor("#6a8fc9"))
    path = tmp_path / "big.jpg"
    image.save(str(path), "JPEG", 80)
    return path


def test_dropped_picture_is_stored_scaled_claimed_and_marked(qtbot, tab, tmp_path):
    link = _drop(qtbot, tab, [_big_photo(tmp_path)])
    assert link.startswith("![big.jpg](attachment:")
    assert link in tab.editor.body_edit.toPlainText()
    with qtbot.waitSignal(tab.entry_saved, timeout=2000) as saved:
        tab.workspace.save()
    session = tab.workspace.session
    (picture,) = session.attachments_of(saved.args[0])
    display = QImage.fromData(session.attachment_display(picture.id))
    assert max(display.width(), display.height()) == 1600
    assert (picture.width, picture.height) == (1600, 1200)
    model = tab.workspace.sidebar.entry_model
    assert model.data(model.index(0, 0), Roles.ATTACHMENT) == "picture"
    assert "with pictures" in model.data(model.index(0, 0),
                                         Qt.ItemDataRole.AccessibleTextRole)


def test_a_pasted_picture_is_stored(qtbot, tab):
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#c98f6a"))
    mime = QMimeData()
    mime.setImageData(image)
    with qtbot.waitSignal(tab.workspace.attachments.inserted, timeout=5000) as inserted:
        tab.editor.body_edit.insertFromMimeData(mime)
    assert inserted.args[0].startswith("![Pasted picture.png](attachment:")


def test_a_file_over_the_limit_is_refused_with_its_size(qtbot, tab, tmp_path):
    big = tmp_path / "film.mov"
    with open(big, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(big))])
    with qtbot.waitSignal(tab.workspace.attachments.failed, timeout=5000) as failed:
        tab.editor.body_edit.insertFromMimeData(mime)
    assert failed.args[0] == ("“film.mov” is 51 MB; a picture or file can be at most 50 MB. "
                              "Nothing was added.")
    assert "attachment:" not in tab.editor.body_edit.toPlainText()


def test_preview_shows_the_picture_and_writes_no_file(qtbot, tab):
    session = tab.workspace.session
    # Stored without a display copy, as the command line's import leaves it.
    stored = session.add_attachment("walk.jpg", photos.jpeg_with_exif())
    assert not stored.has_display
    tmp = tempfile.gettempdir()
    before = set(os.listdir(tmp))
    tab.editor.body_edit.setPlainText(f"A walk.\n\n{stored.link}\n")
    qtbot.mouseClick(tab.editor.preview_button, Qt.MouseButton.LeftButton)
    document = tab.editor.preview.document()
    image = document.resource(QTextDocument.ResourceType.ImageResource.value,
                              QUrl(f"attachment:{stored.id}"))
    assert isinstance(image, QImage) and image.width() == 64
    assert session.attachment(stored.id).has_display  # made now, and kept
    assert set(os.listdir(tmp)) == before
    qtbot.mouseClick(tab.editor.preview_button, Qt.MouseButton.LeftButton)
    assert tab.editor.preview.document().isEmpty()


def test_opening_a_file_warns_writes_owner_only_and_removes_on_lock(qtbot, tab, monkeypatch,
                                                                     app_context):
    session = tab.workspace.session
    stored = session.add_attachment("ticket.pdf", b"%PDF-1.4 ticket")
    opened, asked = [], []
    monkeypatch.setattr(ui_attachments.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    controller = tab.workspace.attachments
    controller._ask = lambda title, text: asked.append(text) or False
    controller.open_file(stored.id)
    assert opened == [] and "not encrypted" in asked[0]  # declined: nothing written
    controller._ask = lambda title, text: True
    controller.open_file(stored.id)
    (path,) = opened
    assert path.startswith(str(app_context.data_dir / "opened"))
    assert open(path, "rb").read() == b"%PDF-1.4 ticket"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    tab.lock()
    assert not os.path.exists(path)


def test_on_this_day_lists_earlier_years_and_opens_one(qtbot, tab):
    import datetime

    from app.services.journal import EntryInput

    session = tab.workspace.session
    today = datetime.date.today()
    memories = tab.workspace.memories
    tab.workspace.reload()
    assert memories.isHidden() and memories.buttons == []  # nothing to show: no placeholder
    old = session.save_entry(EntryInput(date=today.replace(year=today.year - 2),
                                        title="Two years back", body="We moved in."))
    tab.workspace.reload()
    assert not memories.isHidden()
    (row,) = memories.buttons
    assert "2 years ago" in row.text() and "Two years back" in row.text()
    row.linkActivated.emit(str(old.id))  # what a click or Enter on its link sends
    assert tab.editor.entry_id == old.id
    tab.lock()
    assert memories.buttons == [] and memories.isHidden()


def test_focus_mode_hides_the_memories_with_the_side_column(qtbot, tab):
    import datetime

    from app.services.journal import EntryInput

    today = datetime.date.today()
    tab.workspace.session.save_entry(EntryInput(date=today.replace(year=today.year - 1),
                                                title="A year back"))
    tab.workspace.reload()
    assert tab.workspace.memories.isVisible()
    tab.workspace.set_focus_mode(True)
    assert not tab.workspace.memories.isVisible()
    tab.workspace.set_focus_mode(False)
    assert tab.workspace.memories.isVisible()
