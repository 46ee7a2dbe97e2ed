"""When Python's cycle collector may run: never on a worker thread, and not during start-up.

The collector runs in whichever thread happens to allocate; on a worker it may destroy
unreachable Qt widgets and timers there, which Qt forbids (and which crashes). Workers
therefore pause it while they run Python code (`paused()`), so it only ever runs on the
UI thread.

Start-up allocates hundreds of thousands of long-lived objects (modules, Qt types and
their enums) and the collector would walk them again and again for nothing. It stays off
from launch until the window is complete (`finish_start_up()`), which then collects once
and freezes what start-up made, so later collections never walk it again.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pausers = 0
_was_enabled = True
_start_up_paused = False


def pause() -> None:
    """Turn the collector off until every pause has been matched by `resume()`."""
    global _pausers, _was_enabled
    with _lock:
        if _pausers == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausers += 1


def resume() -> None:
    global _pausers
    with _lock:
        _pausers -= 1
        if _pausers == 0 and _was_enabled:
            gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block (a worker's run)."""
    pause()
    try:
        yield
    finally:
        resume()


def begin_start_up() -> None:
    global _start_up_paused
    if not _start_up_paused:
        _start_up_paused = True
        pause()


def finish_start_up() -> None:
    """End the start-up pause (once; later calls do nothing). Call it on the UI thread."""
    global _start_up_paused
    if not _start_up_paused:
        return
    _start_up_paused = False
    gc.collect()
    gc.freeze()
    resume()
