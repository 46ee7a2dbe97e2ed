"""The packaging helpers: which Qt files the bundle keeps, the version, the desktop entry."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import app

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


@pytest.fixture(scope="module")
def packaging_modules():
    # packaging/ is a folder of scripts, not a package: import them by path, then forget them
    # ("build" would otherwise shadow the PyPI package of that name).
    sys.path.insert(0, str(PACKAGING))
    try:
        yield importlib.import_module("qt_parts"), importlib.import_module("build")
    finally:
        sys.path.remove(str(PACKAGING))
        for name in ("qt_parts", "build", "icons", "checks", "build_deb"):
            sys.modules.pop(name, None)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libicudata.so.73",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt6Gui.dll",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/QtCore.abi3.so",
    "sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so",
    "libpython3.11.so.1.0",
])
def test_keeps_what_hearth_uses(packaging_modules, dest):
    qt_parts, _ = packaging_modules
    assert qt_parts.keep_qt_file(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt6Quick.dll",
    "PySide6/translations/qtbase_fr.qm",
    "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
])
def test_drops_qt_parts_hearth_does_not_use(packaging_modules, dest):
    qt_parts, _ = packaging_modules
    assert not qt_parts.keep_qt_file(dest)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads link maps with ldd")
def test_filter_drops_system_libraries_and_symlinks_to_dropped_ones(packaging_modules, tmp_path):
    qt_parts, _ = packaging_modules
    core = tmp_path / "libQt6Core.so.6"
    quick = tmp_path / "libQt6Quick.so.6"
    cups = tmp_path / "libcups.so.2"
    for path in (core, quick, cups):
        path.write_bytes(b"not an ELF file")
    kept = qt_parts.filter_binaries([
        ("libcups.so.2", str(cups), "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", str(core), "BINARY"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", str(quick), "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
    ])
    assert [dest for dest, _, _ in kept] == ["PySide6/Qt/lib/libQt6Core.so.6", "libQt6Core.so.6"]


def test_build_reads_the_app_version(packaging_modules):
    _, build = packaging_modules
    assert build.app_version() == app.__version__


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils is not installed")
def test_desktop_entry_is_valid():
    desktop = PACKAGING.parent / "resources" / "desktop" / "hearth.desktop"
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                            text=True)
    assert (result.returncode, result.stdout) == (0, "")
