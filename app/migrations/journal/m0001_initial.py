"""A journal's first schema: entries, tags, drafts and the full-text index over entries."""

STATEMENTS = [
    # Dates are ISO text so they sort and compare as dates; times are local ISO text.
    # `tags_text` repeats the entry's tag names (one per line) only for the full-text index.
    "CREATE TABLE entry ("
    " id INTEGER PRIMARY KEY,"
    " date TEXT NOT NULL,"
    " title TEXT NOT NULL DEFAULT '',"
    " body TEXT NOT NULL DEFAULT '',"
    " mood INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),"
    " activity_uid TEXT,"
    " guide_id TEXT,"
    " prompt_id TEXT,"
    " tags_text TEXT NOT NULL DEFAULT '',"
    " word_count INTEGER NOT NULL DEFAULT 0,"
    " created_at TEXT NOT NULL,"
    " updated_at TEXT NOT NULL)",
    "CREATE INDEX entry_date_id ON entry (date DESC, id DESC)",
    "CREATE INDEX entry_mood ON entry (mood)",
    "CREATE TABLE tag ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE COLLATE NOCASE)",
    "CREATE TABLE entry_tag ("
    " entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,"
    " tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (entry_id, tag_id)) WITHOUT ROWID",
    "CREATE INDEX entry_tag_tag ON entry_tag (tag_id, entry_id)",
    # Unsaved editor text, one row per editor key; `tags` is a JSON list.
    "CREATE TABLE draft ("
    " key TEXT PRIMARY KEY NOT NULL,"
    " entry_id INTEGER,"
    " date TEXT NOT NULL,"
    " title TEXT NOT NULL DEFAULT '',"
    " body TEXT NOT NULL DEFAULT '',"
    " mood INTEGER,"
    " tags TEXT NOT NULL DEFAULT '[]',"
    " activity_uid TEXT,"
    " guide_id TEXT,"
    " prompt_id TEXT,"
    " saved_at TEXT NOT NULL)",
    # External-content FTS5 over entry: the text is stored once (in entry), the index in the
    # same (encrypted) file. Prefix indexes make "wor*" queries as fast as whole words.
    "CREATE VIRTUAL TABLE entry_fts USING fts5("
    " title, body, tags_text,"
    " content='entry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2',"
    " prefix='2 3')",
    # Title words weigh most, then tags, then the body.
    "INSERT INTO entry_fts (entry_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0)')",
    "CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN"
    " INSERT INTO entry_fts (rowid, title, body, tags_text)"
    " VALUES (new.id, new.title, new.body, new.tags_text);"
    " END",
    "CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN"
    " INSERT INTO entry_fts (entry_fts, rowid, title, body, tags_text)"
    " VALUES ('delete', old.id, old.title, old.body, old.tags_text);"
    " END",
    "CREATE TRIGGER entry_fts_update AFTER UPDATE OF title, body, tags_text ON entry BEGIN"
    " INSERT INTO entry_fts (entry_fts, rowid, title, body, tags_text)"
    " VALUES ('delete', old.id, old.title, old.body, old.tags_text);"
    " INSERT INTO entry_fts (rowid, title, body, tags_text)"
    " VALUES (new.id, new.title, new.body, new.tags_text);"
    " END",
]


def up(migrator, db):
    for statement in STATEMENTS:
        db.execute_sql(statement)
