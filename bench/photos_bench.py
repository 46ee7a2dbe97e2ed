"""Pictures and imports: unlock-to-list and memory of a journal holding many photos beside
the same journal without them, and an import of many jrnl entries (then the same again).

    python bench/photos_bench.py [--photos 500] [--photo-kb 2000] [--imports 10000]

Each measurement runs in a fresh process, so one's caches and memory do not flatter the
next. Prints a table; run.py folds the same figures into its own. Not part of the test run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE = "bench photos passphrase"
ENTRIES = 1_000
PAGE = 100
ROUNDS = 5


def _context(folder: Path):
    from app.context import open_app

    return open_app(folder)


def build(folder: Path, photos: int, photo_kb: int) -> dict[str, int]:
    """Two protected journals with ENTRIES entries each; one also holds `photos` photos."""
    from app.services import journal
    from tests.helpers.photos import small_jpeg

    context = _context(folder)
    ids = {}
    try:
        for name, count in (("plain", 0), ("photos", photos)):
            info = journal.create_journal(context, f"bench {name}", PASSPHRASE)
            ids[name] = info.id
            with journal.open_journal(context, info.id, PASSPHRASE) as session:
                datas = [journal.EntryInput(date=dt.date(2020, 1, 1) + dt.timedelta(days=n),
                                            title=f"Day {n}", body="A walk by the river. " * 30)
                         for n in range(ENTRIES)]
                session.import_entries(datas)
                ids_by_day = session.entry_ids()
                head = small_jpeg()
                for n in range(count):
                    data = head + os.urandom(photo_kb * 1024)  # incompressible, like a photo
                    session.add_attachment(f"photo {n}.jpg", data,
                                           entry_id=ids_by_day[n % len(ids_by_day)],
                                           display=head + os.urandom(150 * 1024),
                                           width=1600, height=1200)
    finally:
        context.close()
    return ids


def measure(folder: Path, journal_id: int) -> dict:
    """In a fresh process: unlock, count, list the first page with its marks."""
    import resource

    from app.services import journal

    context = _context(folder)
    # Opening the data folder makes the day's backups (a byte copy of a 1 GB journal the
    # first time): let the disk finish writing them before the clock starts.
    os.sync()
    try:
        started = time.perf_counter()
        session = journal.open_journal(context, journal_id, PASSPHRASE)
        unlocked = time.perf_counter()
        session.count_entries()
        page = session.list_entries(0, PAGE)
        listed = time.perf_counter()
        marked = sum(1 for row in page if row.attachment)
        session.close()
        size = journal.get_journal(context, journal_id).path.stat().st_size
    finally:
        context.close()
    return {"unlock_ms": (unlocked - started) * 1000, "list_ms": (listed - started) * 1000,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "file_mb": size / 1e6, "marked": marked}


def jrnl_text(count: int) -> str:
    lines = []
    start = dt.datetime(2000, 1, 1, 8, 0)
    for n in range(count):
        when = start + dt.timedelta(hours=7 * n)
        lines.append(f"[{when:%Y-%m-%d %H:%M}] Entry number {n}. Walked with @sam by the "
                     f"#river and talked about day {n}.\nA second line of words for {n}.\n")
    return "\n".join(lines)


def measure_import(folder: Path, source: Path) -> dict:
    """In a fresh process: import `source` into a new protected journal, then again."""
    import resource

    from app.journal.importers import read_source
    from app.services import journal

    context = _context(folder)
    try:
        info = journal.create_journal(context, f"import {time.time_ns()}", PASSPHRASE)
        with journal.open_journal(context, info.id, PASSPHRASE) as session:
            began = time.perf_counter()
            parsed = read_source(source)
            read = time.perf_counter()
            first = session.import_parsed(parsed)
            stored = time.perf_counter()
            second = session.import_parsed(read_source(source))
            again = time.perf_counter()
    finally:
        context.close()
    return {"read_ms": (read - began) * 1000, "import_ms": (stored - began) * 1000,
            "again_ms": (again - stored) * 1000, "added": first.added,
            "added_again": second.added, "peak_rss_mb":
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _median(results: list[dict]) -> dict:
    middle = sorted(results, key=lambda r: r["list_ms"])[len(results) // 2]
    return {**middle, "peak_rss_mb": max(r["peak_rss_mb"] for r in results)}


def _child(*args: str) -> dict:
    result = subprocess.run([sys.executable, str(Path(__file__)), *args], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(photos: int, photo_kb: int, imports: int) -> list[tuple[str, str, str, str]]:
    """The rows run.py prints: (measure, Hearth, reference, ratio)."""
    with tempfile.TemporaryDirectory(prefix="hearth-bench-photos-") as scratch:
        folder = Path(scratch)
        ids = build(folder, photos, photo_kb)
        # Alternated and taken at the median: unlocking is a key derivation, and a busy
        # machine's noise would otherwise decide the ratio.
        runs: dict[str, list[dict]] = {"plain": [], "photos": []}
        for _ in range(ROUNDS):
            for name in runs:
                runs[name].append(_child("--measure", str(folder), str(ids[name])))
        plain, with_photos = (_median(runs[name]) for name in ("plain", "photos"))
        source = folder / "jrnl.txt"
        source.write_text(jrnl_text(imports), encoding="utf-8")
        imported = _child("--measure-import", str(folder), str(source))
    ratio = with_photos["list_ms"] / max(plain["list_ms"], 0.001)
    memory = with_photos["peak_rss_mb"] / max(plain["peak_rss_mb"], 0.001)
    return [
        (f"journal with {photos} photos ({with_photos['file_mb']:.0f} MB): unlock to list (ms)",
         f"{with_photos['list_ms']:.0f}", f"{plain['list_ms']:.0f} without photos",
         f"{ratio:.2f}x"),
        ("journal with photos: peak RSS (MB)", f"{with_photos['peak_rss_mb']:.0f}",
         f"{plain['peak_rss_mb']:.0f} without photos", f"{memory:.2f}x"),
        (f"import {imports} jrnl entries (ms)", f"{imported['import_ms']:.0f}",
         f"{imported['read_ms']:.0f} reading", f"added {imported['added']}"),
        ("same import again (ms)", f"{imported['again_ms']:.0f}", "",
         f"added {imported['added_again']}"),
        ("import: peak RSS (MB)", f"{imported['peak_rss_mb']:.0f}", "", ""),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument("--photo-kb", type=int, default=2000)
    parser.add_argument("--imports", type=int, default=10_000)
    parser.add_argument("--measure", nargs=2, metavar=("FOLDER", "JOURNAL_ID"))
    parser.add_argument("--measure-import", nargs=2, metavar=("FOLDER", "SOURCE"))
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), int(args.measure[1]))))
        return 0
    if args.measure_import:
        print(json.dumps(measure_import(Path(args.measure_import[0]),
                                        Path(args.measure_import[1]))))
        return 0
    rows = run(args.photos, args.photo_kb, args.imports)
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i])
                        for i, c in enumerate(row)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
