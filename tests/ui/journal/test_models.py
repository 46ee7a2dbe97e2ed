"""The journal's item models: pages fetched on demand, month headings, search hits."""

from __future__ import annotations

import datetime

import pytest

from app.services import journal as core
from app.services.journal import MARK_END, MARK_START, EntrySummary, SearchHit
from tests.helpers.journal_ui import build_tab
from ui.journal.models import EntryListModel, Roles, SearchHitModel


def _summaries(count: int, start=datetime.date(2026, 11, 20)) -> list[EntrySummary]:
    return [
        EntrySummary(id=i + 1, date=start - datetime.timedelta(days=i), title=f"Entry {i}",
                     snippet=f"text {i}", mood=(i % 5) + 1, tags=("walks",) if i % 2 else (),
                     word_count=10 + i)
        for i in range(count)
    ]


class _Loader:
    def __init__(self, rows):
        self.rows = rows
        self.calls: list[tuple[int, int]] = []

    def __call__(self, offset: int, limit: int):
        self.calls.append((offset, limit))
        return self.rows[offset:offset + limit]


def test_fetch_more_loads_one_page_at_a_time():
    loader = _Loader(_summaries(250))
    model = EntryListModel(page_size=100)
    model.set_loader(loader)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100 and loader.calls == [(0, 100)]
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 250
    assert not model.canFetchMore()
    model.fetchMore()
    assert loader.calls == [(0, 100), (100, 100), (200, 100)]


def test_reload_keeps_as_many_rows_as_were_shown():
    loader = _Loader(_summaries(250))
    model = EntryListModel(page_size=100)
    model.set_loader(loader)
    model.fetchMore()
    model.fetchMore()
    model.reload()
    assert model.rowCount() == 200 and loader.calls[-1] == (0, 200)
    assert model.canFetchMore()


def test_month_heading_on_the_first_row_of_each_month():
    model = EntryListModel(page_size=100)
    model.set_loader(_Loader(_summaries(40)))
    model.fetchMore()
    headers = {row: model.index(row, 0).data(Roles.MONTH_HEADER) for row in range(40)}
    assert headers[0] == "November 2026"
    firsts = [row for row, text in headers.items() if text]
    assert [headers[r] for r in firsts] == ["November 2026", "October 2026"]
    assert model.index(firsts[1], 0).data(Roles.DATE) == datetime.date(2026, 10, 31)


def test_clear_forgets_every_row():
    model = EntryListModel(page_size=10)
    model.set_loader(_Loader(_summaries(30)))
    model.fetchMore()
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_entry_model_passes_the_model_tester(qtmodeltester):
    model = EntryListModel(page_size=20)
    model.set_loader(_Loader(_summaries(45)))
    model.fetchMore()
    qtmodeltester.check(model, force_py=True)


def test_hit_model_passes_the_model_tester(qtmodeltester):
    model = SearchHitModel()
    model.set_hits([
        SearchHit(entry_id=3, date=datetime.date(2026, 5, 2), title="",
                  snippet=f"…a {MARK_START}walk{MARK_END} by the sea", mood=None, rank=-2.0),
        SearchHit(entry_id=9, date=datetime.date(2026, 4, 1), title="Spring",
                  snippet=f"{MARK_START}walks{MARK_END}", mood=4, rank=-1.0),
    ])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data() == "a walk by the sea"
    assert model.index(1, 0).data() == "Spring"
    assert model.index(0, 0).data(Roles.HIGHLIGHTED) is True


@pytest.mark.slow
def test_tab_list_pages_through_a_large_journal(app_context, qtbot):
    info = core.create_journal(app_context, "Sam", None)
    with core.open_journal(app_context, info.id) as session:
        day = datetime.date(2026, 11, 1)
        for i in range(230):
            session.save_entry(core.EntryInput(date=day - datetime.timedelta(days=i),
                                               title=f"Day {i}", body=f"words {i}"))
    tab = build_tab(qtbot, app_context)
    model = tab.sidebar.entry_model
    assert model.rowCount() == 100 and model.canFetchMore()
    assert model.index(0, 0).data() == "Day 0"
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 230 and not model.canFetchMore()
    assert model.index(229, 0).data() == "Day 229"
