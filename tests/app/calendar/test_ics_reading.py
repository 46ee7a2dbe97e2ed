"""Reading calendar files from FIFOs, devices and standard input, within limits of size and time.

Each source is read within the size limit and never waited on for long. All of them are
real: os.mkfifo, /dev/zero, a pseudo-terminal, and a child process's pipes.
"""

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.calendar import ics, ics_reading
from app.calendar.ics import IcsError
from tests.helpers.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "ics"
GOOGLE = (FIXTURES / "google.ics").read_bytes()

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes and devices")


@pytest.fixture
def short_waits(monkeypatch):
    """Seconds become tenths: the waiting is the same code, only shorter."""
    monkeypatch.setattr(ics_reading, "WAIT_SECONDS", 0.5)
    monkeypatch.setattr(ics_reading, "READ_SECONDS", 2.0)


def writer(path: Path, chunks: list[bytes], *, pause: threading.Event | None = None):
    """A thread that opens the FIFO at `path` for writing, sends `chunks`, and closes it
    (after `pause` is set, when given)."""
    def run():
        with open(path, "wb", buffering=0) as fifo:
            for chunk in chunks:
                fifo.write(chunk)
            if pause is not None:
                pause.wait(10)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_fifo_with_a_writer_is_read_like_a_file(tmp_path, short_waits):
    fifo = tmp_path / "plans.ics"
    os.mkfifo(fifo)
    thread = writer(fifo, [GOOGLE[:1000], GOOGLE[1000:]])
    assert ics.read_file(fifo) == GOOGLE
    thread.join(5)


def test_a_fifo_nobody_writes_to_is_refused_after_the_wait(tmp_path, short_waits):
    fifo = tmp_path / "plans.ics"
    os.mkfifo(fifo)
    with pytest.raises(IcsError, match=r"Nothing arrived from .*plans\.ics for 0 seconds"):
        ics.read_file(fifo)


def test_a_fifo_whose_writer_stops_halfway_is_refused(tmp_path, short_waits):
    fifo = tmp_path / "plans.ics"
    os.mkfifo(fifo)
    done = threading.Event()
    thread = writer(fifo, [GOOGLE[:500]], pause=done)
    try:
        with pytest.raises(IcsError, match="Nothing more arrived from"):
            ics.read_file(fifo)
    finally:
        done.set()
        thread.join(5)


def test_a_fifo_trickling_forever_is_refused_after_the_whole_wait(tmp_path, monkeypatch):
    monkeypatch.setattr(ics_reading, "WAIT_SECONDS", 1.0)
    monkeypatch.setattr(ics_reading, "READ_SECONDS", 1.5)
    fifo = tmp_path / "plans.ics"
    os.mkfifo(fifo)
    done = threading.Event()

    def trickle():
        with open(fifo, "wb", buffering=0) as out:
            while not done.wait(0.05):
                out.write(b"X-A:1\r\n")

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        with pytest.raises(IcsError, match="still arriving after 2 seconds"):
            ics.read_file(fifo)
    finally:
        done.set()
        thread.join(5)


def test_a_fifo_sending_more_than_the_limit_is_refused_at_the_limit(tmp_path, short_waits):
    fifo = tmp_path / "plans.ics"
    os.mkfifo(fifo)
    block = b"X" * (1024 * 1024)
    thread = writer(fifo, [block] * 11)
    with pytest.raises(IcsError, match="larger than 10 MB"):
        ics.read_file(fifo)
    thread.join(5)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_stop_at_the_limit(device):
    with pytest.raises(IcsError, match=f"{device} is larger than 10 MB"):
        ics.read_file(device)


def test_an_empty_device_is_no_calendar(app_context):
    with pytest.raises(IcsError, match="/dev/null is not a calendar"):
        ics.import_file("/dev/null")


def test_a_terminal_is_not_waited_on(short_waits):
    controller, terminal = pty.openpty()
    try:
        with pytest.raises(IcsError, match=r"Nothing arrived from /dev/pts/\d+"):
            ics.read_file(os.ttyname(terminal))
        with open(terminal, "rb", closefd=False) as stream:
            with pytest.raises(IcsError, match="Standard input is a terminal"):
                ics_reading.read_stdin(stream=stream)
    finally:
        os.close(controller)
        os.close(terminal)


def test_a_folder_a_missing_file_and_an_unreadable_one_are_explained(tmp_path):
    with pytest.raises(IcsError, match="is a folder"):
        ics.read_file(tmp_path)
    with pytest.raises(IcsError, match="There is no file at"):
        ics.read_file(tmp_path / "absent.ics")
    if Path("/proc/self/mem").exists():  # a file that refuses to be read
        with pytest.raises(IcsError, match="mem cannot be read: Input/output error"):
            ics.read_file(Path("/proc/self/mem"))


# ------------------------------------------------------------------ standard input


def hearth(data_dir, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, capture_output=True, timeout=60, **kwargs)


@pytest.mark.slow
def test_import_ics_dash_reads_the_calendar_from_standard_input(tmp_path):
    data = tmp_path / "data"
    first = hearth(data, "import-ics", "-", input=GOOGLE)
    assert first.returncode == 0, first.stderr
    assert first.stdout.decode().splitlines()[0] == "added 3, updated 0, skipped 0"
    again = hearth(data, "import-ics", "-", input=GOOGLE)
    assert again.stdout.decode().splitlines()[0].endswith("(3 already up to date)")


@pytest.mark.slow
def test_standard_input_is_held_to_the_same_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        result = hearth(tmp_path / "data", "import-ics", "-", stdin=zero)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "hearth: standard input is larger than 10 MB; Hearth reads calendar files of up to "
        "10 MB."]
    assert not (tmp_path / "data").exists()


@pytest.mark.slow
def test_a_pipe_nobody_writes_to_is_refused_after_a_short_wait(tmp_path):
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"), "import-ics", "-"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        child.wait(timeout=60)  # its standard input stays open, and nothing is sent
        out, err = child.stdout.read(), child.stderr.read()
    finally:
        child.kill()
        child.stdin.close()
    assert child.returncode == 2
    assert err.decode().splitlines() == [
        "hearth: Nothing arrived from standard input for 5 seconds; Hearth stopped waiting "
        "(is anything writing to it?)."]
    assert out == b""
