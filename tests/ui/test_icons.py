"""The icon set: every name the app uses has a glyph, drawn in the theme's colours, from a
font that holds those glyphs, as the whole Phosphor font draws them."""

import json

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon

from app.paths import resource_path
from ui import icons


def test_every_named_icon_is_the_glyph_its_name_says():
    charmap = json.loads(resource_path("icons", "phosphor-charmap.json").read_text("utf-8"))
    wrong = {name: glyph for name, (glyph, code) in icons.GLYPHS.items()
             if int(charmap.get(glyph, "0"), 16) != code}
    assert wrong == {}


def _glyphs(font, code_points) -> dict[int, tuple]:
    """Each code point's outline (points, contour ends, flags) and advance width."""
    cmap, glyf, hmtx = font.getBestCmap(), font["glyf"], font["hmtx"]
    shapes = {}
    for code in code_points:
        glyph = glyf[cmap[code]]
        coordinates, ends, flags = glyph.getCoordinates(glyf)
        shapes[code] = (list(coordinates), list(ends), bytes(flags), hmtx[cmap[code]][0])
    return shapes


def test_the_loaded_font_holds_the_named_glyphs_and_only_those_as_phosphor_draws_them():
    from fontTools.ttLib import TTFont

    shipped = TTFont(str(resource_path("icons", icons.FONT_FILE)))
    source = TTFont(str(resource_path("icons", icons.SOURCE_FONT_FILE)))
    named = {code for _glyph, code in icons.GLYPHS.values()}
    # Out of step after a change to GLYPHS: run scripts/icon_font.py.
    assert set(shipped.getBestCmap()) == named
    assert _glyphs(shipped, named) == _glyphs(source, named)
    assert shipped["name"].getDebugName(1) == source["name"].getDebugName(1)
    assert shipped["head"].unitsPerEm == source["head"].unitsPerEm


def test_the_icon_font_script_cuts_what_the_app_ships(tmp_path):
    import importlib.util

    from fontTools.ttLib import TTFont

    spec = importlib.util.spec_from_file_location(
        "icon_font", resource_path("icons", icons.FONT_FILE).parents[2] / "scripts" / "icon_font.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    named = [code for _glyph, code in icons.GLYPHS.values()]
    made = script.write_icon_font(resource_path("icons", icons.SOURCE_FONT_FILE), named,
                                  tmp_path / "icons.ttf")
    shipped = TTFont(str(resource_path("icons", icons.FONT_FILE)))
    assert _glyphs(TTFont(str(made)), set(named)) == _glyphs(shipped, set(named))


def test_every_named_icon_is_in_the_font(qapp):
    font = QFont(icons.family())
    metrics = QFontMetrics(font)
    missing = [name for name, (_glyph, code) in icons.GLYPHS.items()
               if not metrics.inFontUcs4(code)]
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


def test_the_icon_font_is_added_before_the_window_measures_any_font(tmp_path):
    """Adding a font empties Qt's font cache: added once the window was laid out, it made
    every font the window had looked up be looked up again for the first paint."""
    import os
    import subprocess
    import sys

    from tests.helpers.paths import ROOT

    child = r"""
import runpy, sys
from PySide6.QtWidgets import QApplication
import ui.icons as icons

cached = icons.family
def family():
    if cached.cache_info().currsize == 0:
        print("widgets when the icon font was added:", len(QApplication.allWidgets()))
    return cached()
icons.family = family

original_exec = QApplication.exec
def exec_until_painted(*_args):
    for window in QApplication.topLevelWidgets():
        if hasattr(window, "started"):
            window.started.connect(QApplication.quit)
    return original_exec()
QApplication.exec = exec_until_painted
sys.argv = ["hearth", "--data-dir", sys.argv[1]]
runpy.run_module("ui", run_name="__main__")
"""
    result = subprocess.run([sys.executable, "-c", child, str(tmp_path / "data")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "widgets when the icon font was added: 0" in result.stdout, result.stdout
