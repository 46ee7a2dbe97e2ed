"""The stylesheet: rules that keep widgets the size they paint at, steppers drawn in both
palettes."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QSpinBox

from app.paths import resource_path
from ui.theme import DARK, LIGHT, ThemeManager, stylesheet

FONT_PROPERTIES = re.compile(r"\bfont(-weight|-size|-family|-style)?\s*:")


def rules(qss: str):
    qss = re.sub(r"/\*.*?\*/", "", qss, flags=re.DOTALL)
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", qss):
        yield [s.strip() for s in selectors.split(",")], body


def has_state(selector: str) -> bool:
    """`QPushButton:default` has one; `QPushButton[role="primary"]` and `QSpinBox::up-button`
    do not."""
    plain = re.sub(r"\[[^\]]*\]", "", selector)
    plain = re.sub(r"::[\w-]+", "", plain)
    return ":" in plain


def test_no_state_changes_a_font():
    """Qt sizes a widget with the font of its plain state: a bolder :default, :hover or
    :checked paints wider words than the widget was given room for, and they are cut off."""
    qss = resource_path("styles", "hearth.qss").read_text(encoding="utf-8")
    offending = [selector for selectors, body in rules(qss) if FONT_PROPERTIES.search(body)
                 for selector in selectors if has_state(selector)]
    assert offending == []


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_spin_box_steppers_have_chevrons_that_exist(palette):
    qss = stylesheet(palette, 10.5)
    arrows = re.findall(r"QAbstractSpinBox::(up|down)-arrow \{ image: url\(\"([^\"]+)\"\)", qss)
    assert {direction for direction, _ in arrows} == {"up", "down"}
    for _direction, path in arrows:
        assert resource_path("icons", path.rsplit("/", 1)[-1]).is_file(), path
        assert palette.name in path


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_spin_box_steppers_are_drawn_as_two_arrows(qtbot, mode):
    """Both steppers paint something near the field's right edge, top and bottom halves,
    in the palette's muted colour (the chevrons), not a stray line across the field."""
    theme = ThemeManager(QApplication.instance())
    theme.apply(mode, "larger")
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(0, 240)
    spin.setValue(5)
    spin.resize(220, spin.sizeHint().height())
    spin.show()
    qtbot.waitExposed(spin)
    image = spin.grab().toImage()
    field = QColor(theme.palette.surface).lightness()
    # Inside the frame's rounded corners, right of the digits.
    right = range(image.width() - 24, image.width() - 4)
    half = image.height() // 2

    def marks(rows) -> list[str]:
        """Each row as a string, "#" where something contrasting with the field is drawn."""
        return ["".join("#" if abs(image.pixelColor(x, y).lightness() - field) > 60 else "."
                        for x in right) for y in rows]

    top, bottom = marks(range(5, half)), marks(range(half, image.height() - 5))
    for rows in (top, bottom):
        inked = [row for row in rows if "#" in row]
        # A chevron: a few rows, each a short stroke, none a line across the stepper.
        assert 2 <= len(inked) <= 8, "\n".join(rows)
        assert all(row.count("#") <= 8 for row in inked), "\n".join(rows)
    # Pointing up in the top half: its first inked row is its narrowest.
    first = next(row for row in top if "#" in row)
    assert first.count("#") < max(row.count("#") for row in top)
    theme.apply("light", "normal")
