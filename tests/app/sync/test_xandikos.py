"""The main sync scenarios again against Xandikos, so nothing rests on one server's quirks
(its sync tokens, ETags and hrefs differ from Radicale's)."""

from __future__ import annotations

import pytest

from tests.app.sync.test_engine import (  # noqa: F401 (collected here with these fixtures)
    test_a_plan_made_by_one_partner_reaches_the_other,
    test_a_refused_sync_token_falls_back_to_a_full_listing,
    test_a_sync_with_nothing_changed_is_one_request,
    test_an_edit_beats_a_delete_in_either_order,
    test_different_fields_merge_and_the_same_field_becomes_a_conflict,
    test_edits_and_deletes_travel_both_ways,
    test_exdate_from_hearth_and_from_the_phone,
    test_one_occurrence_changed_on_the_phone_while_the_series_changes_here,
    test_the_phone_adds_changes_and_deletes,
)
from tests.helpers.caldav_servers import Xandikos
from tests.helpers.sync import Partner, Phone


@pytest.fixture(scope="module")
def xandikos(tmp_path_factory):
    server = Xandikos(tmp_path_factory.mktemp("xandikos")).start()
    yield server
    server.stop()


@pytest.fixture
def shared_url(xandikos, request):
    from app.sync import discovery
    from app.sync.transport import Transport

    transport = Transport(xandikos.url, "alice", "x", auth_type="basic")
    made = discovery.make_calendar(transport, xandikos.url, f"Hearth {request.node.name}"[:60])
    transport.close()
    return made.url


@pytest.fixture
def alice(tmp_path, shared_url):
    return Partner(tmp_path / "alice", shared_url, "alice", "x")


@pytest.fixture
def bob(tmp_path, shared_url):
    return Partner(tmp_path / "bob", shared_url, "bob", "x")


@pytest.fixture
def phone(shared_url):
    return Phone(shared_url, "alice", "x")


