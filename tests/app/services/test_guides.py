"""Reading progress, search, favourite questions and card draws, against a real database."""

from __future__ import annotations

import datetime
import random

import pytest

from app.content.decks import Question
from app.context import open_app
from app.errors import NotFoundError, ValidationError
from app.services.guides import RECENT_CARDS, GuidesService, search_terms
from tests.helpers.clock import FakeClock


@pytest.fixture
def clock():
    return FakeClock(datetime.datetime(2026, 3, 14, 20, 0, 0))


@pytest.fixture
def service(app_context, clock):
    return GuidesService(db=app_context.db, clock=clock, rng=random.Random(7))


def test_fresh_progress_is_empty_for_every_guide(service):
    progress = service.progress()
    assert list(progress) == [guide.id for guide in service.guides()]
    assert not any(p.opened or p.finished or p.favourite for p in progress.values())
    summary = service.summary()
    assert (summary.read, summary.total) == (0, len(service.guides()))
    assert summary.label == f"0 of {summary.total} read"


def test_opening_keeps_the_first_time_and_updates_the_last(service, clock):
    first = service.mark_opened("trust-and-vulnerability")
    clock.advance(days=2)
    again = service.mark_opened("trust-and-vulnerability")
    assert again.opened_at == first.opened_at == datetime.datetime(2026, 3, 14, 20, 0)
    assert again.last_opened_at == datetime.datetime(2026, 3, 16, 20, 0)
    assert not again.finished


def test_finishing_counts_towards_the_summary_and_can_be_undone(service, clock):
    done = service.set_finished("emotional-attunement")
    assert done.finished and done.opened
    service.set_finished("when-to-seek-support")
    assert service.summary().read == 2
    clock.advance(hours=1)
    assert service.set_finished("emotional-attunement").finished_at == done.finished_at
    assert not service.set_finished("emotional-attunement", False).finished
    assert service.summary().read == 1
    assert service.progress_for("emotional-attunement").opened


def test_favourite_is_kept_with_the_rest_of_the_progress(service):
    service.mark_opened("repair-after-an-argument")
    service.set_favourite("repair-after-an-argument", True)
    progress = service.progress_for("repair-after-an-argument")
    assert progress.favourite and progress.opened and not progress.finished
    assert not service.set_favourite("repair-after-an-argument", False).favourite


def test_progress_survives_reopening_the_database(app_context, data_dir, clock):
    GuidesService(db=app_context.db, clock=clock).set_finished("trust-and-vulnerability")
    app_context.close()
    reopened = open_app(data_dir)
    try:
        service = GuidesService(db=reopened.db, clock=clock)
        assert service.progress_for("trust-and-vulnerability").finished
        assert service.summary().read == 1
    finally:
        reopened.close()


def test_unknown_guides_are_refused(service):
    with pytest.raises(NotFoundError):
        service.mark_opened("no-such-guide")
    with pytest.raises(NotFoundError):
        service.guide("no-such-guide")


def test_search_matches_every_word_in_title_or_body_and_ranks_title_first(service):
    hits = service.search("Listen")
    ids = [hit.guide_id for hit in hits]
    assert ids[0] == "communication-that-connects"
    assert "when-to-seek-support" in ids
    assert all("listen" in hit.snippet.lower() for hit in hits)
    assert [h.guide_id for h in service.search("counsellor therapist")][0] == "when-to-seek-support"
    assert service.search("listen zebra") == []
    assert service.search("   ") == []


def test_search_finds_words_in_titles_and_tags(service):
    assert [h.guide_id for h in service.search("repair")][0] == "repair-after-an-argument"
    assert "mindful-presence-together" in [h.guide_id for h in service.search("mindfulness")]


def test_search_terms_drop_punctuation_and_duplicates():
    assert search_terms("  Trust, trust & \"vulnerability\"! ") == ("trust", "vulnerability")


def test_drawing_never_repeats_within_the_last_twenty(service):
    drawn = [service.draw_card().id for _ in range(150)]
    for index in range(len(drawn)):
        window = drawn[max(0, index - RECENT_CARDS): index]
        assert drawn[index] not in window
    assert service.recent_card_ids(3) == drawn[:-4:-1]


def test_draw_history_survives_a_restart(app_context, data_dir, clock):
    first = GuidesService(db=app_context.db, clock=clock, rng=random.Random(1))
    before = [first.draw_card().id for _ in range(RECENT_CARDS - 1)]
    app_context.close()
    reopened = open_app(data_dir)
    try:
        second = GuidesService(db=reopened.db, clock=clock, rng=random.Random(1))
        assert second.last_card().id == before[-1]
        after = [second.draw_card().id for _ in range(RECENT_CARDS)]
        assert not set(after[:1]) & set(before)
        combined = before + after
        for index, card in enumerate(combined):
            assert card not in combined[max(0, index - RECENT_CARDS): index]
    finally:
        reopened.close()


def test_a_small_category_draws_only_its_own_cards_and_spreads_repeats(app_context, clock):
    questions = [Question(f"q-{n}", "light" if n < 5 else "deeper", f"Question {n}?")
                 for n in range(30)]
    service = GuidesService(db=app_context.db, questions=questions, clock=clock,
                            rng=random.Random(3))
    drawn = [service.draw_card("light").id for _ in range(25)]
    assert set(drawn) == {f"q-{n}" for n in range(5)}
    for index, card in enumerate(drawn):
        # With 5 cards a repeat cannot wait 20 draws, but it never follows too closely.
        assert card not in drawn[max(0, index - 2): index]
    with pytest.raises(ValidationError):
        service.draw_card("no-such-category")


def test_favourite_questions_toggle_and_keep_deck_order(service):
    questions = service.questions()
    service.set_question_favourite(questions[5].id, True)
    service.set_question_favourite(questions[2].id, True)
    service.set_question_favourite(questions[2].id, True)  # twice is fine
    assert [q.id for q in service.favourite_questions()] == [questions[2].id, questions[5].id]
    service.set_question_favourite(questions[5].id, False)
    assert service.favourite_question_ids() == {questions[2].id}
    with pytest.raises(NotFoundError):
        service.set_question_favourite("nope", True)


def test_tags_are_listed_once_each(service):
    tags = service.tags()
    assert len(tags) == len(set(tags)) and "trust" in tags
