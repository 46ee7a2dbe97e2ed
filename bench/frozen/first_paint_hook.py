"""Start-up probe for the benchmarks: report when the first window painted.

Prints `first-paint <unix time>` once a top-level window has been painted, with
`first-paint-cpu <seconds>`, the CPU time the process had used by then (steadier than the
wall clock on a busy machine). A window with an
`all_tabs_built` signal (Hearth's main window builds its other tabs after the first paint)
is then followed until that fires, and `all-built <unix time>` is printed too. Then the
event loop quits. bench/startup_bench.py installs it from source; bench/bundle_bench.py
freezes it in as a runtime hook. Shipped builds never contain it.

`watch()` arms the probe without importing Qt: it hooks itself in right after the app
imports PySide6.QtWidgets, so the app under test keeps its own import order.

With HEARTH_BENCH_STOP_AT_PAINT set (bench/startup_instructions.py, which counts the
instructions a start executes under valgrind), the process ends right after printing
`first-paint`, and Hearth's "no paint came" fallback (2 s) is pushed out of the way: under
valgrind it would fire before the slowed-down first paint and build the other tabs into
the count.
"""

import importlib.abc
import importlib.util
import os
import sys
import time

STOP_AT_PAINT = "HEARTH_BENCH_STOP_AT_PAINT"


def _install() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False
            self.window = None

        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if not self.seen and event.type() == QEvent.Type.Paint and watched.isVisible():
                self.seen = True
                self.window = watched
                # Report after this paint pass has been flushed to the window.
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            print(f"first-paint {time.time():.6f}", flush=True)
            if os.environ.get(STOP_AT_PAINT):
                os._exit(0)
            print(f"first-paint-cpu {time.process_time():.6f}", flush=True)
            built = getattr(self.window, "all_tabs_built", None)
            if built is None or self.window.all_built():
                self.finish()
            else:
                built.connect(self.finish)

        def finish(self) -> None:
            print(f"all-built {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)

    def exec_and_report(*_args):  # bound as a method: the instance comes in as self
        # Only the shown windows are watched: an application-wide filter would run Python
        # for every event of every widget, and cost a window with many widgets far more
        # than a bare one. A window is painted before its children in each paint pass.
        watcher = FirstPaint()
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                window.installEventFilter(watcher)
        return original_exec()

    QApplication.exec = exec_and_report


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls `then(module)` once the module `name` has been imported, by whoever imports it."""

    def __init__(self, name, then):
        self.name, self.then = name, then

    def find_spec(self, name, path=None, target=None):
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module

        def exec_then(module):
            exec_module(module)
            self.then(module)

        spec.loader.exec_module = exec_then
        return spec


def _push_fallback(module) -> None:
    module.STARTED_FALLBACK_MS = 10 ** 8


def watch() -> None:
    if os.environ.get(STOP_AT_PAINT):
        sys.meta_path.insert(0, _AfterImport("ui.main_window", _push_fallback))
    if "PySide6.QtWidgets" in sys.modules:
        _install()
    else:
        sys.meta_path.insert(0, _AfterImport("PySide6.QtWidgets", lambda _module: _install()))


if getattr(sys, "frozen", False):
    watch()
