"""The names an item's keys and values use, shared by the mapping, the merge and the
conflicts list (kept apart so reading the sync's status loads no calendar-file code)."""

OCCURRENCE = "occ:"
CANCELLED = "cancelled"
