"""The reader's building blocks measure themselves exactly as Qt's own widgets would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel

from ui.guides.blocks import WrappedLabel

TEXT = ("Take a short walk together without phones in hand. Each of you answers one "
        "question while you walk, and the other only listens.")


def _plain_label(text: str, *, rich: bool) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    return label


def test_a_wrapped_label_is_as_tall_as_a_word_wrapped_qlabel(qtbot):
    for rich in (False, True):
        ours, qts = WrappedLabel(TEXT, rich=rich), _plain_label(TEXT, rich=rich)
        qtbot.addWidget(ours)
        qtbot.addWidget(qts)
        assert ours.wordWrap()
        assert ours.textFormat() == qts.textFormat()
        for width in (120, 300, 300, 640, 120):
            assert ours.heightForWidth(width) == qts.heightForWidth(width)


def test_a_wrapped_label_measures_its_new_text_and_its_new_font(qtbot):
    label = WrappedLabel(TEXT, rich=True)
    qtbot.addWidget(label)
    one_line = label.heightForWidth(200)
    label.setText(f"<div style='font-size:30pt'>{TEXT}</div>")
    assert label.heightForWidth(200) > one_line
    label.setText(TEXT)
    assert label.heightForWidth(200) == one_line
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    QApplication.sendPostedEvents(label, QEvent.Type.FontChange)
    assert label.heightForWidth(200) == _sized(font, TEXT).heightForWidth(200) > one_line


def _sized(font: QFont, text: str) -> QLabel:
    label = _plain_label(text, rich=True)
    label.setFont(font)
    return label
