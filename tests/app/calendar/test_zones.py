"""This computer's zone: from TZ, from the /etc/localtime link, or from tzlocal."""

from __future__ import annotations

import sys
import types

import pytest

from app.calendar import zones


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """local_timezone() asked anew, with no TZ and a missing /etc/localtime unless a test
    sets them, and a tzlocal that says which zone it would give."""
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(zones, "LOCALTIME", tmp_path / "localtime")
    asked = []
    fake = types.SimpleNamespace(get_localzone_name=lambda: asked.append(1) or "Asia/Tokyo")
    monkeypatch.setitem(sys.modules, "tzlocal", fake)
    zones.local_timezone.cache_clear()
    yield asked
    zones.local_timezone.cache_clear()


@pytest.mark.parametrize("value", ["Europe/Paris", ":Europe/Paris",
                                   "/usr/share/zoneinfo/Europe/Paris"])
def test_tz_names_the_zone(fresh, monkeypatch, value):
    monkeypatch.setenv("TZ", value)
    assert zones.local_timezone() == "Europe/Paris"
    assert fresh == []  # tzlocal was not needed


@pytest.mark.parametrize("target", ["/usr/share/zoneinfo/America/New_York",
                                    "../usr/share/zoneinfo/America/New_York",
                                    "/var/db/timezone/zoneinfo/America/New_York"])
def test_the_localtime_link_names_the_zone(fresh, tmp_path, target):
    (tmp_path / "localtime").symlink_to(target)
    assert zones.local_timezone() == "America/New_York"
    assert fresh == []


def test_a_posix_rule_in_tz_falls_through_to_the_link(fresh, monkeypatch, tmp_path):
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
    (tmp_path / "localtime").symlink_to("/usr/share/zoneinfo/Europe/Berlin")
    assert zones.local_timezone() == "Europe/Berlin"


@pytest.mark.parametrize("make", [
    lambda path: path.write_bytes(b"TZif2 a copied zone file"),  # a copy, not a link
    lambda path: path.symlink_to("/nowhere/at/all"),  # a link into no zone database
    lambda path: path.symlink_to("/usr/share/zoneinfo/Not/AZone"),  # no such zone
    lambda path: None,  # no file at all (Windows)
])
def test_anything_else_asks_tzlocal(fresh, tmp_path, make):
    make(tmp_path / "localtime")
    assert zones.local_timezone() == "Asia/Tokyo"
    assert fresh == [1]


def test_an_unreadable_setting_means_utc(fresh, monkeypatch):
    def broken():
        raise OSError("no zone configured")

    monkeypatch.setitem(sys.modules, "tzlocal", types.SimpleNamespace(get_localzone_name=broken))
    assert zones.local_timezone() == "UTC"


def test_tzlocal_naming_no_known_zone_means_utc(fresh, monkeypatch):
    monkeypatch.setitem(sys.modules, "tzlocal",
                        types.SimpleNamespace(get_localzone_name=lambda: "Mars/Olympus"))
    assert zones.local_timezone() == "UTC"
