"""Start-up from source: Hearth's first painted window against a bare PySide6 window.

    python bench/startup_bench.py [--runs 7]

Each start is a new process, timed from launch to the first paint (and, for Hearth, on to
the moment its other tabs are built too). Runs alternate between the apps, so a busy
moment slows all of them alike; medians are reported.

References:
  bare   a QMainWindow with three empty tabs;
  floor  the bare window plus the Qt namespace's enums and Peewee opening a SQLite file,
         which no app on this stack can skip before it shows data: the yardstick, each
         start's first paint within 1.3x of it.
On a busy machine, bench/startup_instructions.py compares the same starts by the work they
do (instructions to the first paint), which other programs hardly move.
Hearth is started on data folders made once beforehand (a first start creates the
databases and is not timed), opening on each tab: the Guides welcome page, the Guides
reader with a guide open, the Calendar month, and the Journal's lock screen.

Python compiles every module the first time it imports it and caches the bytecode; the
benchmark writes those caches first (`compileall`), since a machine set to skip them
(PYTHONDONTWRITEBYTECODE) would otherwise time compiling instead of starting.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FROZEN = BENCH / "frozen"
TARGET = 1.3
PASSPHRASE = "correct horse battery staple"

_DRIVER = """
import runpy, sys
sys.path.insert(0, {frozen!r})
import first_paint_hook
first_paint_hook.watch()
sys.argv = {argv!r}
{run}
"""


@dataclass(frozen=True)
class Start:
    """One way of starting: what to run and the label it is reported under."""

    label: str
    run: str
    argv: list[str]


@dataclass(frozen=True)
class Timing:
    first_paint: float
    all_built: float


def note(text: str) -> None:
    print(f"[startup] {text}", file=sys.stderr, flush=True)


def compile_sources() -> None:
    for folder in ("app", "ui"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)


def time_start(start: Start) -> Timing:
    code = _DRIVER.format(frozen=str(FROZEN), argv=start.argv, run=start.run)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    began = time.time()
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    marks = {}
    for line in result.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("first-paint", "all-built"):
            marks[name] = float(value) - began
    if "first-paint" not in marks:
        raise RuntimeError(f"{start.label}: no first paint: {result.stderr[-2000:]}")
    return Timing(marks["first-paint"], marks.get("all-built", marks["first-paint"]))


def hearth(label: str, folder: Path) -> Start:
    return Start(label, "runpy.run_module('ui', run_name='__main__')",
                 ["hearth", "--data-dir", str(folder)])


def script(label: str, path: Path) -> Start:
    return Start(label, f"runpy.run_path({str(path)!r}, run_name='__main__')", [label])


def prepare_folders(base: Path) -> list[Start]:
    """Data folders that open on each tab, each started once so its databases exist."""
    from app.context import open_app
    from app.services import journal
    from app.services.guides import GuidesService

    starts = []
    for label, last_tab in (("Guides, welcome page", 0), ("Guides, a guide open", 0),
                            ("Calendar", 1), ("Journal, locked", 2)):
        folder = base / label.split(",")[0].lower() / str(len(starts))
        time_start(hearth(label, folder))  # creates the databases; not timed
        settings = [f"[window]\nlast_tab={last_tab}\n"]
        if "guide open" in label:
            context = open_app(folder)
            try:
                first = GuidesService(db=context.db).guides()[0].id
            finally:
                context.close()
            settings.append(f"[guides]\nlast_page={first}\n")
        if label.startswith("Journal"):
            context = open_app(folder)
            try:
                journal.create_journal(context, "Ours", PASSPHRASE)
            finally:
                context.close()
        (folder / "settings.ini").write_text("".join(settings), encoding="utf-8")
        starts.append(hearth(label, folder))
    return starts


def measure(runs: int, *, only_first: bool = False) -> dict[str, list[Timing]]:
    """Timings per label. `only_first`: Hearth on the Guides welcome page alone."""
    compile_sources()
    references = [script("bare", FROZEN / "minimal_app.py"),
                  script("floor", FROZEN / "floor_app.py")]
    with tempfile.TemporaryDirectory(prefix="hearth-bench-start-") as base:
        starts = prepare_folders(Path(base))
        if only_first:
            starts = starts[:1]
        every = [*references, *starts]
        for start in every:  # warm the page cache
            time_start(start)
        timings: dict[str, list[Timing]] = {start.label: [] for start in every}
        for number in range(runs):
            note(f"round {number + 1} of {runs}")
            for start in every:
                timings[start.label].append(time_start(start))
    return timings


def summary(timings: dict[str, list[Timing]]) -> dict[str, tuple[float, float]]:
    """Median first paint and median all-built seconds per label."""
    return {label: (statistics.median(t.first_paint for t in times),
                    statistics.median(t.all_built for t in times))
            for label, times in timings.items()}


def table(medians: dict[str, tuple[float, float]]) -> list[tuple[str, str, str, str]]:
    bare, floor = medians["bare"][0], medians["floor"][0]
    rows = [("floor: bare + Qt enums + Peewee open (s)", f"{floor:.3f}", f"{bare:.3f} bare",
             f"{floor / bare:.2f}x bare")]
    for label, (first, built) in medians.items():
        if label in ("bare", "floor"):
            continue
        ratio = first / floor
        rows.append((f"start-up, {label}: first paint (s)", f"{first:.3f}", f"{floor:.3f} floor",
                     f"{ratio:.2f}x floor ({'within' if ratio <= TARGET else 'over'} {TARGET}x); "
                     f"{first / bare:.2f}x bare"))
        rows.append(("  every tab built (s)", f"{built:.3f}", "", ""))
    return rows


def verdict(medians: dict[str, tuple[float, float]]) -> str:
    """One line: is every start within the target of the floor?"""
    bare, floor = medians["bare"][0], medians["floor"][0]
    worst = max(first for label, (first, _built) in medians.items()
                if label not in ("bare", "floor"))
    met = "met" if worst <= TARGET * floor else "MISSED"
    return (f"first paint within {TARGET}x of the floor ({met}, worst {worst / floor:.2f}x; "
            f"the floor itself is {floor / bare:.2f}x a bare window)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed starts per app (median)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    medians = summary(measure(args.runs))
    rows = table(medians)
    width = max(len(row[0]) for row in rows)
    for row in rows:
        print(f"{row[0]:<{width}}  {row[1]:>7}  {row[2]:>11}  {row[3]}")
    print(f"\ntarget: {verdict(medians)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
