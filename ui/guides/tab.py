"""The Guides tab: the guide list with search and topics, the reader, and conversation cards."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.content.guides import Exercise, Guide
from app.errors import HearthError
from app.services.guides import GuidesService, ReadingProgress, search_terms
from ui import icons
from ui import settings as S
from ui.guides.delegate import GuideItemDelegate
from ui.guides.files import GuideFiles
from ui.guides.models import (
    ALL_TOPICS,
    FAVOURITES,
    UNREAD,
    GuideFilterProxy,
    GuideListModel,
    GuideRole,
)
from ui.navigation import JournalEntryRequest, PlanActivityRequest
from ui.tab_pages import Command, TabContent
from ui.theme import SPACING
from ui.viewports import own_viewport
from ui.widgets import EmptyState, heading

if TYPE_CHECKING:
    from ui.guides.cards import ConversationCards
    from ui.guides.reader import GuideReader

log = logging.getLogger(__name__)

SCROLL_KEY = "guides/scroll/{guide_id}"  # per-guide value built at run time, 0..1
LAST_PAGE_KEY = "guides/last_page"  # a guide id, CARDS_PAGE, or empty
CARDS_PAGE = ":cards"


def plan_request(guide, exercise: Exercise) -> PlanActivityRequest:
    """What "Plan it" asks the calendar to pre-fill for an exercise of `guide`."""
    return PlanActivityRequest(
        title=exercise.title,
        minutes=exercise.minutes,
        category=exercise.category,
        notes=f"{exercise.text}\n\nFrom the guide “{guide.title}”.",
        source_guide_id=guide.id,
    )


def journal_request(guide, exercise: Exercise) -> JournalEntryRequest:
    """What "Reflect" asks the journal to open for an exercise of `guide`."""
    return JournalEntryRequest(prompt=exercise.text, title=exercise.title, guide_id=guide.id)


class GuidesTab(TabContent):
    """Reading list on the left; the reader or the conversation cards on the right."""

    commands = {Command.FIND: "&Find in guides…"}

    def __init__(self, *, context, navigator, settings, service: GuidesService | None = None,
                 parent=None):
        super().__init__(context=context, navigator=navigator, settings=settings, parent=parent)
        self.service = service or GuidesService(db=context.db)
        self.setAccessibleName("Guides")

        self.model = GuideListModel(parent=self)
        self.proxy = GuideFilterProxy(parent=self)
        self.proxy.setSourceModel(self.model)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_sidebar())
        self.stack = QStackedWidget(splitter)
        # The welcome page, the reader and the cards are built the first time they show.
        self._welcome: EmptyState | None = None
        self._reader: GuideReader | None = None
        self._cards: ConversationCards | None = None
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        # Wider list for larger text, so titles are not cut to a word or two.
        sidebar_width = min(440, max(330, self.fontMetrics().averageCharWidth() * 40))
        splitter.setSizes([sidebar_width, 1000])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._build_actions()
        self.stack.currentChanged.connect(self._on_stack_current_changed)

        self.reload()
        self._restore_last_page()

    # ----- building -------------------------------------------------------------------

    def _build_sidebar(self) -> QWidget:
        sidebar = QWidget(self)
        sidebar.setMinimumWidth(270)
        sidebar.setMaximumWidth(460)
        layout = QVBoxLayout(sidebar)
        layout.setContentsMargins(SPACING["l"], SPACING["l"], SPACING["m"], SPACING["m"])
        layout.setSpacing(SPACING["s"])
        layout.addWidget(heading("Guides", level=1, parent=sidebar))
        progress_row = QHBoxLayout()
        progress_row.setSpacing(SPACING["s"])
        self.progress_label = QLabel(sidebar)
        self.progress_label.setProperty("role", "small")
        self.progress_bar = QProgressBar(sidebar)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(6)
        self.progress_bar.setAccessibleName("Guides read")
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress_bar, 1)
        layout.addLayout(progress_row)
        layout.addSpacing(SPACING["xs"])

        self.search_edit = QLineEdit(sidebar)
        self.search_edit.setPlaceholderText("Search guides")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search guides")
        self.search_edit.setToolTip("Find words in the guides' titles and text (Ctrl+F)")
        self.search_action = self.search_edit.addAction(
            icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        layout.addWidget(self.search_edit)

        self.topic_combo = QComboBox(sidebar)
        self.topic_combo.setAccessibleName("Topic")
        self.topic_combo.setToolTip("Show only guides about one topic")
        self.topic_combo.activated.connect(self._on_topic_combo_activated)
        layout.addWidget(self.topic_combo)

        self.list_view = own_viewport(QListView(sidebar))
        self.list_view.setModel(self.proxy)
        self.delegate = GuideItemDelegate(parent=self.list_view)
        self.delegate.favourite_clicked.connect(self._on_delegate_favourite_clicked)
        self.list_view.setItemDelegate(self.delegate)
        self.list_view.setAccessibleName("Guide list")
        self.list_view.setMouseTracking(True)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setStyleSheet("QListView { background: transparent; border: none; }")
        self.list_view.selectionModel().currentChanged.connect(self._on_list_current_changed)
        layout.addWidget(self.list_view, 1)
        self.no_results = QLabel("No guide mentions that. Try another word.", sidebar)
        self.no_results.setProperty("role", "muted")
        self.no_results.setWordWrap(True)
        self.no_results.hide()
        layout.addWidget(self.no_results)

        self.cards_button = QPushButton("Conversation cards", sidebar)
        self.cards_button.setAccessibleName("Conversation cards")
        self.cards_button.setToolTip("Draw a question to talk about together")
        self.cards_button.setCheckable(True)
        self.cards_button.setObjectName("guidesCardsButton")
        self.cards_button.clicked.connect(self._on_cards_button_clicked)
        layout.addWidget(self.cards_button)
        return sidebar

    def _build_actions(self) -> None:
        self.files = GuideFiles(guide=self.shown_guide, navigator=self.navigator, parent=self)
        self._update_actions()
        self._refresh_icons()

    @property
    def welcome(self) -> EmptyState:
        if self._welcome is None:
            welcome = EmptyState(
                icon_name="guides", title="Short reads, one small step each",
                text="Each guide takes about five minutes and ends with something to try "
                     "together and questions to talk about.",
                action_text="Start reading", parent=self.stack)
            welcome.action_clicked.connect(self._on_welcome_action_clicked)
            self.stack.addWidget(welcome)
            self._welcome = welcome
        return self._welcome

    @property
    def reader(self) -> GuideReader:
        if self._reader is None:
            from ui.guides.reader import GuideReader

            reader = GuideReader(parent=self.stack)
            reader.set_zoom(self.settings.get(S.READER_ZOOM))
            reader.exercise_activated.connect(self._on_reader_exercise_activated)
            reader.reached_end.connect(self._on_reader_reached_end)
            reader.favourite_toggled.connect(self._on_reader_favourite_toggled)
            reader.finished_toggled.connect(self._on_reader_finished_toggled)
            reader.zoom_changed.connect(self._on_reader_zoom_changed)
            reader.export_requested.connect(self.files.ask_and_export)
            self.stack.addWidget(reader)
            self._reader = reader
        return self._reader

    @property
    def cards(self) -> ConversationCards:
        if self._cards is None:
            from ui.guides.cards import ConversationCards

            cards = ConversationCards(parent=self.stack)
            cards.draw_requested.connect(self._on_cards_draw_requested)
            cards.favourite_toggled.connect(self._on_cards_favourite_toggled)
            self.stack.addWidget(cards)
            self._cards = cards
        return self._cards

    def shown_guide(self) -> Guide | None:
        """The guide in the reader (shown or not), without building the reader."""
        return self._reader.guide if self._reader is not None else None

    # ----- hooks the main window calls ------------------------------------------------

    def build_everything(self) -> None:
        # The properties build the reader and the cards (and their keys) on first use.
        for part in (self.reader, self.cards):
            part.ensurePolished()

    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"file": self.files.actions()}

    def find(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def shutdown(self) -> None:
        self._save_scroll()
        self.settings.sync()

    # ----- public ---------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read progress from the database and refresh the list and the counter."""
        current = self.current_guide_id()
        self.model.set_guides(self.service.guides(), self.service.progress())
        self._fill_topics()
        self._apply_search(self.search_edit.text())
        self._update_summary()
        if current:
            self._select_in_list(current)

    def current_guide_id(self) -> str | None:
        guide = self.shown_guide()
        if guide is not None and self.stack.currentWidget() is self._reader:
            return guide.id
        return None

    def open_guide(self, guide_id: str, *, reopening: bool = False) -> None:
        """Show a guide. `reopening`: the page the last run ended on, shown again at start,
        which records nothing (the guide was opened then, not now)."""
        try:
            guide = self.service.guide(guide_id)
            progress = (self.service.progress_for(guide_id) if reopening
                        else self.service.mark_opened(guide_id))
        except HearthError as error:
            self._show_error(error)
            return
        shown = self.shown_guide()
        if shown is not None and shown.id != guide_id:
            self._save_scroll()
        fraction = self._saved_scroll(guide_id)
        self.model.update_progress(progress)
        self.stack.setCurrentWidget(self.reader)
        self.reader.show_guide(guide, progress, terms=self._terms(), scroll_fraction=fraction)
        self._select_in_list(guide_id)
        self.settings.set_raw(LAST_PAGE_KEY, guide_id)
        self._update_actions()
        log.info("opened guide %s", guide_id)

    def show_cards(self) -> None:
        if self.shown_guide() is not None:
            self._save_scroll()
        self.stack.setCurrentWidget(self.cards)
        self.list_view.selectionModel().clearSelection()
        self.settings.set_raw(LAST_PAGE_KEY, CARDS_PAGE)
        self.cards.set_favourites(self.service.favourite_questions())
        if self.cards.question is None:
            self.cards.show_question(self.service.last_card())
        self.cards.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- internals ------------------------------------------------------------------

    def _restore_last_page(self) -> None:
        last = self.settings.get_raw(LAST_PAGE_KEY, "") or ""
        if last == CARDS_PAGE:
            self.show_cards()
        elif last and self.model.row_of(last) >= 0:
            self.open_guide(last, reopening=True)
        else:
            self.stack.setCurrentWidget(self.welcome)
        self._update_actions()

    def _fill_topics(self) -> None:
        chosen = self.topic_combo.currentData()
        self.topic_combo.blockSignals(True)
        self.topic_combo.clear()
        self.topic_combo.addItem("All topics", ALL_TOPICS)
        self.topic_combo.addItem("Favourites", FAVOURITES)
        self.topic_combo.addItem("Not read yet", UNREAD)
        self.topic_combo.insertSeparator(3)
        for tag in self.service.tags():
            self.topic_combo.addItem(tag.capitalize(), tag)
        index = self.topic_combo.findData(chosen) if chosen is not None else 0
        self.topic_combo.setCurrentIndex(max(0, index))
        self.topic_combo.blockSignals(False)

    def _terms(self) -> tuple[str, ...]:
        return search_terms(self.search_edit.text())

    def _apply_search(self, text: str) -> None:
        terms = search_terms(text)
        self.model.set_search_hits(self.service.search(text) if terms else None)
        self.proxy.set_searching(bool(terms))
        self.no_results.setVisible(bool(terms) and self.proxy.rowCount() == 0)
        guide = self.shown_guide()
        if guide is not None:
            self.reader.set_highlight(terms)
            self._select_in_list(guide.id)

    def _select_in_list(self, guide_id: str) -> None:
        source_row = self.model.row_of(guide_id)
        index = self.proxy.mapFromSource(self.model.index(source_row))
        selection = self.list_view.selectionModel()
        selection.blockSignals(True)
        if index.isValid():
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list_view.scrollTo(index)
        else:
            selection.clearSelection()
        selection.blockSignals(False)
        # The quiet selection change repaints nothing by itself. A list not on screen yet
        # is painted whole when it shows (and its viewport(), handed to Python the first
        # time, would make PySide look through every widget class first).
        if self.list_view.isVisible():
            self.list_view.viewport().update()

    def _update_summary(self) -> None:
        summary = self.service.summary()
        self.progress_label.setText(summary.label)
        self.progress_bar.setRange(0, max(1, summary.total))
        self.progress_bar.setValue(summary.read)
        self.progress_bar.setToolTip(summary.label)

    def _progress_changed(self, progress: ReadingProgress) -> None:
        self.model.update_progress(progress)
        guide = self.shown_guide()
        if guide is not None and guide.id == progress.guide_id:
            self.reader.set_progress(progress)
        self.proxy.refresh()
        self._update_summary()
        if guide is not None:
            self._select_in_list(guide.id)

    def _saved_scroll(self, guide_id: str) -> float:
        try:
            value = float(self.settings.get_raw(SCROLL_KEY.format(guide_id=guide_id), 0.0))
        except (TypeError, ValueError):
            return 0.0
        return min(1.0, max(0.0, value))

    def _save_scroll(self) -> None:
        guide = self.shown_guide()
        if guide is not None:
            self.settings.set_raw(SCROLL_KEY.format(guide_id=guide.id),
                                  round(self.reader.scroll_fraction(), 4))

    def _update_actions(self) -> None:
        reading = self.current_guide_id() is not None
        self.files.set_enabled(reading and self.isVisible())

    def _refresh_icons(self) -> None:
        self.cards_button.setIcon(icons.icon("cards"))
        self.search_action.setIcon(icons.icon("search"))
        if self._welcome is not None:
            self._welcome.refresh_icon()

    def _show_error(self, error: HearthError) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, "Guides", error.message)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._update_actions()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._update_actions()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._refresh_icons()

    # ----- slots ----------------------------------------------------------------------

    def _on_list_current_changed(self, current, _previous) -> None:
        guide_id = current.data(GuideRole.GUIDE_ID) if current.isValid() else None
        if guide_id and guide_id != self.current_guide_id():
            self.open_guide(guide_id)

    def _on_search_edit_text_changed(self, text: str) -> None:
        self._apply_search(text)

    def _on_topic_combo_activated(self, _index: int) -> None:
        self.proxy.set_topic(self.topic_combo.currentData() or ALL_TOPICS)
        guide = self.shown_guide()
        if guide is not None:
            self._select_in_list(guide.id)

    def _on_welcome_action_clicked(self) -> None:
        progress = self.service.progress()
        unread = [g for g in self.service.guides() if not progress[g.id].finished]
        self.open_guide((unread or self.service.guides())[0].id)

    def _on_cards_button_clicked(self) -> None:
        self.show_cards()

    def _on_stack_current_changed(self, _index: int) -> None:
        self.cards_button.setChecked(
            self._cards is not None and self.stack.currentWidget() is self._cards)
        self._update_actions()

    def _on_reader_reached_end(self, guide_id: str) -> None:
        try:
            progress = self.service.set_finished(guide_id)
        except HearthError as error:
            self._show_error(error)
            return
        self._progress_changed(progress)
        self.navigator.show_status(f"Marked “{self.service.guide(guide_id).title}” as read")

    def _on_reader_finished_toggled(self, finished: bool) -> None:
        guide = self.shown_guide()
        if guide is not None:
            self._progress_changed(self.service.set_finished(guide.id, finished))

    def _on_reader_favourite_toggled(self, favourite: bool) -> None:
        guide = self.shown_guide()
        if guide is not None:
            self._progress_changed(self.service.set_favourite(guide.id, favourite))

    def _on_delegate_favourite_clicked(self, guide_id: str) -> None:
        progress = self.service.progress_for(guide_id)
        self._progress_changed(self.service.set_favourite(guide_id, not progress.favourite))

    def _on_reader_zoom_changed(self, steps: int) -> None:
        self.settings.set(S.READER_ZOOM, steps)

    def _on_reader_exercise_activated(self, exercise: Exercise) -> None:
        guide = self.shown_guide()
        if guide is None:
            return
        if exercise.is_plan:
            self.navigator.plan_activity(plan_request(guide, exercise))
        else:
            self.navigator.write_journal_entry(journal_request(guide, exercise))

    def _on_cards_draw_requested(self, category) -> None:
        try:
            self.cards.show_question(self.service.draw_card(category))
        except HearthError as error:
            self._show_error(error)

    def _on_cards_favourite_toggled(self, question_id: str, favourite: bool) -> None:
        self.service.set_question_favourite(question_id, favourite)
        self.cards.set_favourites(self.service.favourite_questions())
