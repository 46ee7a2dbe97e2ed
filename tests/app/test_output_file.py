"""Writing a named output: ordinary files atomically, devices and FIFOs in place, symlinks
followed, `-` to standard output, and refusals in one line."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.output_file import (
    FILE_MODE,
    FOLDER_MODE,
    Kind,
    OutputError,
    check_output,
    classify,
    output_folder,
    staged_file,
    write_output,
)
from tests.helpers.output_targets import (
    FifoReader,
    assert_same_device,
    listing,
    make_char_device,
    small_disk,
)
from tests.helpers.paths import ROOT


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def one_line(error: pytest.ExceptionInfo) -> str:
    text = str(error.value)
    assert "\n" not in text
    return text


# ----------------------------------------------------------------------------- files


def test_a_new_file_is_written_owner_only(tmp_path):
    target = tmp_path / "out.ics"
    found = write_output(target, b"new")
    assert found.kind is Kind.NEW and found.path == target
    assert target.read_bytes() == b"new"
    assert mode_of(target) == FILE_MODE
    assert listing(tmp_path) == ["out.ics"]


def test_an_ordinary_file_is_replaced_by_a_new_one(tmp_path):
    target = tmp_path / "out.ics"
    target.write_bytes(b"old and longer than the new text")
    target.chmod(0o644)
    before = os.lstat(target).st_ino
    assert write_output(target, b"new").kind is Kind.FILE
    assert target.read_bytes() == b"new"
    assert mode_of(target) == FILE_MODE
    # A rename, not a rewrite: a reader holding the old file keeps reading the old bytes.
    assert os.lstat(target).st_ino != before
    assert listing(tmp_path) == ["out.ics"]


def test_chunks_are_written_in_order(tmp_path):
    target = tmp_path / "out.md"
    write_output(target, (part for part in (b"one ", bytearray(b"two "), memoryview(b"three"))))
    assert target.read_bytes() == b"one two three"


def test_a_writer_failing_part_way_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.md"
    target.write_bytes(b"old")

    def chunks():
        yield b"x" * 100_000
        raise RuntimeError("the writer broke")

    with pytest.raises(RuntimeError, match="the writer broke"):
        write_output(target, chunks())
    assert target.read_bytes() == b"old"
    assert listing(tmp_path) == ["out.md"]


def test_a_new_file_whose_writer_fails_is_not_created(tmp_path):
    def chunks():
        yield b"half"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "out.md", chunks())
    assert listing(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        target = disk / "out.pdf"
        target.write_bytes(b"old")
        with pytest.raises(OutputError) as error:
            write_output(target, b"x" * 1024 * 1024)
        assert "No space left on device" in one_line(error)
        assert target.read_bytes() == b"old"
        assert listing(disk) == ["out.pdf"]


# ----------------------------------------------------------------------------- devices, FIFOs


def test_a_staged_file_goes_in_place_only_when_its_block_succeeds(tmp_path):
    target = tmp_path / "kit.pdf"
    target.write_bytes(b"the kit that works")
    with pytest.raises(RuntimeError), staged_file(check_output(str(target)), [b"new"]):
        assert sorted(p.name for p in tmp_path.iterdir())[0].endswith(".part")
        assert target.read_bytes() == b"the kit that works"  # not yet in place
        raise RuntimeError("the key never came into effect")
    assert target.read_bytes() == b"the kit that works"
    assert [p.name for p in tmp_path.iterdir()] == ["kit.pdf"]  # no temporary left
    with staged_file(check_output(str(target)), [b"the ", b"new kit"]):
        pass
    assert target.read_bytes() == b"the new kit"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["kit.pdf"]


def test_a_character_device_is_written_in_place(tmp_path):
    device = tmp_path / "null"
    before = make_char_device(device)
    found = write_output(device, b"discarded")
    assert found.kind is Kind.DEVICE
    assert_same_device(device, before)
    assert listing(tmp_path) == ["null"]


def test_a_fifo_is_written_in_place_for_its_reader(tmp_path):
    fifo = tmp_path / "pipe"
    reader = FifoReader(fifo)
    found = write_output(fifo, iter([b"BEGIN:", b"VCALENDAR\r\n"]))
    assert reader.join() == b"BEGIN:VCALENDAR\r\n"
    assert found.kind is Kind.FIFO
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert listing(tmp_path) == ["pipe"]


def test_a_fifo_whose_reader_leaves_early_is_one_line_and_stays(tmp_path):
    fifo = tmp_path / "pipe"
    reader = FifoReader(fifo, limit=10)
    mode = os.lstat(fifo).st_mode

    def chunks():
        yield b"x" * 10
        reader.join()  # the reader has hung up: the next write has nobody to go to
        yield b"y" * 1_000_000

    with pytest.raises(OutputError) as error:
        write_output(fifo, chunks())
    assert "Broken pipe" in one_line(error)
    assert os.lstat(fifo).st_mode == mode


# ----------------------------------------------------------------------------- symlinks


def test_a_symlink_is_followed_and_stays_a_symlink(tmp_path):
    (tmp_path / "links").mkdir()
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "calendar.ics"
    real.write_bytes(b"old")
    link = tmp_path / "links" / "out.ics"
    link.symlink_to(Path("..") / "real" / "calendar.ics")
    found = write_output(link, b"new")
    assert found.kind is Kind.FILE and found.path == real
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "real" / "calendar.ics")
    assert real.read_bytes() == b"new" and mode_of(real) == FILE_MODE
    assert listing(tmp_path / "links") == ["out.ics"]
    assert listing(tmp_path / "real") == ["calendar.ics"]


def test_a_dangling_symlink_creates_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    link = tmp_path / "out.ics"
    link.symlink_to(tmp_path / "real" / "new.ics")
    assert write_output(link, b"new").kind is Kind.NEW
    assert link.is_symlink() and link.read_bytes() == b"new"
    assert listing(tmp_path / "real") == ["new.ics"]


def test_a_symlink_to_a_device_writes_the_device(tmp_path):
    device = tmp_path / "null"
    before = make_char_device(device)
    link = tmp_path / "out.pdf"
    link.symlink_to(device)
    assert write_output(link, b"discarded").kind is Kind.DEVICE
    assert link.is_symlink()
    assert_same_device(device, before)


def test_a_symlink_into_a_missing_folder_is_refused(tmp_path):
    link = tmp_path / "out.ics"
    link.symlink_to(tmp_path / "gone" / "new.ics")
    with pytest.raises(OutputError) as error:
        write_output(link, b"new")
    assert "does not exist" in one_line(error)
    assert link.is_symlink() and listing(tmp_path) == ["out.ics"]


def test_a_symlink_loop_is_refused(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OutputError) as error:
        write_output(tmp_path / "a", b"new")
    one_line(error)
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


# ----------------------------------------------------------------------------- refusals


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(OutputError) as error:
        write_output(tmp_path, b"new")
    assert one_line(error) == f"{tmp_path} is a folder; name a file to write."
    assert error.value.field == "path"


def test_a_path_whose_folder_does_not_exist_is_refused(tmp_path):
    with pytest.raises(OutputError) as error:
        check_output(tmp_path / "gone" / "out.ics")
    assert "does not exist" in one_line(error)
    assert not (tmp_path / "gone").exists()


def test_a_path_below_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_bytes(b"keep")
    with pytest.raises(OutputError):
        write_output(tmp_path / "file" / "out.ics", b"new")
    assert (tmp_path / "file").read_bytes() == b"keep"


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert classify(path).kind is Kind.OTHER
        with pytest.raises(OutputError) as error:
            write_output(path, b"new")
    assert "will not write" in one_line(error)


def test_a_block_device_is_refused_untouched(tmp_path):
    path = tmp_path / "disk"
    try:
        os.mknod(path, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
    except PermissionError:
        pytest.skip("making a device file needs root")
    with pytest.raises(OutputError):
        write_output(path, b"new")
    assert stat.S_ISBLK(os.lstat(path).st_mode)


# ----------------------------------------------------------------------------- standard output


def test_dash_writes_binary_to_standard_output_through_a_pipe():
    code = ("import sys; from app.output_file import write_output; print('before', flush=False);"
            " write_output('-', bytes(range(256)) + b'\\r\\n')")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"before\n" + bytes(range(256)) + b"\r\n"


def test_only_the_string_dash_means_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_output(Path("-"), b"a file")
    write_output("./-", b"still a file")
    assert (tmp_path / "-").read_bytes() == b"still a file"


# ----------------------------------------------------------------------------- folders


def test_a_missing_folder_is_created_owner_only(tmp_path):
    folder = output_folder(tmp_path / "entries")
    assert folder == tmp_path / "entries"
    assert folder.is_dir() and mode_of(folder) == FOLDER_MODE


def test_an_existing_folder_is_used_as_it_is(tmp_path):
    (tmp_path / "entries").mkdir(mode=0o755)
    (tmp_path / "entries").chmod(0o755)
    output_folder(tmp_path / "entries")
    assert mode_of(tmp_path / "entries") == 0o755


def test_a_symlink_to_a_folder_is_followed(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "entries").symlink_to(tmp_path / "real")
    folder = output_folder(tmp_path / "entries")
    write_output(folder / "one.md", b"one")
    assert (tmp_path / "entries").is_symlink()
    assert listing(tmp_path / "real") == ["one.md"]


@pytest.mark.parametrize("name", ["file", "gone/entries", "-"])
def test_a_folder_that_cannot_be_is_refused(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_bytes(b"keep")
    with pytest.raises(OutputError) as error:
        output_folder(name)
    one_line(error)
    assert listing(tmp_path) == ["file"] and (tmp_path / "file").read_bytes() == b"keep"


# ----------------------------------------------------------------------------- descriptors


def test_dev_stdout_into_a_pipe_and_appended_to_a_redirected_file(tmp_path):
    code = ("import sys; from app.output_file import write_output; "
            "write_output(sys.argv[1], b'SUMMARY:walk\\n')")
    piped = subprocess.run([sys.executable, "-c", code, "/dev/stdout"], cwd=ROOT,
                           capture_output=True, timeout=60)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == b"SUMMARY:walk\n"
    log = tmp_path / "app.log"
    log.write_bytes(b"earlier line\n")
    inode = log.stat().st_ino
    with open(log, "ab") as handle:
        appended = subprocess.run([sys.executable, "-c", code, "/dev/stdout"], cwd=ROOT,
                                  stdout=handle, stderr=subprocess.PIPE, timeout=60)
    assert appended.returncode == 0, appended.stderr
    assert log.read_bytes() == b"earlier line\nSUMMARY:walk\n"
    assert log.stat().st_ino == inode, "the shell's file was replaced, not appended to"


# ----------------------------------------------------------------------------- refusals


def test_nothing_is_written_inside_an_open_data_folder(tmp_path):
    from app.context import open_app

    data_dir = tmp_path / "data"
    context = open_app(data_dir)
    try:
        shared = data_dir / "hearth.db"
        before = shared.read_bytes()
        for target in (shared, data_dir / "new.ics", data_dir / "journals" / "x.md"):
            with pytest.raises(OutputError) as caught:
                write_output(target, b"BEGIN:VCALENDAR")
            assert "data folder" in one_line(caught)
        link = tmp_path / "innocent.ics"
        link.symlink_to(shared)
        with pytest.raises(OutputError):
            write_output(link, b"BEGIN:VCALENDAR")
        assert shared.read_bytes() == before
    finally:
        context.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs another user")
def test_a_link_another_user_left_in_a_shared_folder_is_not_followed(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"root's file")
    link = shared / "out.ics"
    link.symlink_to(victim)
    os.lchown(link, 65534, 65534)
    with pytest.raises(OutputError) as caught:
        write_output(link, b"export")
    assert "another user" in one_line(caught)
    assert victim.read_bytes() == b"root's file" and link.is_symlink()


def test_the_longest_file_name_can_be_written(tmp_path):
    target = tmp_path / ("a" * 251 + ".ics")
    write_output(target, b"one")
    write_output(target, b"two")
    assert target.read_bytes() == b"two" and listing(tmp_path) == [target.name]


@pytest.mark.parametrize("name", ["", "new.ics/", "bad\nname\x1b[31m.ics/"])
def test_odd_names_are_refused_in_one_line(tmp_path, name):
    target = name if name == "" else f"{tmp_path}/{name}"
    with pytest.raises(OutputError) as caught:
        write_output(target, b"x")
    text = one_line(caught)
    assert "\x1b" not in text
    assert listing(tmp_path) == []
