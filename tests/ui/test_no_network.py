"""With sync off, a whole session of the app opens no socket but the local one that brings
a running window forward: traced at the system-call level, so Qt's own networking and any
library's would show too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT


def _sockets(data_dir: Path, trace: Path) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace),
         sys.executable, "-m", "ui", "--data-dir", str(data_dir), "--smoke-test"],
        capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    calls = []
    for line in trace.read_text().splitlines():
        found = re.search(r"\b(socket|connect)\((.*)", line)
        if found and "resumed" not in line:
            calls.append(f"{found.group(1)}({found.group(2)}")
    return calls


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
@pytest.mark.parametrize("account", ["none", "turned off"])
def test_a_session_with_sync_off_opens_no_network_socket(tmp_path, account):
    data_dir = tmp_path / "data"
    if account == "turned off":
        from app.context import open_app
        from app.sync import account as accounts

        context = open_app(data_dir)
        try:
            accounts.save(accounts.Account(
                server_url="http://127.0.0.1:9/", username="sam",
                calendar_url="http://127.0.0.1:9/sam/hearth/", enabled=False))
        finally:
            context.close()
    calls = _sockets(data_dir, tmp_path / "trace")
    opened = [call for call in calls if call.startswith("socket(")]
    assert opened, "the trace saw no socket at all: is the local single-instance one gone?"
    assert all(call.startswith("socket(AF_UNIX") for call in opened), opened
    assert not [call for call in calls if "AF_INET" in call], calls
