"""Bad input, generated: arbitrary Unicode (emoji, right-to-left, NUL, 1 MB strings),
extreme dates and numbers through every service that takes what a person types. Each value
is stored and read back as the service documents, or refused with a HearthError; either
way nothing else in the database changes."""

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.context import open_app
from app.errors import HearthError

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])

# Emoji (with joiners), Hebrew and Arabic with direction marks, combining marks, NUL and
# other controls, and anything else Unicode allows outside the surrogate range.
SPICE = ["👩‍❤️‍👨", "🏳️‍🌈", "שלום", "مرحبا", "\u202e", "\u200f", "e\u0301", "\x00", "\r\n",
         "\t", "\x7f", "\ufeff", "𝔘𝔫𝔦"]
TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(SPICE) | st.text(max_size=5), max_size=30).map("".join),
    st.builds(lambda s, n: (s or "♥") * n, st.text(max_size=3), st.sampled_from(
        [1, 1000, 1_000_000 // 3])),
)
MEGABYTE = "Ä" * 500_000 + "🙂" * 125_000  # 1 MB and more in UTF-8
DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
DATETIMES = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31))
NUMBERS = st.one_of(st.integers(-2**70, 2**70), st.sampled_from([0, -1, 2**63, -2**63 - 1]))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@pytest.fixture
def context(tmp_path):
    ctx = open_app(tmp_path / "data")
    yield ctx
    ctx.close()


def _journal_session(context, protected):
    from app.services import journal

    info = journal.create_journal(context, "Prop", "pass phrase" if protected else None)
    return journal.open_journal(context, info.id, "pass phrase" if protected else None)


def _journal_state(session):
    return ([e for e in session.get_entries()], session.pending_drafts(), session.counts())


def _typed_body(body: str) -> str:
    """What the journal documents it keeps of a body: newlines unified, control characters
    (which cannot be typed) dropped."""
    return _CONTROL.sub("", body.replace("\r\n", "\n").replace("\r", "\n"))


# ----- journal ------------------------------------------------------------------------------


@pytest.mark.parametrize("protected", [False, True], ids=["plain", "protected"])
def test_journal_save_entry(context, protected):
    from app.services import journal

    session = _journal_session(context, protected)

    runs = []

    @SETTINGS
    @given(title=TEXT, body=TEXT, mood=st.none() | NUMBERS, day=DATES,
           tags=st.lists(TEXT, max_size=5))
    def check(title, body, mood, day, tags):
        runs.append(1)
        before = _journal_state(session)
        data = journal.EntryInput(date=day, title=title, body=body, mood=mood, tags=tuple(tags))
        try:
            entry = session.save_entry(data)
        except HearthError as exc:
            assert exc.message
            assert _journal_state(session) == before
            return
        again = session.get_entry(entry.id)
        assert again == entry
        assert again.body == _typed_body(body)
        assert again.title == " ".join(_typed_body(title).split())
        assert again.date == day and again.mood == mood
        entries, drafts, _counts = _journal_state(session)
        assert [e for e in entries if e.id != entry.id] == before[0] and drafts == before[1]
        session.delete_entry(entry.id)

    try:
        check()
        assert len(runs) >= 10
    finally:
        session.close()


def test_journal_one_megabyte_entry_round_trips(context):
    from app.services import journal

    with _journal_session(context, True) as session:
        entry = session.save_entry(journal.EntryInput(date=dt.date(2026, 1, 1), body=MEGABYTE))
        assert session.get_entry(entry.id).body == MEGABYTE
        assert session.search("Ä" * 3).hits is not None


def test_journal_search_and_drafts(context):
    from app.services import journal

    session = _journal_session(context, True)
    session.save_entry(journal.EntryInput(date=dt.date(2026, 1, 1), title="Picnic",
                                          body="We had a picnic by the lake 🌅"))

    runs = []

    @SETTINGS
    @given(query=TEXT, key=TEXT, body=TEXT, day=DATES, mood=st.none() | NUMBERS)
    def check(query, key, body, day, mood):
        runs.append(1)
        before = _journal_state(session)
        try:
            result = session.search(query)
            assert isinstance(result.hits, tuple)
        except HearthError as exc:
            assert exc.message
        assert _journal_state(session) == before
        try:
            draft = session.save_draft(key, journal.EntryInput(date=day, body=body, mood=mood))
        except HearthError as exc:
            assert exc.message
            assert _journal_state(session) == before
            return
        (kept,) = [d for d in session.pending_drafts() if d.key == draft.key]
        assert kept.data.body == _typed_body(body)
        session.discard_draft(draft.key)
        assert _journal_state(session)[:2] == before[:2]

    try:
        check()
        assert len(runs) >= 10
    finally:
        session.close()


# ----- calendar -----------------------------------------------------------------------------


def _activities():
    from app.models.calendar import CalendarActivity

    return sorted(tuple(row.__data__.items()) for row in CalendarActivity.select())


ACTIVITY = st.fixed_dictionaries({
    "title": TEXT, "start": DATETIMES, "all_day": st.booleans(),
    "duration_minutes": NUMBERS, "location": TEXT, "notes": TEXT,
    "reminders": st.none() | NUMBERS | st.lists(NUMBERS, max_size=12).map(tuple),
    "category": st.sampled_from(["other", "date night", "", "💥"]) | TEXT,
    "rrule": st.none() | st.sampled_from(["FREQ=WEEKLY;BYDAY=FR", "FREQ=DAILY;COUNT=3",
                                          "FREQ=YEARLY;UNTIL=99991231T000000Z", "garbage",
                                          "FREQ=SECONDLY"]) | TEXT,
    # Zone names come from a list, not the keyboard; odd ones are covered below.
    "timezone": st.sampled_from(["", "Europe/Paris", "Pacific/Kiritimati", "Mars/Olympus",
                                 "../../etc/passwd", "UTC\x00", "🙂"]),
})


def test_calendar_create_and_update(context):
    from app.services import calendar

    base = calendar.create_activity(calendar.ActivityInput(
        title="Dinner", start=dt.datetime(2026, 5, 1, 19, 0)))

    runs = []

    @SETTINGS
    @given(fields=ACTIVITY, update=st.booleans())
    def check(fields, update):
        runs.append(1)
        data = calendar.ActivityInput(**fields)
        before = _activities()
        try:
            if update:
                saved = calendar.update_activity(base.id, data)
            else:
                saved = calendar.create_activity(data)
        except HearthError as exc:
            assert exc.message
            assert _activities() == before
            return
        again = calendar.get_activity(saved.id)
        assert again == saved
        assert again.title == data.title.strip() or again.title == data.title
        assert (again.start, again.all_day) == (
            (data.start, data.all_day) if not data.all_day else (again.start, True))
        if update:
            calendar.update_activity(base.id, calendar.ActivityInput(
                title="Dinner", start=dt.datetime(2026, 5, 1, 19, 0)))
        else:
            calendar.delete_activity(saved.id)
            assert _activities() == before

    check()
    assert len(runs) >= 10, "the property barely ran"


def test_ics_import_of_generated_text(context):
    from app.calendar import ics
    from app.services import calendar

    calendar.create_activity(calendar.ActivityInput(title="Keep me",
                                                    start=dt.datetime(2026, 6, 1, 10)))

    def escape(text):
        return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))

    runs = []

    @SETTINGS
    @given(summary=TEXT, description=TEXT, start=DATETIMES, uid=TEXT, junk=TEXT,
           rrule=st.sampled_from(["", "RRULE:FREQ=WEEKLY;COUNT=3\r\n", "RRULE:BAD\r\n"]))
    def check(summary, description, start, uid, junk, rrule):
        runs.append(1)
        text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
                f"UID:{escape(uid) or 'x'}@test\r\nDTSTART:{start:%Y%m%dT%H%M%S}\r\n"
                f"SUMMARY:{escape(summary)}\r\nDESCRIPTION:{escape(description)}\r\n"
                f"{rrule}END:VEVENT\r\n{junk}END:VCALENDAR\r\n")
        before = _activities()
        try:
            parsed = ics.parse(text.encode("utf-8", "surrogatepass"), name="gen.ics")
            summary_ = calendar.import_events(parsed.events, skipped=parsed.skipped,
                                              warnings=parsed.warnings)
        except HearthError as exc:
            assert exc.message
            assert _activities() == before
            return
        after = _activities()
        assert set(before) <= set(after)
        assert len(after) - len(before) == summary_.added
        for event in parsed.events:
            stored = [a for a in after if dict(a)["uid"] == event.uid]
            if stored:
                assert dict(stored[0])["title"] in (event.data.title, event.data.title.strip())
        # Put the database back for the next example.
        from app.models.calendar import CalendarActivity

        keep = {dict(a)["id"] for a in before}
        for row in CalendarActivity.select():
            if row.id not in keep:
                calendar.delete_activity(row.id)
        assert _activities() == before

    check()
    assert len(runs) >= 10, "the property barely ran"


# ----- guides -------------------------------------------------------------------------------


def test_guides_search_and_favourites(context):
    from app.services.guides import GuidesService

    service = GuidesService(db=context.db)
    real = service.guides()[0].id

    runs = []

    @SETTINGS
    @given(query=TEXT, guide_id=TEXT | st.just(real), favourite=st.booleans())
    def check(query, guide_id, favourite):
        runs.append(1)
        before = (service.progress(), service.favourite_question_ids())
        assert isinstance(service.search(query), list)
        try:
            progress = service.set_favourite(guide_id, favourite)
        except HearthError as exc:
            assert exc.message
            assert (service.progress(), service.favourite_question_ids()) == before
            return
        assert progress.favourite is favourite
        assert service.progress_for(guide_id).favourite is favourite
        try:
            service.set_question_favourite(guide_id, favourite)
        except HearthError:
            pass

    check()
    assert len(runs) >= 10, "the property barely ran"


# ----- lone surrogates ----------------------------------------------------------------------

LONE = "before \ud800 after"


def test_journal_refuses_lone_surrogates_but_drafts_keep_the_rest(context):
    from app.services import journal

    with _journal_session(context, False) as session:
        with pytest.raises(HearthError, match="cannot be saved"):
            session.save_entry(journal.EntryInput(date=dt.date(2026, 1, 1), body=LONE))
        assert session.count_entries() == 0
        # A draft is the safety net for what was typed: it is mended, never refused.
        session.save_draft("k", journal.EntryInput(date=dt.date(2026, 1, 1),
                                                   body="before " + LONE + " after"))
        (draft,) = session.pending_drafts()
        assert draft.data.body.startswith("before ") and draft.data.body.endswith(" after")
        assert "\ufffd" in draft.data.body


def test_calendar_refuses_lone_surrogates(context):
    from app.services import calendar

    with pytest.raises(HearthError):
        calendar.create_activity(calendar.ActivityInput(title=LONE,
                                                        start=dt.datetime(2026, 1, 1, 10)))


def test_search_and_guides_take_lone_surrogates(context):
    from app.services.guides import GuidesService

    with _journal_session(context, False) as session:
        session.search(LONE)
    service = GuidesService(db=context.db)
    assert isinstance(service.search(LONE), list)
    with pytest.raises(HearthError):
        service.set_favourite(LONE, True)


def test_calendar_refuses_a_very_long_zone_name(context):
    from app.services import calendar

    with pytest.raises(HearthError):
        calendar.create_activity(calendar.ActivityInput(
            title="x", start=dt.datetime(2026, 1, 1, 10), timezone="♥" * 1000))
