"""The month at 1024x700, with normal and the largest text: whole words of every title, and
the notices in one stack that leaves the month and the summary in sight."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from app.services import calendar as cal
from ui.calendar.cell_layout import ELLIPSIS, wrap_title

TITLES = ("Date night at the Thai place", "Morning at a market", "Stargazing on a blanket",
          "36 questions over tea")


@pytest.fixture
def calendar_window(make_window, qtbot):
    """The real window on the Calendar at a given size and text size; text size reset after."""
    opened = []

    def build(text_size: str, width: int = 1024, height: int = 700):
        today = dt.date.today()
        window = make_window()
        plans = [cal.create_activity(cal.ActivityInput(
            title=title, start=dt.datetime.combine(today + dt.timedelta(days=i + 1),
                                                   dt.time(19 + i, 0))))
            for i, title in enumerate(TITLES)]
        window.set_text_size(text_size)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        window.show_tab("calendar")
        tab = window.calendar_tab
        tab.refresh()
        tab.month_view.select_date(today)
        qtbot.wait(20)
        opened.append(window)
        return window, tab, {p.title: (p.id, p.start) for p in plans}

    yield build
    for window in opened:
        window.set_text_size("normal")


def open_every_notice(tab) -> None:
    tab.banners.show_reminder("Date night at the Thai place: Today at 22:00, The Old Mill by "
                              "the river, table for two", None)
    tab.banners.show_undo("Deleted “Sunday walk by the river and back over the bridge”.")
    walk = cal.create_activity(cal.ActivityInput(
        title="Walk", start=dt.datetime.now() - dt.timedelta(days=1, hours=2)))
    occurrence = cal.get_occurrence(walk.id, walk.start)
    tab.banners.show_outcome([occurrence, occurrence, occurrence], dt.date.today())


def words_are_whole(title: str, lines: tuple[str, ...]) -> bool:
    """Every word shown is a whole word of `title`, in order, from its start."""
    shown = " ".join(lines).removesuffix(ELLIPSIS).split()
    return bool(shown) and shown == title.split()[:len(shown)]


@pytest.mark.parametrize("text_size", ["normal", "larger"])
def test_the_month_shows_whole_words_of_each_title_at_1024(calendar_window, text_size):
    window, tab, keys = calendar_window(text_size)
    assert window.width() == 1024
    for title, key in keys.items():
        text = tab.month_view.chip_text(key)
        assert text is not None, f"{title!r} should have a chip"
        assert words_are_whole(title, text.lines), (title, text.lines)
        assert len(text.lines[0].split()) >= 1
    # The cell is too narrow for "19:00 " and a title: the time goes, the title stays.
    assert tab.month_view.chip_text(keys["Stargazing on a blanket"]).time_text == ""


def test_titles_take_a_second_line_rather_than_being_cut(calendar_window):
    _window, tab, keys = calendar_window("normal")
    text = tab.month_view.chip_text(keys["Stargazing on a blanket"])
    assert len(text.lines) == 2 and " ".join(text.lines) == "Stargazing on a blanket"


def test_with_the_largest_text_a_title_still_gets_two_lines(calendar_window):
    _window, tab, keys = calendar_window("larger")
    text = tab.month_view.chip_text(keys["Morning at a market"])
    assert len(text.lines) == 2 and text.lines[0].startswith("Morning")


def test_a_wide_cell_keeps_the_time(calendar_window):
    _window, tab, keys = calendar_window("normal", width=1700, height=900)
    text = tab.month_view.chip_text(keys["Morning at a market"])
    assert text.time_text == "20:00" and " ".join(text.lines) == "Morning at a market"


@pytest.mark.parametrize("text_size", ["normal", "larger"])
def test_every_notice_open_takes_one_line_each_and_leaves_the_summary_in_view(
        calendar_window, qtbot, text_size):
    _window, tab, keys = calendar_window(text_size)
    open_every_notice(tab)
    qtbot.wait(20)
    banners = [tab.banners.banner(kind) for kind in ("reminder", "undo", "outcome")]
    for banner in banners:
        line = banner.text_label.fontMetrics().height()
        assert banner.text_label.height() < 2 * line
        assert banner.height() < 2 * line + 12
    # A sentence cut to one line is there whole in its tooltip and accessible name.
    reminder = tab.banners.banner("reminder")
    assert reminder.text_label.is_cut() == (reminder.text_label.toolTip() != "")
    assert reminder.accessibleName().endswith("table for two")
    stack = tab.banners
    assert stack.height() <= sum(b.height() for b in banners) + 16
    assert tab.agenda.summary.isVisible() and tab.agenda.summary_in_view()
    # Each of the next days still shows its plan in the grid, not only a count.
    for key in keys.values():
        assert tab.month_view.entry_rect(key) is not None


def test_closing_a_notice_gives_its_line_back(calendar_window, qtbot):
    _window, tab, _keys = calendar_window("larger")
    open_every_notice(tab)
    qtbot.wait(20)
    before = tab.month_view.height()
    tab.banners.banner("undo").dismiss()
    qtbot.wait(20)
    assert tab.month_view.height() > before


def test_wrap_title_keeps_words_whole():
    fm = QFontMetrics(QFont())
    width = fm.horizontalAdvance("Date night at")
    assert wrap_title(fm, "Date night at the Thai place", width, 2) == [
        "Date night at", "the Thai place"] or wrap_title(
        fm, "Date night at the Thai place", width, 2)[1].endswith(ELLIPSIS)
    lines = wrap_title(fm, "Date night at the Thai place", fm.horizontalAdvance("Date night"),
                       2)
    assert lines[0] == "Date night" and lines[1].endswith(ELLIPSIS)
    assert words_are_whole("Date night at the Thai place", tuple(lines))
    assert wrap_title(fm, "Picnic", 1000, 2) == ["Picnic"]
    assert wrap_title(fm, "", 100, 2) == []
    # Only a single word wider than the whole line is ever cut.
    cut = wrap_title(fm, "Supercalifragilistic", fm.horizontalAdvance("Super"), 1)
    assert len(cut) == 1 and cut[0].endswith(ELLIPSIS)
