"""Calendar internals: recurrence rules and .ics import/export."""
