"""The entry editor's parts on their own: tags and their completion, preview, word count."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt

from app.services.journal import EntryInput
from ui.journal.editor import EntryEditor, count_words
from ui.journal.passphrase import estimate
from ui.journal.tags import TagEdit, split_tags


def test_split_tags_trims_and_drops_repeats():
    assert split_tags(" walks,  date   night ,Walks,, ") == ("walks", "date night")


def test_completion_replaces_only_the_tag_being_typed(qtbot):
    edit = TagEdit()
    qtbot.addWidget(edit)
    edit.set_known_tags(["walks", "weekend", "home"])
    edit.setText("home, W")
    completer = edit.tag_completer
    assert completer.splitPath(edit.text()) == ["W"]
    completer.setCompletionPrefix("W")
    assert completer.completionCount() == 2  # case is ignored
    index = completer.completionModel().index(1, 0)
    assert completer.pathFromIndex(index) == "home, weekend"


def test_editor_round_trips_an_entry(qtbot):
    editor = EntryEditor(today=lambda: datetime.date(2026, 11, 23))
    qtbot.addWidget(editor)
    data = EntryInput(date=datetime.date(2026, 2, 14), title="Valentine's", body="Roses",
                      mood=5, tags=("us", "date night"), activity_uid="a-1")
    editor.load_draft(key="new-1", entry_id=None, data=data)
    assert editor.entry_input() == data
    assert editor.draft_key == "new-1" and editor.is_dirty()
    editor.start_new()
    assert editor.entry_input().date == datetime.date(2026, 11, 23)
    assert editor.draft_key.startswith("new-") and editor.draft_key != "new-1"


def test_typing_counts_words_and_marks_the_editor_dirty(qtbot):
    editor = EntryEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.edited):
        qtbot.keyClicks(editor.body_edit, "Don't stop; keep going")
    assert editor.word_label.text() == "4 words"
    assert count_words("Don't stop; keep_going") == 4  # the same count the journal stores
    assert editor.is_dirty()


def test_preview_renders_markdown_but_not_raw_html(qtbot):
    editor = EntryEditor()
    qtbot.addWidget(editor)
    editor.body_edit.setPlainText("# Title\n\n**bold** <img src='https://example.org/x.png'>")
    qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    assert editor.stack.currentWidget() is editor.preview
    html = editor.preview.toHtml()
    assert "font-weight" in html  # the bold and the heading were rendered
    assert "<img" not in html
    qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    assert editor.stack.currentWidget() is editor.body_edit
    assert editor.preview.toPlainText() == ""


def test_mood_picker_toggles(qtbot):
    editor = EntryEditor()
    qtbot.addWidget(editor)
    qtbot.mouseClick(editor.mood_picker.buttons[4], Qt.MouseButton.LeftButton)
    assert editor.entry_input().mood == 4
    qtbot.mouseClick(editor.mood_picker.buttons[4], Qt.MouseButton.LeftButton)
    assert editor.entry_input().mood is None


def test_passphrase_estimate_orders_sensibly():
    scores = [estimate(p).score for p in ("password", "short1", "tulips4ever",
                                           "amber lantern over quiet water")]
    assert scores[0] == 0 and scores[1] == 0
    assert scores[2] < scores[3] and scores[3] >= 3
