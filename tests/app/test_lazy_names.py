"""Module faces that import a name's home only when the name is first asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.lazy_names import lazy_names
from tests.helpers.paths import ROOT


def test_a_name_is_found_in_its_home_and_remembered():
    namespace = {"__name__": "face"}
    getattr_, dir_ = lazy_names(namespace, {"join": "os.path", "sep_char": "os"},
                                renamed={"sep_char": "sep"})
    import os

    assert getattr_("join") is os.path.join
    assert namespace["join"] is os.path.join
    assert getattr_("sep_char") == os.sep
    assert "join" in dir_() and "sep_char" in dir_()
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        getattr_("nothing")


def test_not_remembering_asks_the_home_each_time():
    namespace = {"__name__": "face"}
    getattr_, _dir = lazy_names(namespace, {"path": "os"}, remember=False)
    assert getattr_("path") is __import__("os").path
    assert "path" not in namespace


@pytest.mark.parametrize("face, name, home", [
    ("app.services.journal", "open_journal", "app.journal.registry.journals"),
    ("app.services.calendar", "Occurrence", "app.calendar.types"),
    ("app.journal.registry", "create_journal", "app.journal.registry.journals"),
])
def test_the_faces_load_a_home_only_when_a_name_of_it_is_asked_for(face, name, home):
    code = (f"import sys, {face} as face\n"
            f"before = {home!r} in sys.modules\n"
            f"getattr(face, {name!r})\n"
            f"print(before, {home!r} in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.split() == ["False", "True"], result.stderr
