"""Ideas of the couple's own: stored beside the deck, validated field by field, changed and
removed, with the deck's ideas left alone."""

import pytest

from app.content.decks import load_ideas
from app.errors import NotFoundError, ValidationError
from app.migrations import current_version
from app.services import ideas as svc

GOOD = {"title": "Picnic on the balcony", "description": "Bread, cheese and the sunset.",
        "category": "at-home", "minutes": 90, "cost": 1}


def own_rows(db):
    return db.execute_sql("SELECT id, title, description, category, minutes, cost "
                          "FROM own_idea ORDER BY id").fetchall()


def test_the_new_table_comes_with_the_migration(app_context):
    assert "own_idea" in app_context.db.get_tables()
    assert current_version(app_context.db) >= 5


def test_list_is_the_deck_then_own_ideas_marked(app_context):
    deck = load_ideas()
    assert svc.list_ideas() == deck and not any(i.own for i in deck)
    added = svc.add_idea(**GOOD)
    listed = svc.list_ideas()
    assert listed[:len(deck)] == deck
    assert listed[-1] == added
    assert added.own and svc.is_own_id(added.id)
    assert (added.title, added.category, added.minutes, added.cost) == (
        "Picnic on the balcony", "at-home", 90, 1)
    assert added.category_label == "At home" and added.cost_label == "Low cost"


def test_non_ascii_text_comes_back_as_written(app_context):
    idea = svc.add_idea(**{**GOOD, "title": "Café 🌙 שלום", "description": "Ça va, 愛"})
    assert svc.get_idea(idea.id).title == "Café 🌙 שלום"
    assert svc.get_idea(idea.id).description == "Ça va, 愛"


def test_add_strips_text_and_stores_it(app_context):
    idea = svc.add_idea(**{**GOOD, "title": "  Stargazing  ", "description": " Blanket \n"})
    assert (idea.title, idea.description) == ("Stargazing", "Blanket")
    assert own_rows(app_context.db) == [(int(idea.id.removeprefix("own-")), "Stargazing",
                                         "Blanket", "at-home", 90, 1)]
    assert svc.get_idea(idea.id) == idea


@pytest.mark.parametrize(("field", "value"), [
    ("title", ""), ("title", "   "), ("title", "x" * 61), ("title", "Tea \ud800 time"),
    ("description", "y" * 281), ("description", "lone \udfff"),
    ("category", "other"), ("category", ""), ("category", "At home"),
    ("minutes", 4), ("minutes", 721), ("minutes", 0), ("minutes", True), ("minutes", 60.0),
    ("cost", -1), ("cost", 4), ("cost", None),
])
def test_every_rule_names_its_field_and_stores_nothing(app_context, field, value):
    with pytest.raises(ValidationError) as caught:
        svc.add_idea(**{**GOOD, field: value})
    assert caught.value.field == field
    assert caught.value.message
    assert own_rows(app_context.db) == []


@pytest.mark.parametrize(("field", "value"), [
    ("title", "x" * 60), ("description", "y" * 280), ("description", ""),
    ("minutes", 5), ("minutes", 720), ("cost", 0), ("cost", 3),
    ("category", "physical-closeness"),
])
def test_the_limits_themselves_are_allowed(app_context, field, value):
    assert getattr(svc.add_idea(**{**GOOD, field: value}), field) == value


def test_validate_reports_every_problem_at_once():
    errors = svc.validate_idea("", "z" * 300, "nope", 1, 9)
    assert [e.field for e in errors] == ["title", "description", "category", "minutes", "cost"]


def test_update_changes_only_that_idea(app_context):
    first = svc.add_idea(**GOOD)
    second = svc.add_idea(**{**GOOD, "title": "Board games"})
    changed = svc.update_idea(first.id, "Picnic in the park", "", "outdoors", 120, 0)
    assert changed.id == first.id and changed.own
    assert svc.list_own_ideas() == [changed, second]
    with pytest.raises(ValidationError) as caught:
        svc.update_idea(first.id, **{**GOOD, "minutes": 800})
    assert caught.value.field == "minutes"
    assert svc.get_idea(first.id) == changed


def test_delete_removes_it_and_returns_what_it_was(app_context):
    idea = svc.add_idea(**GOOD)
    assert svc.delete_idea(idea.id) == idea
    assert svc.list_own_ideas() == [] and own_rows(app_context.db) == []
    with pytest.raises(NotFoundError):
        svc.delete_idea(idea.id)
    with pytest.raises(NotFoundError):
        svc.update_idea(idea.id, **GOOD)


def test_deck_ideas_and_odd_ids_cannot_be_changed(app_context):
    deck_id = load_ideas()[0].id
    for bad in (deck_id, "own-", "own-x", "own-999"):
        with pytest.raises(NotFoundError):
            svc.delete_idea(bad)
        with pytest.raises(NotFoundError):
            svc.update_idea(bad, **GOOD)
    assert svc.list_ideas() == load_ideas()


def test_a_failed_write_leaves_nothing_half_done(app_context, monkeypatch):
    idea = svc.add_idea(**GOOD)

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(svc.OwnIdea, "save", broken)
    with pytest.raises(RuntimeError):
        svc.update_idea(idea.id, **{**GOOD, "title": "Changed"})
    assert svc.get_idea(idea.id).title == GOOD["title"]
