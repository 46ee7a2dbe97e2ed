"""Calendar: several reminders per plan, each remembering when it was set; and when an
activity came in from a calendar file.

Needs only the calendar tables of m0003, so it runs the same before or after any step
written beside it.
"""


def up(migrator, db):
    # One row per reminder. original_start NULL: a reminder of the activity (every time
    # it happens); otherwise of the one changed occurrence with that key, whose reminders
    # replace the series' (as its other content does). set_at is when the reminder was
    # chosen: one whose time had already passed then fires at once, if the plan is ahead.
    db.execute_sql(
        "CREATE TABLE calendar_reminder ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " activity_id INTEGER NOT NULL REFERENCES calendar_activity (id) ON DELETE CASCADE,"
        " original_start DATETIME,"
        " minutes INTEGER NOT NULL CHECK (minutes >= 0),"
        " set_at DATETIME NOT NULL)"
    )
    db.execute_sql("CREATE UNIQUE INDEX calendar_reminder_of_activity ON calendar_reminder"
                   " (activity_id, minutes) WHERE original_start IS NULL")
    db.execute_sql("CREATE UNIQUE INDEX calendar_reminder_of_occurrence ON calendar_reminder"
                   " (activity_id, original_start, minutes) WHERE original_start IS NOT NULL")
    # The single reminder each row had is carried over, set when the row was last saved.
    db.execute_sql(
        "INSERT INTO calendar_reminder (activity_id, original_start, minutes, set_at)"
        " SELECT id, NULL, reminder_minutes, updated_at FROM calendar_activity"
        " WHERE reminder_minutes IS NOT NULL")
    db.execute_sql(
        "INSERT INTO calendar_reminder (activity_id, original_start, minutes, set_at)"
        " SELECT c.activity_id, c.original_start, c.reminder_minutes, a.updated_at"
        " FROM calendar_change AS c JOIN calendar_activity AS a ON a.id = c.activity_id"
        " WHERE c.overridden = 1 AND c.cancelled = 0 AND c.reminder_minutes IS NOT NULL")
    # The reminders have one home now; the old columns would only go stale.
    db.execute_sql("ALTER TABLE calendar_activity DROP COLUMN reminder_minutes")
    db.execute_sql("ALTER TABLE calendar_change DROP COLUMN reminder_minutes")
    # When an imported activity was first stored (NULL: planned in Hearth). Past times
    # of a series that ended before then were never Hearth's plans, so Hearth does not
    # ask how they went. Rows from before this step: an id Hearth did not make
    # ("…@hearth") came from a file, as far as anything can tell now.
    db.execute_sql("ALTER TABLE calendar_activity ADD COLUMN imported_at DATETIME")
    db.execute_sql("UPDATE calendar_activity SET imported_at = created_at"
                   " WHERE uid NOT LIKE '%@hearth'")
