"""One writer per data folder, released automatically when the holder dies."""

import subprocess
import sys
import textwrap

import pytest

from app.errors import AlreadyRunningError
from app.instance_lock import InstanceLock

HOLD = textwrap.dedent("""
    import sys, time
    from app.instance_lock import InstanceLock
    lock = InstanceLock(sys.argv[1]); lock.acquire()
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
