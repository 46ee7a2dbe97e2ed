"""Keeping data safe: backups, restore, integrity checks and storage-failure errors."""
