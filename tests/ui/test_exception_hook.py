"""An exception raised in a slot is logged with its traceback, shown, and the app lives.

PySide6 has changed how slot exceptions reach sys.excepthook between releases; this test
proves the behaviour on the installed version by raising inside a real signal dispatch.
"""

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import ValidationError
from app.logs import setup_logging
from ui.exception_hook import ExceptionHandler


class Emitter(QObject):
    fired = Signal()


def test_raising_slot_is_logged_shown_and_survived(qtbot, tmp_path):
    log_path = setup_logging(tmp_path)
    handler = ExceptionHandler(log_path=log_path, show_dialogs=True)
    handler.install()
    try:
        emitter = Emitter()

        def broken_slot():
            raise RuntimeError("boom in a slot")

        emitter.fired.connect(broken_slot)
        with qtbot.waitSignal(handler.exception_handled, timeout=2000) as blocker:
            QTimer.singleShot(0, emitter.fired.emit)
        assert blocker.args == ["RuntimeError"]
        for h in logging.getLogger().handlers:
            h.flush()
        text = log_path.read_text()
        assert "boom in a slot" in text and "Traceback" in text and "broken_slot" in text
        assert handler.dialog is not None and handler.dialog.isVisible()
        assert str(log_path) in handler.dialog.text()
        handler.dialog.close()

        # the event loop still runs: a later timer fires normally
        alive = []
        QTimer.singleShot(0, lambda: alive.append(True))
        qtbot.waitUntil(lambda: alive == [True], timeout=2000)
    finally:
        handler.uninstall()


def test_user_error_is_shown_as_a_message_not_a_bug(qtbot, tmp_path):
    handler = ExceptionHandler(log_path=setup_logging(tmp_path), show_dialogs=True)
    handler.install()
    try:
        emitter = Emitter()

        def slot():
            raise ValidationError("A title is needed.")

        emitter.fired.connect(slot)
        with qtbot.waitSignal(handler.exception_handled, timeout=2000):
            QTimer.singleShot(0, emitter.fired.emit)
        assert handler.dialog.text() == "A title is needed."
        handler.dialog.close()
    finally:
        handler.uninstall()
