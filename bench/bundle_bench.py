"""Frozen Hearth against a frozen minimal PySide6 window: bundle size and start-up time.

The stack's floor (bare window + the Qt namespace's enums + Peewee opening SQLite, see
frozen/floor_app.py) is frozen too, as a second reference for start-up. All are built the
same way (PyInstaller one-folder, windowed, stripped, the same Qt filtering
from packaging/qt_parts.py) with a runtime hook that prints when the first window painted.
Start-up is measured from launching the executable to that paint, offscreen, on a data folder
that already exists (a second start). Usage: `python bench/bundle_bench.py [--runs 7]`.
Builds go to build/bench/ and never replace dist/.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROZEN = Path(__file__).resolve().parent / "frozen"
WORK = ROOT / "build" / "bench"
TARGET_RATIO = 1.3


def freeze(spec: Path, app: str = "") -> None:
    env = dict(
        os.environ,
        PYINSTALLER_CONFIG_DIR=str(ROOT / "build" / "pyinstaller-config"),
        HEARTH_RUNTIME_HOOKS=str(FROZEN / "first_paint_hook.py"),
        HEARTH_BENCH_APP=app,
    )
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
         "--distpath", str(WORK / "dist"), "--workpath", str(WORK / "work" / (app or spec.stem)),
         str(spec)],
        check=True, cwd=ROOT, env=env,
    )


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def time_to_first_paint(command: list[str]) -> float:
    """Seconds from launching `command` to its first painted window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    for line in result.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"{command[0]} never reported a painted window (exit "
                       f"{result.returncode}):\n{result.stdout}{result.stderr}")


def start_times(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """(median, best) seconds to first paint for each command. Runs alternate between the
    commands so a busy machine slows both alike."""
    for command in commands:
        time_to_first_paint(command)  # warm-up: page cache, first-start databases
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            samples[index].append(time_to_first_paint(command))
    return [(statistics.median(times), min(times)) for times in samples]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed starts per app (median)")
    parser.add_argument("--no-build", action="store_true", help="reuse build/bench/dist")
    args = parser.parse_args(argv)

    if not args.no_build:
        for spec, app in ((ROOT / "packaging" / "hearth.spec", ""),
                          (FROZEN / "minimal.spec", "minimal"), (FROZEN / "minimal.spec", "floor")):
            print(f"freezing {spec.relative_to(ROOT)} {app} ...", flush=True)
            freeze(spec, app)
    hearth = WORK / "dist" / "hearth"
    minimal = WORK / "dist" / "minimal"
    floor = WORK / "dist" / "floor"
    with tempfile.TemporaryDirectory(prefix="hearth-bench-") as data_dir:
        hearth_start, minimal_start, floor_start = start_times(
            [[str(hearth / "hearth"), "--data-dir", data_dir], [str(minimal / "minimal")],
             [str(floor / "floor")]],
            args.runs,
        )
    hearth_size, minimal_size = folder_size(hearth), folder_size(minimal)

    size_ratio = hearth_size / minimal_size
    start_ratio = hearth_start[0] / minimal_start[0]
    rows = [
        ("bundle size (MiB)", hearth_size / 2**20, minimal_size / 2**20, size_ratio),
        (f"start-up to first paint, median of {args.runs} (s)", hearth_start[0],
         minimal_start[0], start_ratio),
        ("start-up to first paint, best (s)", hearth_start[1], minimal_start[1],
         hearth_start[1] / minimal_start[1]),
        ("floor (bare + Qt enums + Peewee), median (s)", floor_start[0], minimal_start[0],
         floor_start[0] / minimal_start[0]),
        ("Hearth against the floor, median", hearth_start[0], floor_start[0],
         hearth_start[0] / floor_start[0]),
    ]
    print(f"\n{'measure':<44} {'Hearth':>9} {'minimal':>9} {'ratio':>7}")
    for name, ours, reference, ratio in rows:
        print(f"{name:<44} {ours:>9.2f} {reference:>9.2f} {ratio:>6.2f}x")
    verdict = "within" if max(size_ratio, start_ratio) <= TARGET_RATIO else "over"
    print(f"\ntarget: both ratios within {TARGET_RATIO}x -> {verdict} "
          f"(size {size_ratio:.2f}x, start-up {start_ratio:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
