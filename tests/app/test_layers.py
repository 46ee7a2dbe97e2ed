"""The core stays free of Qt: importing every app module loads no PySide6 module."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[2]


def all_app_modules() -> list[str]:
    names = ["app"]
    for info in pkgutil.walk_packages(app.__path__, prefix="app."):
        if info.name != "app.__main__":  # the composition root starts the window
            names.append(info.name)
    return names


def test_core_imports_no_qt():
    modules = all_app_modules()
    assert len(modules) > 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == ""


def test_no_pyside_text_in_core_sources():
    offenders = [p for p in (ROOT / "app").rglob("*.py") if "PySide6" in p.read_text()]
    assert offenders == []


def test_the_core_imports_nothing_from_the_front_end():
    import re

    pattern = re.compile(r"^\s*(from ui[\s.]|import ui\b)", re.MULTILINE)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")
                 if p.name != "__main__.py" or p.parent.name != "app"
                 if pattern.search(p.read_text())]
    # app/__main__.py is the composition root `python -m app` runs; it alone may start ui.
    assert offenders == []
