#!/usr/bin/env python3
"""Take the README's sync screenshots: a Radicale on 127.0.0.1 holding a shared calendar,
two Hearths syncing with it (one with a change made in two places), then the calendar
tab's sync line and the setup dialog, each at 1024x700 in the normal and largest text.

    .venv/bin/python scripts/sync_screenshots.py [--theme light|dark] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--theme", default="light")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--sizes", default="normal,larger")
    args = parser.parse_args()
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    from PySide6.QtWidgets import QApplication

    from app.context import open_app
    from app.sync import secret
    from scripts.samples import calendar as calendar_sample
    from tests.helpers.caldav_servers import USERS, Radicale
    from tests.helpers.sync import Partner, calendar_for
    from ui.application import create_qapplication
    from ui.main_window import MainWindow
    from ui.settings import Settings
    from ui.theme import ThemeManager

    app = create_qapplication()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hearth-sync-shots-") as folder:
        root = Path(folder)
        server = Radicale(root / "server").start()
        try:
            url = calendar_for(server)
            sam = Partner(root / "sam", url, "alice", USERS["alice"])
            alex = Partner(root / "alex", url, "bob", USERS["bob"])
            with sam.session() as context:
                calendar_sample.seed(context)
            sam.sync()
            alex.sync()
            uid = sorted(sam.items())[0]
            sam.edit(uid, location="Luigi's")
            alex.edit(uid, location="The corner café")
            alex.sync()
            sam.sync()
            sam.add(__import__("tests.helpers.sync", fromlist=["plan"]).plan(
                "Pottery class", day=20, location="Clay studio"))
            context = open_app(root / "sam")
            secret.remember(f"alice@{url}", USERS["alice"])
            for size in args.sizes.split(","):
                theme = ThemeManager(app)
                theme.apply(args.theme, size)
                window = MainWindow(context=context, settings=Settings(context.data_dir),
                                    theme=theme)
                window.resize(1024, 700)
                window.show()
                window.show_tab("calendar")
                QApplication.processEvents()
                tab = window.tab("calendar")
                tab.sync.bar.refresh()
                QApplication.processEvents()
                suffix = "" if size == "normal" else f"-{size}"
                window.grab().save(str(out / f"calendar-sync{suffix}.png"))
                dialog = tab.sync.open_setup()
                dialog.password_edit.setText("app-password")
                dialog._on_discovered(__import__("ui.calendar.sync_dialog",
                                                 fromlist=["_discover"])._discover(
                    server.url, "alice", USERS["alice"]))
                dialog.resize(dialog.sizeHint())
                QApplication.processEvents()
                dialog.grab().save(str(out / f"sync-dialog{suffix}.png"))
                dialog.reject()
                conflicts = tab.sync.open_conflicts()
                conflicts.resize(640, 300)
                QApplication.processEvents()
                conflicts.grab().save(str(out / f"sync-conflicts{suffix}.png"))
                conflicts.reject()
                window.close()
            context.close()
        finally:
            server.stop()
    print(f"saved to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
