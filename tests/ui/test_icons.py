"""The icon set: every name the app uses has a glyph, drawn in the theme's colours."""

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon

from ui import icons


def test_every_named_icon_has_a_glyph(qapp):
    missing = [name for name in icons.GLYPHS if not icons.has_glyph(name)]
    assert missing == []


def _ink(pixmap) -> set[str]:
    image = pixmap.toImage()
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width()) for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() == 255
    }


def test_icons_are_drawn_in_the_palette_colour(qapp):
    icons.set_colors("#112233", "#aa0044", "#777777")
    try:
        normal = icons.icon("heart").pixmap(QSize(32, 32))
        assert _ink(normal) == {"#112233"}
        accent = icons.icon("heart", accent=True).pixmap(QSize(32, 32))
        assert _ink(accent) == {"#aa0044"}
        disabled = icons.icon("heart").pixmap(QSize(32, 32), QIcon.Mode.Disabled)
        assert _ink(disabled) == {"#777777"}
    finally:
        icons.set_colors("#2E2528", "#B04A64", "#76666B")


def test_unknown_name_is_an_error(qapp):
    import pytest

    with pytest.raises(KeyError):
        icons.icon("no-such-icon")
