"""Migration steps of the shared database (hearth.db), oldest first."""

from app.migrations.shared import m0001_initial

STEPS = [
    m0001_initial,
]
