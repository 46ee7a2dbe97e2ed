"""The core stays free of Qt and of the front end: importing every app module loads no
PySide6 module and no `ui` module, and no app source imports `ui`."""

import pkgutil
import subprocess
import sys

import app
from tests.helpers.paths import ROOT


def all_app_modules() -> list[str]:
    names = ["app"]
    for info in pkgutil.walk_packages(app.__path__, prefix="app."):
        names.append(info.name)
    return names


def test_core_imports_no_qt():
    modules = all_app_modules()
    assert len(modules) > 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "front = sorted(m for m in sys.modules if m == 'ui' or m.startswith('ui.'))\n"
        "print(','.join(qt + front))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert "app.__main__" in modules
    assert result.stdout.strip() == ""


def test_no_pyside_text_in_core_sources():
    offenders = [p for p in (ROOT / "app").rglob("*.py") if "PySide6" in p.read_text()]
    assert offenders == []


def test_the_core_imports_nothing_from_the_front_end():
    import re

    # Static imports, and the ways to load a module by name.
    pattern = re.compile(r"^\s*(from ui[\s.]|import ui\b)|(import_module|run_module|__import__)"
                         r"\(\s*[\"']ui\b", re.MULTILINE)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")
                 if pattern.search(p.read_text())]
    # The window's entry point is the front end's (ui/launch.py, `python -m ui`), not app's.
    assert offenders == []
