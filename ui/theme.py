"""Hearth's small visual system: light and dark palettes, spacing, type sizes, stylesheet."""

from __future__ import annotations

from string import Template
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.paths import resource_path
from ui import icons

SPACING = {"xs": 4, "s": 8, "m": 12, "l": 16, "xl": 24, "xxl": 32}
TEXT_SIZES = {"small": 9.0, "normal": 10.5, "large": 12.5, "larger": 14.5}
THEME_MODES = ("system", "light", "dark")


class Palette(NamedTuple):
    name: str
    window: str
    surface: str
    surface_alt: str
    text: str
    muted: str
    accent: str
    accent_text: str
    accent_soft: str
    border: str
    success: str
    warning: str
    danger: str


LIGHT = Palette(
    name="light", window="#FAF6F2", surface="#FFFFFF", surface_alt="#F3ECE6", text="#2E2528",
    muted="#76666B", accent="#B04A64", accent_text="#FFFFFF", accent_soft="#F6DFE5",
    border="#E4D8D0", success="#3F7F5F", warning="#A86A12", danger="#B23A48",
)
DARK = Palette(
    name="dark", window="#1D191B", surface="#272124", surface_alt="#302A2D", text="#F3EBE7",
    muted="#AE9FA4", accent="#E68AA2", accent_text="#1D191B", accent_soft="#4A2C36",
    border="#40363A", success="#7CC49A", warning="#E2B15B", danger="#F08A93",
)


class ThemeManager(QObject):
    """Applies a palette and text size to the application and announces changes."""

    theme_changed = Signal(object)  # the new Palette

    def __init__(self, app: QApplication, *, parent=None):
        super().__init__(parent)
        self._app = app
        self.mode = "system"
        self.text_size = "normal"
        self.palette = LIGHT
        # The application starts in plain Fusion (ui/application.py) and gets Hearth's style
        # from `finish_style()`: that style is a Python subclass of QStyle, and the first
        # Python touch of QStyle builds its several hundred enum members, about 50 M
        # instructions of a start. What it changes (message box icons, dialog buttons) is
        # on no first screen.
        self._hearth_style = False
        # The icon font joins the application's fonts before any widget is measured: a font
        # added later empties Qt's font cache, so every font the window had looked up while
        # it was laid out would be looked up again (through fontconfig) for its first paint.
        icons.family()
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_scheme_changed)

    def finish_style(self) -> None:
        """Put Hearth's style in place of plain Fusion: once the window has painted, or
        before a message is shown. Palette, font and stylesheet carry over."""
        if not self._hearth_style:
            from ui.style import HearthStyle

            self._hearth_style = True
            self._app.setStyle(HearthStyle())

    def apply(self, mode: str | None = None, text_size: str | None = None) -> Palette:
        if mode is not None:
            self.mode = mode if mode in THEME_MODES else "system"
        if text_size is not None:
            self.text_size = text_size if text_size in TEXT_SIZES else "normal"
        self.palette = self._resolve_palette()
        icons.set_colors(self.palette.text, self.palette.accent, self.palette.muted)
        font = QFont(self._app.font())
        font.setPointSizeF(TEXT_SIZES[self.text_size])
        self._app.setFont(font)
        self._app.setPalette(to_qpalette(self.palette))
        self._app.setStyleSheet(stylesheet(self.palette, TEXT_SIZES[self.text_size]))
        self.theme_changed.emit(self.palette)
        return self.palette

    def _resolve_palette(self) -> Palette:
        if self.mode == "dark":
            return DARK
        if self.mode == "light":
            return LIGHT
        scheme = QGuiApplication.styleHints().colorScheme()
        return DARK if scheme == Qt.ColorScheme.Dark else LIGHT

    def _on_system_scheme_changed(self, _scheme) -> None:
        if self.mode == "system":
            self.apply()


def blend(front: str | QColor, back: str | QColor, amount: float) -> QColor:
    """`amount` of `front` over `back` (0 gives back, 1 gives front)."""
    a, b = QColor(front), QColor(back)
    return QColor(
        round(a.red() * amount + b.red() * (1 - amount)),
        round(a.green() * amount + b.green() * (1 - amount)),
        round(a.blue() * amount + b.blue() * (1 - amount)),
    )


def to_qpalette(p: Palette) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    pal.setColor(role.Window, QColor(p.window))
    pal.setColor(role.WindowText, QColor(p.text))
    pal.setColor(role.Base, QColor(p.surface))
    pal.setColor(role.AlternateBase, QColor(p.surface_alt))
    pal.setColor(role.Text, QColor(p.text))
    pal.setColor(role.PlaceholderText, QColor(p.muted))
    pal.setColor(role.Button, QColor(p.surface))
    pal.setColor(role.ButtonText, QColor(p.text))
    pal.setColor(role.BrightText, QColor(p.danger))
    pal.setColor(role.Highlight, QColor(p.accent))
    pal.setColor(role.HighlightedText, QColor(p.accent_text))
    pal.setColor(role.ToolTipBase, QColor(p.surface))
    pal.setColor(role.ToolTipText, QColor(p.text))
    pal.setColor(role.Link, QColor(p.accent))
    pal.setColor(role.Mid, QColor(p.border))
    pal.setColor(role.Midlight, QColor(p.surface_alt))
    pal.setColor(role.Light, QColor(p.surface))
    pal.setColor(role.Dark, QColor(p.border))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor(p.muted))
    return pal


def stylesheet(p: Palette, base_pt: float) -> str:
    template = Template(resource_path("styles", "hearth.qss").read_text(encoding="utf-8"))
    values = p._asdict()
    values.update(
        h1=f"{base_pt * 1.9:.1f}pt",
        h2=f"{base_pt * 1.4:.1f}pt",
        h3=f"{base_pt * 1.15:.1f}pt",
        small=f"{base_pt * 0.9:.1f}pt",
        chevron=resource_path("icons", f"chevron-down-{p.name}.svg").as_posix(),
        chevron_up=resource_path("icons", f"chevron-up-{p.name}.svg").as_posix(),
        **{f"sp_{k}": f"{v}px" for k, v in SPACING.items()},
    )
    return template.safe_substitute(values)
