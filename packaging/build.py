"""Build Hearth's installers for this platform into dist/: `python packaging/build.py`.

Linux: the one-folder bundle, a .deb and a portable .tar.gz. Windows: the bundle and, when
Inno Setup's `iscc` is installed, a per-user installer. macOS: Hearth.app and a .dmg.
`--check` (run by the test command) builds the bundle and the .deb and proves they work.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
SPEC = PACKAGING / "hearth.spec"
sys.path.insert(0, str(PACKAGING / "linux"))


def say(text: str) -> None:
    print(f"[package] {text}", flush=True)


def app_version() -> str:
    """The version in app/__init__.py, read without importing the app."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not match:
        raise RuntimeError("app/__init__.py has no __version__")
    return match.group(1)


def machine() -> str:
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(),
                                                        platform.machine().lower())


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def build_bundle() -> Path:
    """Freeze the app with PyInstaller into dist/hearth (and dist/Hearth.app on macOS)."""
    if platform.system() in ("Windows", "Darwin"):
        from icons import render_png

        render_png(512, BUILD / "icons" / "hearth-512.png")
    # Keep PyInstaller's cache and configuration inside the clone, never in the home folder.
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(BUILD / "pyinstaller-config"))
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC)],
        check=True, cwd=ROOT, env=env,
    )
    return DIST / "hearth"


def build_tarball(bundle: Path, version: str) -> Path:
    """A portable archive of the one-folder build: unpack anywhere and run hearth/hearth."""
    output = DIST / f"hearth-{version}-linux-{machine()}.tar.gz"
    with tarfile.open(output, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=f"hearth-{version}")
    return output


def find_iscc() -> str | None:
    """Inno Setup's compiler: on PATH, or where its installer puts it."""
    found = shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.exists():
            return str(candidate)
    return None


def build_windows_installer(bundle: Path, version: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        say("iscc (Inno Setup) not found: skipping the Windows installer")
        return None
    subprocess.run(
        [iscc, "/Q", f"/DAppVersion={version}", f"/DSourceDir={bundle}", f"/DOutputDir={DIST}",
         str(PACKAGING / "windows" / "hearth.iss")],
        check=True,
    )
    return DIST / f"hearth-{version}-windows-setup.exe"


def build_dmg(version: str) -> Path:
    output = DIST / f"hearth-{version}-macos-{machine()}.dmg"
    subprocess.run(["sh", str(PACKAGING / "macos" / "make_dmg.sh"), str(DIST / "Hearth.app"),
                    str(output)], check=True)
    return output


def package(*, check: bool) -> int:
    """Build everything for this platform; with `check`, build only the bundle (and the .deb
    on Linux) and run the checks. Returns an exit code."""
    version = app_version()
    started = time.monotonic()
    bundle = build_bundle()
    bundle_seconds = time.monotonic() - started
    say(f"bundle {bundle} ({mib(folder_size(bundle))}) in {bundle_seconds:.0f} s")
    artifacts: list[Path] = []
    deb = None
    system = platform.system()
    if system == "Linux":
        from build_deb import build_deb

        step = time.monotonic()
        deb = build_deb(bundle, DIST, version)
        artifacts.append(deb)
        say(f"{deb.name} ({mib(deb.stat().st_size)}) in {time.monotonic() - step:.0f} s")
        if not check:
            artifacts.append(build_tarball(bundle, version))
    elif system == "Windows" and not check:
        installer = build_windows_installer(bundle, version)
        artifacts += [installer] if installer else []
    elif system == "Darwin" and not check:
        artifacts.append(build_dmg(version))
    if check:
        from checks import run_checks

        return run_checks(bundle=bundle, deb=deb, build_seconds=time.monotonic() - started)
    for artifact in artifacts:
        say(f"built {artifact.relative_to(ROOT)} ({mib(artifact.stat().st_size)})")
    say(f"done in {time.monotonic() - started:.0f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="build the bundle (and the .deb on Linux), then smoke-test them")
    args = parser.parse_args(argv)
    try:
        return package(check=args.check)
    except (subprocess.CalledProcessError, RuntimeError) as exc:
        say(f"FAILED: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
