"""Start Hearth when the person logs in: the entry each desktop reads at login.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/hearth.desktop` (XDG Autostart
  Specification; `~/.config` when the variable is unset or not absolute).
- macOS: `~/Library/LaunchAgents/org.hearth.Hearth.plist`, a LaunchAgent with RunAtLoad.
- Windows: the value `Hearth` under `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`,
  the per-user Run key (no administrator rights, no shortcut file to keep).

Each entry carries a mark (`X-Hearth-Autostart` in the desktop file, `HearthAutostart` in the
plist, the Run value's own name) so Hearth only ever removes or replaces an entry it wrote:
a file of the same name made by hand is reported, never touched. Files are replaced
atomically through `app.output_file`. Everything takes the platform, the home folder and the
environment as arguments, so each platform's entry is tested on any machine.
"""

from __future__ import annotations

import os
import plistlib
import stat
import subprocess
import sys
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app import APP_ID, APP_NAME
from app.errors import HearthError
from app.output_file import write_output

DESKTOP_MARK = "X-Hearth-Autostart"
PLIST_MARK = "HearthAutostart"
LAUNCH_AGENT_LABEL = "org.hearth.Hearth"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = APP_NAME
MAX_ENTRY_BYTES = 64 * 1024  # an autostart entry is a few lines; more is not ours


class AutostartError(HearthError):
    """The login entry could not be written or removed; the message says why in one line."""


@dataclass(frozen=True)
class Place:
    """Where this platform keeps the login entry: a file, or a value of the Run key."""

    platform: str  # "linux", "darwin" or "win32"
    path: Path | None = None  # the file (Linux, macOS); None on Windows


def launch_command(*, frozen: bool | None = None, executable: str | None = None,
                   data_dir: Path | None = None) -> list[str]:
    """The command that starts this Hearth: the frozen program itself, or this Python
    running the `app` package; `--data-dir` only when the folder is not the default one."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    executable = executable or sys.executable
    command = [executable] if frozen else [executable, "-m", "app"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


def place(platform: str, home: Path, env: Mapping[str, str]) -> Place:
    if platform.startswith("win"):
        return Place("win32")
    if platform == "darwin":
        return Place("darwin", home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist")
    config = env.get("XDG_CONFIG_HOME", "")
    # The spec says a relative value is invalid and must be ignored.
    base = Path(config) if config and os.path.isabs(config) else home / ".config"
    return Place("linux", base / "autostart" / f"{APP_ID}.desktop")


# ----------------------------------------------------------------------------- contents


def _desktop_quote(argument: str) -> str:
    """One Exec argument, quoted as the Desktop Entry Specification asks."""
    if argument and not any(c in argument for c in ' \t\n"\'\\><~|&;$*?#()`%='):
        return argument
    escaped = argument.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
    escaped = escaped.replace("$", "\\$")
    quoted = f'"{escaped}"'.replace("%", "%%")
    # The string-value escapes apply before the quoting rule, so each backslash doubles.
    return quoted.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """The autostart desktop file for `command`."""
    exec_line = " ".join(_desktop_quote(arg) for arg in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Reminders for your plans together; started when you log in\n"
        f"Exec={exec_line}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        f"{DESKTOP_MARK}=true\n"
    )


def launch_agent(command: Sequence[str]) -> bytes:
    """The LaunchAgent property list for `command`."""
    return plistlib.dumps({
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        PLIST_MARK: True,
    })


def run_value(command: Sequence[str]) -> str:
    """The Run key's command line for `command` (Windows quoting)."""
    return subprocess.list2cmdline(list(command))


# ----------------------------------------------------------------------------- state


def _read_small(path: Path) -> bytes | None:
    """The file's bytes, or None when nothing is there; a link, folder or device (or a
    file too big to be an entry) is refused, so it is never taken for ours."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AutostartError(f"{path} cannot be read: {exc.strerror}.") from exc
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
        raise AutostartError(f"{path} is not a login entry Hearth wrote; it was left alone.")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise AutostartError(f"{path} cannot be read: {exc.strerror}.") from exc


def _is_ours(platform: str, data: bytes) -> bool:
    if platform == "darwin":
        try:
            return plistlib.loads(data).get(PLIST_MARK) is True
        except Exception:  # plistlib raises several kinds for a file that is not a plist
            return False
    text = data.decode("utf-8", "replace")
    return any(line.strip() == f"{DESKTOP_MARK}=true" for line in text.splitlines())


_WHERE = {"linux": "the file {path}", "darwin": "the LaunchAgent {path}",
          "win32": "the value “Hearth” of your account’s Run key in the registry"}


def describe_place(entry: Autostart) -> str:
    """Where the login entry goes, for people: "the file ~/.config/autostart/…"."""
    return _WHERE[entry.place.platform].format(path=entry.place.path)


class Autostart:
    """Turns the login entry on and off for one platform, home folder and command.

    `registry` is the Windows Run key as a mapping (see `WindowsRunKey`); tests pass a dict.
    """

    def __init__(self, *, command: Sequence[str], platform: str = sys.platform,
                 home: Path | None = None, env: Mapping[str, str] | None = None,
                 registry: MutableMapping[str, str] | None = None):
        self.command = list(command)
        self.place = place(platform, home or Path.home(), os.environ if env is None else env)
        self._registry = registry

    def _run_key(self) -> MutableMapping[str, str]:
        if self._registry is None:
            self._registry = WindowsRunKey()
        return self._registry

    def is_enabled(self) -> bool:
        """True when Hearth's own entry is there (an entry of the same name made by hand
        does not count)."""
        if self.place.platform == "win32":
            return RUN_VALUE in self._run_key()
        data = _read_small(self.place.path)
        return data is not None and _is_ours(self.place.platform, data)

    def enable(self) -> None:
        """Write (or refresh) the entry; refuses to replace a file Hearth did not write."""
        if self.place.platform == "win32":
            self._run_key()[RUN_VALUE] = run_value(self.command)
            return
        path = self.place.path
        existing = _read_small(path)
        if existing is not None and not _is_ours(self.place.platform, existing):
            raise AutostartError(f"{path} already exists and was not written by Hearth; "
                                 "it was left alone.")
        data = (launch_agent(self.command) if self.place.platform == "darwin"
                else desktop_entry(self.command).encode("utf-8"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_output(path, data)
        except OSError as exc:
            raise AutostartError(f"{path} could not be written: {exc.strerror}.") from exc
        except HearthError as exc:
            raise AutostartError(exc.message) from exc

    def disable(self) -> None:
        """Remove Hearth's entry; a file of the same name that is not Hearth's stays."""
        if self.place.platform == "win32":
            self._run_key().pop(RUN_VALUE, None)
            return
        path = self.place.path
        existing = _read_small(path)
        if existing is None:
            return
        if not _is_ours(self.place.platform, existing):
            raise AutostartError(f"{path} was not written by Hearth; it was left alone.")
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise AutostartError(f"{path} could not be removed: {exc.strerror}.") from exc


class WindowsRunKey(MutableMapping):
    """The current user's Run key as a mapping of value names to command lines."""

    def _open(self, access: int):
        import winreg  # only on Windows

        return winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, access)

    def __getitem__(self, name: str) -> str:
        import winreg

        try:
            with self._open(winreg.KEY_READ) as key:
                return winreg.QueryValueEx(key, name)[0]
        except FileNotFoundError:
            raise KeyError(name) from None

    def __setitem__(self, name: str, value: str) -> None:
        import winreg

        with self._open(winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def __delitem__(self, name: str) -> None:
        import winreg

        try:
            with self._open(winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            raise KeyError(name) from None

    def __iter__(self):
        import winreg

        with self._open(winreg.KEY_READ) as key:
            index = 0
            while True:
                try:
                    yield winreg.EnumValue(key, index)[0]
                except OSError:
                    return
                index += 1

    def __len__(self) -> int:
        return sum(1 for _ in self)
