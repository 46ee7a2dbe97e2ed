"""The first shared schema: a key/value table describing the installation."""


def up(migrator, db):
    db.execute_sql(
        "CREATE TABLE app_meta ("
        " key TEXT PRIMARY KEY NOT NULL,"
        " value TEXT NOT NULL)"
    )
