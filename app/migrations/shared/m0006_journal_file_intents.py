"""Journal files about to be written: what lets Hearth tell a leftover of its own from a
journal file it must not touch."""


def up(migrator, db):
    # A row is written (and committed) before a new journal file is created, and removed in
    # the same transaction that lists the file in `journal`. A row whose process is gone
    # names an unfinished file, or the file a finished rewrite left behind.
    db.execute_sql(
        "CREATE TABLE journal_file_intent ("
        " id INTEGER PRIMARY KEY,"
        " file TEXT NOT NULL UNIQUE,"
        " journal_id INTEGER,"
        " replaces TEXT,"
        " pid INTEGER NOT NULL,"
        " created_at TEXT NOT NULL)"
    )
