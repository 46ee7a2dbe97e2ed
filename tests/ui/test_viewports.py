"""A viewport made in Python is made as Qt makes its own, for each kind of scroll area."""

import pytest
from PySide6.QtWidgets import QListView, QScrollArea, QTextBrowser

from ui.viewports import own_viewport


@pytest.mark.parametrize("kind", [QListView, QScrollArea, QTextBrowser])
def test_an_own_viewport_matches_the_one_qt_makes(qtbot, kind):
    qt_made, ours = kind(), own_viewport(kind())
    for area in (qt_made, ours):
        qtbot.addWidget(area)
    theirs, mine = qt_made.viewport(), ours.viewport()
    assert mine is not theirs
    assert mine.objectName() == theirs.objectName()
    assert mine.backgroundRole() == theirs.backgroundRole()
    assert mine.autoFillBackground() == theirs.autoFillBackground()
