"""Hearth core: data, services and rules, with no user-interface code."""

__version__ = "0.1.0"
APP_NAME = "Hearth"
APP_ID = "hearth"
