#!/usr/bin/env python3
"""Take the README screenshots: seed a fresh data folder with made-up sample data, build the
real window (1024x700 unless --size says otherwise) and save one PNG per tab into
docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--theme light|dark] [--size WxH]
                                            [--text-size small|normal|large|larger] [--out DIR]

Shots taken at another size or text size get it in their names (calendar-larger.png), so the
README's own shots are never overwritten by a check.
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


DEFAULT_SIZE = (1024, 700)


def window_size(text: str) -> tuple[int, int]:
    """"1024x700" as (1024, 700), for argparse."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1024x700") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text!r} is outside 320x240 to 8000x8000")
    return width, height


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--size", type=window_size, default=DEFAULT_SIZE,
                        help="window size as WIDTHxHEIGHT (default 1024x700)")
    parser.add_argument("--text-size", default="normal",
                        choices=("small", "normal", "large", "larger"))
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
        theme.apply(args.theme, args.text_size)
        window = MainWindow(context=context, settings=Settings(context.data_dir), theme=theme)
        window.resize(*args.size)
        window.show()
        QApplication.processEvents()
        for name, module in modules:
            window.show_tab(name)
            prepare = getattr(module, "prepare", None)
            if prepare is not None:
                prepare(window)
            for _ in range(5):
                QApplication.processEvents()
            suffix = "".join(f"-{part}" for part in (
                args.theme if args.theme != "light" else "",
                "x".join(map(str, args.size)) if args.size != DEFAULT_SIZE else "",
                args.text_size if args.text_size != "normal" else "") if part)
            path = out / f"{name}{suffix}.png"
            window.grab().save(str(path))
            print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        window.close()
        context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
