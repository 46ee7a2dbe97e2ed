"""The three-way merge of one item: what changed on each side since the version both
last agreed on (the base), field by field.

A field changed on one side only takes that side's value. A field changed on both sides
to different values keeps the server's and reports the local one as a conflict, so the
couple can pick. For one occurrence, a change beats a cancellation (an edit beats a
delete). Without a base (the item was made on both sides independently), every field
that differs is a conflict. Pure functions of plain values.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.sync.items import CANCELLED

_ABSENT = object()


@dataclass(frozen=True)
class Conflict:
    """`field` changed on both sides: `server` was kept, `local` was the other value
    (None where that side had no such occurrence change)."""

    field: str
    local: object
    server: object


def merge(base: dict | None, local: dict, server: dict) -> tuple[dict, list[Conflict]]:
    """(merged item, conflicts) of `local` and `server` against `base`."""
    base = base if base is not None else {}
    merged: dict = {}
    conflicts: list[Conflict] = []
    for key in sorted(set(base) | set(local) | set(server)):
        was, mine, theirs = (base.get(key, _ABSENT), local.get(key, _ABSENT),
                             server.get(key, _ABSENT))
        if mine == theirs:
            value = mine
        elif mine == was:
            value = theirs
        elif theirs == was:
            value = mine
        elif theirs == CANCELLED and isinstance(mine, dict):
            value = mine  # an edit of the occurrence beats its cancellation
        elif mine == CANCELLED and isinstance(theirs, dict):
            value = theirs
        else:
            value = theirs
            conflicts.append(Conflict(key, None if mine is _ABSENT else mine,
                                      None if theirs is _ABSENT else theirs))
        if value is not _ABSENT:
            merged[key] = value
    return merged, conflicts


def changed(base: dict | None, item: dict) -> bool:
    return base != item
