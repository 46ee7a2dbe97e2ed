"""Calendar sync state: the account, each synced calendar's token, each item's server copy.

`sync_item.base` is the item as it was last agreed with the server (the base of a
three-way merge), `etag` the server's version of it; a row whose activity is gone locally
is a delete still to be sent (`tombstone`). A calendar's `sync_token` is written in the
same transaction as the changes it covers, so a crash never skips a server change.
"""


def up(migrator, db):
    db.execute_sql(
        "CREATE TABLE sync_account ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " server_url TEXT NOT NULL,"
        " username TEXT NOT NULL,"
        " calendar_url TEXT NOT NULL,"
        " calendar_name TEXT NOT NULL DEFAULT '',"
        " auth_type TEXT,"
        " share_reminders INTEGER NOT NULL DEFAULT 1,"
        " enabled INTEGER NOT NULL DEFAULT 1,"
        " created_at TEXT NOT NULL)"
    )
    db.execute_sql(
        "CREATE TABLE sync_calendar ("
        " id INTEGER PRIMARY KEY,"
        " url TEXT NOT NULL UNIQUE,"
        " sync_token TEXT,"
        " last_sync_at TEXT,"
        " last_result TEXT NOT NULL DEFAULT '',"
        " last_error TEXT NOT NULL DEFAULT '')"
    )
    db.execute_sql(
        "CREATE TABLE sync_item ("
        " id INTEGER PRIMARY KEY,"
        " calendar_id INTEGER NOT NULL REFERENCES sync_calendar (id) ON DELETE CASCADE,"
        " uid TEXT NOT NULL,"
        " href TEXT NOT NULL,"
        " etag TEXT,"
        " base TEXT,"
        " synced_sequence INTEGER NOT NULL DEFAULT -1,"
        " dirty INTEGER NOT NULL DEFAULT 0,"
        " tombstone INTEGER NOT NULL DEFAULT 0,"
        " skipped TEXT NOT NULL DEFAULT '',"
        " UNIQUE (calendar_id, uid),"
        " UNIQUE (calendar_id, href))"
    )
    db.execute_sql(
        "CREATE TABLE sync_conflict ("
        " id INTEGER PRIMARY KEY,"
        " calendar_id INTEGER NOT NULL REFERENCES sync_calendar (id) ON DELETE CASCADE,"
        " uid TEXT NOT NULL,"
        " title TEXT NOT NULL,"
        " field TEXT NOT NULL,"
        " local_value TEXT,"
        " server_value TEXT,"
        " created_at TEXT NOT NULL,"
        " UNIQUE (calendar_id, uid, field))"
    )
