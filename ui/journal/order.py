"""The order the chooser and Manage journals show the journals in (kept in the settings as
`JOURNAL_ORDER`), apart from the Manage journals dialog so that a start need not load it."""

from __future__ import annotations


def ordered(journals, order_text: str):
    """`journals` in the saved order; journals the order does not name come last, by name."""
    ids = [int(part) for part in order_text.split(",") if part.strip().isdigit()]
    place = {journal_id: n for n, journal_id in enumerate(ids)}
    return sorted(journals, key=lambda info: (place.get(info.id, len(place)), info.name.lower()))
