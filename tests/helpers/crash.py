"""Kill a saving process with SIGKILL again and again, then prove nothing it reported saved
was lost. Shared by the crash tests and `bench/run.py`."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers.paths import ROOT


@dataclass
class CrashReport:
    kills: int = 0
    reported: dict[str, set[str]] = field(default_factory=lambda: {
        "plain": set(), "protected": set(), "activity": set()})
    last_draft: str | None = None
    lost: dict[str, set[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    draft_offered: bool = True

    @property
    def saves(self) -> int:
        return sum(len(v) for v in self.reported.values())

    @property
    def entries_lost(self) -> int:
        return sum(len(v) for v in self.lost.values())


class _LineReader:
    """Lines from the saver's stdout, each recorded once, read without blocking forever."""

    def __init__(self, process: subprocess.Popen, report: CrashReport):
        self.process = process
        self.report = report
        self.buffer = bytearray()
        self.queue: list[str] = []

    def _fill(self, until: float) -> bool:
        fd = self.process.stdout.fileno()
        left = until - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return False
        chunk = os.read(fd, 65536)
        if not chunk:
            return False
        self.buffer.extend(chunk)
        *complete, rest = bytes(self.buffer).split(b"\n")
        self.buffer[:] = rest
        for line in complete:
            text = line.decode()
            _record(self.report, text)
            self.queue.append(text)
        return True

    def drain(self, until: float) -> None:
        """Read (and record) everything printed before `until`."""
        while time.monotonic() < until:
            if not self._fill(until) and self.process.poll() is not None:
                break
        self.queue.clear()

    def wait_for(self, wanted, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            while self.queue:
                line = self.queue.pop(0)
                if line.startswith("error "):
                    raise RuntimeError(f"the saver failed: {line[6:]}")
                if wanted(line):
                    return line
            if time.monotonic() > deadline or (
                    not self._fill(min(deadline, time.monotonic() + 0.5))
                    and self.process.poll() is not None):
                self.process.kill()
                _, err = self.process.communicate()
                raise RuntimeError(f"the saver stopped answering: {err.decode()[-2000:]}")


def run_crashes(data_dir: Path, kills: int, *, seed: int = 1, max_run_seconds: float = 0.25,
                report: CrashReport | None = None, progress=None,
                opening_kills: float = 0.15) -> CrashReport:
    """Fork a saver, let it run a random while after it is ready, SIGKILL it; repeat."""
    rng = random.Random(seed)
    report = report or CrashReport()
    zygote = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.children.saver", str(data_dir)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = _LineReader(zygote, report)
    try:
        lines.wait_for(lambda line: line == "zygote")
        for round_ in range(kills):
            zygote.stdin.write(f"go {seed * 100_000 + round_}\n".encode())
            zygote.stdin.flush()
            pid = int(lines.wait_for(lambda line: line.startswith("pid "))[4:])
            if rng.random() < opening_kills:
                # Sometimes die while opening: recovering the last crash, unlocking.
                lines.drain(time.monotonic() + rng.uniform(0.0, 0.2))
            else:
                lines.wait_for(lambda line: line == "ready")
                lines.drain(time.monotonic() + rng.uniform(0.0, max_run_seconds))
            os.kill(pid, signal.SIGKILL)
            report.kills += 1
            if progress is not None:
                progress(report.kills)
        # "stop" makes the saver reap the last child; all it printed comes before EOF.
        rest, _err = zygote.communicate(b"stop\n", timeout=60)
        for line in (bytes(lines.buffer) + rest).split(b"\n"):
            if line:
                _record(report, line.decode())
    finally:
        if zygote.poll() is None:
            zygote.kill()
            zygote.wait()
    return report


def _record(report: CrashReport, line: str) -> None:
    kind, _, rest = line.partition(" ")
    if kind in report.reported:
        report.reported[kind].add(rest.split(" ", 1)[1])
    elif kind == "draft":
        report.last_draft = rest.split(" ", 1)[1]


def verify(data_dir: Path, report: CrashReport) -> CrashReport:
    """Open everything as the app would and look for every reported save."""
    from app.context import open_app
    from app.db import integrity_problems
    from app.models.calendar import CalendarActivity
    from app.services import journal
    from tests.helpers.children.saver import DRAFT_KEY, PASSPHRASE, prepare

    context = open_app(data_dir)
    try:
        problems = integrity_problems(context.db)
        report.problems += [f"shared: {p}" for p in problems]
        titles = {row.title for row in CalendarActivity.select(CalendarActivity.title)}
        report.lost["activity"] = report.reported["activity"] - titles
        plain_id, protected_id = prepare(context)
        for kind, journal_id, passphrase in (("plain", plain_id, None),
                                             ("protected", protected_id, PASSPHRASE)):
            with journal.open_journal(context, journal_id, passphrase) as session:
                have = {e.title for e in session.get_entries()}
                report.lost[kind] = report.reported[kind] - have
                report.problems += [f"{kind}: {p}" for p in integrity_problems(session._db)]
                if kind == "protected" and report.last_draft is not None:
                    drafts = [d for d in session.pending_drafts() if d.key == DRAFT_KEY]
                    # A later draft may have been saved and killed before its line came out.
                    report.draft_offered = bool(drafts) and _order(
                        drafts[0].data.title) >= _order(report.last_draft)
    finally:
        context.close()
    return report


def _order(title: str) -> tuple[int, int]:
    """Save order of a title "s<round seed>-n<counter>"."""
    seed, _, n = title[1:].partition("-n")
    return int(seed), int(n)
