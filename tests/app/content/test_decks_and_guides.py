"""Every bundled content file is well formed: guides, conversation, ideas and prompts."""

from __future__ import annotations

import datetime
import re
import tomllib

import pytest

from app.content import ContentError
from app.content.categories import IDEA_CATEGORIES, QUESTION_CATEGORIES, category_label
from app.content.decks import (
    deck_path,
    load_ideas,
    load_journal_prompts,
    load_questions,
    parse_ideas,
    parse_questions,
)
from app.content.guides import (
    PLAN,
    REFLECT,
    guides_dir,
    load_guides,
    parse_guide,
    parse_guide_text,
    parse_guides,
)

# The first release's guides; each must exist with exactly this id.
REQUIRED_GUIDE_IDS = [
    "what-is-emotional-intimacy",
    "trust-and-vulnerability",
    "communication-that-connects",
    "empathy-and-understanding",
    "emotional-attunement",
    "nurturing-connection-day-to-day",
    "physical-and-emotional-intimacy",
    "when-to-seek-support",
]
IDEA_CATEGORY_IDS = {cat_id for cat_id, _ in IDEA_CATEGORIES}
GUIDE_FILES = sorted(guides_dir().glob("*.md"))


# ----- guides ---------------------------------------------------------------------------


def test_at_least_eight_guides_including_the_required_ones():
    guides = load_guides()
    assert len(guides) >= 8
    assert set(REQUIRED_GUIDE_IDS) <= {guide.id for guide in guides}


def test_guide_ids_and_orders_are_unique():
    guides = load_guides()
    assert len({g.id for g in guides}) == len(guides)
    assert len({g.order for g in guides}) == len(guides)


@pytest.mark.parametrize("path", GUIDE_FILES, ids=[p.stem for p in GUIDE_FILES])
def test_each_guide_has_the_required_shape(path):
    guide = parse_guide(path)
    assert guide.id == path.stem, "the file name must be the guide's id"
    assert guide.title.strip() and guide.summary.strip()
    assert 1 <= guide.minutes <= 30
    assert guide.tags and all(tag.strip() for tag in guide.tags)
    assert len(guide.opening.split()) >= 30, "the opening should say why this matters"
    assert 2 <= len(guide.sections) <= 5
    for section in guide.sections:
        assert section.title.strip() and len(section.markdown.split()) >= 20
    assert 1 <= len(guide.exercises) <= 3
    for exercise in guide.exercises:
        assert exercise.kind in (PLAN, REFLECT)
        assert exercise.title.strip() and len(exercise.text.split()) >= 8
        if exercise.kind == PLAN:
            assert exercise.category in IDEA_CATEGORY_IDS
            assert 5 <= exercise.minutes <= 600
        else:
            assert exercise.minutes is None and exercise.category is None
    assert 3 <= len(guide.questions) <= 6
    assert all(question.endswith("?") for question in guide.questions)


def test_every_guide_offers_something_to_plan_and_something_to_reflect_on():
    for guide in load_guides():
        kinds = {exercise.kind for exercise in guide.exercises}
        assert kinds == {PLAN, REFLECT}, guide.id


CONTENT_FILES = GUIDE_FILES + sorted(deck_path("ideas").parent.glob("*.toml"))


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.name for p in CONTENT_FILES])
def test_no_content_carries_advertising_or_web_spam(path):
    text = path.read_text(encoding="utf-8").lower()
    for banned in ("http://", "https://", "www.", "click here", "buy now", "sponsored",
                   "escort", "call girl", "hookup"):
        assert banned not in text, f"{path.name} contains {banned!r}"


GOOD_GUIDE = """+++
id = "sample-guide"
title = "A sample"
summary = "Short."
minutes = 3
order = 1
tags = ["one"]
+++

An opening paragraph.

## Why

Because.

## Try this

### Walk
*Plan it · 30 min · outdoors*

Go for a walk.

### Write
*Reflect*

Write something.

## Talk about it

- What now?
"""


def test_a_well_formed_guide_parses_into_exercises_with_category_ids():
    guide = parse_guide_text(GOOD_GUIDE, name="sample.md")
    walk, write = guide.exercises
    assert (walk.kind, walk.minutes, walk.category, walk.text) == (PLAN, 30, "outdoors",
                                                                   "Go for a walk.")
    assert (write.kind, write.title, write.text) == (REFLECT, "Write", "Write something.")
    assert guide.questions == ("What now?",)
    assert [s.title for s in guide.sections] == ["Why"]


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD_GUIDE.replace("+++\nid", "id", 1), "metadata header"),
        (GOOD_GUIDE.replace('title = "A sample"\n', ""), "'title'"),
        (GOOD_GUIDE.replace("minutes = 3", 'minutes = "three"'), "'minutes'"),
        (GOOD_GUIDE.replace('tags = ["one"]', "tags = []"), "'tags'"),
        (GOOD_GUIDE.replace("## Talk about it", "## Talk"), "Talk about it"),
        (GOOD_GUIDE.replace("*Plan it · 30 min · outdoors*", "*Plan it · 30 min · space*"),
         "unknown category"),
        (GOOD_GUIDE.replace("*Reflect*\n", ""), "must start with"),
        (GOOD_GUIDE.replace("- What now?", "What now?"), "list of"),
        (GOOD_GUIDE.replace("## Why\n\nBecause.\n\n", ""), "explaining"),
        (GOOD_GUIDE.replace('id = "sample-guide"', 'id = "Sample Guide"'), "lower-case"),
    ],
)
def test_malformed_guides_are_rejected_naming_the_file(broken, message):
    with pytest.raises(ContentError) as caught:
        parse_guide_text(broken, name="broken-guide.md")
    assert "broken-guide.md" in str(caught.value)
    assert message in str(caught.value)


def test_duplicate_guide_ids_are_rejected(tmp_path):
    (tmp_path / "a.md").write_text(GOOD_GUIDE, encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD_GUIDE, encoding="utf-8")
    with pytest.raises(ContentError, match="b.md.*also used by a.md"):
        parse_guides(tmp_path)


# ----- decks ----------------------------------------------------------------------------


def _raw_entries(name: str, table: str) -> list[dict]:
    with deck_path(name).open("rb") as handle:
        return tomllib.load(handle)[table]


def test_conversation_deck_has_sixty_questions_in_every_category():
    questions = load_questions()
    assert len(questions) >= 60
    assert len({q.id for q in questions}) == len(questions)
    categories = {q.category for q in questions}
    assert categories == {cat_id for cat_id, _ in QUESTION_CATEGORIES}
    for category in categories:
        assert sum(q.category == category for q in questions) >= 5
    assert all(q.text.strip().endswith("?") for q in questions)
    assert len({q.text.lower() for q in questions}) == len(questions), "duplicate question"


def test_ideas_deck_has_forty_complete_ideas():
    ideas = load_ideas()
    assert len(ideas) >= 40
    assert len({i.id for i in ideas}) == len(ideas)
    for idea in ideas:
        assert idea.title.strip() and idea.description.strip()
        assert idea.category in IDEA_CATEGORY_IDS
        assert 5 <= idea.minutes <= 24 * 60
        assert 0 <= idea.cost <= 3
        assert idea.time_of_day is not None
    assert {idea.category for idea in ideas} == IDEA_CATEGORY_IDS


def test_each_idea_starts_at_a_time_that_suits_it():
    by_id = {idea.id: idea.time_of_day for idea in load_ideas()}
    assert by_id["market-morning"] == datetime.time(9, 30)
    assert by_id["sunrise-breakfast"] < datetime.time(8, 0)
    assert by_id["stargazing-blanket"] >= datetime.time(21, 0)
    assert by_id["breakfast-in-bed"] < datetime.time(11, 0)
    # Not every idea is an evening: mornings, afternoons and evenings are all offered.
    hours = {time.hour for time in by_id.values()}
    assert min(hours) < 10 and max(hours) >= 21 and any(12 <= h < 17 for h in hours)


def test_journal_prompts_are_thirty_and_link_only_to_real_guides():
    prompts = load_journal_prompts()
    assert len(prompts) >= 30
    assert len({p.id for p in prompts}) == len(prompts)
    assert all(p.text.strip() for p in prompts)
    guide_ids = {g.id for g in load_guides()}
    linked = [p.guide_id for p in prompts if p.guide_id is not None]
    assert linked and set(linked) <= guide_ids


@pytest.mark.parametrize(
    ("deck", "table", "keys"),
    [
        ("conversation", "question", {"id", "category", "text"}),
        ("ideas", "idea", {"id", "title", "description", "category", "minutes", "cost",
                           "time"}),
        ("journal_prompts", "prompt", {"id", "text"}),
    ],
)
def test_deck_entries_carry_exactly_the_schema_keys(deck, table, keys):
    allowed = keys | ({"guide"} if deck == "journal_prompts" else set())
    for entry in _raw_entries(deck, table):
        assert keys <= set(entry) <= allowed, entry.get("id")
        assert all(v != "" for v in entry.values()), entry.get("id")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["id"]), entry["id"]


def test_category_labels_read_as_words():
    assert IDEA_CATEGORIES[0] == ("at-home", "At home")
    assert category_label("low-budget") == "Low budget"
    assert category_label("physical-closeness") == "Physical closeness"


def test_deck_parsers_reject_bad_entries_naming_the_file(tmp_path):
    path = tmp_path / "ideas.toml"
    path.write_text('[[idea]]\nid = "x"\ntitle = "X"\ndescription = "Y"\n'
                    'category = "moon"\nminutes = 30\ncost = 0\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"ideas.toml, idea x: unknown category"):
        parse_ideas(path)
    for bad in ('"25:00"', '"7pm"', "1930", '"9:30"'):
        path.write_text('[[idea]]\nid = "x"\ntitle = "X"\ndescription = "Y"\n'
                        f'category = "out"\nminutes = 30\ncost = 0\ntime = {bad}\n',
                        encoding="utf-8")
        with pytest.raises(ContentError, match=r"idea x: 'time' must be a 24-hour time"):
            parse_ideas(path)
    path = tmp_path / "conversation.toml"
    path.write_text('[[question]]\nid = "a"\ncategory = "light"\ntext = "Hi?"\n' * 2,
                    encoding="utf-8")
    with pytest.raises(ContentError, match="used twice"):
        parse_questions(path)
    path.write_text('[[question]]\nid = "a"\ncategory = "light"\ntext = ""\n', encoding="utf-8")
    with pytest.raises(ContentError, match="'text' must be a non-empty"):
        parse_questions(path)
