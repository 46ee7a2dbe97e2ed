"""Find text a window shows cut short: buttons and one-line labels narrower than their words,
wrapped labels shorter than their lines, and widgets pushed past the edge of their window.

A button is measured two ways, because either alone misses a case: narrower than its own
size hint (a layout squeezed it), and narrower than its words in the font it paints with (a
size hint worked out in another font, as a stylesheet font change on a state would cause).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QToolButton,
    QWidget,
)

# Room a push button needs beside its words (border and stylesheet padding are in its hint;
# this is only the margin the painted words must keep from the edge).
_TEXT_MARGIN = 4


def _shown_text(button: QAbstractButton) -> str:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if isinstance(button, QToolButton) and \
            button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return ""
    return text


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def visible_rect(widget: QWidget) -> QRect:
    """The part of `widget` its parents leave on screen, in its own coordinates."""
    shown = widget.rect()
    child, parent = widget, widget.parentWidget()
    while parent is not None and not child.isWindow():
        offset = widget.mapTo(parent, QPoint(0, 0))
        shown &= parent.rect().translated(-offset)
        child, parent = parent, parent.parentWidget()
    return shown


def describe(widget: QWidget) -> str:
    name = widget.accessibleName() or widget.objectName()
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__} {text or name!r}"


def clipped(top: QWidget) -> list[str]:
    """Every visible text widget under `top` that cannot show all of its words, each as
    "QPushButton 'Use this prompt': 150 px for 172 px of words"."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        problem = _button_problem(widget) or _label_problem(widget) or \
            _edge_problem(widget, top)
        if problem:
            found.append(f"{describe(widget)}: {problem}")
    return found


def _button_problem(widget: QWidget) -> str:
    if not isinstance(widget, QAbstractButton):
        return ""
    text = _shown_text(widget)
    if not text:
        return ""
    hint = widget.sizeHint().width()
    if widget.width() < hint:
        return f"{widget.width()} px wide, its size hint is {hint} px"
    words = widget.fontMetrics().horizontalAdvance(text)
    room = widget.width()
    if not widget.icon().isNull():
        room -= widget.iconSize().width() + _TEXT_MARGIN
    if isinstance(widget, (QCheckBox, QRadioButton)):
        room -= widget.style().pixelMetric(widget.style().PixelMetric.PM_IndicatorWidth, None,
                                           widget)
    if isinstance(widget, QPushButton):
        room -= 2 * _TEXT_MARGIN
    if words > room:
        return f"{room} px for {words} px of words"
    return ""


def _label_problem(widget: QWidget) -> str:
    if not isinstance(widget, QLabel) or not widget.text():
        return ""
    if widget.wordWrap():
        # A wrapped label cut short keeps its width and loses its last lines.
        needed = widget.heightForWidth(widget.width())
        if widget.height() < needed:
            return f"{widget.height()} px tall, its words need {needed} px"
        return ""
    if widget.textFormat() == Qt.TextFormat.RichText or "<" in widget.text():
        return ""
    hint = widget.sizeHint().width()
    if widget.width() < hint:
        return f"{widget.width()} px wide, its size hint is {hint} px"
    return ""


def _edge_problem(widget: QWidget, top: QWidget) -> str:
    if not isinstance(widget, (QAbstractButton, QLabel)) or _inside_scroll_area(widget, top):
        return ""
    corner = widget.mapTo(top, widget.rect().bottomRight())
    if corner.x() >= top.width() + 1 or corner.y() >= top.height() + 1:
        return f"reaches ({corner.x()}, {corner.y()}), past the window's {top.width()}x" \
               f"{top.height()}"
    return ""
