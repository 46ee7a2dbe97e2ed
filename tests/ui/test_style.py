"""Hearth's style: its own icons in message boxes, none on dialog buttons, both palettes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QProxyStyle,
    QStyle,
    QStyleFactory,
)

from ui import icons
from ui.style import MESSAGE_ICONS, HearthStyle
from ui.theme import ThemeManager


def pixels(icon_or_pixmap, size=32) -> QImage:
    pixmap = icon_or_pixmap.pixmap(size, size) if hasattr(icon_or_pixmap, "pixmap") \
        else icon_or_pixmap
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp):
    manager = ThemeManager(QApplication.instance())
    manager.finish_style()
    manager.apply(request.param, "normal")
    yield manager
    manager.apply("light", "normal")


class _PlainWantingIcons(QProxyStyle):
    """Fusion on a desktop whose theme puts stock icons on dialog buttons (GNOME and KDE
    do; the offscreen platform of the tests does not)."""

    def __init__(self):
        super().__init__(QStyleFactory.create("Fusion"))

    def styleHint(self, hint, option=None, widget=None, return_data=None):  # noqa: N802
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, return_data)


class _HearthWantingIcons(HearthStyle):
    """Hearth's style on such a desktop."""

    def styleHint(self, hint, option=None, widget=None, return_data=None):  # noqa: N802
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, return_data)


def _icons(style, qtbot) -> list[bool]:
    """Whether each button of a Save/Discard/OK box made with `style` has no icon."""
    box = QDialogButtonBox()
    qtbot.addWidget(box)
    box.setStyle(style)
    box.setStandardButtons(QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Discard
                           | QDialogButtonBox.StandardButton.Ok)
    return [button.icon().isNull() for button in box.buttons()]


def test_dialog_buttons_carry_no_stock_icons(theme, qtbot):
    plain, hearth = _PlainWantingIcons(), _HearthWantingIcons()
    # The desktop's wish alone would put icons on them: the checks below can fail.
    assert _icons(plain, qtbot) == [False, False, False]
    assert _icons(hearth, qtbot) == [True, True, True]
    assert _icons(QApplication.style(), qtbot) == [True, True, True]


@pytest.mark.parametrize("kind", [QMessageBox.Icon.Information, QMessageBox.Icon.Warning,
                                  QMessageBox.Icon.Critical, QMessageBox.Icon.Question])
def test_message_boxes_show_hearths_icons_in_the_palettes_accent(theme, qtbot, kind):
    box = QMessageBox(kind, "Hearth", "Something to say", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    standard = {QMessageBox.Icon.Information: QStyle.StandardPixmap.SP_MessageBoxInformation,
                QMessageBox.Icon.Warning: QStyle.StandardPixmap.SP_MessageBoxWarning,
                QMessageBox.Icon.Critical: QStyle.StandardPixmap.SP_MessageBoxCritical,
                QMessageBox.Icon.Question: QStyle.StandardPixmap.SP_MessageBoxQuestion}[kind]
    shown = pixels(box.iconPixmap())
    expected = pixels(icons.icon(MESSAGE_ICONS[standard], accent=True), shown.width())
    assert shown == expected
    # Drawn in the accent: the glyph's darkest pixels are the palette's accent colour.
    colours = {shown.pixelColor(x, y).name() for x in range(shown.width())
               for y in range(shown.height()) if shown.pixelColor(x, y).alpha() == 255}
    assert colours == {theme.palette.accent.lower()}
