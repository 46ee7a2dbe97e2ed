"""The window's three tabs, in order: what the window knows of each before its module is
imported (each loads only when the tab is first built)."""

from __future__ import annotations

from ui.tab_pages import TabSpec


def _guides_tab() -> type:
    from ui.guides.tab import GuidesTab

    return GuidesTab


def _calendar_tab() -> type:
    from ui.calendar.tab import CalendarTab

    return CalendarTab


def _journal_tab() -> type:
    from ui.journal.tab import JournalTab

    return JournalTab


TAB_SPECS = (
    TabSpec("guides", "Guides", "Read about emotional intimacy and try one small thing",
            _guides_tab),
    TabSpec("calendar", "Calendar", "Plan quality time and date nights", _calendar_tab,
            own_menu="&Calendar"),
    TabSpec("journal", "Journal", "Your private journal", _journal_tab, own_menu="&Journal"),
)
TAB_ORDER = tuple(spec.name for spec in TAB_SPECS)
