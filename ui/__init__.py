"""Hearth's Qt front end: the main window, the three tabs, dialogs and item models."""
