#!/usr/bin/env python3
"""Key-slot benchmark on a protected journal of N entries: unlock with the passphrase and
with the recovery key, a passphrase change (a rewrap of the key file), beside what the same
steps cost before key slots (the passphrase fed to SQLCipher's own PBKDF2, a change that
rewrites the whole file) and the one-time move of such a journal to key slots.

    .venv/bin/python bench/keys_bench.py [--entries 10000] [--runs 5] [--keep DIR]

Builds its journal with journal_bench (reused from --keep) and measures in a fresh child
process. Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _median_ms(step, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(folder: Path, journal_id: int, runs: int) -> dict:
    """In a fresh process: every figure of the table, in milliseconds."""
    import journal_bench

    from app.context import open_app
    from app.journal.keys.unlock import key_for
    from app.journal.registry.journals import open_file
    from app.journal.registry.rewrite import rewrite_file
    from app.services import journal

    context = open_app(folder)
    passphrases = [journal_bench.PASSPHRASE, "bench: a second passphrase"]
    try:
        info = journal.get_journal(context, journal_id)
        if not journal.uses_key_slots(info):
            journal.open_journal(context, journal_id, passphrases[0]).close()
            info = journal.get_journal(context, journal_id)
        recovery_key = journal.new_recovery_key(context, journal_id, passphrases[0])

        def unlock_passphrase():
            with journal.open_journal(context, journal_id, passphrases[0]) as session:
                session.count_entries()

        def unlock_recovery():
            db = open_file(context, info, key_for(info.path, recovery_key))
            try:
                db.execute_sql("SELECT count(*) FROM entry").fetchone()
            finally:
                db.close()

        turn = [0]

        def change():
            old, new = passphrases[turn[0] % 2], passphrases[(turn[0] + 1) % 2]
            journal.change_passphrase(context, journal_id, old, new)
            turn[0] += 1

        result = {
            "unlock_passphrase_ms": _median_ms(unlock_passphrase, runs),
            "unlock_recovery_ms": _median_ms(unlock_recovery, runs),
            "change_ms": _median_ms(change, 2 * runs),  # an even count ends where it began
        }
        started = time.perf_counter()
        journal.change_passphrase(context, journal_id, passphrases[0], passphrases[0] + "!",
                                  new_key=True)
        result["change_new_key_ms"] = (time.perf_counter() - started) * 1000
        passphrase = passphrases[0] + "!"
        # The journal as Hearth wrote it before key slots: keyed by the passphrase itself.
        info = journal.get_journal(context, journal_id)
        rewrite_file(context, info, key_for(info.path, passphrase), passphrase)
        older = journal.get_journal(context, journal_id)

        def unlock_older():
            db = open_file(context, older, passphrase)
            try:
                db.execute_sql("SELECT count(*) FROM entry").fetchone()
            finally:
                db.close()

        result["older_unlock_ms"] = _median_ms(unlock_older, runs)
        started = time.perf_counter()
        rewrite_file(context, older, passphrase, passphrase + "?")  # a change before key slots
        result["older_change_ms"] = (time.perf_counter() - started) * 1000
        passphrase += "?"
        started = time.perf_counter()
        journal.open_journal(context, journal_id, passphrase).close()  # moves to key slots
        result["move_ms"] = (time.perf_counter() - started) * 1000
        with journal.open_journal(context, journal_id, passphrase) as session:
            result["entries"] = session.count_entries()
        # Back to the bench passphrase, so a kept folder (--keep) can be measured again.
        journal.change_passphrase(context, journal_id, passphrase, passphrases[0])
    finally:
        context.close()
    return result


def run(folder: Path, entries: int, runs: int) -> dict:
    """Build (or reuse) the journals in `folder` and measure in a child process."""
    import journal_bench

    ids_file = folder / "bench-ids.json"
    if ids_file.exists():
        ids = json.loads(ids_file.read_text())
    else:
        ids = journal_bench.build(folder, entries)
        ids_file.write_text(json.dumps(ids))
    child = subprocess.run(
        [sys.executable, __file__, "--runs", str(runs), "--measure", str(folder),
         str(ids["protected"])], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(child.stdout.strip().splitlines()[-1])


def table(result: dict) -> list[tuple[str, str, str, str]]:
    """Rows of (measure, with key slots, before key slots, ratio)."""
    def ratio(ours: float, theirs: float) -> str:
        return f"{theirs / ours:.1f}x faster" if ours < theirs else f"{ours / theirs:.1f}x slower"

    n = result["entries"]
    return [
        (f"protected journal, {n} entries: unlock with passphrase (ms)",
         f"{result['unlock_passphrase_ms']:.0f}", f"{result['older_unlock_ms']:.0f} before",
         ratio(result["unlock_passphrase_ms"], result["older_unlock_ms"])),
        ("unlock with recovery key (ms)", f"{result['unlock_recovery_ms']:.0f}", "", ""),
        ("passphrase change (ms)", f"{result['change_ms']:.0f}",
         f"{result['older_change_ms']:.0f} before", ratio(result["change_ms"],
                                                          result["older_change_ms"])),
        ("passphrase change with a new key (ms)", f"{result['change_new_key_ms']:.0f}", "",
         "rewrites the file"),
        ("move of an older journal to key slots (ms)", f"{result['move_ms']:.0f}", "",
         "once"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="build into DIR (reused if it exists)")
    parser.add_argument("--measure", nargs=2, metavar=("DIR", "ID"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), int(args.measure[1]), args.runs)))
        return 0
    with tempfile.TemporaryDirectory(prefix="hearth-keys-bench-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = table(run(folder, args.entries, args.runs))
    header = ("measure", "key slots", "before", "ratio")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(4)]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i])
                        for i, c in enumerate(row)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
