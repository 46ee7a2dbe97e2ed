"""Data safety: backups, restore, crashes, bad input, hostile files, upgrades."""
