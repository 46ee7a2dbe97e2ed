"""Start-up as work done: instructions executed up to the first paint, Hearth against the floor.

    python bench/startup_instructions.py [--parallel 2] [--frozen]

Wall-clock start-up (bench/startup_bench.py) moves with whatever else the machine runs;
the number of instructions a start executes hardly does, so this is the steadier way to
compare two versions of the code, or Hearth with the floor, on a busy computer. Each start
runs once under valgrind's callgrind (about 50 times slower than usual) and stops at its
first paint. Two details keep the count honest under valgrind:
  - the window's "no paint came" fallback (2 s) would fire before the slowed-down first
    paint and build the other tabs into the count, so it is pushed out of the way;
  - every start gets its own copy of its data folder, since two Hearths on one folder
    make the second one hand over to the first and stop.
Both are the probe's doing (frozen/first_paint_hook.py, HEARTH_BENCH_STOP_AT_PAINT). With
--frozen, the frozen Hearth and the frozen floor that bench/bundle_bench.py builds are
counted instead. Bytecode caches are written first, as in startup_bench.py. Needs valgrind
on the PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FROZEN = BENCH / "frozen"
FROZEN_DIST = ROOT / "build" / "bench" / "dist"  # where bench/bundle_bench.py freezes
TARGET = 1.3

_DRIVER = """
import runpy, sys
sys.path.insert(0, {frozen!r})
sys.path.insert(0, {root!r})
import first_paint_hook
first_paint_hook.watch()
if {floor!r}:
    runpy.run_path({floor_app!r}, run_name="__main__")
else:
    sys.argv = ["hearth", "--data-dir", {folder!r}]
    runpy.run_module("ui", run_name="__main__")
"""


def note(text: str) -> None:
    print(f"[instructions] {text}", file=sys.stderr, flush=True)


def source_command(folder: Path | None) -> list[str]:
    """Hearth from source on `folder` (the floor's script when `folder` is None)."""
    code = _DRIVER.format(frozen=str(FROZEN), root=str(ROOT), floor=folder is None,
                          floor_app=str(FROZEN / "floor_app.py"), folder=str(folder))
    return [sys.executable, "-c", code]


def frozen_command(folder: Path | None) -> list[str]:
    """The frozen Hearth on `folder` (the frozen floor when `folder` is None), as
    bench/bundle_bench.py builds them, with the probe frozen in as a runtime hook."""
    if folder is None:
        return [str(FROZEN_DIST / "floor" / "floor")]
    return [str(FROZEN_DIST / "hearth" / "hearth"), "--data-dir", str(folder)]


def count(command: list[str]) -> int:
    """Instructions `command` executes up to its first paint."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HEARTH_BENCH_STOP_AT_PAINT="1")
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         "--trace-children=yes", *command],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if "first-paint" not in result.stdout:
        raise RuntimeError(f"no first paint: {result.stderr[-2000:]}")
    found = re.search(r"Collected : ([\d,]+)", result.stderr)
    if found is None:
        raise RuntimeError(f"no count from valgrind: {result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parallel", type=int, default=2, help="starts counted at once")
    parser.add_argument("--frozen", action="store_true",
                        help="count the frozen Hearth and the frozen floor instead (build them "
                        "first with `python bench/bundle_bench.py`)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is needed (apt-get install valgrind)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(BENCH))
    sys.path.insert(0, str(ROOT))
    import startup_bench

    if args.frozen:
        missing = [str(path) for path in (frozen_command(None)[0], frozen_command(ROOT)[0])
                   if not Path(path).is_file()]
        if missing:
            print(f"no frozen build at {', '.join(missing)}: run python bench/bundle_bench.py",
                  file=sys.stderr)
            return 2
    command = frozen_command if args.frozen else source_command
    startup_bench.compile_sources()
    with tempfile.TemporaryDirectory(prefix="hearth-bench-instructions-") as base:
        starts = startup_bench.prepare_folders(Path(base))
        folders: dict[str, Path | None] = {"floor": None}
        for number, start in enumerate(starts):
            copy = Path(base) / f"copy-{number}"
            shutil.copytree(start.argv[-1], copy, symlinks=True)
            folders[start.label] = copy
        note(f"counting {len(folders)} starts under callgrind (about half a minute each)")
        with ThreadPoolExecutor(max_workers=max(1, args.parallel)) as pool:
            counts = dict(zip(folders, pool.map(count, map(command, folders.values())),
                              strict=True))
    floor = counts["floor"]
    kind = "frozen " if args.frozen else ""
    rows = [(f"{kind}floor: bare + Qt enums + Peewee open", floor, "")]
    for label, value in counts.items():
        if label != "floor":
            ratio = value / floor
            rows.append((f"{kind}start-up, {label}: to first paint", value,
                         f"{ratio:.2f}x floor ({'within' if ratio <= TARGET else 'over'} "
                         f"{TARGET}x)"))
    width = max(len(row[0]) for row in rows)
    for label, value, verdict in rows:
        print(f"{label:<{width}}  {value / 1e6:8.1f} M instructions  {verdict}")
    worst = max(value for _label, value, _verdict in rows) / floor
    print(f"\ntarget: every start within {TARGET}x of the floor's instructions "
          f"({'met' if worst <= TARGET else 'MISSED'}, worst {worst:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
