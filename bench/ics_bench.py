"""Import time of big calendar files, as the user CPU seconds `hearth import-ics` spends.

    python bench/ics_bench.py                 # generate the files, import each once, print
    python bench/ics_bench.py --events 1000   # smaller files
    python bench/ics_bench.py --write DIR     # only write the files into DIR

Four files, each imported by a fresh `hearth import-ics` into a fresh data folder: plain
one-off events; daily events with two EXDATEs each; weekly Australia/Lord_Howe events from
1900 with two EXDATEs each; events whose rule never produces a date (to be skipped or
refused within a few seconds). Prints user CPU per file and its ratio to the plain file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _calendar(events: list[str]) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n" + "".join(events)
            + "END:VCALENDAR\r\n").encode("utf-8")


def _event(n: int, lines: str) -> str:
    return (f"BEGIN:VEVENT\r\nUID:bench-{n}@hearth\r\nDTSTAMP:20260101T000000Z\r\n"
            f"SUMMARY:Event {n}\r\n{lines}END:VEVENT\r\n")


def plain(count: int) -> bytes:
    return _calendar([_event(n, f"DTSTART:2026{1 + n % 12:02d}{1 + n % 28:02d}"
                                f"T{n % 24:02d}0000Z\r\nDURATION:PT1H\r\n")
                      for n in range(count)])


def daily_exdates(count: int) -> bytes:
    events = []
    for n in range(count):
        day = 1 + n % 28
        events.append(_event(n, (
            f"DTSTART;TZID=America/New_York:202601{day:02d}T{8 + n % 10:02d}0000\r\n"
            "DURATION:PT30M\r\nRRULE:FREQ=DAILY\r\n"
            f"EXDATE;TZID=America/New_York:202602{day:02d}T{8 + n % 10:02d}0000,"
            f"202603{day:02d}T{8 + n % 10:02d}0000\r\n")))
    return _calendar(events)


def lord_howe(count: int) -> bytes:
    events = []
    for n in range(count):
        day = 1 + n % 7  # 1900-01-01 was a Monday
        events.append(_event(n, (
            f"DTSTART;TZID=Australia/Lord_Howe:190001{day:02d}T{7 + n % 12:02d}3000\r\n"
            "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\n"
            f"EXDATE;TZID=Australia/Lord_Howe:190001{day + 7:02d}T{7 + n % 12:02d}3000,"
            f"190001{day + 14:02d}T{7 + n % 12:02d}3000\r\n")))
    return _calendar(events)


def never(count: int) -> bytes:
    return _calendar([_event(n, "DTSTART:20260105T100000Z\r\nDURATION:PT1H\r\n"
                                "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=2MO\r\n")
                      for n in range(count)])


FILES = {"plain": plain, "daily+2 EXDATEs": daily_exdates,
         "Lord_Howe weekly 1900+2 EXDATEs": lord_howe, "never-producing rules": never}


def measure(path: Path, folder: Path) -> dict:
    """One `hearth import-ics` of `path` in a child: its user CPU seconds and last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", TZ="UTC")
    child = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(folder),
                            "import-ics", str(path)], capture_output=True, text=True,
                           cwd=ROOT, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = (child.stdout.strip() or child.stderr.strip()).splitlines()[-1:] or [""]
    return {"user": after.ru_utime - before.ru_utime, "exit": child.returncode,
            "line": line[0][:70]}


def write_files(where: Path, events: int) -> dict[str, Path]:
    """The four files, each of `events` events (the daily one a round one fewer)."""
    paths = {}
    for number, (name, make) in enumerate(FILES.items()):
        count = events - 1 if make is daily_exdates else events
        paths[name] = where / f"bench-{number}.ics"
        paths[name].write_bytes(make(count))
    return paths


def measure_all(events: int) -> dict[str, dict]:
    """Each file imported once by a fresh command into a fresh data folder."""
    with tempfile.TemporaryDirectory(prefix="hearth-bench-ics-") as scratch:
        paths = write_files(Path(scratch), events)
        return {name: measure(path, Path(scratch) / f"data-{number}")
                for number, (name, path) in enumerate(paths.items())}


def table(results: dict[str, dict], events: int) -> list[tuple[str, str, str, str]]:
    """Rows for bench/run.py: user CPU seconds, the plain file's, the ratio and result."""
    base = results["plain"]["user"] or 1e-9
    return [(f"import-ics {events} events, {name} (user s)", f"{result['user']:.2f}",
             f"{base:.2f} plain", f"{result['user'] / base:.2f}x "
             + ("ok" if result["exit"] == 0 else "refused"))
            for name, result in results.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--write", metavar="DIR", help="only write the files into DIR")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.write:
        Path(args.write).mkdir(parents=True, exist_ok=True)
        write_files(Path(args.write), args.events)
        return 0
    results = measure_all(args.events)
    if args.json:
        print(json.dumps(results))
        return 0
    base = results["plain"]["user"] or 1e-9
    print(f"{'file':34} {'user s':>7} {'x plain':>8}  exit  result")
    for name, result in results.items():
        print(f"{name:34} {result['user']:7.2f} {result['user'] / base:8.2f}  "
              f"{result['exit']:4}  {result['line']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
