"""Guides: reading progress per guide, favourite questions, and drawn conversation cards."""


def up(migrator, db):
    db.execute_sql(
        "CREATE TABLE guide_progress ("
        " guide_id TEXT PRIMARY KEY NOT NULL,"
        " opened_at DATETIME,"
        " last_opened_at DATETIME,"
        " finished_at DATETIME,"
        " favourite INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute_sql(
        "CREATE TABLE favourite_question ("
        " question_id TEXT PRIMARY KEY NOT NULL,"
        " created_at DATETIME NOT NULL)"
    )
    db.execute_sql(
        "CREATE TABLE card_draw ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " question_id TEXT NOT NULL,"
        " drawn_at DATETIME NOT NULL)"
    )
