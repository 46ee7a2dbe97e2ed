"""Finding calendars on a real Radicale: the server, the account or a calendar are
accepted; an address naming anything else is refused, never replaced."""

from __future__ import annotations

import pytest

from app.sync import discovery, errors
from app.sync.transport import Transport
from tests.helpers.caldav_servers import USERS


@pytest.fixture
def transport(radicale, shared_url):
    made = Transport(radicale.url, "alice", USERS["alice"], auth_type="basic")
    yield made
    made.close()


def test_the_server_the_principal_and_the_calendar_itself_find_it(transport, radicale,
                                                                  shared_url):
    for address in (radicale.url, radicale.url + "alice/", shared_url):
        found = discovery.find_calendars(transport, address)
        assert [c.url for c in found] == [shared_url], address


@pytest.mark.parametrize("path", ["nope/nothere/", "alice/hearth-typo/"])
def test_an_address_naming_no_calendar_is_refused_with_the_ones_found(transport, radicale,
                                                                      shared_url, path):
    address = radicale.url + path
    with pytest.raises(errors.NoCalendar) as refused:
        discovery.find_calendars(transport, address)
    message = refused.value.message
    assert message.startswith(f"There is no calendar at {address}")
    assert '"Hearth"' in message and shared_url in message
