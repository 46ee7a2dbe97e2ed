"""One icon set for the whole app (Phosphor), drawn from its font and tinted by the theme.

Widgets ask for icons by Hearth's own names, so swapping a glyph happens here only.
Icons take the current palette's colour; widgets that keep icons re-ask on theme change.
The font ships in resources/icons/ and is drawn by a small icon engine: loading one font
keeps start-up quick (an icon-font library would load a dozen fonts and a Qt shim first).
"""

from __future__ import annotations

import functools
import json

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

from app.paths import resource_path

GLYPHS = {
    "guides": "ph.book-open",
    "calendar": "ph.calendar-blank",
    "journal": "ph.notebook",
    "add": "ph.plus",
    "edit": "ph.pencil-simple",
    "delete": "ph.trash",
    "search": "ph.magnifying-glass",
    "filter": "ph.funnel",
    "lock": "ph.lock-simple",
    "unlock": "ph.lock-simple-open",
    "star": "ph.star",
    "star-filled": "ph.star-fill",
    "check": "ph.check-circle",
    "circle": "ph.circle",
    "heart": "ph.heart",
    "chat": "ph.chats-circle",
    "lightbulb": "ph.lightbulb",
    "shuffle": "ph.shuffle",
    "export": "ph.export",
    "import": "ph.download-simple",
    "print": "ph.printer",
    "prev": "ph.caret-left",
    "next": "ph.caret-right",
    "today": "ph.calendar-check",
    "clock": "ph.clock",
    "bell": "ph.bell",
    "folder": "ph.folder-open",
    "info": "ph.info",
    "warning": "ph.warning",
    "backup": "ph.floppy-disk",
    "restore": "ph.clock-counter-clockwise",
    "pen": "ph.pen-nib",
    "eye": "ph.eye",
    "focus": "ph.arrows-out",
    "sparkle": "ph.sparkle",
    "chart": "ph.chart-bar",
    "tag": "ph.tag",
    "smile": "ph.smiley",
    "close": "ph.x",
    "zoom-in": "ph.magnifying-glass-plus",
    "zoom-out": "ph.magnifying-glass-minus",
    "cards": "ph.cards",
    "pdf": "ph.file-pdf",
    "calendar-plus": "ph.calendar-plus",
    "mood-1": "ph.smiley-sad",
    "mood-2": "ph.smiley-nervous",
    "mood-3": "ph.smiley-meh",
    "mood-4": "ph.smiley",
    "mood-5": "ph.smiley-wink",
    "streak": "ph.fire",
    "key": "ph.key",
    "shield": "ph.shield-check",
    "focus-exit": "ph.arrows-in",
    "settings": "ph.gear",
    "preview": "ph.article",
    "repeat": "ph.repeat",
    "undo": "ph.arrow-counter-clockwise",
    "location": "ph.map-pin",
    "skip": "ph.skip-forward",
}

_color = "#2E2528"
_accent = "#B04A64"
_muted = "#76666B"


def set_colors(text: str, accent: str, muted: str | None = None) -> None:
    """Called by the theme manager so new icons match the palette."""
    global _color, _accent, _muted
    _color, _accent = text, accent
    if muted:
        _muted = muted


@functools.cache
def _charmap() -> dict[str, str]:
    raw = json.loads(resource_path("icons", "phosphor-charmap.json").read_text(encoding="utf-8"))
    return {name: chr(int(code, 16)) for name, code in raw.items()}


@functools.cache
def _family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(resource_path("icons", "phosphor.ttf")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError("the icon font resources/icons/phosphor.ttf could not be loaded")
    return families[0]


def has_glyph(name: str) -> bool:
    """True when `name` (one of GLYPHS' keys or a raw "ph.<glyph>") can be drawn."""
    glyph = GLYPHS.get(name, name)
    return glyph.startswith("ph.") and glyph[3:] in _charmap()


class _GlyphEngine(QIconEngine):
    """Paints one font glyph, in the normal colour or muted when disabled."""

    def __init__(self, char: str, color: str, disabled_color: str):
        super().__init__()
        self._char = char
        self._color = color
        self._disabled = disabled_color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state) -> None:
        font = QFont(_family())
        font.setPixelSize(max(1, round(min(rect.width(), rect.height()) * 0.92)))
        painter.save()
        painter.setFont(font)
        color = self._disabled if mode == QIcon.Mode.Disabled else self._color
        painter.setPen(QColor(color))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._char, self._color, self._disabled)


def icon(name: str, *, accent: bool = False) -> QIcon:
    """The icon for one of Hearth's names, in the text (or accent) colour."""
    glyph = GLYPHS.get(name, name)
    char = _charmap().get(glyph[3:] if glyph.startswith("ph.") else glyph)
    if char is None:
        raise KeyError(f"no icon glyph for {name!r}")
    color = _accent if accent else _color
    return QIcon(_GlyphEngine(char, color, _muted))


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "hearth.svg")))
