"""Hearth's benchmark suite in one command: every figure measured side by side, as ratios.

    python bench/run.py            # full sizes (10,000 entries, 2,000 activities, 1,000 kills)
    python bench/run.py --quick    # small sizes, a few minutes

Measures start-up to the first painted main window against a bare PySide6 window with three
empty tabs and against the stack's floor, on each tab Hearth can open on (through
startup_bench.py; with --frozen also the frozen builds through bundle_bench.py), a
protected journal's unlock-to-list, search p50/p95 for a rare and a common word and memory
(through journal_bench.py), a journal of 500 photos beside one without and an import of
10,000 jrnl entries (through photos_bench.py), the same two searches done by jrnl over the same entries
exported to its plain-text format (jrnl is installed by pip into bench/.venv-jrnl), the
calendar's month switch (through calendar_bench.py), calendar sync against a Radicale on
127.0.0.1 (through sync_bench.py), the user CPU of importing big calendar files against a
plain one (through ics_bench.py), and the crash test: a saver SIGKILLed
again and again, then every save it reported looked up. Prints a table at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

JRNL_VENV = BENCH / ".venv-jrnl"
JRNL_VERSION = "jrnl>=4.1"
SEARCH_TARGET = 20.0  # Hearth at least this many times faster than jrnl

FULL = {"entries": 10_000, "activities": 2_000, "kills": 1_000, "starts": 7, "searches": 40,
        "jrnl_runs": 7, "months": 36, "photos": 500, "photo_kb": 2000, "imports": 10_000,
        "ics_events": 5000}
QUICK = {"entries": 1_000, "activities": 300, "kills": 40, "starts": 3, "searches": 15,
         "jrnl_runs": 3, "months": 12, "photos": 50, "photo_kb": 200, "imports": 1_000,
         "ics_events": 1000}


def note(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# ----- journal and jrnl ----------------------------------------------------------------------


def bench_journal(folder: Path, entries: int, searches: int) -> dict:
    import journal_bench

    ids_file = folder / "bench-ids.json"
    if ids_file.exists():
        ids = json.loads(ids_file.read_text())
    else:
        note(f"building journals of {entries} entries (slow the first time)")
        ids = journal_bench.build(folder, entries)
        ids_file.write_text(json.dumps(ids))
    child = subprocess.run(
        [sys.executable, str(BENCH / "journal_bench.py"), "--runs", str(searches),
         "--measure", str(folder), str(ids["protected"]), "1"],
        capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(child.stdout.strip().splitlines()[-1])
    result["journal_id"] = ids["protected"]
    return result


def ensure_jrnl() -> Path:
    """bench/.venv-jrnl with jrnl in it, made once with pip."""
    jrnl = JRNL_VENV / ("Scripts" if os.name == "nt" else "bin") / "jrnl"
    if not jrnl.exists():
        note("installing jrnl into bench/.venv-jrnl")
        venv.create(JRNL_VENV, with_pip=True, clear=True)
        (JRNL_VENV / ".gitignore").write_text("*\n")  # a tool, never part of the repository
        python = JRNL_VENV / ("Scripts" if os.name == "nt" else "bin") / "python"
        subprocess.run([str(python), "-m", "pip", "install", "-q", JRNL_VERSION], check=True)
    return jrnl


def export_for_jrnl(folder: Path, journal_id: int, target: Path) -> int:
    """Write the protected journal's entries in jrnl's plain-text format."""
    import journal_bench

    from app.context import open_app
    from app.services import journal

    context = open_app(folder)
    count = 0
    try:
        with journal.open_journal(context, journal_id, journal_bench.PASSPHRASE) as session, \
                open(target, "w", encoding="utf-8") as out:
            for entry in session.get_entries():
                title = entry.title.rstrip(".") + "."
                out.write(f"[{entry.date:%Y-%m-%d} 09:00] {title}\n{entry.body}\n\n")
                count += 1
    finally:
        context.close()
    return count


def bench_jrnl(journal_file: Path, runs: int, words: dict[str, str]) -> dict:
    jrnl = ensure_jrnl()
    config_home = journal_file.parent / "config"
    (config_home / "jrnl").mkdir(parents=True, exist_ok=True)
    (config_home / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {json.dumps(str(journal_file))}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.2\n", encoding="utf-8")
    env = dict(os.environ, XDG_CONFIG_HOME=str(config_home), NO_COLOR="1")

    def timed(args: list[str]) -> tuple[float, str]:
        began = time.perf_counter()
        done = subprocess.run([str(jrnl), *args], env=env, capture_output=True, text=True,
                              timeout=600)
        return (time.perf_counter() - began) * 1000, done.stdout + done.stderr

    timed(["--version"])  # let the OS cache jrnl's own files
    startup = statistics.median(timed(["--version"])[0] for _ in range(runs))
    result = {"startup_ms": startup}
    for label, word in words.items():
        times, output = [], ""
        timed(["-contains", word, "--short"])
        for _ in range(runs):
            ms, output = timed(["-contains", word, "--short"])
            times.append(ms)
        found = sum(1 for line in output.splitlines() if line[:1].isdigit())
        result[label] = {"p50": statistics.median(times), "p95": percentile(times, 0.95),
                         "hits": found}
    return result


# ----- calendar ------------------------------------------------------------------------------


def bench_calendar(activities: int, months: int) -> dict:
    import calendar_bench

    from app.context import open_app
    from app.services import calendar as cal

    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="hearth-bench-cal-") as folder:
        context = open_app(Path(folder) / "data")
        try:
            calendar_bench.seed(activities, today, random.Random(4))
            year, month = today.year - 2, today.month
            times = []
            for _ in range(months):
                begin, end = calendar_bench.grid(year, month)
                began = time.perf_counter()
                cal.occurrences_between(begin, end, tz=calendar_bench.ZONE)
                times.append((time.perf_counter() - began) * 1000)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        finally:
            context.close()
    times = times[1:]  # the first query reads every rule once; calendar_bench reports it
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95)}


# ----- calendar sync -------------------------------------------------------------------------


def bench_sync(activities: int) -> list[tuple[str, float, int]]:
    import keyring
    import sync_bench
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # never the real secret store
    return sync_bench.measure(activities)


# ----- crash test ----------------------------------------------------------------------------


def bench_crash(kills: int) -> dict:
    from tests.helpers.crash import CrashReport, run_crashes, verify

    error = ""
    with tempfile.TemporaryDirectory(prefix="hearth-bench-crash-") as folder:
        data_dir = Path(folder) / "data"
        began = time.perf_counter()
        step = max(kills // 10, 1)
        report = CrashReport()
        try:
            run_crashes(data_dir, kills, seed=11, max_run_seconds=0.3, report=report,
                        progress=lambda n: n % step == 0 and note(f"crash test: {n} kills"))
        except RuntimeError as exc:  # still check everything saved up to then
            error = str(exc)
            note(f"crash test stopped: {error}")
        verify(data_dir, report)
    return {"kills": report.kills, "saves": report.saves, "lost": report.entries_lost,
            "problems": len(report.problems) + bool(error), "draft": report.draft_offered,
            "seconds": time.perf_counter() - began, "error": error[:200]}


# ----- the table -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few minutes")
    parser.add_argument("--kills", type=int, help="crash-test kills (default 1,000; 40 quick)")
    parser.add_argument("--frozen", action="store_true",
                        help="also freeze both apps and compare them (bundle_bench.py)")
    parser.add_argument("--keep", metavar="DIR", help="keep the built journals in DIR")
    args = parser.parse_args(argv)
    sizes = dict(QUICK if args.quick else FULL)
    if args.kills is not None:
        sizes["kills"] = args.kills

    import journal_bench
    import startup_bench

    rows: list[tuple[str, str, str, str]] = []  # measure, Hearth, reference, ratio/verdict

    note("start-up")
    starts = startup_bench.summary(startup_bench.measure(sizes["starts"],
                                                         only_first=args.quick))
    rows.extend(startup_bench.table(starts))

    with tempfile.TemporaryDirectory(prefix="hearth-bench-journal-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        note("journal")
        hearth = bench_journal(folder, sizes["entries"], sizes["searches"])
        note("exporting for jrnl")
        exported = export_for_jrnl(folder, hearth["journal_id"], folder / "jrnl.txt")
        note("jrnl")
        words = {"rare word": journal_bench.RARE, "common word": journal_bench.COMMON}
        jrnl = bench_jrnl(folder / "jrnl.txt", sizes["jrnl_runs"], words)
        jrnl_mb = (folder / "jrnl.txt").stat().st_size / 1e6
        note("key slots")
        import keys_bench

        keys = keys_bench.run(folder, sizes["entries"], 3 if args.quick else 5)

    rows.append((f"protected journal, {exported} entries: unlock (ms)",
                 f"{hearth['unlock_ms']:.0f}", "", ""))
    rows.append(("unlock to first page listed (ms)", f"{hearth['first_page_ms']:.0f}", "", ""))
    rows.extend(keys_bench.table(keys))
    worst = 0.0
    for label in words:
        ours = hearth["searches"][label]
        theirs = jrnl[label]
        # jrnl is a command: count only its search, not its own start-up, in its favour.
        theirs_search = max(theirs["p50"] - jrnl["startup_ms"], 0.001)
        speedup = theirs_search / ours["p50"]
        worst = speedup if not worst else min(worst, speedup)
        rows.append((f"search {label} p50 (ms)", f"{ours['p50']:.2f}",
                     f"{theirs['p50']:.0f} jrnl ({theirs_search:.0f} w/o start)",
                     f"{speedup:.0f}x faster"))
        rows.append((f"search {label} p95 (ms)", f"{ours['p95']:.2f}",
                     f"{theirs['p95']:.0f} jrnl", ""))
        rows.append((f"search {label} hits", str(ours["hits"]), f"{theirs['hits']} jrnl", ""))
    rows.append(("memory: peak RSS (MB)", f"{hearth['peak_rss_mb']:.0f}", "", ""))
    rows.append(("journal file (MB)", f"{hearth['file_mb']:.1f}", f"{jrnl_mb:.1f} jrnl",
                 "encrypted vs plain text"))

    note(f"photos ({sizes['photos']}) and an import of {sizes['imports']} jrnl entries")
    import photos_bench

    rows.extend(photos_bench.run(sizes["photos"], sizes["photo_kb"], sizes["imports"]))

    note("calendar")
    month = bench_calendar(sizes["activities"], sizes["months"])
    rows.append((f"calendar month switch, {sizes['activities']} activities, p50 (ms)",
                 f"{month['p50']:.2f}", "", ""))
    rows.append(("calendar month switch p95 (ms)", f"{month['p95']:.2f}", "", ""))

    note("calendar sync against Radicale")
    for what, seconds, requests in bench_sync(sizes["activities"]):
        rows.append((f"sync: {what} (s)", f"{seconds:.2f}", f"{requests} requests", ""))

    import ics_bench

    note(f"calendar file import, {sizes['ics_events']} events a file")
    rows.extend(ics_bench.table(ics_bench.measure_all(sizes["ics_events"]),
                                sizes["ics_events"]))

    note(f"crash test, {sizes['kills']} kills")
    crash = bench_crash(sizes["kills"])
    rows.append(("crash test: SIGKILLs / saves reported", f"{crash['kills']} / "
                 f"{crash['saves']}", "", f"{crash['seconds']:.0f} s"))
    rows.append(("crash test: entries lost", str(crash["lost"]), "",
                 "ok" if crash["lost"] == 0 and not crash["problems"] and crash["draft"]
                 else f"FAILED {crash.get('error', '')}"))

    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    header = ("measure", "Hearth", "reference", "ratio")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    print(f"\nHearth benchmarks ({'quick' if args.quick else 'full'}), "
          f"{dt.datetime.now():%Y-%m-%d %H:%M}, Python {sys.version.split()[0]}\n")
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                        for i, cell in enumerate(row)))
    print(f"\ntargets: {startup_bench.verdict(starts)}; search at least "
          f"{SEARCH_TARGET:.0f}x faster than jrnl ({'met' if worst >= SEARCH_TARGET else 'MISSED'}"
          f", worst {worst:.0f}x); no entry lost ({'met' if crash['lost'] == 0 else 'MISSED'})")

    if args.frozen:
        bundle = BENCH / "bundle_bench.py"
        if bundle.exists():
            note("frozen builds (bundle_bench.py)")
            subprocess.run([sys.executable, str(bundle), "--runs", str(sizes["starts"])],
                           cwd=ROOT, check=False)
    failed = crash["lost"] or crash["problems"] or not crash["draft"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
