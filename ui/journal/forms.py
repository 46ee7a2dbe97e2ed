"""Building blocks shared by the journal's full-tab pages (welcome, chooser, lock)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.theme import SPACING
from ui.viewports import own_viewport

CARD_WIDTH = 520


def centered_card(page: QWidget) -> QVBoxLayout:
    """Put a card in the middle of `page` and return the card's layout. The card scrolls
    when the window is too short for it (small windows, the "larger" text size)."""
    page_layout = QVBoxLayout(page)
    page_layout.setContentsMargins(0, 0, 0, 0)
    scroll = own_viewport(QScrollArea(page))
    scroll.viewport().setAutoFillBackground(False)  # transparent, like the page behind it
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    inner = QWidget(scroll)
    inner.setObjectName("cardHolder")
    inner.setAutoFillBackground(False)
    scroll.setWidget(inner)
    page_layout.addWidget(scroll)
    outer = QVBoxLayout(inner)
    outer.setContentsMargins(SPACING["xl"], SPACING["xl"], SPACING["xl"], SPACING["xl"])
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    card = QFrame(page)
    card.setProperty("role", "card")
    card.setMaximumWidth(CARD_WIDTH)
    card.setMinimumWidth(min(CARD_WIDTH, 380))
    row.addWidget(card, 4)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(SPACING["xxl"], SPACING["xl"], SPACING["xxl"], SPACING["xl"])
    layout.setSpacing(SPACING["m"])
    return layout


def icon_label(pixmap, *, parent=None) -> QLabel:
    label = QLabel(parent)
    label.setPixmap(pixmap)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return label


def password_field(*, placeholder: str, accessible: str, parent=None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(accessible)
    field.setClearButtonEnabled(False)
    # The passphrase must not travel through the clipboard or an input method's history.
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return field


def error_label(*, parent=None) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setAccessibleName("Error")
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))
