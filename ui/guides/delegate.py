"""Paints one guide in the list as a small card: title, summary or search excerpt, status."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QStyledItemDelegate

from app.text import escape_html, shorten
from ui import icons
from ui.guides.models import GuideRole
from ui.item_state import item_state
from ui.theme import blend

PAD = 12
STAR = 18
SUMMARY_LINES = 3


def highlighted_html(text: str, terms, *, mark: str) -> str:
    """`text` escaped for HTML with every occurrence of `terms` on a `mark` background."""
    if not terms:
        return escape_html(text)
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)),
                         re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape_html(text[last:match.start()]))
        out.append(f"<span style='background-color:{mark}; font-weight:600'>"
                   f"{escape_html(match.group(0))}</span>")
        last = match.end()
    out.append(escape_html(text[last:]))
    return "".join(out)


def wrap_two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` in one line if it fits, else two, the second elided if still too long."""
    def fit(line: str) -> str:
        if metrics.horizontalAdvance(line) <= width:
            return line
        return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)

    if metrics.horizontalAdvance(text) <= width:
        return [text]
    words = text.split()
    first = words[0]
    for count in range(1, len(words)):
        candidate = " ".join(words[: count + 1])
        if metrics.horizontalAdvance(candidate) > width:
            break
        first = candidate
    rest = text[len(first):].strip()
    if not rest:  # one word wider than the line
        return [fit(text)]
    return [fit(first), fit(rest)]


def _draw_marked(painter: QPainter, marked_html: str, font: QFont, colour, clip: QRectF) -> None:
    """Rich text with search marks, at the painter's origin (only a search shows marks,
    so the rich-text classes load with the first one)."""
    from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument

    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    document.setTextWidth(clip.width())
    document.setHtml(f"<div style='color:{colour.name()}'>{marked_html}</div>")
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    context.palette.setColor(QPalette.ColorRole.Text, colour)
    document.documentLayout().draw(painter, context)


class GuideItemDelegate(QStyledItemDelegate):
    """A card per guide. Clicking the star toggles the favourite."""

    favourite_clicked = Signal(str)  # guide id

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._sizes: dict[str, QSize] = {}

    def _fonts(self, option) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setPointSizeF(option.font.pointSizeF() * 1.1)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.88)
        return title, QFont(option.font), small

    @staticmethod
    def _summary_height(font: QFont, lines: int = SUMMARY_LINES) -> int:
        """The height of `lines` lines of `font`: each line stands on a whole pixel, as
        both QPainter's wrapped text and QTextDocument place them."""
        return lines * math.ceil(QFontMetricsF(font).height())

    @staticmethod
    def shown_text(text: str, font: QFont, width: float, height: int) -> str:
        """`text` as the card shows it in `width` x `height`: whole, or cut after a sentence
        or between words with an ellipsis (never mid-word by the clip)."""
        metrics = QFontMetrics(font)
        room = QRect(0, 0, int(width), 100_000)

        def fits(candidate: str) -> bool:
            wrapped = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, candidate)
            return wrapped.height() <= height
        return shorten(text, fits)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        # The same for every card in a font: the list asks once per row, and more than
        # once while it settles, so it is worked out once per font.
        key = option.font.key()
        if key not in self._sizes:
            self._sizes[key] = self._card_size(option)
        return self._sizes[key]

    def _card_size(self, option) -> QSize:
        title, body, small = self._fonts(option)
        # Room for one title line and three summary lines, or two and two.
        height = (PAD + QFontMetrics(title).height() + 4
                  + max(self._summary_height(body),
                        QFontMetrics(title).lineSpacing() + self._summary_height(body, 2)) + 6
                  + QFontMetrics(small).height() + PAD + 6)
        return QSize(240, height)

    def _star_rect(self, rect: QRect) -> QRect:
        card = rect.adjusted(2, 3, -2, -3)
        return QRect(card.right() - PAD - STAR, card.top() + PAD - 1, STAR, STAR)

    def paint(self, painter: QPainter, option, index) -> None:
        guide = index.data(GuideRole.GUIDE)
        progress = index.data(GuideRole.PROGRESS)
        hit = index.data(GuideRole.SEARCH_HIT)
        # The view's own background is transparent; take colours from the application.
        palette: QPalette = QGuiApplication.palette()
        role = QPalette.ColorRole
        accent, base = palette.color(role.Highlight), palette.color(role.Base)
        text_color, muted = palette.color(role.Text), palette.color(role.PlaceholderText)
        selected, hovered, focused = item_state(option, index)
        title_font, body_font, small_font = self._fonts(option)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect.adjusted(2, 3, -2, -3))
        fill = blend(accent, base, 0.16) if selected else base
        border = accent if (selected or hovered) else palette.color(role.Mid)
        painter.setPen(QPen(border, 1.4 if selected and focused else 1.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 9, 9)

        inner = card.toRect().adjusted(PAD, PAD, -PAD, -PAD)
        star = self._star_rect(option.rect)
        star_icon = icons.icon("star-filled" if progress.favourite else "star",
                               accent=progress.favourite)
        if progress.favourite or hovered or selected:
            star_icon.paint(painter, star)

        painter.setFont(title_font)
        painter.setPen(text_color)
        title_metrics = QFontMetrics(title_font)
        title_lines = wrap_two_lines(guide.title, title_metrics, inner.width() - STAR - 6)
        title_rect = QRect(inner.left(), inner.top(), inner.width() - STAR - 6,
                           title_metrics.height())
        for number, line in enumerate(title_lines):
            line_rect = title_rect.translated(0, number * title_metrics.lineSpacing())
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             line)
        title_rect.setHeight(title_metrics.height()
                             + (len(title_lines) - 1) * title_metrics.lineSpacing())

        summary_top = title_rect.bottom() + 5
        summary_height = self._summary_height(body_font, SUMMARY_LINES + 1 - len(title_lines))
        painter.save()
        painter.translate(QPointF(inner.left(), summary_top))
        clip = QRectF(0, 0, inner.width(), summary_height)
        painter.setClipRect(clip)
        if hit is not None:
            # Marked words are bolder: leave them a little room.
            snippet = self.shown_text(hit.snippet, body_font, inner.width() * 0.95,
                                      summary_height)
            title_has = any(term in guide.title.lower() for term in hit.terms)
            colour = muted if title_has and hit.snippet == guide.summary else text_color
            marked = highlighted_html(snippet, hit.terms, mark=blend(accent, base, 0.35).name())
            _draw_marked(painter, marked, body_font, colour, clip)
        else:
            # Plain words need no rich text: QPainter wraps them as shown_text measured.
            painter.setFont(body_font)
            painter.setPen(muted)
            shown = self.shown_text(guide.summary, body_font, inner.width(), summary_height)
            painter.drawText(clip, Qt.TextFlag.TextWordWrap, shown)
        painter.restore()

        small_metrics = QFontMetrics(small_font)
        status_top = summary_top + summary_height + 6
        painter.setFont(small_font)
        if progress.finished:
            status, status_colour, glyph = "Read", palette.color(role.Highlight), "check"
        elif progress.opened:
            status, status_colour, glyph = "Started", muted, "circle"
        else:
            status, status_colour, glyph = "New", muted, None
        x = inner.left()
        line = QRect(x, status_top, inner.width(), small_metrics.height())
        if glyph:
            size = small_metrics.height()
            icons.icon(glyph, accent=progress.finished).paint(painter, QRect(x, status_top, size, size))
            x += size + 4
        painter.setPen(status_colour)
        status_rect = QRect(x, status_top, small_metrics.horizontalAdvance(status) + 2, line.height())
        painter.drawText(status_rect, Qt.AlignmentFlag.AlignVCenter, status)
        painter.setPen(muted)
        minutes = f"{guide.minutes} min read"
        painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, minutes)
        painter.restore()

    def editorEvent(self, event, model, option, index) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton
                and self._star_rect(option.rect).adjusted(-4, -4, 4, 4).contains(event.position().toPoint())):
            self.favourite_clicked.emit(index.data(GuideRole.GUIDE_ID))
            return True
        return super().editorEvent(event, model, option, index)


