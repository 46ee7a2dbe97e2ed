"""The network misbehaving between Hearth and the server: refused connections, replies
lost after the server acted, request bodies cut short. Nothing is lost or doubled."""

from __future__ import annotations

import pytest

from app.sync import errors, status
from tests.helpers.caldav_servers import USERS
from tests.helpers.fault_proxy import FaultProxy
from tests.helpers.sync import Partner, plan, server_items


@pytest.fixture
def proxy(radicale):
    faulty = FaultProxy(radicale.port)
    yield faulty
    faulty.close()


@pytest.fixture
def carol(tmp_path, shared_url, proxy):
    """Alice's Hearth, talking to the server through the faulty proxy."""
    return Partner(tmp_path / "carol", proxy.url_for(shared_url), "alice", USERS["alice"])


def _one_copy_each(shared_url):
    found = server_items(shared_url, "alice", USERS["alice"])
    assert all(len(copies) == 1 for copies in found.values())
    return {uid: copies[0] for uid, copies in found.items()}


def test_refused_connections_keep_the_changes_waiting(carol, proxy, shared_url):
    carol.add(plan("Picnic"))
    carol.add(plan("Concert", day=7))
    proxy.refuse()
    with pytest.raises(errors.NoNetwork) as failure:
        carol.sync()
    assert "refused" in failure.value.message
    assert carol.call(status.current).waiting == 2
    line = carol.call(status.current).line(__import__("datetime").datetime.now(),
                                           offline=True)
    assert line == "Offline: 2 changes waiting"
    proxy.accept()
    assert carol.sync().sent == 2
    assert carol.call(status.current).waiting == 0
    assert len(_one_copy_each(shared_url)) == 2


def test_a_create_whose_reply_was_lost_is_not_made_twice(carol, bob, proxy, shared_url):
    uid = carol.add(plan("Picnic"))
    proxy.plan = ["pass", "swallow"]  # the listing passes; the PUT is done, its reply lost
    with pytest.raises(errors.NoNetwork):
        carol.sync()
    assert [m for m, _p, a in proxy.seen if a == "swallow"] == ["PUT"]
    carol.edit(uid, notes="Bring the blanket")
    carol.sync()
    items = _one_copy_each(shared_url)
    assert list(items) == [uid]
    assert items[uid]["notes"] == "Bring the blanket"
    bob.sync()
    assert [a.uid for a in bob.activities()] == [uid]


def test_an_update_and_a_delete_whose_replies_were_lost(carol, bob, proxy, shared_url):
    uid = carol.add(plan("Walk"))
    other = carol.add(plan("Swim", day=8))
    carol.sync()
    carol.edit(uid, title="Long walk")
    carol.delete(other)
    proxy.on("PUT", "swallow")
    with pytest.raises(errors.NoNetwork):
        carol.sync()
    proxy.on("DELETE", "swallow")
    with pytest.raises(errors.NoNetwork):
        carol.sync()
    assert proxy.rules == {"PUT": [], "DELETE": []}
    carol.sync()
    assert carol.sync().requests == 1
    items = _one_copy_each(shared_url)
    assert list(items) == [uid] and items[uid]["title"] == "Long walk"
    bob.sync()
    assert [a.title for a in bob.activities()] == ["Long walk"]
    assert carol.items() == items


def test_a_request_body_cut_short_stores_nothing_and_is_sent_again(carol, proxy,
                                                                   shared_url):
    uid = carol.add(plan("Dinner", notes="x" * 3000))
    proxy.plan = ["pass", "cut"]
    with pytest.raises(errors.NoNetwork):
        carol.sync()
    assert _one_copy_each(shared_url) == {}
    assert carol.sync().sent == 1
    assert _one_copy_each(shared_url)[uid]["notes"] == "x" * 3000
