"""A module that hands out names held by other modules, importing each home module only
when one of its names is first asked for (PEP 562), so importing the module costs little.

    __getattr__, __dir__ = lazy_names(globals(), {"open_journal": "app.journal.x"})
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(namespace: dict[str, Any], homes: Mapping[str, str], *,
               renamed: Mapping[str, str] | None = None, package: str | None = None,
               remember: bool = True) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level `__getattr__` and `__dir__` for the module whose globals are
    `namespace`: `homes` maps each name to its module (relative to `package` when given),
    `renamed` maps a name to what its home calls it. With `remember`, a name found once
    stays in the module's globals, so later look-ups cost nothing."""
    module_name = namespace["__name__"]
    renamed = renamed or {}

    def __getattr__(name: str) -> Any:  # noqa: N807 (the module hook's name)
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}" if package else home),
                        renamed.get(name, name))
        if remember:
            namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted(set(namespace) | set(homes))

    return __getattr__, __dir__
