"""The shared database proxy and the base model every shared-database model extends."""

import peewee

# Initialised by `app.context.open_app()` (or a test fixture) with an open database.
shared_db = peewee.DatabaseProxy()


class SharedModel(peewee.Model):
    class Meta:
        database = shared_db
        legacy_table_names = False
