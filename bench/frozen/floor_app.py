"""The benchmark's floor: the bare window plus what any app on this stack pays before it
can show its data: the Qt namespace's enums (every real widget set-up touches `Qt`) and
Peewee opening a SQLite database. What Hearth takes beyond this is its own doing."""

import os
import sys
import tempfile

import peewee
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget


def main() -> int:
    app = QApplication(sys.argv)
    db = peewee.SqliteDatabase(os.path.join(tempfile.gettempdir(), "hearth-bench-floor.db"),
                               pragmas={"journal_mode": "wal"})
    db.connect()
    db.execute_sql("CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute_sql("SELECT count(*) FROM note").fetchone()
    window = QMainWindow()
    tabs = QTabWidget()
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    for name in ("Guides", "Calendar", "Journal"):
        tabs.addTab(QWidget(), name)
    window.setCentralWidget(tabs)
    window.resize(1024, 700)
    window.show()
    code = app.exec()
    db.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
