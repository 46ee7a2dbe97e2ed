"""Help > Keyboard shortcuts: every key the window answers, read from the window itself.

The list is gathered when the dialog opens from what is bound at that moment: each action's
shortcuts (menus and tabs), each QShortcut, each button's own shortcut, and the keys a widget
handles in keyPressEvent, which it declares in a `KEYS` class attribute as (keys, what)
pairs. So a new binding shows up without anyone editing a list here. A binding says what it
does by its `whatsThis()` when set, else by its text (buttons: their tooltip).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.theme import SPACING

EVERYWHERE = "Everywhere"
MAX_WIDTH = 960


@dataclass(frozen=True)
class Binding:
    keys: str  # "Ctrl+N", or "Ctrl++ or Ctrl+=" when several keys do the same
    what: str  # "Lock the journal"
    where: str  # EVERYWHERE or a tab's title


def key_text(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _typed(sequence: QKeySequence) -> bool:
    """Whether a person types it: platforms add dedicated keys (Help, Zoom In, New and
    other media keys, from Qt.Key.Key_Help on) to the standard bindings, which few
    keyboards have and the list would only be cluttered by."""
    if sequence.isEmpty():
        return False
    return sequence[0].key().value < Qt.Key.Key_Help.value


def _keys(sequences) -> str:
    return " or ".join(dict.fromkeys(key_text(k) for k in sequences if _typed(k)))


def _plain(text: str) -> str:
    """A menu text as a sentence: no mnemonic ampersands, no trailing ellipsis."""
    text = re.sub(r"&(?!&)", "", text).replace("&&", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def _where(obj: QObject, window) -> str:
    """The tab whose page holds `obj` (for an action: whose widget made it), else
    EVERYWHERE."""
    pages = {page: page.spec.title for page in window.pages()}
    while obj is not None:
        if obj in pages:
            return pages[obj]
        obj = obj.parent()
    return EVERYWHERE


def bindings(window) -> list[Binding]:
    """Every key binding in `window`, in the order: everywhere first, then tab by tab."""
    window.fill_menus()  # its actions are made with the first paint; the keys are theirs
    found: list[Binding] = []
    for action in window.findChildren(QAction):
        keys = _keys(action.shortcuts())
        if keys and not action.isSeparator():
            found.append(Binding(keys,
                                 action.whatsThis() or _plain(action.text()),
                                 _where(action, window)))
    grouped: dict[tuple[str, str], list[QKeySequence]] = {}
    for shortcut in window.findChildren(QShortcut):
        if _typed(shortcut.key()):
            what = shortcut.whatsThis() or "(undescribed)"
            grouped.setdefault((what, _where(shortcut, window)), []).append(shortcut.key())
    found += [Binding(_keys(keys), what, where) for (what, where), keys in grouped.items()]
    for button in window.findChildren(QAbstractButton):
        if _typed(button.shortcut()):
            # A tooltip often ends by naming its key: "Show the entry formatted (Ctrl+P)".
            what = button.whatsThis() or re.sub(r"\s*\([^)]*\)$", "", button.toolTip()) \
                or _plain(button.text())
            found.append(Binding(_keys([button.shortcut()]), what, _where(button, window)))
    declared_by = {}
    for widget in window.findChildren(QWidget):
        for keys, what in getattr(type(widget), "KEYS", ()):
            declared_by[(keys, what)] = _where(widget, window)
    found += [Binding(keys, what, where) for (keys, what), where in declared_by.items()]
    order = [EVERYWHERE] + [page.spec.title for page in window.pages()]
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda b: order.index(b.where) if b.where in order else len(order))


class ShortcutsDialog(QDialog):
    """The bindings grouped by where they work, keys on the left."""

    def __init__(self, *, found: list[Binding], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "What they do"])
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(SPACING["l"])
        # Sized to the keys, not to the group titles spanning both columns.
        metrics = self.tree.fontMetrics()
        keys_width = max((metrics.horizontalAdvance(b.keys) for b in found), default=80)
        what_width = max((metrics.horizontalAdvance(b.what) for b in found), default=200)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(0, keys_width + 2 * SPACING["xl"])
        self.tree.header().setStretchLastSection(True)
        for where in dict.fromkeys(b.where for b in found):
            group = QTreeWidgetItem(self.tree, [where if where != EVERYWHERE
                                                else "Anywhere in Hearth", ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for binding in (b for b in found if b.where == where):
                QTreeWidgetItem(group, [binding.keys, binding.what])
        self.tree.expandAll()
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Wide enough for the longest line, never wider than the smallest window Hearth
        # is laid out for.
        self.resize(min(keys_width + what_width + 6 * SPACING["xl"], MAX_WIDTH), 560)

    def shown(self) -> list[tuple[str, str, str]]:
        """(where, keys, what) for each row, as the dialog lists them."""
        rows = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for child in range(group.childCount()):
                item = group.child(child)
                rows.append((group.text(0), item.text(0), item.text(1)))
        return rows
