"""The Calendar tab."""

from ui.calendar.tab import CalendarTab

__all__ = ["CalendarTab"]
