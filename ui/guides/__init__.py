"""The Guides tab (ui.guides.tab), its widgets, dialogs and models.

Nothing is imported here, so the window can load one tab without the others."""
