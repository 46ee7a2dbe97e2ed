"""Prove a fresh build works: the frozen app's smoke test (protected journal included), the
.deb unpacked into a scratch root and run from its launcher, and the desktop entry."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESKTOP_FILE = ROOT / "resources" / "desktop" / "hearth.desktop"
SMOKE_TIMEOUT_SECONDS = 180
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


class CheckFailed(Exception):
    """One packaging check did not pass; the message says which and why."""


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def executable(bundle: Path) -> Path:
    return bundle / ("hearth.exe" if platform.system() == "Windows" else "hearth")


def smoke(launcher: Path, label: str) -> float:
    """Run `launcher --data-dir <tmp> --smoke-test` offscreen; return its wall time."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="hearth-smoke-") as data_dir:
        started = time.monotonic()
        try:
            result = subprocess.run(
                [str(launcher), "--data-dir", data_dir, "--smoke-test"],
                capture_output=True, text=True, env=env, timeout=SMOKE_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired as exc:
            raise CheckFailed(f"{label}: smoke test hung for {exc.timeout} s") from exc
        seconds = time.monotonic() - started
        log_file = Path(data_dir) / "logs" / "hearth.log"
        log_written = log_file.exists() and log_file.stat().st_size > 0
    # A windowed Windows executable has no stdout: there the exit code is the verdict.
    said_passed = platform.system() == "Windows" or "smoke test passed" in result.stdout
    if result.returncode != 0 or not said_passed:
        raise CheckFailed(f"{label}: smoke test failed (exit {result.returncode})\n"
                          f"{result.stdout}{result.stderr}")
    if not log_written:
        raise CheckFailed(f"{label}: the frozen app wrote no log file in its data folder")
    return seconds


def sqlcipher_libraries(bundle: Path) -> list[Path]:
    return sorted(p for p in (bundle / "_internal" / "sqlcipher3").glob("_sqlite3*")
                  if p.suffix in (".so", ".pyd"))


def check_protected_journal_is_exercised(bundle: Path) -> None:
    """Hide SQLCipher's native library: the smoke test must then fail, which proves it
    really writes and reopens a protected journal instead of skipping it."""
    libraries = sqlcipher_libraries(bundle)
    if not libraries:
        raise CheckFailed("SQLCipher's native library is not in the bundle")
    hidden = [library.with_name(library.name + ".hidden") for library in libraries]
    for library, away in zip(libraries, hidden, strict=True):
        library.rename(away)
    try:
        smoke(executable(bundle), "bundle without SQLCipher")
    except CheckFailed as exc:
        # The journal's self-check names SQLCipher; any other failure is not the proof.
        if "SQLCipher" in str(exc) or platform.system() == "Windows":
            return
        raise CheckFailed(
            f"without SQLCipher the smoke test failed for another reason: {exc}"
        ) from exc
    finally:
        for library, away in zip(libraries, hidden, strict=True):
            away.rename(library)
    raise CheckFailed("the smoke test passed without SQLCipher: it does not exercise a "
                      "protected journal (the Journal tab's smoke_test is missing or skipped)")


def validate_desktop_file(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        raise CheckFailed("desktop-file-validate is missing (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True)
    if result.returncode != 0 or result.stdout.strip():
        raise CheckFailed(f"{path.name} is not a valid desktop entry:\n{result.stdout}"
                          f"{result.stderr}")


def check_deb(deb: Path) -> float:
    """Unpack the .deb into a scratch root, check its layout, run its launcher's smoke test."""
    with tempfile.TemporaryDirectory(prefix="hearth-deb-") as temp:
        root = Path(temp)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        launcher = root / "usr" / "bin" / "hearth"
        expected = [
            launcher,
            root / "opt" / "hearth" / "hearth",
            root / "usr" / "share" / "applications" / "hearth.desktop",
            root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "hearth.svg",
            *(root / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" /
              "hearth.png" for size in HICOLOR_SIZES),
        ]
        absent = [str(path.relative_to(root)) for path in expected if not path.exists()]
        if absent:
            raise CheckFailed(f"{deb.name} lacks " + ", ".join(absent))
        validate_desktop_file(root / "usr" / "share" / "applications" / "hearth.desktop")
        fields = subprocess.run(["dpkg-deb", "--field", str(deb), "Depends"],
                                capture_output=True, text=True, check=True).stdout
        if "libc6" not in fields:
            raise CheckFailed(f"{deb.name} has no Depends on the system libraries: {fields!r}")
        return smoke(launcher, f"{deb.name} unpacked, /usr/bin/hearth")


def check_sync(launcher: list[str]) -> float:
    """`hearth sync` from the bundle against a Radicale on 127.0.0.1: set up with --create,
    import one plan, sync it out. Returns the sync's wall time."""
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.helpers.caldav_servers import USERS, Radicale

    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    with tempfile.TemporaryDirectory(prefix="hearth-sync-check-") as folder:
        root = Path(folder)
        server = Radicale(root / "server").start()
        try:
            plan = root / "plan.ics"
            plan.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//check//EN\r\n"
                            "BEGIN:VEVENT\r\nUID:check@hearth\r\nDTSTAMP:20260101T000000Z\r\n"
                            "DTSTART:20260306T190000Z\r\nSUMMARY:Check\r\nEND:VEVENT\r\n"
                            "END:VCALENDAR\r\n")
            data = ["--data-dir", str(root / "data")]
            steps = [(["sync", "setup", server.url, "--user", "alice", "--create"], "syncing"),
                     (["import-ics", str(plan)], "added 1"),
                     (["sync"], "sent 1, received 0, deleted 0, conflicts 0")]
            began = time.perf_counter()
            for args, expected in steps:
                result = subprocess.run([*launcher, *data, *args], input=USERS["alice"] + "\n",
                                        capture_output=True, text=True, env=env,
                                        timeout=SMOKE_TIMEOUT_SECONDS)
                if result.returncode != 0 or expected not in result.stdout:
                    raise CheckFailed(f"hearth {' '.join(args[:2])} from the bundle failed "
                                      f"(exit {result.returncode}): {result.stderr[-500:]}")
            return time.perf_counter() - began
        finally:
            server.stop()


def check_test_servers_left_out(bundle: Path) -> None:
    """The bundle's Python archive holds none of the test-only modules (left_out.py)."""
    from left_out import TEST_ONLY_MODULES
    from PyInstaller.archive.readers import CArchiveReader

    names = CArchiveReader(str(executable(bundle))).open_embedded_archive("PYZ.pyz").toc
    found = sorted({name for name in names for banned in TEST_ONLY_MODULES
                    if name == banned or name.startswith(banned + ".")})
    folders = sorted(path.name for path in bundle.rglob("*") if path.is_dir()
                     and path.name.split("-")[0].lower() in TEST_ONLY_MODULES)
    if found or folders:
        raise CheckFailed(f"the bundle carries test-only code: {(found + folders)[:8]}")


def run_checks(*, bundle: Path, deb: Path | None, build_seconds: float) -> int:
    """Run every check; print one summary line; return the exit code."""
    try:
        validate_desktop_file(DESKTOP_FILE)
        check_test_servers_left_out(bundle)
        bundle_smoke = smoke(executable(bundle), "bundle")
        check_protected_journal_is_exercised(bundle)
        sync_seconds = check_sync([str(executable(bundle))])
        deb_smoke = check_deb(deb) if deb is not None else None
    except (CheckFailed, subprocess.CalledProcessError) as exc:
        print(f"[package] CHECK FAILED: {exc}", flush=True)
        return 1
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    parts = [f"bundle {mib(size)}"]
    if deb is not None:
        parts.append(f"{deb.name} {mib(deb.stat().st_size)}")
    parts.append(f"build {build_seconds:.0f} s")
    parts.append(f"frozen smoke test {bundle_smoke:.1f} s (fails without SQLCipher, as it must)")
    parts.append(f"frozen hearth sync against Radicale {sync_seconds:.1f} s")
    if deb_smoke is not None:
        parts.append(f".deb smoke test {deb_smoke:.1f} s")
    print("[package] packaging checks passed: " + ", ".join(parts), flush=True)
    return 0
