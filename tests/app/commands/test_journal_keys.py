"""`hearth journal create --protect`, `recover` and `recovery-kit` as a script runs them."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from app.context import open_app
from app.journal.keys import recovery
from app.services import journal
from tests.app.commands.test_journal import NEW_PASS, assert_logs_hold_none_of, hearth, ok, refused
from tests.helpers.journal import PASS, folder_hashes


def _create(data_dir: Path) -> str:
    result = hearth(data_dir, "journal", "create", "Ours", "--protect",
                    stdin=f"{PASS}\n{PASS}\n")
    key = ok(result).strip()
    assert recovery.parse(key) and "recovery key follows" in result.stderr
    return key


def test_create_prints_the_recovery_key_once_for_a_script(data_dir):
    key = _create(data_dir)
    assert len(recovery.groups(key)) == 7
    assert_logs_hold_none_of(data_dir, key, key.replace("-", ""))


def test_recover_sets_a_new_passphrase_and_keeps_the_entries(data_dir):
    key = _create(data_dir)
    ok(hearth(data_dir, "journal", "write", "--journal", "Ours",
              stdin=f"{PASS}\nAn evening by the river.\n"))
    typed = key.lower().replace("-", " ")
    out = ok(hearth(data_dir, "journal", "recover", "--journal", "ours",
                    stdin=f"{typed}\n{NEW_PASS}\n{NEW_PASS}\n"))
    assert "new passphrase" in out
    context = open_app(data_dir)
    try:
        info = journal.list_journals(context)[0]
        with journal.open_journal(context, info.id, NEW_PASS) as session:
            assert [e.body for e in session.get_entries()] == ["An evening by the river."]
    finally:
        context.close()
    assert_logs_hold_none_of(data_dir, key, key.replace("-", ""), typed)


def test_a_mistyped_or_wrong_key_is_refused_and_changes_nothing(data_dir):
    key = _create(data_dir)
    before = folder_hashes(data_dir / "journals")
    groups = recovery.groups(key)
    groups[0] = groups[0][::-1] if groups[0] != groups[0][::-1] else "2345"
    refused(hearth(data_dir, "journal", "recover", "--journal", "Ours",
                   stdin="-".join(groups) + f"\n{NEW_PASS}\n{NEW_PASS}\n"), "typo")
    other = recovery.format_key(b"\x01" * 16)
    refused(hearth(data_dir, "journal", "recover", "--journal", "Ours",
                   stdin=f"{other}\n{NEW_PASS}\n{NEW_PASS}\n"), "does not open")
    assert folder_hashes(data_dir / "journals") == before


def test_recovery_kit_writes_a_pdf_with_a_new_key(data_dir, tmp_path):
    old = _create(data_dir)
    out = tmp_path / "kit.pdf"
    result = hearth(data_dir, "journal", "recovery-kit", "--journal", "Ours", str(out),
                    stdin=f"{PASS}\n")
    ok(result)
    assert out.read_bytes().startswith(b"%PDF") and old.encode() not in out.read_bytes()
    refused(hearth(data_dir, "journal", "recover", "--journal", "Ours",
                   stdin=f"{old}\n{NEW_PASS}\n{NEW_PASS}\n"), "does not open")
    context = open_app(data_dir)
    try:
        assert not journal.kit_pending(journal.list_journals(context)[0])
    finally:
        context.close()


def test_recovery_kit_refuses_a_folder_before_asking_anything(data_dir, tmp_path):
    _create(data_dir)
    refused(hearth(data_dir, "journal", "recovery-kit", "--journal", "Ours", str(tmp_path)),
            "folder")


@pytest.mark.parametrize("out", ["/dev/full", "/dev/null", "-", "fifo"])
def test_a_kit_that_would_not_be_kept_as_a_file_is_refused_and_the_old_key_works(
        data_dir, tmp_path, out):
    # Its key is shown nowhere else: a device, standard output or a pipe would lose it.
    old = _create(data_dir)
    if out == "fifo":
        out = str(tmp_path / "kit.fifo")
        os.mkfifo(out)
    before = folder_hashes(data_dir / "journals")
    refused(hearth(data_dir, "journal", "recovery-kit", "--journal", "Ours", out,
                   stdin=f"{PASS}\n"), "save the recovery kit as a file")
    assert folder_hashes(data_dir / "journals") == before
    out = ok(hearth(data_dir, "journal", "recover", "--journal", "Ours",
                    stdin=f"{old}\n{NEW_PASS}\n{NEW_PASS}\n"))
    assert "recovery key still works" in out


def test_a_bad_recovery_key_is_never_echoed(data_dir):
    import subprocess

    from tests.app.commands.test_journal import ROOT, _argv

    _create(data_dir)
    for typed in (b"K7QX\x1b[2J\x07\x00-3M9P", b"ABCD\xff\xfeEFGH", b"\x1b]0;owned\x07"):
        result = subprocess.run(_argv(data_dir, ("journal", "recover", "--journal", "Ours")),
                                cwd=ROOT, input=typed + b"\n" + f"{NEW_PASS}\n".encode() * 2,
                                capture_output=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count(b"\n") == 1 and result.stderr.startswith(b"hearth: ")
        assert not any(ch in result.stderr for ch in (b"\x1b", b"\x07", b"\x00", b"\xff"))
        for part in (b"K7QX", b"3M9P", b"ABCD", b"EFGH", b"owned"):
            assert part not in result.stderr, result.stderr


def test_a_new_key_hands_over_a_new_recovery_key_once(data_dir):
    old = _create(data_dir)
    result = hearth(data_dir, "journal", "change-passphrase", "--journal", "Ours", "--new-key",
                    stdin=f"{PASS}\n{NEW_PASS}\n{NEW_PASS}\n")
    new = ok(result).strip()
    assert recovery.parse(new) and new != old
    assert "old recovery key no longer works" in result.stderr
    context = open_app(data_dir)
    try:
        assert journal.kit_pending(journal.list_journals(context)[0])
    finally:
        context.close()
    refused(hearth(data_dir, "journal", "recover", "--journal", "Ours",
                   stdin=f"{old}\n{PASS}\n{PASS}\n"), "does not open")
    ok(hearth(data_dir, "journal", "recover", "--journal", "Ours",
              stdin=f"{new}\n{PASS}\n{PASS}\n"))
    assert_logs_hold_none_of(data_dir, new, new.replace("-", ""))


def test_on_a_terminal_a_new_key_points_to_the_kit_and_never_shows_the_key(data_dir):
    import os
    import pty
    import subprocess

    from tests.app.commands.test_journal import ROOT, _argv

    old = _create(data_dir)
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            _argv(data_dir, ("journal", "change-passphrase", "--journal", "Ours", "--new-key")),
            cwd=ROOT, input=f"{PASS}\n{NEW_PASS}\n{NEW_PASS}\n".encode(), stdout=follower,
            stderr=subprocess.PIPE, timeout=120)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0, result.stderr
    text = shown.decode()
    assert "old recovery key no longer works" in text and "recovery-kit" in text
    # No recovery key, old or new, scrolls into the terminal's history.
    assert not re.search(r"[2-9A-Z]{4}(-[2-9A-Z]{4}){6}", text + result.stderr.decode())
    assert old not in text


def test_a_new_key_that_fails_to_take_effect_leaves_an_earlier_kit_in_place(
        data_dir, tmp_path, monkeypatch, capsys):
    import errno
    import io

    from app.cli import parse_command_line, run_command
    from app.journal.registry import keyslots

    old = _create(data_dir)
    kit = tmp_path / "kit.pdf"
    kit.write_bytes(b"%PDF the kit that works")

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    # The new kit is written; then the key file of the new copy cannot be: the switch fails.
    monkeypatch.setattr(keyslots, "write_key_file", disk_full)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASS}\n"))
    umask = os.umask(0o077)  # parse_command_line sets the process's umask: put it back after
    try:
        args = parse_command_line(["--data-dir", str(data_dir), "journal", "recovery-kit",
                                   "--journal", "Ours", str(kit)])
        assert run_command(args) == 2
    finally:
        os.umask(umask)
    assert "disk is full" in capsys.readouterr().err
    assert kit.read_bytes() == b"%PDF the kit that works"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    monkeypatch.undo()
    out = ok(hearth(data_dir, "journal", "recover", "--journal", "Ours",
                    stdin=f"{old}\n{NEW_PASS}\n{NEW_PASS}\n"))
    assert "recovery key still works" in out
