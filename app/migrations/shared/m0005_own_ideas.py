"""Ideas of the couple's own, kept beside the built-in ideas deck."""


def up(migrator, db):
    db.execute_sql(
        "CREATE TABLE own_idea ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " title TEXT NOT NULL,"
        " description TEXT NOT NULL DEFAULT '',"
        " category TEXT NOT NULL,"
        " minutes INTEGER NOT NULL,"
        " cost INTEGER NOT NULL DEFAULT 0,"
        " created_at DATETIME NOT NULL,"
        " updated_at DATETIME NOT NULL)"
    )
