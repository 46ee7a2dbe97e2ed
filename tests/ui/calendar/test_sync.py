"""Calendar sync in the tab: the status line, Sync now (F5) on a worker thread against a
real Radicale, the setup dialog answering in words, and the conflicts list."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QKeySequence

from app.services import calendar as cal
from app.sync import account, conflicts, secret
from tests.app.sync.conftest import _no_secret_store, radicale, shared_url  # noqa: F401
from tests.helpers.caldav_servers import USERS
from tests.helpers.sync import Phone, plan


@pytest.fixture
def set_up(app_context, shared_url):  # noqa: F811
    saved = account.save(account.Account(server_url=shared_url, username="alice",
                                          calendar_url=shared_url, calendar_name="Hearth",
                                          auth_type="basic"))
    secret.remember(saved.secret_key, USERS["alice"])
    return saved


def test_without_an_account_there_is_no_sync_line_and_no_sync(make_tab):
    tab = make_tab()
    assert tab.sync.bar.isHidden()
    assert tab.sync.runner.sync_now() is False
    assert tab.sync.sync_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)


def test_sync_now_runs_in_the_background_and_says_how_it_went(make_tab, set_up, qtbot,
                                                                 tmp_path, shared_url):  # noqa: F811
    Phone(shared_url, "bob", USERS["bob"]).add("Pottery class", dt.datetime(2026, 3, 20, 19))
    tab = make_tab()
    tab.sync.runner.stop()  # no timer of its own in this test: only the button
    tab.sync.runner._stopped = False
    assert not tab.sync.bar.isHidden()
    assert tab.sync.bar.text_label.text() == "Not synced yet"
    with qtbot.waitSignal(tab.sync.runner.synced, timeout=30000) as done:
        tab.sync.bar.sync_button.click()
        assert tab.sync.bar.text_label.text() == "Syncing…"
    assert done.args[0].text == "sent 0, received 1, deleted 0, conflicts 0"
    assert [a.title for a in cal.list_activities()] == ["Pottery class"]
    assert tab.sync.bar.text_label.text() == "Synced just now"


def test_a_local_change_syncs_a_few_seconds_later(make_tab, set_up, qtbot):
    tab = make_tab()
    tab.sync.runner.after_change.setInterval(10)
    with qtbot.waitSignal(tab.sync.runner.synced, timeout=30000):
        cal.create_activity(plan("Swim"))
        tab.sync.local_change()
    assert tab.sync.runner.last.text.startswith("sent 1")


def test_an_unreachable_server_is_offline_with_the_changes_waiting(make_tab, app_context,
                                                                   qtbot, radicale):  # noqa: F811
    url = radicale.calendar_url()
    saved = account.save(account.Account(server_url=url, username="alice", calendar_url=url,
                                          auth_type="basic"))
    secret.remember(saved.secret_key, USERS["alice"])
    cal.create_activity(plan("Swim"))
    radicale.stop()
    tab = make_tab()
    with qtbot.waitSignal(tab.sync.runner.synced, timeout=30000):
        tab.sync.runner.sync_now()
    assert tab.sync.bar.text_label.text() == "Offline: 1 change waiting"


def test_the_setup_dialog_answers_in_words(make_tab, qtbot, radicale):  # noqa: F811
    tab = make_tab()
    dialog = tab.sync.open_setup()
    dialog.address_edit.setText(radicale.url)
    dialog.user_edit.setText("alice")
    dialog.password_edit.setText("wrong")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=30000)
    assert "did not accept the user name and password" in dialog.result_label.text()
    dialog.password_edit.setText(USERS["alice"])
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=30000)
    assert dialog.result_label.text().startswith("Connected.")
    assert dialog.calendar_box.currentData() == "create"
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        dialog.save_button.click()
    current = account.load()
    assert current.calendar_name == "Hearth" and current.username == "alice"
    assert secret.get(current.secret_key) == USERS["alice"]


def test_the_couple_picks_in_the_conflicts_list(make_tab, set_up, tmp_path, qtbot,
                                                shared_url):  # noqa: F811
    from app.sync import engine

    uid = cal.create_activity(plan("Dinner", location="Home")).uid
    engine.run(tmp_path / "data", USERS["alice"])
    Phone(shared_url, "bob", USERS["bob"]).set(uid, "LOCATION", "The Ivy")
    activity = next(a for a in cal.list_activities() if a.uid == uid)
    cal.update_activity(activity.id, plan("Dinner", location="Luigi's"))
    engine.run(tmp_path / "data", USERS["alice"])
    tab = make_tab()
    tab.sync.bar.refresh()
    assert tab.sync.bar.conflicts_button.isVisibleTo(tab)
    dialog = tab.sync.open_conflicts()
    assert len(dialog.rows) == 1
    keep_mine = [b for b in dialog.rows[0].findChildren(type(tab.sync.bar.sync_button))
                 if b.text() == "Keep mine"][0]
    with qtbot.waitSignal(dialog.picked):
        keep_mine.click()
    assert conflicts.open_conflicts() == []
    assert next(a for a in cal.list_activities() if a.uid == uid).location == "Luigi's"


def test_without_a_secret_store_the_password_is_asked_for_once(make_tab, set_up, qtbot,
                                                               monkeypatch):
    from ui.calendar import sync_actions

    asked = []

    def typed(*args, **kwargs):
        asked.append(args[1])
        return USERS["alice"], True

    monkeypatch.setattr(sync_actions.QInputDialog, "getText", typed)
    secret.forget(set_up.secret_key)
    tab = make_tab()
    with qtbot.waitSignal(tab.sync.runner.synced, timeout=30000) as done:
        tab.sync.runner.sync_now()
    assert asked == ["App password"]
    assert done.args[0].problem == ""
    assert secret.get(set_up.secret_key) == USERS["alice"]


def test_a_server_emptied_by_the_phone_asks_in_the_tab_before_deleting(
        make_tab, set_up, qtbot, shared_url):  # noqa: F811
    uids = [cal.create_activity(plan(f"Plan {n}", day=n + 1)).uid for n in range(2)]
    tab = make_tab()
    tab.sync.runner.stop()
    tab.sync.runner._stopped = False
    with qtbot.waitSignal(tab.sync.runner.synced, timeout=30000):
        tab.sync.runner.sync_now()
    phone = Phone(shared_url, "alice", USERS["alice"])
    for uid in uids:
        phone.delete(uid)
    with qtbot.waitSignal(tab.sync.runner.synced, timeout=30000) as done:
        tab.sync.runner.sync_now()
    assert done.args[0].guard == 2
    assert "suddenly empty" in tab.sync.bar.text_label.text()
    assert tab.sync.bar.confirm_button.isVisibleTo(tab)
    assert len(cal.list_activities()) == 2


def test_without_an_account_the_sync_is_not_loaded_until_one_appears(make_tab):
    tab = make_tab()
    tab.sync.local_change()  # nothing to sync with: nothing is built for it
    assert tab.sync._controls is None
    url = "https://calendar.example/alice/hearth/"
    account.save(account.Account(server_url=url, username="alice", calendar_url=url,
                                 calendar_name="Hearth"))
    tab.sync._on_look_timeout()  # the sync line's half-minute look finds it
    assert tab.sync._controls is not None
    assert not tab.sync.bar.isHidden()
    assert tab.sync.bar.text_label.text() == "Not synced yet"
    assert tab.layout().itemAt(0).widget() is tab.sync.bar
