"""The processor-time budget of one calendar file's import: reading and storing stop once
their work outruns it, so no file costs unbounded time.

Seconds of this thread's processor time, not of the clock: a busy machine slows an import
down but does not make it refuse a file it would otherwise read. Each step done earns
SECONDS_PER_STEP more; a step is an event parsed, read or stored, and each occurrence
change (an EXDATE date, a RECURRENCE-ID override) parsed, read or stored, since those cost
about what an event does. The budget is never more than IMPORT_SECONDS ahead of the work
done: it keeps pace with work that is going well (a step of a legitimate file takes well
under half a millisecond, see bench/ics_bench.py) while a file whose events are costly to
read (rules that search centuries for a date, zones that change every day) is refused
within a few seconds, however many events it holds.
"""

from __future__ import annotations

from collections.abc import Callable

from app.calendar.ics_reading import IcsError

IMPORT_SECONDS = 3.0
SECONDS_PER_STEP = 0.0015


class Budget:
    """IMPORT_SECONDS of this thread's work for one file, SECONDS_PER_STEP more for each
    step done; `check()` raises once spent."""

    def __init__(self, name: str, clock: Callable[[], float]):
        self.name = name
        self.clock = clock
        self.started = clock()
        self.seconds = IMPORT_SECONDS

    def earn(self, steps: int = 1) -> None:
        self.seconds += SECONDS_PER_STEP * steps

    def step(self, steps: int = 1) -> None:
        """More steps done (those before the next): earn their time, then look."""
        self.earn(steps)
        self.check()

    def check(self) -> None:
        spent = self.clock() - self.started
        # Never more than IMPORT_SECONDS ahead of the work done: time saved on cheap steps
        # is not banked for costly ones later.
        self.seconds = min(self.seconds, spent + IMPORT_SECONDS)
        if spent > self.seconds:
            raise IcsError(f"{self.name} takes too long to import: Hearth stopped after "
                           f"{self.seconds:.0f} seconds of work (its repeat rules or time "
                           "zones are unusually complex). Nothing was imported.")
