"""The sync password: in the system's secret store (Secret Service, Windows Credential
Locker, macOS Keychain) through `keyring`, or, where there is none, in this process's
memory for the rest of the run. Never in hearth.db, settings.ini, a backup or the log.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE = "Hearth calendar sync"
# Backends that would store nothing, or store it in a plain file beside other data.
_REFUSED = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

_memory: dict[str, str] = {}


def account_key(username: str, server_url: str) -> str:
    return f"{username}@{server_url}"


def _backend():
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # a broken secret store is no secret store
        log.info("no usable secret store", exc_info=True)
        return None
    backends = getattr(backend, "backends", None)
    if backends is not None and not backends:
        return None
    module = type(backend).__module__
    if any(module.startswith(name) for name in _REFUSED):
        return None
    return backend


def has_store() -> bool:
    """Whether the system has a secret store Hearth will use."""
    return _backend() is not None


def store(key: str, password: str) -> bool:
    """Keep `password` for `key`; True when it went into the system's store (else it is
    kept in memory for this run only)."""
    _memory[key] = password
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, key, password)
    except Exception:  # locked or refusing store: memory keeps it for this run
        log.info("the secret store refused the password", exc_info=False)
        return False
    return True


def get(key: str) -> str | None:
    if key in _memory:
        return _memory[key]
    backend = _backend()
    if backend is None:
        return None
    try:
        password = backend.get_password(SERVICE, key)
    except Exception:
        log.info("the secret store could not be read", exc_info=False)
        return None
    if password:
        _memory[key] = password
    return password or None


def remember(key: str, password: str) -> None:
    """Keep a password typed for this run only."""
    _memory[key] = password


def forget(key: str) -> None:
    _memory.pop(key, None)
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, key)
    except Exception:  # nothing stored, or a store that says no: nothing more to do
        log.debug("no password to delete in the secret store")
