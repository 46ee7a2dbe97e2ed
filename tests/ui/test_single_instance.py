"""A second launch on the same data folder raises the first window instead of writing."""

import pytest

from app.errors import AlreadyRunningError
from ui.single_instance import SingleInstance


def test_second_instance_is_refused_and_first_is_asked_to_show(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    first.acquire()
    assert first.listen()
    try:
        second = SingleInstance(tmp_path)
        with qtbot.waitSignal(first.activation_requested, timeout=3000):
            with pytest.raises(AlreadyRunningError):
                second.acquire()
        assert second.notified
    finally:
        first.release()
    third = SingleInstance(tmp_path)
    third.acquire()  # free again once the first let go
    third.release()


def test_other_folder_is_independent(tmp_path):
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a.acquire()
    b.acquire()
    a.release()
    b.release()


def test_a_launch_before_the_first_listens_is_refused_without_waiting_forever(tmp_path):
    first = SingleInstance(tmp_path)
    first.acquire()  # holds the lock; its window has not come up to listen yet
    try:
        second = SingleInstance(tmp_path, knock_seconds=0.3)
        with pytest.raises(AlreadyRunningError):
            second.acquire()
        assert not second.notified
        assert not second.listen()  # never listens without the lock
    finally:
        first.release()


def test_a_window_started_while_a_command_holds_the_folder_says_so_and_opens_nothing(tmp_path):
    import os
    import subprocess
    import sys

    from app.errors import CommandRunningError
    from app.instance_lock import COMMAND, InstanceLock

    with InstanceLock(tmp_path, holder=COMMAND):
        single = SingleInstance(tmp_path, knock_seconds=0.3)
        with pytest.raises(CommandRunningError):
            single.acquire()
        assert not single.notified  # no window to knock on
        started = subprocess.run(
            [sys.executable, "-m", "ui", "--data-dir", str(tmp_path), "--smoke-test"],
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True,
            text=True, timeout=120)
    assert started.returncode == 1
    assert started.stderr.strip().splitlines() == [
        "hearth: Another hearth command is using this data folder; try again once it has "
        "finished."]
    assert not (tmp_path / "hearth.db").exists()
