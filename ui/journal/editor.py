"""The entry editor: title, date, mood, tags, Markdown body with preview, word count."""

from __future__ import annotations

import datetime
import secrets

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import dates
from app.journal.session import count_words
from app.services.journal import Entry, EntryInput
from app.text import count
from ui import icons
from ui.journal.attachments import AttachmentPreview, BodyEdit
from ui.journal.mood import MoodPicker
from ui.journal.status_line import StatusLine
from ui.journal.tags import TagEdit
from ui.theme import SPACING

MAX_PAGE_WIDTH = 780
PROMPT_TEXT = "Write from a prompt"




def _to_qdate(day: datetime.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(day: QDate) -> datetime.date:
    return datetime.date(day.year(), day.month(), day.day())


class EntryEditor(QFrame):
    """Edits one entry (or a new one). It knows nothing of the database: the tab loads it
    with an `Entry` or an `EntryInput` and reads it back with `entry_input()`."""

    edited = Signal()  # any change the person made; drives the draft timer
    focus_left = Signal()  # the writing area lost focus; save the draft now
    save_requested = Signal()
    delete_requested = Signal()
    prompt_requested = Signal()
    focus_mode_toggled = Signal(bool)
    plan_clicked = Signal(object)  # the occurrence key of the plan the entry is about
    picture_requested = Signal()  # Insert picture…
    file_requested = Signal()  # Attach file…

    def __init__(self, *, today=datetime.date.today, describe_plan=None, parent=None):
        super().__init__(parent)
        self._today = today
        # describe_plan(uid, day) -> PlanLink | None (see ui/journal/plan_link.py); the
        # editor itself knows nothing of the calendar.
        self._describe_plan = describe_plan
        self._plan_key = None
        self.entry_id: int | None = None
        self._draft_key = ""
        self._links: dict[str, str | None] = {"activity_uid": None, "guide_id": None,
                                               "prompt_id": None}
        self._loading = False
        self._dirty = False
        self.setAccessibleName("Entry editor")
        self.setProperty("role", "page")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["m"])
        layout.setSpacing(SPACING["s"])

        top = QHBoxLayout()
        top.setSpacing(SPACING["s"])
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setAccessibleName("Entry date")
        self.date_edit.setToolTip("The day this entry is about")
        self.mood_picker = MoodPicker(parent=self)
        self.status_label = StatusLine(parent=self)
        self.status_label.setProperty("role", "small")
        self.status_label.setAccessibleName("Save status")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.date_edit)
        top.addSpacing(SPACING["m"])
        top.addWidget(self.mood_picker)
        top.addStretch(1)
        layout.addLayout(top)

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("Title (optional)")
        self.title_edit.setAccessibleName("Entry title")
        self.title_edit.setProperty("role", "title")
        layout.addWidget(self.title_edit)

        self.plan_button = QPushButton(self)
        self.plan_button.setProperty("role", "flat")
        self.plan_button.setAccessibleName("The plan this entry is about")
        self.plan_button.setToolTip("Show this plan in the calendar")
        self.plan_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.plan_button.hide()
        layout.addWidget(self.plan_button)

        self.prompt_frame = QFrame(self)
        self.prompt_frame.setProperty("role", "panel")
        prompt_row = QHBoxLayout(self.prompt_frame)
        prompt_row.setContentsMargins(SPACING["m"], SPACING["s"], SPACING["s"], SPACING["s"])
        self.prompt_icon = QLabel(self.prompt_frame)
        self.prompt_label = QLabel(self.prompt_frame)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setAccessibleName("Prompt")
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt_close = QToolButton(self.prompt_frame)
        self.prompt_close.setToolTip("Hide the prompt")
        self.prompt_close.setAccessibleName("Hide the prompt")
        prompt_row.addWidget(self.prompt_icon, 0, Qt.AlignmentFlag.AlignTop)
        prompt_row.addWidget(self.prompt_label, 1)
        prompt_row.addWidget(self.prompt_close, 0, Qt.AlignmentFlag.AlignTop)
        self.prompt_frame.hide()
        layout.addWidget(self.prompt_frame)

        tag_row = QHBoxLayout()
        tag_row.setSpacing(SPACING["xs"])
        self.tag_icon = QLabel(self)
        self.tag_edit = TagEdit(parent=self)
        self.tag_edit.setProperty("role", "tags")
        tag_row.addWidget(self.tag_icon)
        tag_row.addWidget(self.tag_edit, 1)
        self._tag_row = tag_row  # the picture and file buttons join it below
        layout.addLayout(tag_row)
        rule = QFrame(self)
        rule.setProperty("role", "rule")
        rule.setFixedHeight(1)
        layout.addWidget(rule)

        self.stack = QStackedWidget(self)
        self.body_edit = BodyEdit(self)
        self.body_edit.setPlaceholderText(
            "Write freely. Markdown works: **bold**, *italic*, # headings, - lists.")
        self.body_edit.setAccessibleName("Entry text")
        self.body_edit.setProperty("role", "page")
        self.body_edit.setTabChangesFocus(True)
        body_font = QFont(self.body_edit.font())
        body_font.setPointSizeF(body_font.pointSizeF() * 1.12)
        self.body_edit.setFont(body_font)
        self.body_edit.installEventFilter(self)
        self.preview = AttachmentPreview(self)
        self.preview.setAccessibleName("Entry preview")
        self.preview.setProperty("role", "page")
        self.preview.setOpenExternalLinks(False)
        self.preview.setOpenLinks(False)
        self.preview.setFont(body_font)
        self.stack.addWidget(self.body_edit)
        self.stack.addWidget(self.preview)
        layout.addWidget(self.stack, 1)

        bottom = QHBoxLayout()
        bottom.setSpacing(SPACING["xs"])
        self.prompt_button = QPushButton(PROMPT_TEXT, self)
        self.prompt_button.setAccessibleName(PROMPT_TEXT)
        self.prompt_button.setProperty("role", "flat")
        self.prompt_button.setToolTip("Pick a reflection prompt to start from")
        self.preview_button = QToolButton(self)
        self.preview_button.setCheckable(True)
        self.preview_button.setAccessibleName("Preview")
        self.preview_button.setToolTip("Show the entry formatted (Ctrl+Shift+P)")
        self.preview_button.setShortcut("Ctrl+Shift+P")
        self.focus_button = QToolButton(self)
        self.focus_button.setCheckable(True)
        self.focus_button.setAccessibleName("Focus mode")
        self.focus_button.setToolTip("Focus mode: hide everything but the page (F11)")
        self.picture_button = QToolButton(self)
        self.picture_button.setAccessibleName("Insert picture")
        self.picture_button.setToolTip("Insert picture… (Ctrl+Shift+I); you can also drop "
                                       "or paste one into the page")
        self.picture_button.setShortcut("Ctrl+Shift+I")
        self.file_button = QToolButton(self)
        self.file_button.setAccessibleName("Attach file")
        self.file_button.setToolTip("Attach a file, kept encrypted in the journal")
        self._tag_row.addWidget(self.picture_button)
        self._tag_row.addWidget(self.file_button)
        self.delete_button = QToolButton(self)
        self.delete_button.setAccessibleName("Delete entry")
        self.delete_button.setToolTip("Delete this entry (Undo brings it back)")
        self.word_label = QLabel(self)
        self.word_label.setProperty("role", "small")
        self.word_label.setAccessibleName("Word count")
        self.word_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.save_button = QPushButton("Save", self)
        self.save_button.setProperty("role", "primary")
        self.save_button.setToolTip("Save this entry (Ctrl+S)")
        bottom.addWidget(self.prompt_button)
        bottom.addStretch(1)
        for widget in (self.preview_button, self.focus_button, self.delete_button):
            bottom.addWidget(widget)
        bottom.addSpacing(SPACING["s"])
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        # The save status and the word count, on a line of their own under the buttons: the
        # status takes whatever width the page has and never asks for more, so its changing
        # words ("Editing…", "Restored draft, not saved yet") cannot move the columns.
        status_row = QHBoxLayout()
        status_row.setSpacing(SPACING["m"])
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.word_label)
        layout.addLayout(status_row)
        self.prompt_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.title_edit.textEdited.connect(self._on_any_edited)
        self.body_edit.textChanged.connect(self._on_body_text_changed)
        self.tag_edit.tags_edited.connect(self._on_any_edited)
        self.mood_picker.mood_changed.connect(self._on_any_edited)
        self.date_edit.dateChanged.connect(self._on_any_edited)
        self.preview_button.toggled.connect(self._on_preview_button_toggled)
        self.focus_button.toggled.connect(self.focus_mode_toggled)
        self.prompt_button.clicked.connect(self.prompt_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        self.picture_button.clicked.connect(self.picture_requested)
        self.file_button.clicked.connect(self.file_requested)
        self.prompt_close.clicked.connect(self._on_prompt_close_clicked)
        self.plan_button.clicked.connect(self._on_plan_button_clicked)
        self.refresh_icons()
        self.start_new()

    # ----- state in and out -----------------------------------------------------------

    def start_new(self, *, day: datetime.date | None = None, title: str = "", body: str = "",
                  prompt: str = "", prompt_id: str | None = None, guide_id: str | None = None,
                  activity_uid: str | None = None) -> None:
        """An empty page for a new entry, optionally started from a prompt, a link or first
        words (a plan's reflection; they count as typed only once the person edits)."""
        self._load(entry_id=None, data=EntryInput(
            date=day or self._today(), title=title, body=body, activity_uid=activity_uid,
            guide_id=guide_id, prompt_id=prompt_id))
        if body:
            self.body_edit.moveCursor(QTextCursor.MoveOperation.End)
        self.set_prompt(prompt)
        self.set_status("New entry")

    def load_entry(self, entry: Entry) -> None:
        self._load(entry_id=entry.id, data=entry.to_input())
        self.set_prompt("")
        self.set_status(f"Saved {self._when(entry.updated_at)}")

    def load_draft(self, *, key: str, entry_id: int | None, data: EntryInput,
                   prompt: str = "") -> None:
        """Put a restored draft back; it is unsaved, so the editor starts dirty and goes on
        writing to the same draft."""
        self._load(entry_id=entry_id, data=data)
        self._draft_key = key
        self.set_prompt(prompt)
        self._dirty = True
        self.set_status("Restored draft, not saved yet")

    def _load(self, *, entry_id: int | None, data: EntryInput) -> None:
        self._loading = True
        try:
            self.entry_id = entry_id
            # New pages get their own key so a new entry never overwrites another's draft.
            self._draft_key = (f"entry-{entry_id}" if entry_id is not None
                               else f"new-{secrets.token_hex(4)}")
            self._links = {"activity_uid": data.activity_uid, "guide_id": data.guide_id,
                           "prompt_id": data.prompt_id}
            self.date_edit.setDate(_to_qdate(data.date))
            self.title_edit.setText(data.title)
            self.mood_picker.set_mood(data.mood)
            self.tag_edit.set_tags(data.tags)
            self.body_edit.setPlainText(data.body)
            self.preview_button.setChecked(False)
            self.delete_button.setEnabled(entry_id is not None)
            self._update_word_count()
            self._show_plan(data.activity_uid, data.date)
        finally:
            self._loading = False
        self._dirty = False

    def entry_input(self) -> EntryInput:
        return EntryInput(
            date=_from_qdate(self.date_edit.date()),
            title=self.title_edit.text().strip(),
            body=self.body_edit.toPlainText(),
            mood=self.mood_picker.mood(),
            tags=self.tag_edit.tags(),
            **self._links,
        )

    @property
    def draft_key(self) -> str:
        return self._draft_key

    def is_dirty(self) -> bool:
        return self._dirty

    def is_blank(self) -> bool:
        data = self.entry_input()
        return not (data.title or data.body.strip() or data.tags or data.mood)

    def mark_saved(self, entry: Entry) -> None:
        self.entry_id = entry.id
        self._draft_key = f"entry-{entry.id}"
        self._dirty = False
        self.delete_button.setEnabled(True)
        self.set_status(f"Saved {self._when(entry.updated_at)}")

    def mark_draft_saved(self, when: datetime.datetime) -> None:
        self.set_status(f"Draft kept {self._when(when)}")

    def _when(self, moment: datetime.datetime) -> str:
        return dates.short_moment_text(moment, self._today())

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _show_plan(self, uid: str | None, day: datetime.date | None) -> None:
        link = self._describe_plan(uid, day) if uid and self._describe_plan else None
        self._plan_key = link.key if link is not None else None
        self.plan_button.setText(link.text if link is not None else "")
        self.plan_button.setEnabled(self._plan_key is not None)
        self.plan_button.setVisible(link is not None)

    def set_prompt(self, text: str) -> None:
        self.prompt_label.setText(text)
        self.prompt_frame.setVisible(bool(text))

    def prompt_text(self) -> str:
        # isHidden, not isVisible: the prompt counts while the tab itself is out of sight.
        return self.prompt_label.text() if not self.prompt_frame.isHidden() else ""

    def use_prompt(self, *, text: str, prompt_id: str, guide_id: str | None) -> None:
        """Start from a prompt: remember which one, and show it above the page."""
        self._links["prompt_id"] = prompt_id
        if guide_id and not self._links["guide_id"]:
            self._links["guide_id"] = guide_id
        self.set_prompt(text)
        self._on_any_edited()
        self.body_edit.setFocus()

    def links(self) -> dict[str, str | None]:
        return dict(self._links)

    def clear_all(self) -> None:
        """Forget every trace of the journal's text (the journal was locked)."""
        self._loading = True
        try:
            self.entry_id = None
            self._draft_key = ""
            self._links = dict.fromkeys(self._links)
            # setText/setPlainText drop the undo history too; clear() would keep it, and
            # Ctrl+Z on the lock screen must not bring text back.
            self.title_edit.setText("")
            self.body_edit.setPlainText("")
            self.body_edit.document().clearUndoRedoStacks()
            self.preview.clear()
            self.tag_edit.clear_all()
            self.mood_picker.set_mood(None)
            self.date_edit.setDate(_to_qdate(self._today()))
            self.set_prompt("")
            self._show_plan(None, None)
            self.preview_button.setChecked(False)
            self.word_label.setText("")
            self.status_label.clear()
        finally:
            self._loading = False
        self._dirty = False

    def text_widgets(self) -> list[QWidget]:
        """Every widget of the editor that can show journal text (tests check them)."""
        return [self.title_edit, self.body_edit, self.preview, self.tag_edit,
                self.prompt_label, self.status_label]

    def refresh_icons(self) -> None:
        self.prompt_button.setIcon(icons.icon("lightbulb"))
        self.preview_button.setIcon(icons.icon("preview"))
        self.focus_button.setIcon(icons.icon("focus-exit" if self.focus_button.isChecked()
                                             else "focus"))
        self.delete_button.setIcon(icons.icon("delete"))
        self.picture_button.setIcon(icons.icon("picture"))
        self.file_button.setIcon(icons.icon("attach"))
        self.prompt_icon.setPixmap(icons.icon("lightbulb", accent=True).pixmap(18, 18))
        self.prompt_close.setIcon(icons.icon("close"))
        self.plan_button.setIcon(icons.icon("calendar", accent=True))
        self.tag_icon.setPixmap(icons.icon("tag", accent=True).pixmap(16, 16))
        self.mood_picker.refresh_icons()

    def insert_markdown(self, text: str) -> None:
        """Put a picture's or file's link at the cursor, on a line of its own."""
        cursor = self.body_edit.textCursor()
        before = "" if cursor.atBlockStart() else "\n"
        cursor.insertText(f"{before}{text}\n")
        self.body_edit.setTextCursor(cursor)
        if self.stack.currentWidget() is self.preview:
            self._on_preview_button_toggled(True)

    def focus_writing(self) -> None:
        if self.stack.currentWidget() is self.preview:
            self.preview_button.setChecked(False)
        self.body_edit.setFocus()

    # ----- slots ----------------------------------------------------------------------

    def _on_any_edited(self, *_args) -> None:
        if self._loading:
            return
        self._dirty = True
        self.set_status("Editing…")
        self.edited.emit()

    def _on_body_text_changed(self) -> None:
        self._update_word_count()
        self._on_any_edited()

    def _update_word_count(self) -> None:
        words = count_words(self.body_edit.toPlainText())
        self.word_label.setText(count(words, "word"))

    def _on_preview_button_toggled(self, checked: bool) -> None:
        if checked:
            self.preview.document().setMarkdown(
                self.body_edit.toPlainText(),
                QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                | QTextDocument.MarkdownFeature.MarkdownNoHTML,
            )
            self.stack.setCurrentWidget(self.preview)
        else:
            self.preview.clear()
            self.stack.setCurrentWidget(self.body_edit)

    def _on_plan_button_clicked(self) -> None:
        if self._plan_key is not None:
            self.plan_clicked.emit(self._plan_key)

    def _on_prompt_close_clicked(self) -> None:
        self.prompt_frame.hide()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Keep lines at a readable length on wide windows: the page stays centred.
        side = max(SPACING["xl"], (self.width() - MAX_PAGE_WIDTH) // 2)
        margins = self.layout().contentsMargins()
        if margins.left() != side:
            self.layout().setContentsMargins(side, margins.top(), side, margins.bottom())
        super().resizeEvent(event)
        self._fit_prompt_button(event.size().width() - 2 * side)

    def _fit_prompt_button(self, width: int) -> None:
        # With large text on a narrow window the bar's buttons do not all fit: the prompt
        # button then shows its icon alone (its tooltip and accessible name stay).
        others = sum(w.sizeHint().width() + SPACING["xs"] for w in (
            self.word_label, self.preview_button, self.focus_button, self.delete_button,
            self.save_button)) + 2 * SPACING["s"]
        full = self.prompt_button.fontMetrics().horizontalAdvance(PROMPT_TEXT) + 40
        self.prompt_button.setText(PROMPT_TEXT if others + full <= width else "")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.body_edit and event.type() == QEvent.Type.FocusOut:
            self.focus_left.emit()
        return super().eventFilter(watched, event)
