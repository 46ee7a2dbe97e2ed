"""Save journal entries, drafts and calendar activities in a loop, printing each save only
after it returned, until killed. The crash tests (and `bench/run.py`) SIGKILL this at
random moments and then check that every printed save is on disk.

    python -m tests.helpers.children.saver DATA_DIR

imports Hearth once and waits: each line "go SEED" on standard input forks a saver, which
prints "pid <pid>", "ready" once its journals are open, then one line per save returned:
"plain <id> <title>", "protected <id> <title>", "activity <id> <title>", "draft <key>
<title>". Forking from one warm process keeps each round short, so a test can afford many
kills. Each line goes out in one write(), so a kill never leaves half a line.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import traceback
from pathlib import Path

PASSPHRASE = "crash test passphrase"
PLAIN_NAME = "Plain"
PROTECTED_NAME = "Protected"
DRAFT_KEY = "new"


def prepare(context) -> tuple[int, int]:
    """The two journals of the crash test, created on the first run."""
    from app.services import journal

    journals = {info.name: info.id for info in journal.list_journals(context)}
    if PLAIN_NAME not in journals:
        journals[PLAIN_NAME] = journal.create_journal(context, PLAIN_NAME, None).id
    if PROTECTED_NAME not in journals:
        journals[PROTECTED_NAME] = journal.create_journal(context, PROTECTED_NAME,
                                                          PASSPHRASE).id
    return journals[PLAIN_NAME], journals[PROTECTED_NAME]


def main(data_dir: Path, seed: int) -> None:
    from app.context import open_app
    from app.services import calendar, journal

    rng = random.Random(seed)
    context = open_app(data_dir)
    plain_id, protected_id = prepare(context)
    plain = journal.open_journal(context, plain_id)
    protected = journal.open_journal(context, protected_id, PASSPHRASE)
    out = _Lines()
    out.write("ready\n")
    n = 0
    while True:
        n += 1
        title = f"s{seed}-n{n}"
        body = "We talked late into the night. " * rng.randint(1, 200)
        choice = rng.random()
        if choice < 0.3:
            entry = plain.save_entry(journal.EntryInput(date=dt.date(2026, 1, 1 + n % 28),
                                                        title=title, body=body))
            out.write(f"plain {entry.id} {title}\n")
        elif choice < 0.6:
            entry = protected.save_entry(journal.EntryInput(
                date=dt.date(2026, 2, 1 + n % 28), title=title, body=body, tags=("crash",)))
            out.write(f"protected {entry.id} {title}\n")
        elif choice < 0.85:
            activity = calendar.create_activity(calendar.ActivityInput(
                title=title, start=dt.datetime(2026, 3, 1 + n % 28, 19, 0), notes=body[:500]))
            out.write(f"activity {activity.id} {title}\n")
        else:
            protected.save_draft(DRAFT_KEY, journal.EntryInput(
                date=dt.date(2026, 4, 1), title=title, body=body))
            out.write(f"draft {DRAFT_KEY} {title}\n")


class _Lines:
    def write(self, text: str) -> None:
        os.write(1, text.encode())


def zygote(data_dir: Path) -> None:
    from app.context import open_app
    from app.services import calendar, journal  # noqa: F401 (imported once, before forking)

    # The first start creates the data folder and the journals, outside any kill window.
    context = open_app(data_dir)
    prepare(context)
    context.close()
    child = None
    os.write(1, b"zygote\n")
    for line in sys.stdin:
        if child is not None:
            os.waitpid(child, 0)
            child = None
        command, _, arg = line.strip().partition(" ")
        if command != "go":
            break
        child = os.fork()
        if child == 0:
            try:
                os.write(1, f"pid {os.getpid()}\n".encode())
                main(data_dir, int(arg))
            except BaseException:
                # Say why on stdout, where the test reads, then leave without cleanup.
                text = traceback.format_exc().replace("\n", " | ")
                os.write(1, f"error {text}\n".encode())
            finally:
                os._exit(1)
    if child is not None:
        os.waitpid(child, 0)


if __name__ == "__main__":
    zygote(Path(sys.argv[1]))
