"""The login entry on each platform: what is written where, and what is never touched."""

from __future__ import annotations

import configparser
import os
import plistlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import autostart
from app.autostart import Autostart, AutostartError

COMMAND = ["/opt/hearth/hearth", "--data-dir", "/home/sam/Our data"]


def make(platform: str, tmp_path: Path, env=None, registry=None) -> Autostart:
    return Autostart(command=COMMAND, platform=platform, home=tmp_path / "home",
                     env=env if env is not None else {}, registry=registry)


def exec_arguments(exec_line: str) -> list[str]:
    """The arguments a desktop reads from an Exec line: the string escapes first (a doubled
    backslash is one), then %%, then the quoting rule (inside double quotes a backslash
    escapes `"`, backquote, `$` and itself)."""
    text = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t"}.get(
        m.group(1), m.group(1)), exec_line).replace("%%", "%")
    arguments, current, quoted, chars = [], None, False, iter(text)
    for char in chars:
        if quoted:
            if char == "\\":
                current += next(chars)
            elif char == '"':
                quoted = False
            else:
                current += char
        elif char == '"':
            quoted, current = True, current or ""
        elif char == " ":
            if current is not None:
                arguments.append(current)
            current = None
        else:
            current = (current or "") + char
    if current is not None:
        arguments.append(current)
    return arguments


def test_linux_writes_a_desktop_file_under_xdg_config_home(tmp_path):
    config = tmp_path / "cfg"
    entry = make("linux", tmp_path, env={"XDG_CONFIG_HOME": str(config)})
    assert not entry.is_enabled()
    entry.enable()
    path = config / "autostart" / "hearth.desktop"
    assert entry.place.path == path and entry.is_enabled()
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text(encoding="utf-8"))
    section = parser["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "Hearth"
    assert exec_arguments(section["Exec"]) == COMMAND
    assert section["X-Hearth-Autostart"] == "true"
    assert section["X-GNOME-Autostart-enabled"] == "true"
    entry.disable()
    assert not path.exists() and not entry.is_enabled()


def test_linux_without_xdg_config_home_uses_dot_config(tmp_path):
    for env in ({}, {"XDG_CONFIG_HOME": "relative/is/ignored"}):
        entry = make("linux", tmp_path, env=env)
        assert entry.place.path == tmp_path / "home" / ".config" / "autostart" / "hearth.desktop"


@pytest.mark.skipif(not os.path.exists("/usr/bin/desktop-file-validate"),
                    reason="desktop-file-validate is not installed")
def test_the_desktop_file_is_valid(tmp_path):
    entry = make("linux", tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    entry.enable()
    checked = subprocess.run(["desktop-file-validate", str(entry.place.path)],
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_exec_quoting_survives_awkward_paths(tmp_path):
    awkward = ['/opt/my "odd" $folder/hearth', "--data-dir", "/tmp/100% ours`x`\\y"]
    entry = Autostart(command=awkward, platform="linux", home=tmp_path, env={})
    entry.enable()
    line = next(row for row in entry.place.path.read_text().splitlines()
                if row.startswith("Exec="))
    assert exec_arguments(line[len("Exec="):]) == awkward


def test_macos_writes_a_launch_agent(tmp_path):
    entry = make("darwin", tmp_path)
    entry.enable()
    path = tmp_path / "home" / "Library" / "LaunchAgents" / "org.hearth.Hearth.plist"
    assert entry.place.path == path
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.hearth.Hearth"
    assert agent["ProgramArguments"] == COMMAND
    assert agent["RunAtLoad"] is True
    assert entry.is_enabled()
    entry.disable()
    assert not path.exists()


def test_windows_sets_and_removes_the_run_value(tmp_path):
    run_key = {"OneDrive": '"C:\\Program Files\\OneDrive.exe" /background'}
    entry = make("win32", tmp_path, registry=run_key)
    entry.enable()
    assert run_key["Hearth"] == '/opt/hearth/hearth --data-dir "/home/sam/Our data"'
    assert entry.is_enabled()
    entry.disable()
    assert run_key == {"OneDrive": '"C:\\Program Files\\OneDrive.exe" /background'}
    assert not (tmp_path / "home").exists()  # nothing written to disk on Windows


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_a_file_hearth_did_not_write_is_never_replaced_or_removed(tmp_path, platform):
    entry = make(platform, tmp_path)
    path = entry.place.path
    path.parent.mkdir(parents=True)
    path.write_text("[Desktop Entry]\nExec=my-own-script\n", encoding="utf-8")
    assert not entry.is_enabled()
    with pytest.raises(AutostartError, match="not written by Hearth"):
        entry.enable()
    with pytest.raises(AutostartError, match="not written by Hearth"):
        entry.disable()
    assert path.read_text(encoding="utf-8") == "[Desktop Entry]\nExec=my-own-script\n"


def test_a_link_where_the_entry_belongs_is_left_alone(tmp_path):
    entry = make("linux", tmp_path)
    target = tmp_path / "elsewhere.desktop"
    target.write_text("X-Hearth-Autostart=true\n")
    entry.place.path.parent.mkdir(parents=True)
    entry.place.path.symlink_to(target)
    with pytest.raises(AutostartError, match="left alone"):
        entry.disable()
    assert entry.place.path.is_symlink() and target.exists()


def test_disable_with_nothing_there_changes_nothing(tmp_path):
    entry = make("linux", tmp_path)
    entry.disable()
    assert not (tmp_path / "home").exists()


def test_enable_twice_refreshes_the_entry(tmp_path):
    entry = make("linux", tmp_path)
    entry.enable()
    moved = Autostart(command=["/usr/bin/hearth"], platform="linux", home=tmp_path / "home",
                      env={})
    moved.enable()
    assert "Exec=/usr/bin/hearth\n" in entry.place.path.read_text()
    assert sorted(os.listdir(entry.place.path.parent)) == ["hearth.desktop"]


def test_the_launch_command_of_source_and_frozen_runs():
    assert autostart.launch_command(frozen=False, executable="/venv/bin/python") == [
        "/venv/bin/python", "-m", "app"]
    assert autostart.launch_command(frozen=True, executable="/opt/hearth/hearth",
                                    data_dir=Path("/d")) == [
        "/opt/hearth/hearth", "--data-dir", "/d"]
    assert autostart.launch_command()[0] == sys.executable


def test_the_autostart_command_turns_the_entry_on_and_off(tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    data = tmp_path / "Our data"
    env = {**os.environ, "PYTHONPATH": os.getcwd()}

    def hearth(*args):
        return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data), *args],
                              capture_output=True, text=True, timeout=60, env=env)

    entry = config / "autostart" / "hearth.desktop"
    assert hearth("autostart", "status").stdout.startswith("off\t")
    done = hearth("autostart", "on")
    assert done.returncode == 0 and "will start when you log in" in done.stdout
    assert f'"{data}"' in entry.read_text() and "-m app" in entry.read_text()
    assert hearth("autostart", "status").stdout.startswith("on\tthe file ")
    assert hearth("autostart", "off").returncode == 0 and not entry.exists()
    entry.write_text("[Desktop Entry]\nExec=mine\n")
    refused = hearth("autostart", "off")
    assert refused.returncode == 2 and refused.stderr.startswith("hearth: ")
    assert "not written by Hearth" in refused.stderr and entry.exists()
