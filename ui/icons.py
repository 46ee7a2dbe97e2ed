"""One icon set for the whole app (Phosphor), drawn from its font and tinted by the theme.

Widgets ask for icons by Hearth's own names, so swapping a glyph happens here only.
Icons take the current palette's colour; widgets that keep icons re-ask on theme change.
The font ships in resources/icons/ and is drawn by a small icon engine: loading one font
keeps start-up quick (an icon-font library would load a dozen fonts and a Qt shim first).
What loads is hearth-icons.ttf, the glyphs GLYPHS names cut from phosphor.ttf by
scripts/icon_font.py: Qt reads every glyph of a font it adds, and the whole font has 4,500.
Each name carries its glyph's code point, so start-up need not read the font's charmap
(resources/icons/phosphor-charmap.json); tests hold the three in step.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

from app.paths import resource_path

SOURCE_FONT_FILE = "phosphor.ttf"  # the whole Phosphor font
FONT_FILE = "hearth-icons.ttf"  # what Hearth loads: the glyphs below, made by scripts/icon_font.py

# Hearth's name -> (Phosphor glyph name, code point in phosphor.ttf)
GLYPHS: dict[str, tuple[str, int]] = {
    "guides": ("book-open", 0xF097),
    "calendar": ("calendar-blank", 0xF0AD),
    "journal": ("notebook", 0xF22C),
    "add": ("plus", 0xF27F),
    "edit": ("pencil-simple", 0xF266),
    "delete": ("trash", 0xF334),
    "search": ("magnifying-glass", 0xF20A),
    "filter": ("funnel", 0xF196),
    "lock": ("lock-simple", 0xF205),
    "unlock": ("lock-simple-open", 0xF206),
    "star": ("star", 0xF2F3),
    "star-filled": ("star-fill", 0xFA5D),
    "check": ("check-circle", 0xF0E8),
    "circle": ("circle", 0xF0EC),
    "heart": ("heart", 0xF1CA),
    "chat": ("chats-circle", 0xF0E1),
    "lightbulb": ("lightbulb", 0xF1ED),
    "shuffle": ("shuffle", 0xF2C3),
    "export": ("export", 0xF15A),
    "import": ("download-simple", 0xF14C),
    "print": ("printer", 0xF288),
    "prev": ("caret-left", 0xF0C3),
    "next": ("caret-right", 0xF0C4),
    "today": ("calendar-check", 0xF0AE),
    "clock": ("clock", 0xF0F9),
    "bell": ("bell", 0xF082),
    "folder": ("folder-open", 0xF18C),
    "info": ("info", 0xF1E0),
    "warning": ("warning", 0xF35C),
    "error": ("warning-octagon", 0xF35E),
    "question": ("question", 0xF293),
    "keyboard": ("keyboard", 0xF1E5),
    "backup": ("floppy-disk", 0xF181),
    "restore": ("clock-counter-clockwise", 0xF0FC),
    "pen": ("pen-nib", 0xF267),
    "eye": ("eye", 0xF15B),
    "focus": ("arrows-out", 0xF04E),
    "sparkle": ("sparkle", 0xF2DF),
    "chart": ("chart-bar", 0xF0D2),
    "tag": ("tag", 0xF305),
    "smile": ("smiley", 0xF2D1),
    "close": ("x", 0xF36D),
    "zoom-in": ("magnifying-glass-plus", 0xF20C),
    "zoom-out": ("magnifying-glass-minus", 0xF20B),
    "cards": ("cards", 0xF0B5),
    "pdf": ("file-pdf", 0xF16C),
    "calendar-plus": ("calendar-plus", 0xF0AF),
    "mood-1": ("smiley-sad", 0xF2D5),
    "mood-2": ("smiley-nervous", 0xF2D4),
    "mood-3": ("smiley-meh", 0xF2D3),
    "mood-4": ("smiley", 0xF2D1),
    "mood-5": ("smiley-wink", 0xF2D7),
    "streak": ("fire", 0xF176),
    "key": ("key", 0xF1E4),
    "shield": ("shield-check", 0xF2B8),
    "focus-exit": ("arrows-in", 0xF048),
    "settings": ("gear", 0xF19B),
    "preview": ("article", 0xF068),
    "repeat": ("repeat", 0xF29F),
    "undo": ("arrow-counter-clockwise", 0xF021),
    "location": ("map-pin", 0xF20D),
    "skip": ("skip-forward", 0xF2CC),
    "picture": ("image", 0xF1DD),
    "attach": ("paperclip", 0xF258),
    "memories": ("sun-horizon", 0xF300),
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
def family() -> str:
    """The icon font's family name (the font is loaded on first use)."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path("icons", FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"the icon font resources/icons/{FONT_FILE} could not be loaded")
    return families[0]


class _GlyphEngine(QIconEngine):
    """Paints one font glyph, in the normal colour or muted when disabled."""

    def __init__(self, char: str, color: str, disabled_color: str):
        super().__init__()
        self._char = char
        self._color = color
        self._disabled = disabled_color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state) -> None:
        font = QFont(family())
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
    if name not in GLYPHS:
        raise KeyError(f"no icon glyph for {name!r}")
    color = _accent if accent else _color
    return QIcon(_GlyphEngine(chr(GLYPHS[name][1]), color, _muted))


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "hearth.svg")))
