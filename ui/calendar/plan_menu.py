"""A plan's menu in the Calendar tab (a right-click in the month or a list): change it, say
how it went, send it as a calendar file, open its journal entry, delete it. Built on the
first right-click, so a window opening on the calendar loads none of it."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from ui import icons
from ui.calendar import journal_links

if TYPE_CHECKING:
    from app.services import calendar as cal
    from ui.calendar.tab import CalendarTab


def plan_menu(tab: CalendarTab, key, occ: cal.Occurrence, *, past: bool) -> QMenu:
    """The menu of the plan with `key` (its occurrence `occ`); a `past` one can be told
    how it went."""
    menu = QMenu(tab)
    menu.addAction(icons.icon("edit"), "Change…", functools.partial(tab.edit, key))
    if past:
        menu.addAction(icons.icon("heart"), "How did it go…", functools.partial(tab.review, key))
    menu.addAction(icons.icon("export"), "Send as a calendar file (.ics)…",
                   functools.partial(tab.files.export_plan, occ))
    journal_links.add_menu_action(menu, tab.navigator, occ)
    menu.addSeparator()
    menu.addAction(icons.icon("delete"), "Delete", functools.partial(tab.delete, key))
    return menu
