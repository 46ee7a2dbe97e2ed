"""Open data folders, which no output may go into."""

from __future__ import annotations

from app import data_folders
from app.data_folders import protect_folder, protected_folder_holding


def test_a_path_in_or_at_an_open_data_folder_is_found_and_others_are_not(tmp_path,
                                                                      monkeypatch):
    monkeypatch.setattr(data_folders, "_open", set())
    data = tmp_path / "data"
    data.mkdir()
    assert protected_folder_holding(data / "x.html") is None
    protect_folder(data)
    assert protected_folder_holding(data) == data.resolve()
    assert protected_folder_holding(data / "journals" / "x.html") == data.resolve()
    assert protected_folder_holding(tmp_path / "data-2" / "x.html") is None
    (tmp_path / "link").symlink_to(data)
    assert protected_folder_holding(tmp_path / "link" / "x.html") == data.resolve()
