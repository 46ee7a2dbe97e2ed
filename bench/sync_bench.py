"""Calendar sync against a real Radicale on 127.0.0.1: how long, and how many requests.

Run: python bench/sync_bench.py [--activities N] [--random-steps N] [--seed N]
Measures a first sync of N activities (a third repeating) from one Hearth, the second
Hearth's first sync receiving them all, a sync with nothing changed (one request), and a
sync after 10 changes; then a seeded random run of two partners, a phone, faults and
restarts, checked for convergence. Times are wall-clock on this machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(activities: int) -> list[tuple[str, float, int]]:
    """(what, seconds, requests) for each sync measured."""
    import datetime as dt

    import calendar_bench

    from app.services import calendar as cal
    from app.sync import discovery
    from app.sync.transport import Transport
    from tests.helpers.caldav_servers import USERS, Radicale
    from tests.helpers.sync import Partner

    rows = []
    with tempfile.TemporaryDirectory(prefix="hearth-bench-sync-") as folder:
        root = Path(folder)
        server = Radicale(root / "server").start()
        try:
            transport = Transport(server.url, "alice", USERS["alice"], auth_type="basic")
            url = discovery.make_calendar(transport, server.url).url
            alice = Partner(root / "alice", url, "alice", USERS["alice"])
            bob = Partner(root / "bob", url, "bob", USERS["bob"])
            with alice.session():
                calendar_bench.seed(activities, dt.date.today(), random.Random(4))

            def timed(what, partner):
                began = time.perf_counter()
                result = partner.sync()
                rows.append((what, time.perf_counter() - began, result.requests))
                return result

            timed(f"first sync, {activities} activities sent", alice)
            timed(f"other Hearth's first sync, {activities} received", bob)
            timed("sync with nothing changed", alice)
            with alice.session():
                for activity in cal.list_activities()[:10]:
                    cal.update_activity(activity.id, cal.ActivityInput(
                        **{**activity.to_input().__dict__, "notes": "changed"}))
            timed("sync after 10 changes", alice)
            timed("other Hearth receiving the 10 changes", bob)
        finally:
            server.stop()
    return rows


def random_run(steps: int, seed: int) -> dict:
    from tests.helpers.caldav_servers import Radicale
    from tests.helpers.sync import calendar_for
    from tests.helpers.sync_random import run

    with tempfile.TemporaryDirectory(prefix="hearth-bench-sync-random-") as folder:
        root = Path(folder)
        server = Radicale(root / "server").start()
        try:
            return run(root, server, calendar_for(server), seed=seed, steps=steps)
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--random-steps", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # the benchmark never touches a real secret store
    rows = measure(args.activities)
    print(f"{'sync':48} {'seconds':>8} {'requests':>9}")
    for what, seconds, requests in rows:
        print(f"{what:48} {seconds:8.2f} {requests:9d}")
    if args.random_steps:
        began = time.perf_counter()
        summary = random_run(args.random_steps, args.seed)
        print(f"\nrandom run, seed {args.seed}, {args.random_steps} steps: converged in "
              f"{time.perf_counter() - began:.0f} s, {summary['plans']} plans, "
              f"{summary['writes']} writes checked, {summary['deletes']} deletes, "
              f"{summary['conflicts']} conflict values listed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
