"""Hearth's widget style: Fusion with Hearth's own icons in message boxes and none on dialog
buttons.

Left alone, a desktop's icon theme puts a floppy disk on Save, a red cross on Cancel and a
green tick on OK, and message boxes show the theme's stock warning and question marks, none
of which match the Phosphor set the rest of the window uses (ui/icons.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

# The message box's standard icon -> Hearth's icon name.
MESSAGE_ICONS = {
    QStyle.StandardPixmap.SP_MessageBoxInformation: "info",
    QStyle.StandardPixmap.SP_MessageBoxWarning: "warning",
    QStyle.StandardPixmap.SP_MessageBoxCritical: "error",
    QStyle.StandardPixmap.SP_MessageBoxQuestion: "question",
}


class HearthStyle(QProxyStyle):
    """Fusion, with the two changes above."""

    def __init__(self):
        super().__init__(QStyleFactory.create("Fusion"))

    def styleHint(self, hint, option=None, widget=None, return_data=None):  # noqa: N802
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, return_data)

    def standardIcon(self, standard_icon, option=None, widget=None):  # noqa: N802
        name = MESSAGE_ICONS.get(standard_icon)
        if name is not None:
            from ui import icons

            return icons.icon(name, accent=True)
        return super().standardIcon(standard_icon, option, widget)
