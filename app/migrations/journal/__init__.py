"""Migration steps of a journal database (journals/<token>.db), oldest first."""

from app.migrations.journal import (
    m0001_initial,
    m0002_word_forms_draft_prompt,
    m0003_attachments,
)

STEPS = [
    m0001_initial,
    m0002_word_forms_draft_prompt,
    m0003_attachments,
]
