"""Sample entries for the Journal screenshot: two months of a made-up couple's shared journal."""

from __future__ import annotations

import datetime as dt

from app.content.decks import load_journal_prompts
from app.services import journal
from app.services.journal import EntryInput

SAMPLE_NAME = "Our journal"

# (days ago, title, mood, tags, body, link) where link is "date-night", "prompt-NN" or None.
ENTRIES = [
    (1, "Pancakes and a plan", 5, ("home", "mornings"),
     "Slow Sunday. Maya made the lemon pancakes and we sketched a plan for the spring "
     "garden on the back of an envelope.\n\n- tomatoes along the fence\n- *lots* of "
     "sweet peas\n- a bench, finally\n\nI love planning small things with her.", None),
    (2, "Date night: the tiny Greek place", 5, ("date night", "out"),
     "Date night. We found the tiny Greek place two streets from the station and "
     "sat by the window for three hours. She told me about her grandmother's kitchen in "
     "Thessaloniki, and I realised I had never asked.\n\n> Ask more questions. Then listen "
     "to the whole answer.", "date-night"),
    (4, "Tired, but we talked", 3, ("talks", "work"),
     "Long week for both of us. We almost skipped our evening walk, went anyway, and "
     "talked about how work keeps leaking into our evenings. No big fix, just a promise: "
     "laptops closed by nine.", None),
    (6, "Feeling understood", 4, ("reflection",),
     "The last time I felt truly understood was on Tuesday, when I came home flat and "
     "Maya didn't try to cheer me up. She just made tea and sat next to me until I was "
     "ready to talk.", "prompt-01"),
    (8, "Rainy museum afternoon", 4, ("out", "rain"),
     "Rain all day, so we went to the City Museum. She spent twenty minutes in front of "
     "one blue painting. I spent twenty minutes watching her look at it.", None),
    (10, "A small argument about dishes", 2, ("talks", "home"),
     "Silly argument about the dishes that was not really about the dishes. I felt "
     "unseen; she felt nagged. We both said sorry before bed, and that counts for a lot.",
     None),
    (12, "Phone-free evening", 5, ("home", "phone-free"),
     "Phones in the drawer from seven. Board games, a bad pizza, and we laughed so much "
     "my face hurt. Why don't we do this every week?", None),
    (15, "Her good news", 5, ("celebrate",),
     "Maya got the grant! We danced in the kitchen to that awful song from our first "
     "summer. Proud of her in a way that feels bigger than words.", None),
    (17, "Sunday walk by the river", 4, ("walks", "outdoors"),
     "Cold, bright morning by the river. We counted herons (four) and talked about "
     "visiting her brother in the spring.", None),
    (19, "Quiet worry", 3, ("reflection",),
     "I've been keeping a worry to myself about money. Writing it here first: I'd like "
     "us to sit down with the numbers together, without either of us feeling blamed.",
     "prompt-04"),
    (21, "We did sit down with the numbers", 4, ("talks", "money"),
     "Spreadsheet, two cups of tea, one hour. It went so much better than I feared. She "
     "said she had been worried too. Lighter now.", None),
    (24, "Pottery class", 4, ("creative", "out"),
     "Pottery taster class: messy and very funny. We made two wonky bowls. Mine leans "
     "like it's listening to something.", None),
    (26, "Missing her", 3, ("apart",),
     "Maya is away at the conference until Thursday. The flat is too quiet. We had a "
     "long call anyway and she read me the first page of her talk.", None),
    (28, "Welcome home", 5, ("home",),
     "She's back. We ordered noodles, sat on the floor and talked until one in the "
     "morning. I'd forgotten how much I like her stories about people she meets.", None),
    (31, "Three small things", 4, ("gratitude",),
     "Three small ways she reached out today: a note on the coffee tin, a photo of a dog "
     "in a raincoat, and a hand on my back while I was cooking.", "prompt-09"),
    (33, "Farmers' market", 4, ("out", "mornings"),
     "Farmers' market and brunch. Found the good sourdough stall again. She bargained "
     "for flowers and lost, happily.", None),
    (36, "Hard conversation, good ending", 3, ("talks",),
     "We talked about her mum's visit and what we both need from it. I tried to describe "
     "it the way she would. It helped more than I expected.", "prompt-07"),
    (38, "Cooking something new", 4, ("home", "cooking"),
     "First try at homemade ramen. The broth took four hours and was worth every one.",
     None),
    (41, "Stargazing", 5, ("outdoors", "date night"),
     "Drove out past the last village and lay on a blanket on the car bonnet. Saw three "
     "shooting stars. Made the same wish, apparently.", None),
    (43, "Low day", 2, ("reflection",),
     "Low day, nothing specific. She noticed before I said anything and left me a "
     "chocolate bar and a sticky note: *here when you want me*.", None),
    (46, "Our little ritual", 4, ("rituals",),
     "The six-minute morning check-in is becoming a real habit. Today: she's nervous "
     "about Thursday, I'm excited about the weekend. Small, but it keeps us close.",
     "prompt-11"),
    (49, "Bike ride to the lake", 5, ("outdoors", "walks"),
     "Bike ride to the lake, sandwiches on the jetty, feet in very cold water.", None),
    (52, "Anniversary letter", 5, ("celebrate", "letters"),
     "Wrote her a letter for our anniversary. Five years. I listed the ordinary moments "
     "I love most, and it turned into two pages.", None),
    (55, "Slow evening", 4, ("home",),
     "Candles, an old film, her feet on my lap. Nothing happened and it was perfect.",
     None),
    (58, "Starting this journal", 4, ("beginnings",),
     "First entry. We want somewhere to keep the good days and be honest about the hard "
     "ones. Let's see where this goes.", None),
]


def _date_night_uid() -> str | None:
    try:
        from app.services import calendar
    except ImportError:
        return None
    for activity in calendar.list_activities():
        if activity.title == "Date night":
            return activity.uid
    return None


def seed(context) -> None:
    """An unprotected shared journal of 25 entries over the past two months."""
    today = dt.date.today()
    info = journal.create_journal(context, SAMPLE_NAME, None)
    date_night = _date_night_uid()
    guide_of = {prompt.id: prompt.guide_id for prompt in load_journal_prompts()}
    with journal.open_journal(context, info.id) as session:
        entries = []
        for days_ago, title, mood, tags, body, link in ENTRIES:
            entries.append(
                EntryInput(
                    date=today - dt.timedelta(days=days_ago),
                    title=title,
                    body=body,
                    mood=mood,
                    tags=tags,
                    activity_uid=date_night if link == "date-night" else None,
                    prompt_id=link if link in guide_of else None,
                    guide_id=guide_of.get(link),
                )
            )
        # Oldest first, so the ids follow the order they were written in.
        session.import_entries(reversed(entries))


def prepare(window) -> None:
    """Show the sample journal with its newest entry open beside the list and statistics."""
    tab = window.journal_tab
    window.show_tab("journal")
    if tab.is_locked():
        sample = next(j for j in journal.list_journals(window.context) if j.name == SAMPLE_NAME)
        tab.choose(sample.id)
    tab.sidebar.list_view.setCurrentIndex(tab.sidebar.entry_model.index(0, 0))
    tab.sidebar.list_view.setFocus()
