"""The Journal tab."""

from ui.journal.tab import JournalTab

__all__ = ["JournalTab"]
