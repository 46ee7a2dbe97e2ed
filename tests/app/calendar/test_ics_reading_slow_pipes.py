"""Standard input fed a byte at a time through a real pipe: each wait for more is short,
and the whole read has its own limit, as the README says (with shorter limits here, set
in the child before it runs the command)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

CHILD = ("import sys; from app.calendar import ics_reading; "
         "ics_reading.WAIT_SECONDS = {wait}; ics_reading.READ_SECONDS = {whole}; "
         "from app.__main__ import main; sys.exit(main(sys.argv[1:]))")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX pipes")


def import_from_trickle(data_dir: Path, *, every: float, wait: float, whole: float
                        ) -> subprocess.CompletedProcess:
    """`hearth import-ics -` fed one byte each `every` seconds until it stops reading."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(wait=wait, whole=whole), "--data-dir",
         str(data_dir), "import-ics", "-"], cwd=ROOT, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)})
    started = time.monotonic()
    data = b"BEGIN:VCALENDAR\r\n" + b"X" * 10_000
    try:
        for byte in data:
            if child.poll() is not None or time.monotonic() - started > 30:
                break
            child.stdin.write(bytes([byte]))
            child.stdin.flush()
            time.sleep(every)
    except BrokenPipeError:
        pass
    try:
        child.stdin.close()
    except BrokenPipeError:
        pass
    child.wait(timeout=30)
    out, err = child.stdout.read(), child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    return subprocess.CompletedProcess(child.args, child.returncode, out.decode(),
                                       err.decode())


def test_a_trickling_pipe_is_read_until_the_whole_read_limit(tmp_path):
    # Each byte comes well within the wait for more, so only the whole read's limit ends it.
    result = import_from_trickle(tmp_path / "data", every=0.2, wait=1, whole=3)
    assert result.returncode == 2
    assert "was still arriving after 3 seconds" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pipe_that_pauses_longer_than_the_wait_is_given_up(tmp_path):
    result = import_from_trickle(tmp_path / "data", every=1.5, wait=1, whole=20)
    assert result.returncode == 2
    assert "Nothing more arrived from" in result.stderr and "for 1 seconds" in result.stderr
