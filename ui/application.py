"""Start the window: Qt application, logging, error hook, single instance, data, theme."""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import tempfile

from app import APP_ID, APP_NAME, __version__
from app.errors import AlreadyRunningError, CommandRunningError, HearthError
from app.logs import setup_logging
from app.paths import ensure_private_dir, resolve_data_dir

log = logging.getLogger(__name__)


def create_qapplication(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    # Fusion is named on the command line Qt reads, not set with setStyle(), whose reply
    # would bring QStyle into Python before the first paint (see ThemeManager).
    app = QApplication.instance() or QApplication(
        [*(argv or [sys.argv[0]]), "-style", "Fusion"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    return app


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window (or run the smoke test) and return the exit code."""
    temp_dir = None
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if not args.data_dir:
            temp_dir = tempfile.TemporaryDirectory(prefix="hearth-smoke-")
            args.data_dir = temp_dir.name
    try:
        return _run(args)
    finally:
        if temp_dir is not None:
            temp_dir.cleanup()


def _run(args: argparse.Namespace) -> int:
    from ui import collector, startup
    from ui.exception_hook import ExceptionHandler
    from ui.main_window import MainWindow
    from ui.settings import TEXT_SIZE, THEME, Settings
    from ui.single_instance import SingleInstance
    from ui.theme import ThemeManager

    app = create_qapplication()
    data_dir = resolve_data_dir(args.data_dir)
    try:
        ensure_private_dir(data_dir)
        log_path = setup_logging(data_dir)
    except (HearthError, OSError) as exc:
        if not data_dir.is_dir():
            return _fail(getattr(exc, "message", str(exc)), args.smoke_test)
        log_path = None  # a read-only data folder: it can still be read; no log file
    log.info("starting %s %s (data folder %s)", APP_NAME, __version__, data_dir)
    handler = ExceptionHandler(log_path=log_path, show_dialogs=not args.smoke_test)
    handler.install()
    single = SingleInstance(data_dir)
    try:
        single.acquire()
    except CommandRunningError as exc:  # no window to bring up: say why none opens
        handler.uninstall()
        return _fail(exc.message, args.smoke_test)
    except AlreadyRunningError as exc:
        raised = " The open window was brought to the front." if single.notified else ""
        print(f"hearth: {exc.message}{raised}", file=sys.stderr)
        handler.uninstall()
        return 0
    except HearthError as exc:  # a link, FIFO or device where the lock file belongs
        handler.uninstall()
        return _fail(exc.message, args.smoke_test)
    except OSError:
        log.warning("no instance lock: the data folder is read-only")
    context = None
    try:
        try:
            context, notice = startup.open_data_safely(
                data_dir, interactive=not args.smoke_test)
        except HearthError as exc:
            context, notice = None, exc.message
        if context is None:
            log.error("could not open data")
            return _fail(notice, args.smoke_test)
        settings = Settings(data_dir)
        theme = ThemeManager(app)
        theme.apply(settings.get(THEME), settings.get(TEXT_SIZE))
        window = MainWindow(context=context, settings=settings, theme=theme)
        single.activation_requested.connect(window.bring_to_front)
        window.started.connect(single.listen)
        window.all_tabs_built.connect(collector.finish_start_up)
        if args.smoke_test:
            from ui.smoke import run_smoke

            return run_smoke(app, window, handler)
        if notice is not None:
            theme.finish_style()  # the notice is a message box, shown before the first paint
        window.show()
        startup.show_startup_notice(window, notice)
        if notice is None:
            window.started.connect(functools.partial(startup.start_daily_backup, window))
        return app.exec()
    finally:
        if context is not None:
            context.close()
        restore = startup.finish_pending_restore(data_dir)
        single.release()
        handler.uninstall()
        log.info("stopped")
        if restore is not None:
            if not restore.ok:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.critical(None, APP_NAME, restore.message)
            startup.relaunch()


def _fail(message: str, quiet: bool) -> int:
    print(f"hearth: {message}", file=sys.stderr)
    if not quiet:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APP_NAME, message)
    return 1
