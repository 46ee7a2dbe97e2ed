"""Hearth's style: its own icons in message boxes, none on dialog buttons, both palettes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QStyle

from ui import icons
from ui.style import MESSAGE_ICONS
from ui.theme import ThemeManager


def pixels(icon_or_pixmap, size=32) -> QImage:
    pixmap = icon_or_pixmap.pixmap(size, size) if hasattr(icon_or_pixmap, "pixmap") \
        else icon_or_pixmap
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp):
    manager = ThemeManager(QApplication.instance())
    manager.apply(request.param, "normal")
    yield manager
    manager.apply("light", "normal")


def test_dialog_buttons_carry_no_stock_icons(theme, qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Discard
                           | QDialogButtonBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert QApplication.style().styleHint(
        QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons) == 0
    for button in box.buttons():
        assert button.icon().isNull(), button.text()


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
