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
