"""Fixtures of the sync tests: a real Radicale on 127.0.0.1, two partners and a phone,
and no system secret store (nothing may reach the real one)."""

from __future__ import annotations

import pytest

from app.calendar import zones
from tests.helpers.caldav_servers import USERS, Radicale
from tests.helpers.sync import Partner, Phone, calendar_for, forget_memory


@pytest.fixture(autouse=True)
def _no_secret_store(monkeypatch):
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(zones, "local_timezone", lambda: "Europe/London")
    forget_memory()
    yield
    forget_memory()
    keyring.set_keyring(previous)


@pytest.fixture
def radicale(tmp_path):
    server = Radicale(tmp_path / "server").start()
    yield server
    server.stop()


@pytest.fixture
def shared_url(radicale):
    return calendar_for(radicale)


@pytest.fixture
def alice(tmp_path, shared_url):
    return Partner(tmp_path / "alice", shared_url, "alice", USERS["alice"])


@pytest.fixture
def bob(tmp_path, shared_url):
    return Partner(tmp_path / "bob", shared_url, "bob", USERS["bob"])


@pytest.fixture
def phone(shared_url):
    return Phone(shared_url, "alice", USERS["alice"])
