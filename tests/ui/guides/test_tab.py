"""The Guides tab driven like a reader would: open, scroll, search, plan, reflect, draw."""

from __future__ import annotations

import datetime
import random

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSlider

from app.content.guides import PLAN, REFLECT
from app.services.guides import RECENT_CARDS, GuidesService
from ui import settings as S
from ui.guides.models import FAVOURITES, GuideRole
from ui.guides.tab import SCROLL_KEY, GuidesTab
from ui.navigation import JournalEntryRequest, Navigator, PlanActivityRequest
from ui.settings import Settings

GUIDE = "what-is-emotional-intimacy"


@pytest.fixture
def tab(qtbot, app_context):
    """The tab on its own, with a navigator nothing else listens to."""
    service = GuidesService(db=app_context.db, rng=random.Random(11))
    widget = GuidesTab(context=app_context, navigator=Navigator(),
                       settings=Settings(app_context.data_dir), service=service)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _list_ids(tab) -> list[str]:
    proxy = tab.proxy
    return [proxy.index(row, 0).data(GuideRole.GUIDE_ID) for row in range(proxy.rowCount())]


def _click_guide(qtbot, tab, guide_id: str) -> None:
    index = tab.proxy.index(_list_ids(tab).index(guide_id), 0)
    tab.list_view.scrollTo(index)
    rect = tab.list_view.visualRect(index)
    # Left of centre, away from the favourite star.
    qtbot.mouseClick(tab.list_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + rect.width() // 3, rect.center().y()))


def _scrollbar(tab):
    return tab.reader.scroll.verticalScrollBar()


def _wait_laid_out(qtbot, tab) -> None:
    """Until the page has its full height (it settles over a few layout passes)."""
    bar = _scrollbar(tab)
    seen = []

    def settled():
        seen.append(bar.maximum())
        return bar.maximum() > 1000 and seen[-3:] == [bar.maximum()] * 3

    qtbot.waitUntil(settled)


def test_model_passes_the_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_list_shows_every_guide_with_a_read_counter(tab):
    total = len(tab.service.guides())
    assert _list_ids(tab)[0] == GUIDE and len(_list_ids(tab)) == total >= 8
    assert tab.progress_label.text() == f"0 of {total} read"
    assert tab.stack.currentWidget() is tab.welcome


def test_reading_to_the_end_is_remembered_after_a_restart(make_window, qtbot, data_dir):
    window = make_window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    tab = window.guides_tab
    _click_guide(qtbot, tab, GUIDE)
    assert tab.reader.guide.id == GUIDE
    _wait_laid_out(qtbot, tab)
    assert not tab.service.progress_for(GUIDE).finished
    _scrollbar(tab).triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
    assert tab.service.progress_for(GUIDE).finished
    assert tab.reader.finished_button.isChecked()
    total = len(tab.service.guides())
    assert tab.progress_label.text() == f"1 of {total} read"
    window.close()

    again = make_window(data_dir)
    tab = again.guides_tab
    index = tab.proxy.index(_list_ids(tab).index(GUIDE), 0)
    assert index.data(GuideRole.PROGRESS).finished
    assert tab.progress_label.text() == f"1 of {total} read"
    assert tab.reader.guide.id == GUIDE  # the last open guide comes back


def test_scroll_position_is_kept_per_guide(tab, qtbot):
    tab.open_guide(GUIDE)
    _wait_laid_out(qtbot, tab)
    bar = _scrollbar(tab)
    bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    fraction = bar.value() / bar.maximum()
    assert 0.1 < fraction < 0.9
    tab.open_guide("trust-and-vulnerability")
    _wait_laid_out(qtbot, tab)
    assert bar.value() == 0
    assert float(tab.settings.get_raw(SCROLL_KEY.format(guide_id=GUIDE))) == pytest.approx(
        fraction, abs=0.001)
    tab.open_guide(GUIDE)
    qtbot.waitUntil(lambda: abs(bar.value() / max(1, bar.maximum()) - fraction) < 0.01)
    assert not tab.service.progress_for(GUIDE).finished


def test_plan_it_asks_the_calendar_with_the_exercise_filled_in(tab, qtbot):
    tab.open_guide(GUIDE)
    card = next(card for card in tab.reader.exercise_cards if card.exercise.kind == PLAN)
    with qtbot.waitSignal(tab.navigator.plan_activity_requested) as blocker:
        qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    request = blocker.args[0]
    assert isinstance(request, PlanActivityRequest)
    assert request.title == "A slow walk with one real question"
    assert (request.minutes, request.category) == (30, "outdoors")
    assert request.source_guide_id == GUIDE
    assert request.notes.startswith("Take a short walk together without phones in hand.")
    assert "What emotional intimacy is" in request.notes
    assert card.button.text() == "Plan it"


def test_reflect_opens_a_journal_entry_with_the_prompt(tab, qtbot):
    tab.open_guide("repair-after-an-argument")
    card = next(card for card in tab.reader.exercise_cards if card.exercise.kind == REFLECT)
    with qtbot.waitSignal(tab.navigator.journal_entry_requested) as blocker:
        qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    request = blocker.args[0]
    assert isinstance(request, JournalEntryRequest)
    assert request.guide_id == "repair-after-an-argument"
    assert request.title == card.exercise.title == "How I tend to fight"
    assert request.prompt == card.exercise.text and len(request.prompt) > 40
    assert card.button.text() == "Reflect"


def test_every_exercise_becomes_a_card_with_one_button(tab):
    for guide in tab.service.guides():
        tab.open_guide(guide.id)
        cards = tab.reader.exercise_cards
        assert [c.exercise for c in cards] == list(guide.exercises)
        assert all(c.button.accessibleName().endswith(c.exercise.title) for c in cards)


def test_space_draws_cards_that_never_repeat_within_twenty(tab, qtbot):
    qtbot.mouseClick(tab.cards_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentWidget() is tab.cards
    tab.activateWindow()
    qtbot.waitUntil(lambda: tab.cards.next_button.hasFocus())
    drawn = []
    for _ in range(70):
        qtbot.keyClick(tab.cards.next_button, Qt.Key.Key_Space)
        drawn.append(tab.cards.question.id)
    for index, card in enumerate(drawn):
        assert card not in drawn[max(0, index - RECENT_CARDS): index]
    assert tab.service.recent_card_ids(1) == [drawn[-1]]


def test_cards_by_category_and_favourites(tab, qtbot):
    tab.show_cards()
    combo = tab.cards.category_combo
    combo.setCurrentIndex(combo.findData("dreams"))
    combo.activated.emit(combo.currentIndex())
    assert tab.cards.question.category == "dreams"
    assert tab.cards.category_label.text() == "Dreams"
    question = tab.cards.question
    qtbot.mouseClick(tab.cards.favourite_button, Qt.MouseButton.LeftButton)
    assert tab.service.favourite_question_ids() == {question.id}
    assert tab.cards.favourites_model.rowCount() == 1
    assert tab.cards.favourites_view.isVisible()
    tab.cards.draw()
    assert tab.cards.question.id != question.id and not tab.cards.favourite_button.isChecked()


def test_search_filters_the_list_and_highlights_the_reader(tab, qtbot):
    tab.open_guide("when-to-seek-support")
    qtbot.keyClicks(tab.search_edit, "counsellor")
    ids = _list_ids(tab)
    assert ids[0] == "when-to-seek-support"
    assert len(ids) < len(tab.service.guides())
    first = tab.proxy.index(0, 0).data(GuideRole.SEARCH_HIT)
    assert "counsellor" in first.snippet.lower()
    marks = tab.reader.body.extraSelections()
    assert marks and all(m.cursor.selectedText().lower() == "counsellor" for m in marks)

    tab.search_edit.clear()
    assert len(_list_ids(tab)) == len(tab.service.guides())
    assert tab.reader.body.extraSelections() == []

    qtbot.keyClicks(tab.search_edit, "zebra crossing")
    assert _list_ids(tab) == [] and tab.no_results.isVisible()


def test_topics_and_the_favourite_star(tab, qtbot):
    row = _list_ids(tab).index("trust-and-vulnerability")
    rect = tab.list_view.visualRect(tab.proxy.index(row, 0))
    star = tab.delegate._star_rect(rect).center()
    qtbot.mouseClick(tab.list_view.viewport(), Qt.MouseButton.LeftButton, pos=star)
    assert tab.service.progress_for("trust-and-vulnerability").favourite
    tab.topic_combo.setCurrentIndex(tab.topic_combo.findData(FAVOURITES))
    tab.topic_combo.activated.emit(tab.topic_combo.currentIndex())
    assert _list_ids(tab) == ["trust-and-vulnerability"]
    tab.topic_combo.setCurrentIndex(tab.topic_combo.findData("conflict"))
    tab.topic_combo.activated.emit(tab.topic_combo.currentIndex())
    assert _list_ids(tab) == ["repair-after-an-argument"]


def test_zoom_keys_change_and_remember_the_text_size(tab, qtbot):
    tab.open_guide(GUIDE)
    tab.activateWindow()
    tab.reader.scroll.setFocus()
    qtbot.waitUntil(lambda: tab.reader.scroll.hasFocus())
    before = tab.reader.body.document().defaultFont().pointSizeF()
    qtbot.keyClick(tab.reader.scroll, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.reader.scroll, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert tab.reader.zoom() == 2
    assert tab.reader.body.document().defaultFont().pointSizeF() > before
    assert tab.settings.get(S.READER_ZOOM) == 2
    qtbot.keyClick(tab.reader.scroll, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert tab.reader.zoom() == 1


def test_find_focuses_the_search_field(tab, qtbot):
    tab.activateWindow()
    tab.find()
    qtbot.waitUntil(tab.search_edit.hasFocus)


def test_export_writes_a_pdf_of_the_open_guide(tab, tmp_path, qtbot):
    tab.open_guide(GUIDE)
    assert tab.files.export_action.isEnabled() and tab.files.print_action.isEnabled()
    with qtbot.waitSignal(tab.navigator.status_message_requested):
        written = tab.files.export_pdf(tmp_path / "closeness")
    assert written.name == "closeness.pdf"
    data = written.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert {"file"} == set(tab.menu_actions())


def test_mark_as_read_button_toggles_the_counter(tab, qtbot):
    tab.open_guide("emotional-attunement")
    qtbot.mouseClick(tab.reader.finished_button, Qt.MouseButton.LeftButton)
    assert tab.service.progress_for("emotional-attunement").finished
    assert tab.progress_label.text().startswith("1 of")
    qtbot.mouseClick(tab.reader.finished_button, Qt.MouseButton.LeftButton)
    assert tab.progress_label.text().startswith("0 of")


def test_a_theme_switch_recolours_the_open_guide(tab, qtbot):
    from PySide6.QtWidgets import QApplication

    from ui.theme import DARK, LIGHT, ThemeManager

    tab.open_guide(GUIDE)
    theme = ThemeManager(QApplication.instance())
    try:
        theme.apply("dark", "larger")
        assert DARK.text.lower() in tab.reader.body.document().defaultStyleSheet().lower()
        assert tab.reader.body.document().defaultFont().pointSizeF() > 14
    finally:
        theme.apply("light", "normal")
    assert LIGHT.text.lower() in tab.reader.body.document().defaultStyleSheet().lower()


def test_long_titles_wrap_to_two_lines_in_the_list(qapp):
    from PySide6.QtGui import QFont, QFontMetrics

    from ui.guides.delegate import wrap_two_lines

    metrics = QFontMetrics(QFont())
    title = "Nurturing connection day to day"
    assert wrap_two_lines(title, metrics, 10_000) == [title]
    narrow = metrics.horizontalAdvance("Nurturing connection")
    first, second = wrap_two_lines(title, metrics, narrow)
    assert first == "Nurturing connection" and second == "day to day"
    tiny = wrap_two_lines(title, metrics, metrics.horizontalAdvance("Nurt"))
    assert len(tiny) == 2 and all(line.endswith("…") for line in tiny)



def test_reopening_the_last_guide_at_start_records_nothing(qtbot, app_context):
    from ui.guides.tab import LAST_PAGE_KEY

    now = [datetime.datetime(2026, 3, 16, 20, 0)]
    service = GuidesService(db=app_context.db, rng=random.Random(11), clock=lambda: now[0])
    opened = service.mark_opened(GUIDE)
    now[0] += datetime.timedelta(days=1)
    settings = Settings(app_context.data_dir)
    settings.set_raw(LAST_PAGE_KEY, GUIDE)
    widget = GuidesTab(context=app_context, navigator=Navigator(), settings=settings,
                       service=service)
    qtbot.addWidget(widget)
    assert widget.current_guide_id() == GUIDE
    assert service.progress_for(GUIDE) == opened  # the start wrote nothing
    widget.open_guide(GUIDE)  # opening it by hand is recorded
    assert service.progress_for(GUIDE).last_opened_at == now[0]


def test_a_tab_that_opens_on_a_guide_paints_it_first_already_laid_out(qtbot, app_context):
    from PySide6.QtCore import QEvent, QObject

    from ui.guides.tab import LAST_PAGE_KEY

    settings = Settings(app_context.data_dir)
    settings.set_raw(LAST_PAGE_KEY, GUIDE)
    widget = GuidesTab(context=app_context, navigator=Navigator(), settings=settings,
                       service=GuidesService(db=app_context.db, rng=random.Random(11)))
    qtbot.addWidget(widget)
    reader = widget.reader

    def places():
        parts = [reader.scroll.widget(), reader.body, reader.questions, reader.title_label,
                 *reader.exercise_cards]
        return [part.geometry().getRect() for part in parts] + [reader.body.height()]

    first = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if not first and event.type() == QEvent.Type.Paint:
                first.append(places())
            return False

    watch = FirstPaint()
    reader.body.installEventFilter(watch)
    widget.resize(1024, 700)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: bool(first))
    qtbot.wait(50)
    assert first[0] == places()
    assert reader.body.height() > 1000  # the whole body, not a first guess
