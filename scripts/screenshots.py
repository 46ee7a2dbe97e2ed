#!/usr/bin/env python3
"""Take the README screenshots: seed a fresh data folder with made-up sample data, build the
real window at 1280x820 and save one PNG per tab into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--theme light|dark] [--out DIR]
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def sample_modules():
    import scripts.samples as samples

    for info in sorted(pkgutil.iter_modules(samples.__path__), key=lambda i: i.name):
        yield info.name, importlib.import_module(f"scripts.samples.{info.name}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--theme", default="light")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from app.context import open_app
    from ui.application import create_qapplication
    from ui.main_window import MainWindow
    from ui.settings import Settings
    from ui.theme import ThemeManager

    app = create_qapplication()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hearth-shots-") as folder:
        context = open_app(Path(folder))
        modules = list(sample_modules())
        for _name, module in modules:
            module.seed(context)
        theme = ThemeManager(app)
        theme.apply(args.theme, "normal")
        window = MainWindow(context=context, settings=Settings(context.data_dir), theme=theme)
        window.resize(1280, 820)
        window.show()
        QApplication.processEvents()
        for name, module in modules:
            window.show_tab(name)
            prepare = getattr(module, "prepare", None)
            if prepare is not None:
                prepare(window)
            for _ in range(5):
                QApplication.processEvents()
            suffix = "" if args.theme == "light" else f"-{args.theme}"
            path = out / f"{name}{suffix}.png"
            window.grab().save(str(path))
            print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        window.close()
        context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
