"""Migration steps of the shared database (hearth.db), oldest first."""

from app.migrations.shared import (
    m0001_initial,
    m0002_guides,
    m0003_calendar,
    m0004_journals,
    m0005_own_ideas,
    m0006_journal_file_intents,
    m0007_sync,
    m0008_reminders,
    m0009_sync_server_text,
)

STEPS = [
    m0001_initial,
    m0002_guides,
    m0003_calendar,
    m0004_journals,
    m0005_own_ideas,
    m0006_journal_file_intents,
    m0007_sync,
    m0008_reminders,
    m0009_sync_server_text,
]
