"""The painted calendar makes thousands of Qt calls; the binding must not leak None's refcount."""

import sys

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive():
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(200):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("red"))
        painter.drawRoundedRect(QRectF(0, 0, 5, 5), 1, 1)
    after = sys.getrefcount(None)
    painter.end()
    # A binding that returns None without a new reference loses 600 here and soon aborts
    # the whole app with "deallocating None".
    assert after - before > -50
