"""Pictures and files in the editor: drop, paste and Insert picture…, the inline preview,
display copies, and opening a file with the system's viewer.

Pictures never touch the disk here: a dropped or chosen file is read into memory, a
display copy at most DISPLAY_MAX_PX across is made with QImageReader, and both go into the
journal file through the session. The preview asks for a picture only while it is shown
(`AttachmentPreview.loadResource`), from the session, and keeps nothing once cleared.

Only a file that is not a picture can leave the journal: opened with the system's viewer,
after a warning that the copy is not encrypted, through a file written owner-only into
the data folder's `opened/` folder (never the shared temp folder), which is emptied when
the journal locks and at the next start.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QImageReader, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPlainTextEdit, QTextBrowser

from app.errors import HearthError
from app.journal.attachments import DISPLAY_MAX_PX, LINK_SCHEME, SIZE_MAX, too_large_message
from app.journal.opened_files import write_opened
from ui.background import BackgroundTask

log = logging.getLogger(__name__)

PICTURE_FILTER = "Pictures (*.jpg *.jpeg *.png *.gif *.bmp *.webp);;All files (*)"
OPEN_WARNING = (
    "Hearth will write a copy of “{name}” for your system's viewer to open. That copy is "
    "not encrypted: anyone using this computer could open it until the journal locks, when "
    "Hearth deletes it."
)


def display_copy(data: bytes) -> tuple[bytes, int, int] | None:
    """A display copy (JPEG, or PNG when the picture has transparency) at most
    DISPLAY_MAX_PX across, turned upright as the camera meant; None when Qt cannot read it."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > DISPLAY_MAX_PX:
        # Decoding straight to the smaller size costs a fraction of a full decode.
        reader.setScaledSize(size.scaled(QSize(DISPLAY_MAX_PX, DISPLAY_MAX_PX),
                                         _keep_aspect()))
    image = reader.read()
    if image.isNull():
        return None
    if max(image.width(), image.height()) > DISPLAY_MAX_PX:
        image = image.scaled(DISPLAY_MAX_PX, DISPLAY_MAX_PX, _keep_aspect(), _smooth())
    out = QByteArray()
    target = QBuffer(out)
    target.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(target, "PNG" if image.hasAlphaChannel() else "JPEG", -1 if
               image.hasAlphaChannel() else 85)
    return bytes(out), image.width(), image.height()


def image_bytes(image: QImage) -> bytes:
    """A pasted picture as PNG bytes (it has no file of its own)."""
    out = QByteArray()
    target = QBuffer(out)
    target.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(target, "PNG")
    return bytes(out)


def _keep_aspect():
    from PySide6.QtCore import Qt

    return Qt.AspectRatioMode.KeepAspectRatio


def _smooth():
    from PySide6.QtCore import Qt

    return Qt.TransformationMode.SmoothTransformation


def read_local_file(path: str) -> bytes:
    """A chosen or dropped file's bytes, refused over the size limit before it is read."""
    name = Path(path).name
    try:
        size = os.stat(path).st_size
        if size > SIZE_MAX:
            raise HearthError(too_large_message(name, size))
        with open(path, "rb") as handle:
            data = handle.read(SIZE_MAX + 1)
    except OSError as exc:
        raise HearthError(f"“{name}” cannot be read ({exc.strerror}).") from None
    if len(data) > SIZE_MAX:
        raise HearthError(too_large_message(name, len(data)))
    return data


class BodyEdit(QPlainTextEdit):
    """The entry's Markdown text, taking dropped and pasted pictures and files."""

    files_dropped = Signal(list)  # local paths
    image_pasted = Signal(QImage)

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802 (Qt override)
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt override)
        paths = [url.toLocalFile() for url in source.urls() if url.isLocalFile()] \
            if source.hasUrls() else []
        if paths:
            self.files_dropped.emit(paths)
        elif source.hasImage():
            image = QImage(source.imageData())
            if not image.isNull():
                self.image_pasted.emit(image)
        else:
            super().insertFromMimeData(source)


class AttachmentPreview(QTextBrowser):
    """The formatted entry: `attachment:<id>` pictures are fetched through `loader` while
    shown; `file_clicked(id)` for a link to a stored file."""

    file_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loader: Callable[[int], QImage | None] | None = None
        self.anchorClicked.connect(self._on_anchor_clicked)

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt override)
        if url.scheme() == LINK_SCHEME and self.loader is not None:
            try:
                attachment_id = int(url.path())
            except ValueError:
                return None
            image = self.loader(attachment_id)
            if image is not None and kind == QTextDocument.ResourceType.ImageResource.value:
                return self._fitted(image)
            return None
        return super().loadResource(kind, url)

    def _fitted(self, image: QImage) -> QImage:
        width = max(200, self.viewport().width() - 24)
        if image.width() > width:
            return image.scaledToWidth(width, _smooth())
        return image

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == LINK_SCHEME:
            try:
                self.file_clicked.emit(int(url.path()))
            except ValueError:
                pass


class AttachmentController(QObject):
    """Brings pictures and files into the open entry and back out, over one session.

    `ask(title, text) -> bool` asks a yes/no question (a dialog that closes, cancelled,
    when the journal locks); `message(text)` shows a problem in one line.
    """

    inserted = Signal(str)  # the Markdown to put at the cursor
    failed = Signal(str)

    def __init__(self, *, session, data_dir: Path, keep_location: Callable[[], bool],
                 ask: Callable[[str, str], bool], parent=None):
        super().__init__(parent)
        self._session = session
        self._data_dir = Path(data_dir)
        self._keep_location = keep_location
        self._ask = ask
        self._tasks: list[BackgroundTask] = []

    # ----- in -------------------------------------------------------------------------

    def choose_pictures(self, parent) -> None:
        paths, _ = QFileDialog.getOpenFileNames(parent, "Insert picture", "", PICTURE_FILTER)
        if paths:
            self.add_paths(paths)

    def choose_files(self, parent) -> None:
        paths, _ = QFileDialog.getOpenFileNames(parent, "Attach file", "", "All files (*)")
        if paths:
            self.add_paths(paths)

    def add_paths(self, paths: list[str]) -> None:
        for path in paths:
            self._start(Path(path).name, lambda path=path: read_local_file(path))

    def add_image(self, image: QImage) -> None:
        data = image_bytes(image)
        self._start("Pasted picture.png", lambda: data)

    def _start(self, name: str, read: Callable[[], bytes]) -> None:
        session, keep = self._session, self._keep_location()

        def work(report):
            data = read()
            scaled = display_copy(data)
            display, width, height = scaled if scaled else (None, None, None)
            return session.add_attachment(name, data, display=display, width=width,
                                          height=height, keep_location=keep)

        task = BackgroundTask(work, name="store an attachment", parent=self)
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self.failed)
        task.finished.connect(lambda task=task: self._tasks.remove(task))
        self._tasks.append(task)
        task.start()

    def _on_task_succeeded(self, attachment) -> None:
        self.inserted.emit(attachment.link)

    def busy(self) -> bool:
        return bool(self._tasks)

    # ----- shown ----------------------------------------------------------------------

    def picture(self, attachment_id: int) -> QImage | None:
        """The display copy to show, made now (and kept) for a picture stored without one."""
        try:
            data = self._session.attachment_display(attachment_id)
            if data is None:
                original = self._session.attachment_bytes(attachment_id)
                scaled = display_copy(original)
                if scaled is None:
                    return None
                data, width, height = scaled
                self._session.set_attachment_display(attachment_id, data, width, height)
        except HearthError:
            return None
        image = QImage.fromData(data)
        return None if image.isNull() else image

    # ----- out ------------------------------------------------------------------------

    def open_file(self, attachment_id: int) -> None:
        try:
            attachment = self._session.attachment(attachment_id)
        except HearthError as exc:
            self.failed.emit(exc.message)
            return
        if self._session.info.protected and not self._ask(
                "Open an unencrypted copy?", OPEN_WARNING.format(name=attachment.name)):
            return
        try:
            path = write_opened(self._data_dir, attachment.name,
                                self._session.attachment_bytes(attachment_id))
        except HearthError as exc:
            self.failed.emit(exc.message)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.failed.emit(f"No program on this computer opens “{attachment.name}”.")


def ask_with_box(parent) -> Callable[[str, str], bool]:
    def ask(title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                          parent)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Open

    return ask
