#!/usr/bin/env python3
"""Journal benchmark: unlock-to-first-page time, search latency and memory, for a protected
and an unprotected journal of N entries of about 300 words each.

    .venv/bin/python bench/journal_bench.py [--entries 10000] [--runs 60] [--keep DIR]

Each journal is built once, then measured in a fresh child process so its peak RSS is that
of unlocking and searching, not of building. Not part of the test run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE = "bench passphrase: correct horse battery staple"
COMMON = "together"  # in every entry
RARE = "zephyrine"  # in 3 entries
PAGE = 50
WORDS_PER_ENTRY = 300


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ren", "sa", "tu", "vel", "or", "an", "est", "li", "mo",
                 "ne", "ra", "sil", "ta", "wen", "ur", "yo", "be", "da", "fi", "gra", "hu"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    words.discard(COMMON)
    words.discard(RARE)
    return sorted(words)


def _entries(count: int, seed: int = 7):
    from app.services.journal import EntryInput

    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    # Zipf-like: a few words very often, most rarely, as in real writing.
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    rare_at = set(rng.sample(range(count), min(3, count)))
    tags = ["walks", "home", "date night", "talks", "family", "work", "travel", "cooking"]
    start = datetime.date.today() - datetime.timedelta(days=count)
    for n in range(count):
        words = rng.choices(vocab, weights=weights, k=WORDS_PER_ENTRY - 2)
        words.insert(rng.randrange(len(words)), COMMON)
        if n in rare_at:
            words.insert(rng.randrange(len(words)), RARE)
        paragraphs = [" ".join(words[i : i + 60]).capitalize() + "." for i in range(0, len(words), 60)]
        yield EntryInput(
            date=start + datetime.timedelta(days=n),
            title=" ".join(rng.choices(vocab, weights=weights, k=3)).capitalize(),
            body="\n\n".join(paragraphs),
            mood=rng.randint(1, 5),
            tags=tuple(rng.sample(tags, rng.randint(0, 2))),
        )


def build(folder: Path, entries: int) -> dict[str, int]:
    from app.context import open_app
    from app.services import journal

    context = open_app(folder)
    ids = {}
    try:
        for label, passphrase in (("protected", PASSPHRASE), ("unprotected", None)):
            info = journal.create_journal(context, label, passphrase)
            started = time.perf_counter()
            with journal.open_journal(context, info.id, passphrase) as session:
                batch = []
                for data in _entries(entries):
                    batch.append(data)
                    if len(batch) == 1000:
                        session.import_entries(batch)
                        batch.clear()
                if batch:
                    session.import_entries(batch)
            print(f"built {label}: {entries} entries in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
            ids[label] = info.id
    finally:
        context.close()
    return ids


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(folder: Path, journal_id: int, protected: bool, runs: int) -> dict:
    """Runs in a fresh process: unlock, first page, searches; reports times and memory."""
    import resource
    import tracemalloc

    from app.context import open_app
    from app.services import journal

    context = open_app(folder)
    tracemalloc.start()
    started = time.perf_counter()
    session = journal.open_journal(context, journal_id, PASSPHRASE if protected else None)
    unlocked = time.perf_counter()
    total = session.count_entries()
    first_page = session.list_entries(0, PAGE)
    shown = time.perf_counter()
    assert total and len(first_page) == min(PAGE, total)
    queries = {
        "rare word": RARE,
        "common word": COMMON,
        "prefix": "zephyr*",
        "phrase": f'"{COMMON} {COMMON}"',
    }
    searches = {}
    for label, query in queries.items():
        session.search(query)  # warm the page cache as a person's second keystroke would
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            result = session.search(query, limit=PAGE)
            times.append((time.perf_counter() - t0) * 1000)
        searches[label] = {
            "p50": statistics.median(times),
            "p95": _pct(times, 0.95),
            "hits": len(result.hits),
        }
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rebuild = _rebuild_times(session, folder, protected)
    session.close()
    size = journal.get_journal(context, journal_id).path.stat().st_size
    context.close()
    return {
        "unlock_ms": (unlocked - started) * 1000,
        "first_page_ms": (shown - started) * 1000,
        "searches": searches,
        "peak_rss_mb": peak_rss,
        **rebuild,
        "python_peak_mb": traced_peak / 1e6,
        "file_mb": size / 1e6,
    }


def _rebuild_times(session, folder: Path, protected: bool) -> dict:
    """The word-forms schema step on a copy of the journal (rolled back), against FTS5's own
    one-statement 'rebuild': the batches that report progress should cost little more."""
    from app.db import open_database
    from app.migrations.journal import m0002_word_forms_draft_prompt as step

    copy = session.backup_to(folder / "bench-rebuild-copy.db")
    db = open_database(copy, passphrase=PASSPHRASE if protected else None)
    reports = []
    try:
        with db.atomic() as transaction:
            t0 = time.perf_counter()
            step.rebuild_index(db, lambda done, total: reports.append(done))
            batched = time.perf_counter() - t0
            transaction.rollback()
        with db.atomic() as transaction:
            t0 = time.perf_counter()
            db.execute_sql("INSERT INTO entry_fts (entry_fts) VALUES ('rebuild')")
            whole = time.perf_counter() - t0
            transaction.rollback()
    finally:
        db.close()
        from app.db_files import remove_db_files

        remove_db_files(copy)
    return {"rebuild_s": batched, "fts_rebuild_s": whole, "rebuild_reports": len(reports)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=60, help="searches per query")
    parser.add_argument("--keep", metavar="DIR", help="build into DIR (reused if it exists)")
    parser.add_argument("--measure", nargs=3, metavar=("DIR", "ID", "PROTECTED"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        folder, journal_id, protected = args.measure
        result = measure(Path(folder), int(journal_id), protected == "1", args.runs)
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="hearth-journal-bench-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        ids_file = folder / "bench-ids.json"
        if ids_file.exists():
            ids = json.loads(ids_file.read_text())
        else:
            ids = build(folder, args.entries)
            ids_file.write_text(json.dumps(ids))
        results = {}
        for label, journal_id in ids.items():
            child = subprocess.run(
                [sys.executable, __file__, "--runs", str(args.runs), "--measure", str(folder),
                 str(journal_id), "1" if label == "protected" else "0"],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )
            results[label] = json.loads(child.stdout.strip().splitlines()[-1])

    print(f"\nJournal of {args.entries} entries x ~{WORDS_PER_ENTRY} words, "
          f"{args.runs} searches per query, top {PAGE} hits with snippets\n")
    labels = list(results)
    rows = [("", *labels)]
    rows.append(("file size (MB)", *(f"{results[k]['file_mb']:.1f}" for k in labels)))
    rows.append(("unlock (ms)", *(f"{results[k]['unlock_ms']:.0f}" for k in labels)))
    rows.append((f"unlock + count + first {PAGE} (ms)",
                 *(f"{results[k]['first_page_ms']:.0f}" for k in labels)))
    for query in results[labels[0]]["searches"]:
        for stat in ("p50", "p95"):
            rows.append((f"search {query} {stat} (ms)",
                         *(f"{results[k]['searches'][query][stat]:.2f}" for k in labels)))
        rows.append((f"search {query} hits", *(str(results[k]["searches"][query]["hits"])
                                               for k in labels)))
    rows.append(("index rebuild, word forms step (s)",
                 *(f"{results[k]['rebuild_s']:.2f}" for k in labels)))
    rows.append(("index rebuild, FTS5 'rebuild' (s)",
                 *(f"{results[k]['fts_rebuild_s']:.2f}" for k in labels)))
    rows.append(("step / FTS5 rebuild", *(f"{results[k]['rebuild_s'] / results[k]['fts_rebuild_s']:.2f}"
                                          for k in labels)))
    rows.append(("progress reports during the step",
                 *(str(results[k]["rebuild_reports"]) for k in labels)))
    rows.append(("peak RSS (MB)", *(f"{results[k]['peak_rss_mb']:.0f}" for k in labels)))
    rows.append(("Python heap peak (MB)", *(f"{results[k]['python_peak_mb']:.1f}" for k in labels)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                        for i, cell in enumerate(row)))
    worst = max(results[k]["searches"][q]["p50"] for k in labels for q in ("rare word", "common word"))
    print(f"\ntarget: search p50 < 20 ms -> {'met' if worst < 20 else 'MISSED'} ({worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
