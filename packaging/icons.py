"""Render Hearth's SVG icon to the PNG sizes installers need (hicolor theme, .ico, .icns)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ICON_SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "hearth.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render_png(size: int, output: Path) -> Path:
    """Draw the SVG at `size` x `size` pixels into `output`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise RuntimeError(f"cannot read {ICON_SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    output.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(output), "PNG"):
        raise RuntimeError(f"cannot write {output}")
    return output


def render_hicolor(target: Path) -> None:
    """Fill a hicolor icon theme folder: <size>x<size>/apps/hearth.png and scalable/."""
    for size in HICOLOR_SIZES:
        render_png(size, target / f"{size}x{size}" / "apps" / "hearth.png")
    scalable = target / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICON_SVG, scalable / "hearth.svg")
