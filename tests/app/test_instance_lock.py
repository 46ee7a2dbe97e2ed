"""One writer per data folder, released automatically when the holder dies."""

import subprocess
import sys
import textwrap

import pytest

from app.errors import AlreadyRunningError, CommandRunningError
from app.instance_lock import COMMAND, WINDOW, InstanceLock

HOLD = textwrap.dedent("""
    import sys, time
    from app.instance_lock import InstanceLock
    lock = InstanceLock(sys.argv[1], holder=(sys.argv[2:] or ["window"])[0]); lock.acquire()
    print('held', flush=True); time.sleep(60)
""")


def test_second_holder_is_refused_until_first_dies(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyRunningError):
            InstanceLock(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait()
    lock = InstanceLock(tmp_path)
    lock.acquire()  # the OS released the dead process's lock
    assert lock.held
    lock.release()


def test_release_and_reacquire_in_process(tmp_path):
    with InstanceLock(tmp_path) as lock:
        assert lock.held
    with InstanceLock(tmp_path) as again:
        assert again.held


@pytest.mark.parametrize("holder", [WINDOW, COMMAND])
def test_a_refused_lock_says_whether_a_window_or_a_command_holds_it(tmp_path, holder):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path), holder],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "held"
        for asking in (WINDOW, COMMAND):
            with pytest.raises(AlreadyRunningError) as refused:
                InstanceLock(tmp_path, holder=asking).acquire()
            assert isinstance(refused.value, CommandRunningError) == (holder == COMMAND)
            assert ("command" in refused.value.message) == (holder == COMMAND)
    finally:
        process.kill()
        process.wait()


def test_a_lock_file_from_before_holders_were_written_reads_as_a_window(tmp_path):
    (tmp_path / ".hearth.lock").write_text("4242")  # only a pid, as older versions wrote
    with InstanceLock(tmp_path, holder=COMMAND) as lock:
        assert lock.held
        with pytest.raises(CommandRunningError):
            InstanceLock(tmp_path).acquire()
