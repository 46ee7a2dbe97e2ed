"""`hearth sync` on the command line, run as a real process against a real Radicale."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.app.sync.conftest import _no_secret_store, radicale  # noqa: F401 (fixtures)
from tests.helpers.caldav_servers import USERS
from tests.helpers.paths import ROOT


def hearth(folder, *args, stdin=""):
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(folder), *args],
                          input=stdin, capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)


@pytest.fixture
def ics_file(tmp_path):
    path = tmp_path / "plans.ics"
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:plan-{n}@test\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Europe/London:202603{n + 1:02d}T190000\r\n"
        f"DTEND;TZID=Europe/London:202603{n + 1:02d}T210000\r\nSUMMARY:Plan {n}\r\n"
        "END:VEVENT\r\n" for n in range(7))
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + events
                    + "END:VCALENDAR\r\n")
    return path


def test_setup_sync_status_and_forget(tmp_path, radicale, ics_file):  # noqa: F811
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    made = hearth(alice, "sync", "setup", radicale.url, "--user", "alice", "--create",
                  stdin=USERS["alice"] + "\n")
    assert made.returncode == 0, made.stderr
    assert 'syncing with "Hearth"' in made.stdout
    assert "each sync asks for the password" in made.stdout
    url = radicale.calendar_url("alice", "hearth")
    joined = hearth(bob, "sync", "setup", url, "--user", "bob", stdin=USERS["bob"] + "\n")
    assert joined.returncode == 0, joined.stderr
    assert hearth(alice, "import-ics", str(ics_file)).returncode == 0
    first = hearth(alice, "sync", stdin=USERS["alice"] + "\n")
    assert first.stdout.strip() == "sent 7, received 0, deleted 0, conflicts 0"
    got = hearth(bob, "sync", stdin=USERS["bob"] + "\n")
    assert got.stdout.strip() == "sent 0, received 7, deleted 0, conflicts 0"

    # Bob deletes everything: Alice's sync stops before deleting and says how to go on.
    from app.context import open_app
    from app.services import calendar as cal

    context = open_app(bob)
    try:
        for activity in cal.list_activities():
            cal.delete_activity(activity.id)
    finally:
        context.close()
    assert hearth(bob, "sync", stdin=USERS["bob"] + "\n").returncode == 0
    stopped = hearth(alice, "sync", stdin=USERS["alice"] + "\n")
    assert stopped.returncode == 2
    assert "7 plans" in stopped.stderr and "hearth sync --confirm-deletes" in stopped.stderr
    assert len(stopped.stderr.strip().splitlines()) == 1
    done = hearth(alice, "sync", "--confirm-deletes", stdin=USERS["alice"] + "\n")
    assert done.stdout.strip() == "sent 0, received 0, deleted 7, conflicts 0"

    report = hearth(alice, "sync", "status")
    assert report.returncode == 0
    assert "changes waiting: 0" in report.stdout and "last sync:" in report.stdout

    # The password is in no file of the data folder: not the database, its WAL, the log.
    for folder in (alice, bob):
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert USERS["alice"].encode() not in data, path
                assert USERS["bob"].encode() not in data, path

    forgot = hearth(alice, "sync", "forget")
    assert forgot.returncode == 0 and "plans stay" in forgot.stdout
    after = hearth(alice, "sync", stdin="\n")
    assert after.returncode == 2 and "not set up" in after.stderr


def test_failures_are_one_line_with_exit_2(tmp_path, radicale):  # noqa: F811
    wrong = hearth(tmp_path / "a", "sync", "setup", radicale.url, "--user", "alice",
                   stdin="not the password\n")
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == ("hearth: 127.0.0.1 did not accept the user name and "
                                    "password.")
    radicale.stop()
    offline = hearth(tmp_path / "a", "sync", "setup", radicale.url, "--user", "alice",
                     stdin="x\n")
    assert offline.returncode == 2 and "refused the connection" in offline.stderr
    no_password = hearth(tmp_path / "a", "sync", "setup", radicale.url, "--user", "alice")
    assert no_password.returncode == 2 and "password" in no_password.stderr
    assert "Traceback" not in wrong.stderr + offline.stderr + no_password.stderr


def test_a_phone_emptying_the_calendar_exits_2_and_deletes_nothing(tmp_path, radicale,  # noqa: F811
                                                                   ics_file):
    from tests.helpers.sync import Phone

    alice = tmp_path / "alice"
    made = hearth(alice, "sync", "setup", radicale.url, "--user", "alice", "--create",
                  stdin=USERS["alice"] + "\n")
    assert made.returncode == 0, made.stderr
    lines = ics_file.read_text().split("BEGIN:VEVENT")
    ics_file.write_text("BEGIN:VEVENT".join(lines[:4]) + "END:VCALENDAR\r\n")  # 3 plans
    assert hearth(alice, "import-ics", str(ics_file)).returncode == 0
    assert hearth(alice, "sync", stdin=USERS["alice"] + "\n").returncode == 0
    phone = Phone(radicale.calendar_url("alice", "hearth"), "alice", USERS["alice"])
    phone.raw_put("mars.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
                  "BEGIN:VEVENT\r\nUID:mars@phone\r\nDTSTAMP:20260101T000000Z\r\n"
                  "DTSTART;TZID=Mars/Olympus:20260308T100000\r\nSUMMARY:Rover walk\r\n"
                  "END:VEVENT\r\nEND:VCALENDAR\r\n")
    noted = hearth(alice, "sync", stdin=USERS["alice"] + "\n")
    assert noted.returncode == 0, noted.stderr
    assert any(line.startswith("note: ") and "Mars/Olympus" in line
               for line in noted.stdout.splitlines()), noted.stdout
    for event in phone.calendar.events():
        event.delete()
    stopped = hearth(alice, "sync", stdin=USERS["alice"] + "\n")
    assert stopped.returncode == 2
    assert "4 plans" in stopped.stderr and "hearth sync --confirm-deletes" in stopped.stderr
    assert "deleted" not in stopped.stdout
    from app.context import open_app
    from app.services import calendar as cal

    context = open_app(alice)
    try:
        assert len(cal.list_activities()) == 4
    finally:
        context.close()


def test_setup_refuses_an_address_that_names_no_calendar(tmp_path, radicale):  # noqa: F811
    alice = tmp_path / "alice"
    made = hearth(alice, "sync", "setup", radicale.url, "--user", "alice", "--create",
                  stdin=USERS["alice"] + "\n")
    assert made.returncode == 0, made.stderr
    wrong = radicale.url + "nope/nothere/"
    refused = hearth(tmp_path / "other", "sync", "setup", wrong, "--user", "alice",
                     stdin=USERS["alice"] + "\n")
    assert refused.returncode == 2
    assert f"There is no calendar at {wrong}" in refused.stderr
    assert '"Hearth"' in refused.stderr
    assert "syncing with" not in refused.stdout
