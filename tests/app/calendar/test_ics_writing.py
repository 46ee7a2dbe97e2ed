"""An export is the same bytes every run: its zone definitions come sorted by TZID."""

import datetime as dt
import os
import subprocess
import sys

from app.context import open_app
from app.services import calendar as cal
from app.services.calendar import ActivityInput
from tests.helpers.paths import ROOT

ZONES = ("Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
         "America/St_Johns", "Europe/London", "Pacific/Auckland")
CHILD = """
import datetime as dt, sys
from pathlib import Path
from app.calendar import ics_writing, store
from app.context import open_app
context = open_app(Path(sys.argv[1]))
snapshots = [store.snapshot_activity(a.id) for a in store.list_activities()]
sys.stdout.buffer.write(ics_writing.build(snapshots, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
context.close()
"""


def test_two_exports_in_two_runs_are_byte_identical(tmp_path):
    folder = tmp_path / "data"
    context = open_app(folder)
    try:
        for number, zone in enumerate(ZONES):
            cal.create_activity(ActivityInput(
                title=f"Call {number}", start=dt.datetime(2026, 3, 2 + number, 19),
                all_day=False, duration_minutes=30, location="", category="other", notes="",
                reminders=(), rrule="FREQ=WEEKLY" if number % 2 else None,
                timezone=zone))
    finally:
        context.close()
    outputs = []
    for seed in ("1", "2", "3"):
        # Another hash seed each run: the order of a set changes between them.
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(folder)], capture_output=True, check=True,
            cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
        outputs.append(child.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    tzids = [line for line in outputs[0].decode().splitlines() if line.startswith("TZID:")]
    assert tzids == sorted(tzids) and len(tzids) == len(ZONES)
