"""Pictures and files kept inside the journal, and where imported entries came from.

`attachment` holds what the entry list and the editor need to know about a file (small
rows, read freely); `attachment_data` holds the bytes (the original and, for pictures, a
display copy at most 1,600 px across), read only when a picture is shown or a file opened,
so a journal of many photos lists its entries as fast as one without. Both live in the
journal file, so a protected journal encrypts them with everything else, and its backups
carry them. An attachment not yet claimed by a saved entry has no `entry_id`.

`entry_source` remembers which entry an import made from which entry of another journal
app, so importing the same export again adds nothing and a changed one is noticed.

This step touches no table or index an earlier step made, so it applies the same whether
or not a step numbered before it ran first.
"""

STATEMENTS = [
    "CREATE TABLE attachment ("
    " id INTEGER PRIMARY KEY,"
    " entry_id INTEGER REFERENCES entry (id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL CHECK (kind IN ('picture', 'file')),"
    " name TEXT NOT NULL,"
    " mime TEXT NOT NULL DEFAULT 'application/octet-stream',"
    " size INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " width INTEGER,"
    " height INTEGER,"
    " captured_at TEXT,"
    " location_removed INTEGER NOT NULL DEFAULT 0,"
    " created_at TEXT NOT NULL)",
    "CREATE INDEX attachment_entry ON attachment (entry_id, id)",
    "CREATE TABLE attachment_data ("
    " attachment_id INTEGER PRIMARY KEY REFERENCES attachment (id) ON DELETE CASCADE,"
    " original BLOB NOT NULL,"
    " display BLOB)",
    "CREATE TABLE entry_source ("
    " source TEXT NOT NULL,"
    " source_key TEXT NOT NULL,"
    " entry_id INTEGER NOT NULL,"
    " moment TEXT NOT NULL DEFAULT '',"
    " source_hash TEXT NOT NULL,"
    " entry_hash TEXT NOT NULL,"
    " imported_at TEXT NOT NULL,"
    " PRIMARY KEY (source, source_key)) WITHOUT ROWID",
    "CREATE INDEX entry_source_entry ON entry_source (entry_id)",
    "CREATE INDEX entry_source_moment ON entry_source (source, moment)",
]


def up(migrator, db):
    for statement in STATEMENTS:
        db.execute_sql(statement)
