"""PyInstaller runtime hook for the benchmark builds: report when the first window painted.

Prints `first-paint <unix time>` once a top-level window has been painted, then quits the
event loop. Only bench/bundle_bench.py freezes this in; shipped builds never contain it.
"""

import sys
import time


def _install() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if (not self.seen and event.type() == QEvent.Type.Paint
                    and watched.isWidgetType() and watched.window().isVisible()):
                self.seen = True
                # Report after this paint pass has been flushed to the window.
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            print(f"first-paint {time.time():.6f}", flush=True)
            QApplication.quit()

    def exec_and_report(*_args):  # bound as a method: the instance comes in as self
        watcher = FirstPaint()
        QApplication.instance().installEventFilter(watcher)
        return original_exec()

    QApplication.exec = exec_and_report


if getattr(sys, "frozen", False):
    _install()
