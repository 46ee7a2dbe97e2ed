"""Calendar: activities (one-offs and recurring series) and per-occurrence changes."""


def up(migrator, db):
    # Times are naive wall-clock in the row's zone. first_day/last_day bound the days the
    # activity can touch (last_day NULL: the series never ends) so range queries read only
    # rows that can matter.
    db.execute_sql(
        "CREATE TABLE calendar_activity ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " uid TEXT NOT NULL UNIQUE,"
        " title TEXT NOT NULL,"
        " start DATETIME NOT NULL,"
        " all_day INTEGER NOT NULL DEFAULT 0,"
        " duration_minutes INTEGER NOT NULL,"
        " timezone TEXT NOT NULL,"
        " location TEXT NOT NULL DEFAULT '',"
        " category TEXT NOT NULL DEFAULT 'other',"
        " notes TEXT NOT NULL DEFAULT '',"
        " reminder_minutes INTEGER,"
        " rrule TEXT,"
        " status TEXT NOT NULL DEFAULT 'planned',"
        " rating INTEGER,"
        " reflection TEXT NOT NULL DEFAULT '',"
        " first_day DATE NOT NULL,"
        " last_day DATE,"
        " sequence INTEGER NOT NULL DEFAULT 0,"
        " created_at DATETIME NOT NULL,"
        " updated_at DATETIME NOT NULL)"
    )
    db.execute_sql("CREATE INDEX calendar_activity_first_day ON calendar_activity (first_day)")
    db.execute_sql("CREATE INDEX calendar_activity_last_day ON calendar_activity (last_day)")
    # One row per changed occurrence of a series, keyed by the start the rule generated.
    # cancelled: deleted (EXDATE). overridden: the content columns replace the series'
    # (RECURRENCE-ID); otherwise only the outcome columns (status, rating, reflection) count.
    db.execute_sql(
        "CREATE TABLE calendar_change ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " activity_id INTEGER NOT NULL REFERENCES calendar_activity (id) ON DELETE CASCADE,"
        " original_start DATETIME NOT NULL,"
        " cancelled INTEGER NOT NULL DEFAULT 0,"
        " overridden INTEGER NOT NULL DEFAULT 0,"
        " title TEXT,"
        " start DATETIME,"
        " all_day INTEGER,"
        " duration_minutes INTEGER,"
        " location TEXT,"
        " category TEXT,"
        " notes TEXT,"
        " reminder_minutes INTEGER,"
        " status TEXT NOT NULL DEFAULT 'planned',"
        " rating INTEGER,"
        " reflection TEXT NOT NULL DEFAULT '',"
        " first_day DATE NOT NULL,"
        " last_day DATE NOT NULL,"
        " UNIQUE (activity_id, original_start))"
    )
    db.execute_sql("CREATE INDEX calendar_change_days ON calendar_change (first_day, last_day)")
