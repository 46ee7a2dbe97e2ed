"""Bundled writing: guides and the idea, conversation and journal-prompt decks."""

from app.errors import HearthError


class ContentError(HearthError):
    """A bundled content file is missing, unreadable or breaks its schema."""
