"""How an item of a view shows right now: selected, under the mouse, holding the focus.

A delegate's `option.state` says the same, but reading it from Python builds QStyle's
Python type with its several hundred enum members, about 50 M instructions: more than the
rest of a list costs before a window's first paint. The view knows these facts itself,
and tells them the way it fills `option.state`: the selection model for selected, its
current index while it has the focus, the index under the pointer while the pointer is
over its viewport.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QCursor


class ItemState(NamedTuple):
    selected: bool
    hovered: bool
    focused: bool


def item_state(option, index: QModelIndex) -> ItemState:
    """The state of the item at `index` that `option` (from a delegate's paint) is for."""
    view = option.widget
    selection = view.selectionModel() if view is not None else None
    if selection is None:
        return ItemState(False, False, False)
    viewport = view.viewport()
    hovered = viewport.underMouse() and view.indexAt(
        viewport.mapFromGlobal(QCursor.pos())) == index
    focused = view.hasFocus() and view.currentIndex() == index
    return ItemState(selection.isSelected(index), hovered, focused)
