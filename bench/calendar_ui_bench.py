"""How long the Calendar tab takes to switch months on screen with 2,000 activities.

Run: QT_QPA_PLATFORM=offscreen python bench/calendar_ui_bench.py [--activities N] [--months N]
Seeds like calendar_bench.py, builds the real tab, then presses "next month" repeatedly and
prints the time from the click until the grid has been repainted (load + layout + paint):
"cold" with nothing kept, "read ahead" with the neighbouring month read in the background.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from calendar_bench import seed  # noqa: E402

from app.context import open_app  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--months", type=int, default=24)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from ui.application import create_qapplication
    from ui.calendar.tab import CalendarTab
    from ui.navigation import Navigator
    from ui.settings import Settings
    from ui.theme import ThemeManager

    app = create_qapplication()
    ThemeManager(app).apply("light", "normal")
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder:
        context = open_app(Path(folder) / "data")
        try:
            seed(args.activities, today, random.Random(4))
            tab = CalendarTab(context=context, navigator=Navigator(),
                              settings=Settings(context.data_dir))
            tab.resize(1280, 780)
            tab.show()
            QApplication.processEvents()
            tab.month_view.show_month(today.year, today.month)
            tab.month_view.show_month(today.year - 1, today.month)
            QApplication.processEvents()
            results: dict[str, tuple[list[float], list[float]]] = {}
            for label in ("cold", "read ahead"):
                wall, cpu = results.setdefault(label, ([], []))
                tab.month_view.show_month(today.year - 1, today.month)
                QApplication.processEvents()
                for _ in range(args.months):
                    # A person looks at a month before moving on: reading ahead is done.
                    if label == "read ahead":
                        tab.read_ahead()
                    tab.loader.pool.waitForDone()
                    QApplication.processEvents()
                    if label == "cold":
                        tab.loader.invalidate()
                    began, began_cpu = time.perf_counter(), time.process_time()
                    tab.month_view.next_month()
                    tab.month_view.repaint()
                    wall.append((time.perf_counter() - began) * 1000)
                    cpu.append((time.process_time() - began_cpu) * 1000)
                print(f"{label:>11}: median {statistics.median(wall):6.1f} ms   "
                      f"max {max(wall):6.1f} ms   cpu median {statistics.median(cpu):6.1f} ms   "
                      f"({len(wall)} switches)")
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            tab.shutdown()
        finally:
            context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
