"""The cycle collector stays off on workers and through start-up, and freezes what start-up
made once the window is complete."""

from __future__ import annotations

import gc

import pytest

from ui import collector


@pytest.fixture(autouse=True)
def _restore_collector():
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_pauses_nest_and_the_last_resume_turns_it_back_on():
    gc.enable()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_keeps_it_off_when_it_was_off_already():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_start_up_keeps_it_off_until_finished_then_freezes_once():
    gc.enable()
    collector.begin_start_up()
    collector.begin_start_up()  # a second call does not need a second finish
    assert not gc.isenabled()
    with collector.paused():  # a worker during start-up
        pass
    assert not gc.isenabled()
    collector.finish_start_up()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    collector.finish_start_up()  # later calls do nothing
    assert gc.isenabled()
