"""Whether a sync account is set up, asked in plain SQL: it must agree with the account's
own model, which owns the table."""

from __future__ import annotations

from app.sync import account
from app.sync.presence import account_set_up


def test_the_plain_question_agrees_with_the_account_store(app_context):
    assert not account_set_up()
    account.save(account.Account(server_url="https://cal.example/dav/", username="alice",
                                 calendar_url="https://cal.example/dav/alice/hearth/"))
    assert account_set_up()
    account.set_enabled(False)
    assert account_set_up()  # set up, though turned off
    account.forget()
    assert not account_set_up()


def test_a_database_without_the_table_counts_as_no_account(app_context):
    app_context.db.execute_sql("DROP TABLE sync_account")  # as a damaged file might be
    assert not account_set_up()
