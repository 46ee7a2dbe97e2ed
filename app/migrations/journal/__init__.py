"""Migration steps of a journal database (journals/<token>.db), oldest first."""

from app.migrations.journal import m0001_initial

STEPS = [
    m0001_initial,
]
