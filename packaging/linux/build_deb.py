"""Build Hearth's .deb from the one-folder bundle with dpkg-deb: /opt/hearth, a launcher in
/usr/bin, a desktop entry and hicolor icons, with Depends read from what the bundle links."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from icons import render_hicolor

ROOT = Path(__file__).resolve().parents[2]
DESKTOP_FILE = ROOT / "resources" / "desktop" / "hearth.desktop"

# Needed at run time but not visible to ldd: a font to draw text with, and fontconfig's
# configuration (the bundle carries its own libfontconfig, not /etc/fonts).
RUNTIME_EXTRAS = ["fonts-dejavu-core", "fontconfig-config"]

# Refresh the menu and icon caches so Hearth shows up without a re-login. There is no postrm:
# desktop-file-utils and the icon cache tools refresh through dpkg file triggers on removal
# too, and a postrm would leave the package in the "config-files" state after `dpkg -r`.
POSTINST = """#!/bin/sh
set -e
if [ "$1" = configure ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
    fi
fi
exit 0
"""
DESCRIPTION = """\
Guides, a calendar for quality time and a private journal for couples
 Hearth is a desktop app for couples who want to stay close: short guides on
 emotional intimacy, a calendar for planning quality time, and a private journal
 that only its owner can read (protected journals are encrypted with SQLCipher).
 Everything stays on the computer: no account, no server, no network."""


def deb_architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def elf_files(folder: Path) -> list[Path]:
    """Every ELF file in `folder` (the executable, libraries, extension modules, plugins)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _inspect(path: Path, env: dict[str, str]) -> tuple[set[str], str]:
    """The libraries `path` names itself (NEEDED) and ldd's report of the whole tree."""
    dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    needed = {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}
    report = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
    return needed, report


def linked_libraries(bundle: Path) -> tuple[dict[str, str], set[str]]:
    """What the bundle's ELF files load: ({soname: path} of the system libraries they name
    directly, {sonames not found anywhere}). A system library's own dependencies are its
    package's business. The bundle's folder is searched first, as at run time."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(bundle / "_internal"))
    system: dict[str, str] = {}
    missing: set[str] = set()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda path: _inspect(path, env), elf_files(bundle)))
    for needed, report in results:
        for line in report.splitlines():
            name, _, target = line.strip().partition(" => ")
            if not target:
                continue
            if target.startswith("not found"):
                missing.add(name)
                continue
            resolved = target.split(" (")[0].strip()
            if (name in needed and resolved
                    and not Path(resolved).resolve().is_relative_to(bundle.resolve())):
                system[name] = resolved
    return system, missing


def _candidate_paths(path: str) -> set[str]:
    # dpkg records the path it unpacked; on merged-/usr systems ldd reports another spelling.
    real = str(Path(path).resolve())
    found = {path, real}
    for spelling in (path, real):
        if spelling.startswith("/usr/lib/"):
            found.add(spelling.removeprefix("/usr"))
        elif spelling.startswith("/lib/"):
            found.add("/usr" + spelling)
    return found


def owning_packages(paths: list[str]) -> dict[str, set[str]]:
    """{path: the Debian packages owning it (empty when none does)}."""
    candidates = {path: _candidate_paths(path) for path in paths}
    everything = sorted(set().union(*candidates.values())) if candidates else []
    result = subprocess.run(["dpkg-query", "-S", *everything], capture_output=True, text=True)
    owners_of: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        owners, _, owned = line.partition(": ")
        names = {owner.split(":")[0].strip() for owner in owners.split(", ")}
        owners_of.setdefault(owned.strip(), set()).update(names)
    return {
        path: set().union(*(owners_of.get(c, set()) for c in spellings))
        for path, spellings in candidates.items()
    }


def depends(bundle: Path) -> list[str]:
    """The Depends list: packages owning every system library the bundle links, plus extras.
    Raises RuntimeError if a library is missing or belongs to no package."""
    system, missing = linked_libraries(bundle)
    if missing:
        raise RuntimeError("libraries the bundle needs are missing: " + ", ".join(sorted(missing)))
    owners = owning_packages(sorted(set(system.values())))
    orphans = sorted(path for path, names in owners.items() if not names)
    if orphans:
        raise RuntimeError("no Debian package owns " + ", ".join(orphans))
    packages = set().union(*owners.values()) | set(RUNTIME_EXTRAS)
    glibc = os.confstr("CS_GNU_LIBC_VERSION").split()[-1]
    return [f"libc6 (>= {glibc})" if name == "libc6" else name for name in sorted(packages)]


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)


def stage(bundle: Path, root: Path, version: str) -> None:
    """Lay out the package's files under `root` (a fresh folder)."""
    shutil.copytree(bundle, root / "opt" / "hearth", symlinks=True)
    launcher = root / "usr" / "bin" / "hearth"
    launcher.parent.mkdir(parents=True)
    # Relative, so the launcher also works from a package unpacked anywhere (the CI check).
    launcher.symlink_to("../../opt/hearth/hearth")
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(DESKTOP_FILE, applications / "hearth.desktop")
    render_hicolor(root / "usr" / "share" / "icons" / "hicolor")
    docs = root / "usr" / "share" / "doc" / "hearth"
    _write(docs / "copyright", "Hearth\nLicense: MIT\n\nThe bundled Qt libraries are "
           "licensed under the LGPL-3.0; see /opt/hearth/_internal for their files.\n")
    size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()
                   and not p.is_symlink()) // 1024
    control = (
        f"Package: hearth\nVersion: {version}\nArchitecture: {deb_architecture()}\n"
        "Maintainer: Hearth developers <hearth@users.noreply.github.com>\n"
        f"Installed-Size: {size_kib}\nDepends: {', '.join(depends(bundle))}\n"
        "Section: misc\nPriority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )
    _write(root / "DEBIAN" / "control", control)
    _write(root / "DEBIAN" / "postinst", POSTINST, 0o755)
    for path in root.rglob("*"):
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o022)  # no group/other write, whatever the umask


def build_deb(bundle: Path, out_dir: Path, version: str, *, compression: str = "zstd") -> Path:
    """Build dist/hearth_<version>_<arch>.deb from the one-folder `bundle`."""
    if platform.system() != "Linux" or not shutil.which("dpkg-deb"):
        raise RuntimeError("building a .deb needs Linux with dpkg-deb")
    out_dir.mkdir(parents=True, exist_ok=True)
    output = out_dir / f"hearth_{version}_{deb_architecture()}.deb"
    with tempfile.TemporaryDirectory(prefix="deb-", dir=out_dir.parent / "build") as temp:
        root = Path(temp) / "root"
        root.mkdir()
        stage(bundle, root, version)
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root),
             str(output)],
            check=True, stdout=subprocess.DEVNULL,
        )
    return output
