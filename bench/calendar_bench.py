"""How long the calendar takes to switch months with 2,000 activities, a third recurring.

Run: python bench/calendar_bench.py [--activities N] [--months N]
Prints a table of occurrences_between() times for a six-week month grid, stepping a month at
a time through four years: the first month (every rule is read once), each new month after
it, and a second pass over months already seen (what clicking back costs). Times are
wall-clock and this process's CPU time (steadier on a busy machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.context import open_app  # noqa: E402
from app.models.base import shared_db  # noqa: E402
from app.services import calendar as cal  # noqa: E402

ZONE = "Europe/London"
TITLES = ["Date night", "Sunday walk", "Phone-free evening", "Cook together", "Cinema",
          "Board games", "Climbing", "Call with parents", "Dance class", "Picnic"]
# Weights follow how couples plan: mostly weekly, some every other week or monthly.
RULES = [("FREQ=WEEKLY;BYDAY={code}", 45), ("FREQ=WEEKLY;INTERVAL=2;BYDAY={code}", 15),
         ("FREQ=MONTHLY;BYDAY={nth}{code}", 15), ("FREQ=MONTHLY;BYMONTHDAY={day}", 10),
         ("FREQ=DAILY;COUNT=30", 5), ("FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL={until}", 5),
         ("FREQ=YEARLY", 5)]
CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def seed(count: int, today: dt.date, rng: random.Random) -> None:
    categories = cal.categories()
    with shared_db.atomic():
        for index in range(count):
            day = today + dt.timedelta(days=rng.randint(-3 * 365, 365))
            start = dt.datetime.combine(day, dt.time(rng.choice([8, 10, 14, 18, 19, 20]),
                                                     rng.choice([0, 30])))
            rule = None
            if index % 3 == 0:
                template = rng.choices([r for r, _ in RULES], [w for _, w in RULES])[0]
                nth = min((day.day - 1) // 7 + 1, 4)
                until = (day + dt.timedelta(days=rng.randint(30, 400))).strftime("%Y%m%dT235959")
                rule = template.format(code=CODES[day.weekday()], nth=nth, day=day.day,
                                       until=until)
            cal.create_activity(cal.ActivityInput(
                title=rng.choice(TITLES), start=start, duration_minutes=rng.choice([60, 90, 120]),
                category=rng.choice(categories), rrule=rule, timezone=ZONE,
                reminders=rng.choice([(), (30,), (60,), (1440, 60)]),
            ))


def grid(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    begin = first - dt.timedelta(days=first.weekday())
    return begin, begin + dt.timedelta(days=41)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--months", type=int, default=48)
    args = parser.parse_args()
    today = dt.date.today()
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as folder:
        context = open_app(Path(folder) / "data")
        try:
            began = time.perf_counter()
            seed(args.activities, today, rng)
            seeded = time.perf_counter() - began
            months = []
            year, month = today.year - 3, today.month
            for _ in range(args.months):
                months.append((year, month))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            rows = []
            for label in ("first visit", "second visit"):
                times, cpu, sizes = [], [], []
                for year, month in months:
                    begin, end = grid(year, month)
                    started, started_cpu = time.perf_counter(), time.process_time()
                    found = cal.occurrences_between(begin, end, tz=ZONE)
                    times.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - started_cpu) * 1000)
                    sizes.append(len(found))
                if label == "first visit":
                    # The very first query also reads every rule once: report it apart.
                    rows.append(("first month", times[0], times[0], times[0], cpu[0], cpu[0],
                                 sizes[0]))
                    times, cpu, sizes = times[1:], cpu[1:], sizes[1:]
                    label = "new month"
                rows.append((label, statistics.median(times), percentile(times, 0.95),
                             max(times), statistics.median(cpu), percentile(cpu, 0.95),
                             statistics.median(sizes)))
        finally:
            context.close()
    print(f"{args.activities} activities ({args.activities // 3 + (args.activities % 3 > 0)} "
          f"recurring), {len(months)} months, seeded in {seeded:.1f} s")
    print(f"{'month switch':<14} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
          f" {'cpu p50':>8} {'cpu p95':>8} {'occurrences':>12}")
    for label, p50, p95, worst, cpu50, cpu95, size in rows:
        print(f"{label:<14} {p50:>8.2f} {p95:>8.2f} {worst:>8.2f} {cpu50:>8.2f} {cpu95:>8.2f}"
              f" {size:>12.0f}")
    print("target: under 30 ms per month switch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
