"""The page shown while a journal file is rewritten or brought up to date."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

from ui import icons
from ui.journal.forms import centered_card, icon_label
from ui.widgets import heading, muted

REWRITE_TEXT = ("This takes a moment. Your entries are copied into a new file, checked, "
                "and only then swapped in.")



def busy_bar(name: str, *, parent: QWidget) -> QProgressBar:
    """A thin bar that keeps moving until it is given a range (work of unknown length)."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setFixedHeight(6)
    bar.setAccessibleName(name)
    return bar

class BusyPage(QWidget):
    """Shown while the journal file is rewritten (protect, unprotect, new passphrase) or
    brought up to date; the bar moves when the work says how far it has come."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Working")
        layout = centered_card(self)
        layout.addWidget(icon_label(icons.icon("shield", accent=True).pixmap(44, 44),
                                    parent=self))
        self.title = heading("", level=2, parent=self)
        layout.addWidget(self.title)
        self.text = muted(REWRITE_TEXT, parent=self)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.progress = busy_bar("Progress", parent=self)
        layout.addWidget(self.progress)

    def prepare(self, title: str, text: str = REWRITE_TEXT) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.progress.setRange(0, 0)

    def show_progress(self, done: int, total: int) -> None:
        """`done` of `total` steps; a total of 0 (not known) keeps the bar moving."""
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setAccessibleDescription(f"{done} of {total}")
