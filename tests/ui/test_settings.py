"""The window's settings file: read and written in the data folder, and nothing else."""

from __future__ import annotations

import os

from ui import settings as S
from ui.settings import Settings


def test_settings_are_kept_across_runs(tmp_path):
    first = Settings(tmp_path)
    first.set(S.THEME, "dark")
    first.sync()
    assert Settings(tmp_path).get(S.THEME) == "dark"


def test_a_pipe_where_the_settings_belong_is_neither_waited_on_nor_written(tmp_path):
    os.mkfifo(tmp_path / Settings.FILE_NAME)
    settings = Settings(tmp_path)  # reading a pipe with no writer would never return
    assert settings.get(S.THEME) == S.THEME.default
    settings.set(S.THEME, "dark")
    settings.sync()
    assert settings.get(S.THEME) == "dark"  # for this run
    assert [path.name for path in tmp_path.iterdir()] == [Settings.FILE_NAME]


def test_a_link_where_the_settings_belong_is_not_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere.ini"
    elsewhere.write_text("[view]\ntheme=light\n")
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / Settings.FILE_NAME).symlink_to(elsewhere)
    settings = Settings(folder)
    settings.set(S.THEME, "dark")
    settings.sync()
    assert elsewhere.read_text() == "[view]\ntheme=light\n"
    assert (folder / Settings.FILE_NAME).is_symlink()


def test_a_value_already_held_is_not_written_again(tmp_path):
    settings = Settings(tmp_path)
    settings.set(S.THEME, "dark")
    settings.set_raw("guides/last_page", "a-guide")
    settings.sync()
    path = tmp_path / Settings.FILE_NAME
    before = os.stat(path)
    again = Settings(tmp_path)
    again.set(S.THEME, "dark")
    again.set_raw("guides/last_page", "a-guide")
    again.sync()
    after = os.stat(path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    again.set(S.THEME, "light")
    again.sync()
    assert os.stat(path).st_mtime_ns != before.st_mtime_ns or os.stat(path).st_ino != before.st_ino
    assert Settings(tmp_path).get(S.THEME) == "light"
