"""`hearth --smoke-test`: build the whole window, show every tab once, exercise each tab's
own smoke check (e.g. the journal writes and reopens a protected journal), then exit."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow


def run_smoke(app: QApplication, window: MainWindow, handler) -> int:
    failures: list[str] = []
    handler.show_dialogs = False
    handler.exception_handled.connect(lambda name: failures.append(f"uncaught {name}"))
    try:
        window.show()
        app.processEvents()
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            app.processEvents()
            tab = window.current_tab()
            if window.grab().isNull():
                failures.append(f"tab {window.tabs.tabText(index)} did not paint")
            tab.smoke_test()
            app.processEvents()
        print(f"smoke test: {window.tabs.count()} tabs shown: {', '.join(window.tab_names())}")
    except Exception:  # report, do not crash: the exit code is the verdict
        failures.append(traceback.format_exc())
    finally:
        window.close()
        app.processEvents()
    if failures:
        print("smoke test FAILED:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0
