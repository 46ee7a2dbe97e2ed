#!/usr/bin/env python3
"""Set up and run Hearth from a fresh checkout: `run` the app or `test` the whole suite.

Uses only the standard library so it works on a machine with nothing but Python 3.11.
It creates `.venv`, installs the project with its dev extras (again whenever
pyproject.toml changes) and, when run as root on Debian/Ubuntu without them, installs the
system libraries Qt needs with apt-get.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".hearth-installed"

# What Qt's widgets need on a bare Debian 12 (xcb for a real screen, offscreen for tests):
# GL/EGL, fontconfig/freetype, xkbcommon, glib, dbus, the xcb family, and a font to draw with;
# checked with ldd on a debootstrap root: QtNetwork links GSSAPI, printing needs CUPS, and
# Wayland sessions need the cursor and EGL libraries.
QT_RUNTIME_PACKAGES = [
    "libgssapi-krb5-2", "libcups2", "libwayland-cursor0", "libwayland-egl1",
    "libgl1", "libegl1", "libopengl0", "libfontconfig1", "libfreetype6", "libglib2.0-0",
    "libdbus-1-3", "libxkbcommon0", "libxkbcommon-x11-0", "libx11-6", "libx11-xcb1",
    "libxext6", "libxrender1", "libxi6", "libsm6", "libice6", "libxcb1", "libxcb-cursor0",
    "libxcb-glx0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
    "libxcb-render0", "libxcb-render-util0", "libxcb-shape0", "libxcb-shm0", "libxcb-sync1",
    "libxcb-util1", "libxcb-xfixes0", "libxcb-xinerama0", "libxcb-xkb1",
    "fonts-dejavu-core",
]
# What the packaging checks in the test run need: PyInstaller strips with binutils, the
# desktop entry is checked by desktop-file-validate (dpkg-deb and ldd are always there).
PACKAGING_PACKAGES = ["binutils", "desktop-file-utils"]
# Set to skip the packaging checks after the tests while iterating locally (ignored in CI).
SKIP_PACKAGING_ENV = "HEARTH_SKIP_PACKAGING"


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def missing_debian_packages(names: list[str]) -> list[str]:
    missing = []
    for name in names:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        )
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def ensure_system_packages(names: list[str]) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return
    missing = missing_debian_packages(names)
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        say("missing system packages (install them with apt-get): " + " ".join(missing))
        return
    say("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
                   check=True, env=env)


def ensure_venv() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script must explain itself on older Pythons)
        sys.exit("Hearth needs Python 3.11 or newer.")
    python = venv_python()
    if not python.exists():
        say("creating .venv")
        try:
            venv.create(VENV, with_pip=True)
        except (subprocess.CalledProcessError, OSError, SystemExit):
            # Debian's python3 without python3-venv (its venv exits instead of raising):
            # fetch it, then retry.
            ensure_system_packages([f"python3.{sys.version_info.minor}-venv"])
            shutil.rmtree(VENV, ignore_errors=True)
            venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        say("installing Hearth and its dependencies into .venv")
        pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([*pip, "install", "-q", "-e", f"{ROOT}[dev]"], check=True)
        STAMP.write_text(wanted)
    return python


def run_app(args: list[str]) -> int:
    ensure_system_packages(QT_RUNTIME_PACKAGES)
    python = ensure_venv()
    return subprocess.call([str(python), "-m", "ui", *args], cwd=ROOT)


def run_tests(args: list[str]) -> int:
    ensure_system_packages(QT_RUNTIME_PACKAGES + PACKAGING_PACKAGES)
    python = ensure_venv()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = subprocess.call([str(python), "-m", "pytest", *args], cwd=ROOT, env=env)
    # A full run then freezes the app and smoke-tests the bundle and the installer; a run
    # narrowed with pytest arguments is local iteration and stops here.
    if code != 0 or args:
        return code
    if os.environ.get(SKIP_PACKAGING_ENV) and not os.environ.get("CI"):
        say(f"{SKIP_PACKAGING_ENV} is set: skipping the packaging checks")
        return code
    return subprocess.call([str(python), str(ROOT / "packaging" / "build.py"), "--check"],
                           cwd=ROOT)


def run_package(args: list[str]) -> int:
    ensure_system_packages(QT_RUNTIME_PACKAGES + PACKAGING_PACKAGES)
    python = ensure_venv()
    return subprocess.call([str(python), str(ROOT / "packaging" / "build.py"), *args], cwd=ROOT)


COMMANDS = {"run": run_app, "test": run_tests, "package": run_package}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(f"usage: {Path(__file__).name} {{{'|'.join(COMMANDS)}}} [args...]", file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
