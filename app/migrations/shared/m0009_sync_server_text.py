"""Calendar sync: each item keeps the text of its resource as the server last had it.

`sync_item.server_text` is the resource last read from the server or written to it (NULL
when not known yet, "" when it was too large to keep). A write starts from it, so what
another calendar app put in the resource and Hearth does not show stays there. Rows from
before this step have none: the engine reads the server's copy once before their first
write.

Needs only the sync tables of m0007, so it runs the same before or after any step written
beside it.
"""


def up(migrator, db):
    db.execute_sql("ALTER TABLE sync_item ADD COLUMN server_text TEXT")
