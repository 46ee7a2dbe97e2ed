"""The guide list's cards show a summary whole or cut where a reader expects a cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from app.content.guides import guides_dir, parse_guides
from ui.guides.delegate import GuideItemDelegate


@pytest.mark.parametrize("point_size", [10.5, 14.5])
@pytest.mark.parametrize("width", [180, 260, 340])
def test_every_summary_is_whole_or_ends_at_a_boundary_and_fits(qapp, point_size, width):
    font = QFont()
    font.setPointSizeF(point_size)
    height = QFontMetrics(font).lineSpacing() * 2
    cut = 0
    for guide in parse_guides(guides_dir()):
        shown = GuideItemDelegate.shown_text(guide.summary, font, width, height)
        if shown == guide.summary:
            continue
        cut += 1
        assert shown.endswith(("…", ".", "!", "?")), shown
        assert guide.summary.startswith(shown.removesuffix("…").rstrip(",;:")), shown
        wrapped = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000),
                                                  Qt.TextFlag.TextWordWrap, shown)
        assert wrapped.height() <= height, shown
    assert cut, "two lines should be too few for some summary"
