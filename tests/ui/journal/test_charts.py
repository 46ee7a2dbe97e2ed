"""The journal's charts carry date labels: months over the days written, dates under the
mood line; labels stay inside the chart and never run into each other."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QFontMetrics

from ui.journal.charts import DayHeatmap, MoodChart, axis_font

TODAY = dt.date(2026, 12, 1)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def assert_apart_and_inside(widget, labels):
    metrics = QFontMetrics(axis_font(widget.font()))
    ends = [(x, x + metrics.horizontalAdvance(text)) for x, text in labels]
    assert all(0 <= start and end <= widget.width() for start, end in ends), labels
    assert all(a[1] < b[0] for a, b in zip(ends, ends[1:], strict=False)), labels


@pytest.mark.parametrize("width", [190, 260, 400])
def test_the_heatmap_names_the_months_its_weeks_begin(qtbot, width):
    heatmap = DayHeatmap(today=lambda: TODAY)
    qtbot.addWidget(heatmap)
    heatmap.resize(width, heatmap.sizeHint().height())
    heatmap.show()
    labels = heatmap.axis_labels()
    assert labels, "no month named"
    assert all(text.split()[0] in MONTHS for _x, text in labels)
    assert labels[-1][1] in ("Nov", "Dec")  # the weeks end with today's
    assert_apart_and_inside(heatmap, labels)
    # The labels sit above the days: the top row of days is still where a click lands.
    first_cell = heatmap._cell_rect(0, 0)
    assert first_cell.top() >= QFontMetrics(axis_font(heatmap.font())).height()
    day = heatmap.day_at(first_cell.center().x(), first_cell.center().y())
    assert day is not None and day.weekday() == 0


@pytest.mark.parametrize("width", [190, 400])
def test_the_mood_chart_dates_its_first_and_last_point(qtbot, width):
    chart = MoodChart()
    qtbot.addWidget(chart)
    chart.resize(width, chart.sizeHint().height())
    chart.show()
    assert chart.axis_labels() == []
    weeks = [TODAY - dt.timedelta(weeks=n) for n in range(8, -1, -1)]
    chart.set_points([(week, 3 + n % 3) for n, week in enumerate(weeks)])
    texts = [text for _x, text in chart.axis_labels()]
    assert texts[0] == "6 Oct" and texts[-1] == "1 Dec"
    assert len(texts) == 3 if width >= 400 else len(texts) in (2, 3)
    assert_apart_and_inside(chart, chart.axis_labels())
