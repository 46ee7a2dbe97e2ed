"""Messages read as plain English: the import outcome and the draft banner."""

from __future__ import annotations

import datetime as dt

from app.services.calendar import ImportSummary
from app.services.journal import Draft
from ui.calendar.ics_tasks import _describe_import, import_heading
from ui.journal.drafts import describe


def test_the_import_heading_says_what_was_added_and_what_updated():
    assert import_heading(0, 1) == "1 plan updated."
    assert import_heading(2, 0) == "2 plans added."
    assert import_heading(2, 1) == "2 plans added and 1 updated."
    assert import_heading(0, 0) == "Nothing new in that file."


def test_the_import_text_is_sentences_not_a_tally():
    heading, text, details = _describe_import(ImportSummary(
        added=0, updated=1, unchanged=3, skipped=('"Picnic": it has no start date',)))
    assert heading == "1 plan updated."
    assert text == ('3 plans were already up to date. One event was skipped: "Picnic": it '
                    'has no start date.')
    assert details == 'Skipped "Picnic": it has no start date'
    _heading, text, _details = _describe_import(ImportSummary(added=1, updated=0,
                                                              unchanged=0))
    assert text == "Every event in the file is now in your calendar."


def test_the_draft_banner_names_the_entry_and_when_it_was_kept(tmp_path):
    from app.services.journal import EntryInput

    data = EntryInput(date=dt.date(2026, 12, 1), title="Our walk by the canal", body="x")
    new = Draft(key="new", entry_id=None, data=data,
                saved_at=dt.datetime(2026, 12, 1, 21, 0))
    assert describe(new, dt.date(2026, 12, 1)) == \
        "A new entry, “Our walk by the canal”, was not saved. The draft is from today at 21:00."
    changed = Draft(key="entry-4", entry_id=4, data=data,
                    saved_at=dt.datetime(2026, 11, 28, 9, 30))
    assert describe(changed, dt.date(2026, 12, 1)) == (
        "Your changes to “Our walk by the canal” were not saved. The draft is from "
        "Saturday 28 November at 09:30.")
