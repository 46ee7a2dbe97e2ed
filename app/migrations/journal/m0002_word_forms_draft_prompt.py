"""Search by word forms: rebuild the full-text index with English stemming ("walk" finds
"walking" and "walks"), accents and case still folded as before; and let a draft keep the
writing prompt it was started from, so a restored draft shows it again.

The index is rebuilt from the entries in batches so a journal of thousands of entries can
show how far it has come; the whole step is still one transaction, so a crash leaves the
old index and the step runs again on the next unlock.
"""

BATCH = 500

STATEMENTS = [
    "DROP TABLE entry_fts",
    # The same columns, content and prefix indexes as before; only the tokenizer changes:
    # porter stems each word unicode61 has cut and folded.
    "CREATE VIRTUAL TABLE entry_fts USING fts5("
    " title, body, tags_text,"
    " content='entry', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2',"
    " prefix='2 3')",
    "INSERT INTO entry_fts (entry_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0)')",
]
# The prompt's words as shown above the page (a guide's exercise has no prompt id).
DRAFT_PROMPT = "ALTER TABLE draft ADD COLUMN prompt TEXT NOT NULL DEFAULT ''"


def up(migrator, db, report):
    db.execute_sql(DRAFT_PROMPT)
    rebuild_index(db, report)


def rebuild_index(db, report):
    """Drop and refill the index with stemming, `report(done, total)` after each batch."""
    for statement in STATEMENTS:
        db.execute_sql(statement)
    total = db.execute_sql("SELECT count(*) FROM entry").fetchone()[0]
    done, last_id = 0, -1
    report(done, total)
    while done < total:
        batch = db.execute_sql(
            "SELECT count(*), max(id) FROM"
            " (SELECT id FROM entry WHERE id > ? ORDER BY id LIMIT ?)", (last_id, BATCH)
        ).fetchone()
        if not batch[0]:
            break
        db.execute_sql(
            "INSERT INTO entry_fts (rowid, title, body, tags_text)"
            " SELECT id, title, body, tags_text FROM entry WHERE id > ? AND id <= ?",
            (last_id, batch[1]),
        )
        done, last_id = done + batch[0], batch[1]
        report(done, total)
