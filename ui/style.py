"""Hearth's widget style: Fusion with Hearth's own icons in message boxes and none on dialog
buttons.

Left alone, a desktop's icon theme puts a floppy disk on Save, a red cross on Cancel and a
green tick on OK, and message boxes show the theme's stock warning and question marks, none
of which match the Phosphor set the rest of the window uses (ui/icons.py).
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

# The message box's standard icon -> Hearth's icon name.
MESSAGE_ICONS = {
    QStyle.StandardPixmap.SP_MessageBoxInformation: "info",
    QStyle.StandardPixmap.SP_MessageBoxWarning: "warning",
    QStyle.StandardPixmap.SP_MessageBoxCritical: "error",
    QStyle.StandardPixmap.SP_MessageBoxQuestion: "question",
}


# The stock icons a dialog button box puts on its buttons, when the desktop asks for them.
DIALOG_BUTTON_ICONS = frozenset(
    pixmap for name, pixmap in QStyle.StandardPixmap.__members__.items()
    if name.startswith("SP_Dialog") and name.endswith("Button"))


class HearthStyle(QProxyStyle):
    """Fusion, with the two changes above.

    Dialog buttons lose their icons through `standardIcon`, which a button box asks once
    per button, rather than through `styleHint`, which Qt asks thousands of times while
    widgets are built and painted: overriding that one in Python slowed every start."""

    def __init__(self):
        super().__init__(QStyleFactory.create("Fusion"))

    def standardIcon(self, standard_icon, option=None, widget=None):  # noqa: N802
        name = MESSAGE_ICONS.get(standard_icon)
        if name is not None:
            from ui import icons

            return icons.icon(name, accent=True)
        if standard_icon in DIALOG_BUTTON_ICONS:
            return QIcon()
        return super().standardIcon(standard_icon, option, widget)
