"""Sample plans for the Calendar screenshot: a month of quality time around today."""

from __future__ import annotations

import datetime as dt
import random

from app.services import calendar as cal
from app.services import ideas
from app.services.calendar import ActivityInput

FRIDAY, SUNDAY, WEDNESDAY, SATURDAY = 4, 6, 2, 5

# (weeks from this week's Monday, weekday, hour, minute, minutes, title, category, location,
#  reminder) for the one-off plans.
ONE_OFFS = [
    (-3, SATURDAY, 11, 0, 150, "Farmers' market and brunch", "out", "Old Town Square", None),
    (-2, SATURDAY, 15, 0, 120, "Pottery taster class", "creative", "Clay Corner studio", 120),
    (-1, 1, 19, 0, 90, "Cook something new together", "at-home", "", None),
    (0, 3, 20, 0, 60, "36 questions over tea", "conversation", "", 30),
    (1, SATURDAY, 14, 0, 120, "Picnic with a twist", "outdoors", "Riverside Park", 60),
    (2, 1, 19, 30, 120, "Museum late opening", "out", "City Museum", 120),
    (3, 3, 20, 0, 60, "Massage evening", "physical-closeness", "", None),
]
# (title, description, category, minutes, cost) of the couple's own ideas.
OWN_IDEAS = [
    ("Pancakes in bed", "Sunday morning, no phones, extra syrup and the good coffee.",
     "at-home", 60, 0),
    ("Night swim at the lake", "Towels, a thermos of tea and the stars.", "outdoors", 120, 1),
    ("Our old café", "Same corner table as on our first date.", "out", 90, 1),
]
REFLECTIONS = [
    "Tried the new ramen place. Talked for hours.",
    "Movie night at home, lots of laughing.",
    "Long dinner, no phones. Felt like our first dates.",
    "Both tired, still glad we went out.",
    "Danced in the kitchen after dessert.",
]
# How the past one-offs went: title -> (status, rating, reflection).
OUTCOMES = {
    "Farmers' market and brunch": ("done", 5, "Found the good sourdough stall again."),
    "Pottery taster class": ("done", 4, "Messy and very funny. Two wonky bowls."),
    "Cook something new together": ("skipped", None, ""),
}


def _day(monday: dt.date, weeks: int, weekday: int) -> dt.date:
    return monday + dt.timedelta(weeks=weeks, days=weekday)


def seed(context) -> None:
    """Weekly date nights, Sunday walks, a phone-free evening every other week, a weekend
    away, and a handful of one-offs; the ones already past are marked done or skipped."""
    today = dt.date.today()
    now = dt.datetime.now()
    monday = today - dt.timedelta(days=today.weekday())
    zone = cal.local_timezone()

    def add(title, start, **fields):
        return cal.create_activity(ActivityInput(title=title, start=start, timezone=zone,
                                                 **fields))

    date_night = add(
        "Date night", dt.datetime.combine(_day(monday, -44, FRIDAY), dt.time(19, 30)),
        duration_minutes=150, category="out", reminders=(60,),
        notes="Take turns choosing. Phones stay in the bag.", rrule="FREQ=WEEKLY;BYDAY=FR",
    )
    walk = add(
        "Sunday walk", dt.datetime.combine(_day(monday, -30, SUNDAY), dt.time(10, 0)),
        duration_minutes=90, category="outdoors", location="Along the canal",
        rrule="FREQ=WEEKLY;BYDAY=SU",
    )
    evening = add(
        "Phone-free evening", dt.datetime.combine(_day(monday, -21, WEDNESDAY), dt.time(20, 0)),
        duration_minutes=120, category="at-home", reminders=(30,),
        notes="Candles, a board game or just talking.", rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    )
    add("Weekend by the sea", dt.datetime.combine(_day(monday, 2, SATURDAY), dt.time()),
        all_day=True, duration_minutes=2 * 1440, category="outdoors",
        location="Seaview guesthouse", reminders=(3 * 1440,))
    one_offs = {}
    for weeks, weekday, hour, minute, minutes, title, category, location, reminder in ONE_OFFS:
        one_offs[title] = add(
            title, dt.datetime.combine(_day(monday, weeks, weekday), dt.time(hour, minute)),
            duration_minutes=minutes, category=category, location=location,
            reminders=() if reminder is None else (reminder,),
        )

    add("Stargazing on a blanket", dt.datetime.combine(today, dt.time(21, 30)),
        duration_minutes=90, category="outdoors", location="Hill behind the allotments",
        notes="Blanket, flask of cocoa, star app on airplane mode.", reminders=(60,))

    # One date night moved to Saturday for a concert, one walk rained off.
    concert_friday = dt.datetime.combine(_day(monday, 1, FRIDAY), dt.time(19, 30))
    cal.update_occurrence(date_night.id, concert_friday, ActivityInput(
        title="Date night: jazz concert", start=concert_friday + dt.timedelta(days=1),
        duration_minutes=180, category="out", location="Blue Note Hall",
        reminders=(120,), timezone=zone))
    cal.delete_occurrence(walk.id, dt.datetime.combine(_day(monday, -2, SUNDAY), dt.time(10)))

    # Months of history so the summary has a year to chart: most dates happened, some were
    # skipped; the last Sunday walk is left open so the tab asks how it went.
    rng = random.Random(7)
    past = [o for o in cal.occurrences_between(monday - dt.timedelta(weeks=45), today, tz=zone)
            if o.end <= now and o.activity_id in (date_night.id, walk.id, evening.id)]
    last_walk = max((o for o in past if o.activity_id == walk.id), key=lambda o: o.start)
    for occurrence in past:
        if occurrence is last_walk:
            continue
        odds = {date_night.id: 0.85, walk.id: 0.6, evening.id: 0.75}[occurrence.activity_id]
        if rng.random() < odds:
            rating = rng.choice([3, 4, 4, 5, 5])
            text = rng.choice(REFLECTIONS) if occurrence.activity_id == date_night.id else ""
            cal.set_outcome(occurrence.activity_id, occurrence.original_start, "done", rating,
                            text)
        else:
            cal.set_outcome(occurrence.activity_id, occurrence.original_start, "skipped")
    for title, (status, rating, text) in OUTCOMES.items():
        activity = one_offs[title]
        if activity.end <= now:
            cal.set_outcome(activity.id, activity.start, status, rating, text)
    for title, description, category, minutes, cost in OWN_IDEAS:
        ideas.add_idea(title, description, category, minutes, cost)


def prepare(window) -> None:
    """Show this month with the next day that has a couple of plans selected."""
    window.show_tab("calendar")
    tab = window.calendar_tab
    tab.month_view.go_today()
    today = dt.date.today()
    days = [today + dt.timedelta(days=n) for n in range(31)]
    days = [d for d in days if d.month == today.month] or [today]
    busy = [d for d in days if len(tab.month_view.entries_on(d)) >= 2]
    planned = [d for d in days if tab.month_view.entries_on(d)]
    tab.month_view.select_date((busy or planned or days)[0])
    tab.month_view.setFocus()
