"""Painting of list rows: a category stripe, the time or length, the title and a detail line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from ui.calendar.colors import category_color, theme_palette
from ui.calendar.models import Role
from ui.item_state import item_state
from ui.theme import blend

_PAD = 7


class PlanRowDelegate(QStyledItemDelegate):
    """Two lines per row: "19:00  Title" and a muted detail ("Weekly · The Old Mill")."""

    def __init__(self, *, when_width_text: str = "00:00", stacked: bool = False, parent=None):
        super().__init__(parent)
        self._when_sample = when_width_text
        # Stacked rows put the "when" above the title (for long labels like dates).
        self._stacked = stacked

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.88))
        return title, small, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        title, small, _ = self._fonts(option)
        lines = QFontMetrics(title).height() + QFontMetrics(small).height() + 2
        if self._stacked:
            lines += QFontMetrics(small).height()
        return QSize(200, lines + 2 * _PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        pal = theme_palette(option.widget) if option.widget is not None else None
        if pal is None:
            return super().paint(painter, option, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(2, 2, -2, -2)
        selected, hovered, focused = item_state(option, index)
        hue = category_color(index.data(Role.CATEGORY))
        status = index.data(Role.STATUS) or "planned"
        if selected or hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(pal.accent_soft) if selected
                             else blend(pal.accent_soft, pal.surface, 0.45))
            painter.drawRoundedRect(rect, 6, 6)
        if selected and focused:
            painter.setPen(QPen(QColor(pal.accent), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(hue)
        painter.drawRoundedRect(QRectF(rect.left() + 4, rect.top() + 6, 4, rect.height() - 12),
                                2, 2)

        title_font, small_font, _ = self._fonts(option)
        title_fm, small_fm = QFontMetrics(title_font), QFontMetrics(small_font)
        left = rect.left() + 16
        top = rect.top() + _PAD - 2
        right = rect.right() - _PAD
        when = index.data(Role.WHEN) or ""
        muted = QColor(pal.muted)
        text = QColor(pal.muted if status == "skipped" else pal.text)
        if self._stacked:
            painter.setFont(small_font)
            painter.setPen(QColor(pal.accent))
            painter.drawText(QRectF(left, top, right - left, small_fm.height()),
                             Qt.AlignmentFlag.AlignLeft, small_fm.elidedText(
                                 when, Qt.TextElideMode.ElideRight, int(right - left)))
            top += small_fm.height()
            title_left = left
        else:
            when_width = max(title_fm.horizontalAdvance(self._when_sample),
                             title_fm.horizontalAdvance(when)) + 10
            painter.setFont(title_font)
            painter.setPen(muted)
            painter.drawText(QRectF(left, top, when_width, title_fm.height()),
                             Qt.AlignmentFlag.AlignLeft, when)
            title_left = left + when_width
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        mark = {"done": "✓ ", "skipped": ""}.get(status, "")
        title_font.setStrikeOut(status == "skipped")
        painter.setFont(title_font)
        x = title_left
        if mark:
            painter.setPen(QColor(pal.success))
            painter.drawText(QRectF(x, top, right - x, title_fm.height()),
                             Qt.AlignmentFlag.AlignLeft, mark)
            x += title_fm.horizontalAdvance(mark)
        painter.setPen(text)
        painter.drawText(QRectF(x, top, right - x, title_fm.height()), Qt.AlignmentFlag.AlignLeft,
                         title_fm.elidedText(title, Qt.TextElideMode.ElideRight, int(right - x)))
        detail = index.data(Role.DETAIL) or ""
        if detail:
            painter.setFont(small_font)
            painter.setPen(muted)
            y = top + title_fm.height() + 2
            painter.drawText(QRectF(title_left, y, right - title_left, small_fm.height()),
                             Qt.AlignmentFlag.AlignLeft,
                             small_fm.elidedText(detail, Qt.TextElideMode.ElideRight,
                                                 int(right - title_left)))
        painter.restore()
