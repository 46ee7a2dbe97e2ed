"""The Calendar tab (ui.calendar.tab), its widgets, dialogs and models.

Nothing is imported here, so the window can load one tab without the others."""
