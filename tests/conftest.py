"""Shared fixtures: every on-disk location points into tmp_path; Qt runs offscreen."""

from __future__ import annotations

import os

# Must be set before Qt is imported anywhere: without a display Qt would abort the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.context import open_app  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test may read or write the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("HEARTH_DATA_DIR", raising=False)


@pytest.fixture(autouse=True, scope="session")
def _argon2_computed_once():
    """Each Argon2id key is computed once per run, then remembered.

    Argon2id is deterministic: the same passphrase, salt and costs always give the same key.
    Tests open the same protected journal many times, and each open spent about 0.15 s
    deriving the key it had already derived. The first derivation of every key still runs
    the real function, and a test that replaces the function still sees every call.
    """
    import argon2.low_level

    real = argon2.low_level.hash_secret_raw
    keys: dict[tuple, bytes] = {}

    def hash_secret_raw(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        try:
            return keys[key]
        except KeyError:
            keys[key] = real(*args, **kwargs)
            return keys[key]
        except TypeError:  # arguments that cannot be remembered
            return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(argon2.low_level, "hash_secret_raw", hash_secret_raw)
        yield


@pytest.fixture(autouse=True)
def _deleted_widgets():
    """Delete what the test's widgets left to deleteLater once its fixtures are torn down.

    pytest-qt closes each test's widgets with deleteLater, and processEvents never runs those
    deletions: without this every window, dialog and menu of every earlier test stays alive,
    and each later style or theme change repolishes all of them, so tests get slower and
    slower the later they run.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    return path


@pytest.fixture
def app_context(data_dir):
    """The shared database opened and migrated in tmp_path, models bound to it."""
    context = open_app(data_dir)
    yield context
    context.close()


@pytest.fixture
def make_window(qtbot, data_dir):
    """Build the real main window against a data folder (call again to 'restart')."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.settings import TEXT_SIZE, THEME, Settings
    from ui.theme import ThemeManager

    opened = []

    def build(folder=None):
        context = open_app(folder or data_dir)
        settings = Settings(context.data_dir)
        theme = ThemeManager(QApplication.instance())
        theme.apply(settings.get(THEME), settings.get(TEXT_SIZE))
        window = MainWindow(context=context, settings=settings, theme=theme)
        qtbot.addWidget(window)
        opened.append((window, context))
        return window

    yield build
    for window, context in opened:
        if window.isVisible():
            window.close()
        context.close()
