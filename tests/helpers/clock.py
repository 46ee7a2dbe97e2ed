"""A wall clock that tests move by hand, for anything that asks "what time is it?"."""

from __future__ import annotations

import datetime as dt


class FakeClock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)
