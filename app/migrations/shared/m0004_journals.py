"""The registry of journals; each journal's entries live in its own database file."""


def up(migrator, db):
    # AUTOINCREMENT so a deleted journal's id is never handed to a new one.
    db.execute_sql(
        "CREATE TABLE journal ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " name TEXT NOT NULL,"
        " file TEXT NOT NULL UNIQUE,"
        " protected INTEGER NOT NULL DEFAULT 0,"
        " created_at TEXT NOT NULL)"
    )
    db.execute_sql("CREATE UNIQUE INDEX journal_name ON journal (name COLLATE NOCASE)")
