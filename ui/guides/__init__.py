"""The Guides tab."""

from ui.guides.tab import GuidesTab

__all__ = ["GuidesTab"]
