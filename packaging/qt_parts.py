"""Which Qt files a frozen Hearth keeps: PyInstaller collects every plugin and translation
of the Qt modules it sees, and `--exclude-module` does not shrink Qt, so the spec filters the
collected files here (shared with the benchmark's reference build so both freeze alike)."""

import re
import subprocess
import sys
from pathlib import Path

# The Qt libraries Hearth needs: the modules it imports (Core, Gui, Widgets, Network for the
# single-instance socket), Svg for the icon, and what the kept plugins link against (DBus for
# the desktop portal and input methods, XcbQpa for X11). Wayland sessions run Hearth through
# XWayland, which spares the Wayland client stack and its system libraries.
QT_LIBRARIES = {"Core", "Gui", "Widgets", "Network", "Svg", "DBus", "XcbQpa", "PrintSupport"}
# Plugins by category, None for the whole category; a category missing here (tls,
# sqldrivers, qmltooling, networkinformation, wayland-*, ...) is dropped.
QT_PLUGINS = {
    "platforms": {"xcb", "offscreen", "minimal", "windows", "cocoa"},
    "platforms/darwin": None,
    "platformthemes": {"xdgdesktopportal"},
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "imageformats": {"svg", "ico", "jpeg", "gif"},
    "iconengines": {"svgicon"},
    "styles": None,
    "xcbglintegrations": None,
    "printsupport": {"cupsprintersupport", "windowsprintersupport", "cocoaprintersupport"},
}
# libQt6Core.so.6 (Linux), Qt6Core.dll (Windows), QtCore.framework (macOS).
_QT_LIB_NAME = re.compile(r"^(?:lib)?Qt6?([A-Za-z0-9]+?)(?:\.so(?:\.[0-9]+)*|\.dll|\.framework)$")


def _qt_parts(dest):
    """The path parts of `dest` below PySide6's Qt folder, or None for a non-Qt file."""
    parts = Path(dest).as_posix().split("/")
    if parts[0] != "PySide6":
        return None
    rest = parts[1:]
    if rest and rest[0] == "Qt":
        rest = rest[1:]
    return rest


def _plugin_wanted(category, filename):
    if category not in QT_PLUGINS:
        return False
    names = QT_PLUGINS[category]
    if names is None:
        return True
    stem = re.sub(r"\.(so|dll|dylib)$", "", filename)
    stem = stem[3:] if stem.startswith("lib") else stem
    return stem in names or (stem.startswith("q") and stem[1:] in names)


def keep_qt_file(dest):
    """Whether a collected file is a Qt part Hearth uses (non-Qt files are always kept)."""
    rest = _qt_parts(dest)
    if rest is None:
        return True
    if "translations" in rest:
        return False  # Hearth is English-only; mixing translated Qt dialogs would look broken
    if "plugins" in rest:
        inner = rest[rest.index("plugins") + 1:]
        if len(inner) >= 3 and inner[:2] == ["platforms", "darwin"]:
            return True
        return len(inner) < 2 or _plugin_wanted(inner[0], inner[-1])
    for part in rest:
        match = _QT_LIB_NAME.match(part)
        if match:
            return match.group(1) in QT_LIBRARIES
    return True


# Libraries left to the system instead of bundled: CUPS (only the print plugin needs it) drags
# in GnuTLS and friends, ~7 MiB; every desktop has it, the .deb depends on it, and without it
# Qt still prints to PDF.
SYSTEM_LIBRARIES = {"libcups.so.2"}


def _direct_needs(path):
    """Base names of the libraries `path` names itself (ldd would list the whole tree)."""
    if sys.platform.startswith("linux"):
        dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True)
        return [line.split()[1] for line in dump.stdout.splitlines()
                if line.strip().startswith("NEEDED")]
    from PyInstaller.depend.bindepend import get_imports

    return [Path(name).name for name, _ in get_imports(path)]


def _link_closure(paths, by_name, stop=frozenset()):
    """Base names of every library `paths` load at link time, followed through the collected
    libraries (`by_name`: base name -> source path) but not through those in `stop`."""
    seen, todo = set(), list(paths)
    while todo:
        for base in _direct_needs(todo.pop()):
            if base not in seen:
                seen.add(base)
                if base in by_name and base not in stop:
                    todo.append(by_name[base])
    return seen


def _wanted(entry):
    dest, _, kind = entry
    return kind == "SYMLINK" or (keep_qt_file(dest) and Path(dest).name not in SYSTEM_LIBRARIES)


def filter_binaries(binaries):
    """Drop unused Qt parts and the system libraries left to the system, then the libraries
    only they needed (the GTK theme plugin drags in GTK's whole stack), then symlinks left
    pointing at nothing."""
    by_name = {Path(dest).name: src for dest, src, kind in binaries if kind != "SYMLINK"}
    kept = [entry for entry in binaries if _wanted(entry)]
    dropped = [entry for entry in binaries if not _wanted(entry)]
    dropped_names = frozenset(Path(dest).name for dest, _, _ in dropped)
    candidates = _link_closure([src for _, src, _ in dropped], by_name)
    roots = [src for dest, src, kind in kept
             if kind != "SYMLINK" and Path(dest).name not in candidates]
    orphans = (candidates - _link_closure(roots, by_name, stop=dropped_names)) | dropped_names
    kept = [entry for entry in kept if Path(entry[0]).name not in orphans]
    present = {entry[0] for entry in kept if entry[2] != "SYMLINK"}
    return [entry for entry in kept if entry[2] != "SYMLINK" or entry[1] in present]
