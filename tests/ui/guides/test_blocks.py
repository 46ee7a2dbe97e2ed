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


def test_a_text_block_in_a_window_being_shown_lays_its_text_out_once_for_its_last_width(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.guides.blocks import AutoHeightBrowser

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    browser = AutoHeightBrowser(parent=window)
    layout.addWidget(browser)
    layout.addStretch(1)
    browser.setHtml("<p>" + " ".join([TEXT] * 6) + "</p>")
    widths = []
    browser.document().documentLayout().documentSizeChanged.connect(
        lambda _size: widths.append(browser.document().textWidth()))
    settled = []
    browser.settled.connect(lambda: settled.append(browser.document().textWidth()))
    # Widths handed out while the window is not on screen yet are not laid out for.
    browser.resize(200, 40)
    QApplication.sendPostedEvents()
    window.resize(480, 600)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bool(settled))
    width = browser.maximumViewportSize().width()
    assert browser.document().textWidth() == width
    assert settled == [width]
    assert set(widths) <= {-1.0, width}
    assert browser.height() == int(browser.document().size().height()) + 2
    # Once on screen, a new width is laid out for at once.
    window.resize(360, 600)
    QApplication.sendPostedEvents()
    qtbot.waitUntil(lambda: browser.document().textWidth() == browser.maximumViewportSize().width())
    assert browser.height() == int(browser.document().size().height()) + 2
