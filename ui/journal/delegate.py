"""Paints one entry row: a month heading when the month changes, the day, title, snippet,
tags and mood, with search matches in bold."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QTextDocument
from PySide6.QtWidgets import QStyledItemDelegate

from app import dates
from app.services.journal import MARK_END, MARK_START
from app.text import escape_html
from ui import icons
from ui.item_state import item_state
from ui.journal.models import Roles

PAD = 10
DAY_COLUMN = 44
MOOD_SIZE = 18


def snippet_html(snippet: str, highlight: QColor) -> str:
    """Escape the snippet and turn the core's match marks into bold, tinted words."""
    text = escape_html(snippet.replace("\n", " "))
    return (text.replace(MARK_START, f'<b style="background-color:{highlight.name()}">')
            .replace(MARK_END, "</b>"))


def _mix(color: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `color` over `base`, opaque (rich text ignores alpha)."""
    return QColor.fromRgbF(
        color.redF() * amount + base.redF() * (1 - amount),
        color.greenF() * amount + base.greenF() * (1 - amount),
        color.blueF() * amount + base.blueF() * (1 - amount),
    )


class EntryDelegate(QStyledItemDelegate):
    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._pixmaps: dict[tuple[int, str], object] = {}

    def _mood_pixmap(self, mood: int, theme_key: str):
        # Building an icon per row per paint is slow when scrolling; the key follows the
        # theme so a palette change draws fresh faces.
        key = (mood, theme_key)
        if key not in self._pixmaps:
            self._pixmaps[key] = icons.icon(f"mood-{mood}", accent=mood >= 4).pixmap(
                MOOD_SIZE, MOOD_SIZE)
        return self._pixmaps[key]

    def _fonts(self, option):
        base = QFont(option.font)
        title = QFont(base)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.88)
        day = QFont(base)
        day.setPointSizeF(base.pointSizeF() * 1.45)
        day.setWeight(QFont.Weight.DemiBold)
        header = QFont(base)
        header.setWeight(QFont.Weight.Bold)
        header.setPointSizeF(base.pointSizeF() * 0.92)
        return base, title, small, day, header

    def _header_height(self, option) -> int:
        return QFontMetrics(self._fonts(option)[4]).height() + 18

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        base, title, small, _day, _header = self._fonts(option)
        body = (QFontMetrics(title).height() + 2 * QFontMetrics(small).lineSpacing()
                + 2 * PAD + 4)
        if index.data(Roles.TAGS):
            body += QFontMetrics(small).height() + 2
        if index.data(Roles.MONTH_HEADER):
            body += self._header_height(option)
        return QSize(max(200, option.rect.width()), body)

    def paint(self, painter, option, index) -> None:
        base, title_font, small, day_font, header_font = self._fonts(option)
        pal: QPalette = option.palette
        text_color = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        soft = QColor(accent)
        soft.setAlphaF(0.16)
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setRenderHint(painter.RenderHint.TextAntialiasing)

        header = index.data(Roles.MONTH_HEADER)
        if header:
            height = self._header_height(option)
            painter.setFont(header_font)
            painter.setPen(muted)
            painter.drawText(rect.adjusted(PAD, 8, -PAD, 0).toRect(),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             header.upper())
            rect.setTop(rect.top() + height)

        card = rect.adjusted(4, 2, -4, -2)
        selected, hovered, _focused = item_state(option, index)
        if selected or hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            fill = QColor(soft)
            if selected:
                fill.setAlphaF(0.30)
            painter.setBrush(fill)
            painter.drawRoundedRect(card, 8, 8)
        if selected:
            painter.setBrush(accent)
            painter.drawRoundedRect(QRectF(card.left(), card.top() + 8, 3, card.height() - 16),
                                    1.5, 1.5)

        day = index.data(Roles.DATE)
        day_rect = QRectF(card.left() + PAD, card.top() + PAD, DAY_COLUMN - 8, 0)
        painter.setPen(text_color)
        painter.setFont(day_font)
        day_height = QFontMetrics(day_font).height()
        painter.drawText(QRectF(day_rect.left(), day_rect.top(), day_rect.width(), day_height),
                         Qt.AlignmentFlag.AlignHCenter, f"{day.day}" if day else "")
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(QRectF(day_rect.left(), day_rect.top() + day_height,
                                day_rect.width(), QFontMetrics(small).height()),
                         Qt.AlignmentFlag.AlignHCenter, self._under_day(day, index))

        left = card.left() + PAD + DAY_COLUMN
        right = card.right() - PAD
        mood = index.data(Roles.MOOD)
        if mood:
            pixmap = self._mood_pixmap(mood, text_color.name())
            painter.drawPixmap(int(right - MOOD_SIZE), int(card.top() + PAD), pixmap)
            right -= MOOD_SIZE + 6
        attachment = index.data(Roles.ATTACHMENT)
        if attachment:
            mark = icons.icon("picture" if attachment == "picture" else "attach").pixmap(
                MOOD_SIZE - 4, MOOD_SIZE - 4)
            painter.drawPixmap(int(right - MOOD_SIZE + 4), int(card.top() + PAD + 2), mark)
            right -= MOOD_SIZE + 2

        top = card.top() + PAD
        painter.setFont(title_font)
        painter.setPen(text_color)
        title_height = QFontMetrics(title_font).height()
        title = QFontMetrics(title_font).elidedText(
            index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight,
            int(right - left))
        painter.drawText(QRectF(left, top, right - left, title_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        top += title_height + 2

        snippet = index.data(Roles.SNIPPET) or ""
        lines_height = 2 * QFontMetrics(small).lineSpacing()
        snippet_rect = QRectF(left, top, card.right() - PAD - left, lines_height)
        if index.data(Roles.HIGHLIGHTED):
            doc = QTextDocument()
            doc.setDefaultFont(small)
            doc.setDocumentMargin(0)
            doc.setTextWidth(snippet_rect.width())
            doc.setDefaultStyleSheet(f"body {{ color: {muted.name()}; }}"
                                     f" b {{ color: {text_color.name()}; }}")
            tint = _mix(accent, pal.color(QPalette.ColorRole.Base), 0.28)
            doc.setHtml(f"<body>{snippet_html(snippet, tint)}</body>")
            painter.save()
            painter.translate(snippet_rect.topLeft())
            painter.setClipRect(QRectF(0, 0, snippet_rect.width(), lines_height))
            doc.drawContents(painter, QRectF(0, 0, snippet_rect.width(), lines_height))
            painter.restore()
        else:
            painter.setFont(small)
            painter.setPen(muted)
            metrics = QFontMetrics(small)
            text = " ".join(snippet.split())
            first, rest = self._split_line(text, metrics, int(snippet_rect.width()))
            painter.drawText(QRectF(left, top, snippet_rect.width(), metrics.lineSpacing()),
                             Qt.AlignmentFlag.AlignLeft, first)
            if rest:
                painter.drawText(
                    QRectF(left, top + metrics.lineSpacing(), snippet_rect.width(),
                           metrics.lineSpacing()),
                    Qt.AlignmentFlag.AlignLeft,
                    metrics.elidedText(rest, Qt.TextElideMode.ElideRight,
                                       int(snippet_rect.width())))
        top += lines_height + 2

        tags = index.data(Roles.TAGS) or []
        if tags:
            painter.setFont(small)
            painter.setPen(accent)
            line = QFontMetrics(small).elidedText(
                "  ".join(f"#{t}" for t in tags), Qt.TextElideMode.ElideRight,
                int(card.right() - PAD - left))
            painter.drawText(QRectF(left, top, card.right() - PAD - left,
                                    QFontMetrics(small).height()),
                             Qt.AlignmentFlag.AlignLeft, line)
        painter.restore()

    @staticmethod
    def _under_day(day, index) -> str:
        if not day:
            return ""
        # Hits come in rank order across months, so they need the month; the list has
        # month headings and shows the weekday instead.
        return dates.MONTHS[day.month - 1][:3] if index.data(Roles.HIGHLIGHTED) \
            else dates.WEEKDAYS[day.weekday()][:3]

    @staticmethod
    def _split_line(text: str, metrics: QFontMetrics, width: int) -> tuple[str, str]:
        if metrics.horizontalAdvance(text) <= width:
            return text, ""
        words = text.split(" ")
        line = ""
        for i, word in enumerate(words):
            candidate = f"{line} {word}".strip()
            if metrics.horizontalAdvance(candidate) > width:
                if not line:  # one very long word
                    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width), ""
                return line, " ".join(words[i:])
            line = candidate
        return line, ""
