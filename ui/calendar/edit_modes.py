"""The words the calendar's dialogs and tab share about a change: what the activity dialog
edits (a new plan, a whole series, or one time of it) and what a change to a repeating plan
applies to. Kept apart so the tab can use them without loading the dialogs."""

MODE_NEW, MODE_SERIES, MODE_OCCURRENCE = "new", "series", "occurrence"
ONE, SERIES = "one", "series"
