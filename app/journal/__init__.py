"""The private journal's core: registry, sessions on one journal file, search and export.

The public face is `app.services.journal`; the modules here hold its parts.
"""
