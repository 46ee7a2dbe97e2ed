"""The benchmark's reference: a minimal PySide6 window with three empty tabs."""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget()
    for name in ("Guides", "Calendar", "Journal"):
        tabs.addTab(QWidget(), name)
    window.setCentralWidget(tabs)
    window.resize(1024, 700)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
