"""Data folder resolution, permissions, and the resource locator."""

import os
import stat
import sys

import pytest

from app import paths


def test_override_beats_environment_beats_default(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.resolve_data_dir(tmp_path / "explicit") == (tmp_path / "explicit").resolve()
    assert paths.resolve_data_dir(None) == (tmp_path / "from-env").resolve()
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.resolve_data_dir(None) == paths.default_data_dir()


def test_default_is_under_user_data_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert paths.default_data_dir() == tmp_path / "xdg" / "hearth"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_is_owner_only(tmp_path):
    folder = paths.ensure_private_dir(tmp_path / "a" / "b")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # A folder that exists is not Hearth's to change: a shared 1777 one, or one the user
    # made read-only, keeps its mode.
    for mode in (0o1777, 0o555, 0o755):
        folder.chmod(mode)
        paths.ensure_private_dir(folder)
        assert stat.S_IMODE(folder.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX links")
def test_a_link_or_file_where_a_folder_belongs_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    (tmp_path / "link").symlink_to(elsewhere)
    (tmp_path / "file").write_text("x")
    for name in ("link", "file"):
        with pytest.raises(paths.DataFolderError):
            paths.ensure_private_dir(tmp_path / name)
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755


def test_resources_found_from_source_and_bundle(tmp_path, monkeypatch):
    assert paths.resource_path("icons", "hearth.svg").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_path("icons", "hearth.svg") == tmp_path / "resources" / "icons" / "hearth.svg"


def test_unwritable_parent_gives_clear_error(tmp_path):
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root ignores permissions")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    from app.errors import DataFolderError

    with pytest.raises(DataFolderError, match="cannot create its data folder"):
        paths.ensure_private_dir(locked / "data")
