"""One icon set for the whole app (Phosphor, through qtawesome), tinted by the theme.

Widgets ask for icons by Hearth's own names, so swapping a glyph happens here only.
Icons take the current palette's colour; widgets that keep icons re-ask on theme change.
"""

from __future__ import annotations

import qtawesome
from PySide6.QtGui import QIcon

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


def set_colors(text: str, accent: str) -> None:
    """Called by the theme manager so new icons match the palette."""
    global _color, _accent
    _color, _accent = text, accent


def icon(name: str, *, accent: bool = False) -> QIcon:
    """The icon for one of Hearth's names, in the text (or accent) colour."""
    glyph = GLYPHS.get(name, name)
    color = _accent if accent else _color
    return qtawesome.icon(glyph, color=color, color_active=color, color_selected=color)


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "hearth.svg")))
