"""A seeded random run over both partners, the phone, faults and restarts ends converged
(`bench/sync_bench.py --random-steps N` runs longer ones)."""

from tests.helpers.sync_random import run


def test_a_seeded_random_run_converges_and_loses_no_write(tmp_path, radicale, shared_url):
    summary = run(tmp_path, radicale, shared_url, seed=20261202, steps=80)
    assert summary["plans"] > 0 and summary["writes"] > 10
