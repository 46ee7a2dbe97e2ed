"""The guide reader: comfortable Markdown, "Try this" cards with buttons, and its toolbar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractSlider,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.content.guide_html import body_html
from app.content.guides import Guide
from app.services.guides import ReadingProgress
from app.text import escape_html
from ui import icons
from ui.guides.blocks import AutoHeightBrowser, ExerciseCard, WrappedLabel
from ui.guides.delegate import highlighted_html
from ui.guides.render import (
    ReaderColors,
    document_css,
    questions_html,
)
from ui.theme import SPACING, blend
from ui.viewports import own_viewport

LINE_CHARS = 70  # a comfortable reading measure
ZOOM_MIN, ZOOM_MAX = -3, 8
ZOOM_STEP = 0.1  # each step is 10 % of the application's text size
END_TOLERANCE_PX = 4


def zoom_factor(steps: int) -> float:
    return 1.0 + ZOOM_STEP * steps


class GuideReader(QWidget):
    """Shows one guide. It remembers nothing itself: the tab saves zoom and scroll."""

    exercise_activated = Signal(object)  # Exercise
    reached_end = Signal(str)  # guide id
    favourite_toggled = Signal(bool)
    finished_toggled = Signal(bool)
    zoom_changed = Signal(int)
    export_requested = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.guide: Guide | None = None
        self._body_html = self._questions_html = ""
        self._zoom = 0
        self._terms: tuple[str, ...] = ()
        self._pending_fraction: float | None = None
        self._end_reported = False
        self._restyling = False
        self.setAccessibleName("Guide reader")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_toolbar())
        self.scroll = own_viewport(QScrollArea(self))
        self._viewport = self.scroll.viewport()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAccessibleName("Guide text")
        outer.addWidget(self.scroll, 1)
        self.scroll.setWidget(self._build_page())
        for browser in (self.body, self.questions):
            browser.settled.connect(self._settle_page)
        bar = self.scroll.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrollbar_value_changed)
        bar.rangeChanged.connect(self._on_scrollbar_range_changed)
        bar.actionTriggered.connect(self._on_scrollbar_action_triggered)

        for standard, extra, slot, what in (
            (QKeySequence.StandardKey.ZoomIn, ["Ctrl++", "Ctrl+="], self.zoom_in,
             "Larger text in the guide"),
            (QKeySequence.StandardKey.ZoomOut, ["Ctrl+-"], self.zoom_out,
             "Smaller text in the guide"),
            (None, ["Ctrl+0"], self.reset_zoom, "The guide's text at its usual size"),
        ):
            # The platform's binding plus the usual ones, each once: a duplicate would
            # make both shortcuts ambiguous and neither would fire.
            keys = QKeySequence.keyBindings(standard) if standard is not None else []
            names = dict.fromkeys([k.toString() for k in keys] + extra)
            for name in names:
                shortcut = QShortcut(QKeySequence(name), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.setWhatsThis(what)
                shortcut.activated.connect(slot)
        self._restyle()
        self._place_once_settled()

    # ----- building -------------------------------------------------------------------

    def _tool(self, text: str, tip: str, *, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setCheckable(checkable)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def _build_toolbar(self) -> QWidget:
        bar = QFrame(self)
        bar.setObjectName("readerToolbar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(SPACING["l"], SPACING["s"], SPACING["l"], SPACING["s"])
        layout.setSpacing(SPACING["xs"])
        layout.addStretch(1)
        self.favourite_button = self._tool("Favourite", "Keep this guide in your favourites",
                                           checkable=True)
        self.favourite_button.toggled.connect(self._on_favourite_button_toggled)
        self.finished_button = self._tool("Mark as read", "Count this guide as read",
                                          checkable=True)
        self.finished_button.toggled.connect(self._on_finished_button_toggled)
        self.zoom_out_button = self._tool("", "Smaller text (Ctrl+-)")
        self.zoom_out_button.setAccessibleName("Smaller text")
        self.zoom_out_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = self._tool("", "Larger text (Ctrl++)")
        self.zoom_in_button.setAccessibleName("Larger text")
        self.zoom_in_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.export_button = self._tool("Export PDF", "Save this guide as a PDF to print or share")
        self.export_button.clicked.connect(self.export_requested)
        for widget in (self.favourite_button, self.finished_button, self.zoom_out_button,
                       self.zoom_in_button, self.export_button):
            layout.addWidget(widget)
        return bar

    def _build_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("readerPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(SPACING["xl"], SPACING["xl"], SPACING["xl"], SPACING["xxl"])
        self.column = QWidget(page)
        column = QVBoxLayout(self.column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING["s"])
        row.addStretch(1)
        row.addWidget(self.column, 100)
        row.addStretch(1)

        self.meta_label = QLabel(self.column)
        self.meta_label.setProperty("role", "small")
        self.title_label = WrappedLabel(parent=self.column, rich=True)
        self.title_label.setProperty("role", "h1")
        self.summary_label = WrappedLabel(parent=self.column, rich=True)
        self.summary_label.setProperty("role", "muted")
        self.body = AutoHeightBrowser(parent=self.column)
        self.body.setAccessibleName("Guide body")
        self.try_heading = QLabel("Try this", self.column)
        self.try_heading.setProperty("role", "h2")
        self.try_intro = WrappedLabel("Pick one. Plan it on the calendar or write about it in "
                                      "your journal.", self.column)
        self.try_intro.setProperty("role", "muted")
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(SPACING["m"])
        self.talk_heading = QLabel("Talk about it", self.column)
        self.talk_heading.setProperty("role", "h2")
        self.questions = AutoHeightBrowser(parent=self.column)
        self.questions.setAccessibleName("Questions to talk about")
        self.end_label = QLabel(self.column)
        self.end_label.setProperty("role", "muted")
        self.end_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        column.addWidget(self.meta_label)
        column.addWidget(self.title_label)
        column.addWidget(self.summary_label)
        column.addSpacing(SPACING["m"])
        column.addWidget(self.body)
        column.addSpacing(SPACING["l"])
        column.addWidget(self.try_heading)
        column.addWidget(self.try_intro)
        column.addSpacing(SPACING["xs"])
        column.addLayout(self.cards_box)
        column.addSpacing(SPACING["l"])
        column.addWidget(self.talk_heading)
        column.addWidget(self.questions)
        column.addSpacing(SPACING["l"])
        column.addWidget(self.end_label)
        column.addStretch(1)
        self.exercise_cards: list[ExerciseCard] = []
        return page

    # ----- public ---------------------------------------------------------------------

    def show_guide(self, guide: Guide, progress: ReadingProgress, *, terms=(),
                   scroll_fraction: float | None = None) -> None:
        """Show `guide`; restore `scroll_fraction` (0..1) of the way down once laid out."""
        self.guide = guide
        self._end_reported = progress.finished
        tags = " · ".join(guide.tags)
        self.meta_label.setText(f"{guide.minutes} MIN READ  ·  {tags.upper()}")
        # Converted once per guide; each zoom step only restyles it (in _apply_zoom, which
        # also puts it in place below).
        self._body_html = body_html(guide)
        self._questions_html = questions_html(guide)
        for card in self.exercise_cards:
            self.cards_box.removeWidget(card)
            card.deleteLater()
        self.exercise_cards = []
        # The progress first: it refreshes the icons of the cards there are, and a new card
        # paints its own. Each card starts at the text size, so _apply_zoom sets no text anew.
        self.set_progress(progress)
        for exercise in guide.exercises:
            card = ExerciseCard(exercise=exercise, point_size=self._base_point_size(),
                                parent=self.column)
            card.activated.connect(self.exercise_activated)
            self.cards_box.addWidget(card)
            self.exercise_cards.append(card)
        self._apply_zoom()
        self._pending_fraction = scroll_fraction if scroll_fraction is not None else 0.0
        self.scroll.verticalScrollBar().setValue(0)
        self.set_highlight(terms)
        self._apply_pending_scroll()

    def set_progress(self, progress: ReadingProgress) -> None:
        for button, value in ((self.favourite_button, progress.favourite),
                              (self.finished_button, progress.finished)):
            button.blockSignals(True)
            button.setChecked(value)
            button.blockSignals(False)
        self.finished_button.setText("Read" if progress.finished else "Mark as read")
        self.favourite_button.setText("Favourite" if progress.favourite else "Add to favourites")
        self.end_label.setText("You have read this guide. Try one thing this week."
                               if progress.finished else "")
        self._end_reported = self._end_reported or progress.finished
        self._refresh_icons()

    def set_highlight(self, terms) -> None:
        """Mark search words in the guide and bring the first one into view."""
        self._terms = tuple(terms)
        mark = self._mark_colour()
        if self.guide is not None:
            self.title_label.setText(highlighted_html(self.guide.title, self._terms,
                                                      mark=mark.name()))
        first = self.body.highlight(self._terms, mark)
        self.questions.highlight(self._terms, mark)
        for card in self.exercise_cards:
            card.set_highlight(self._terms, mark.name())
        if first is not None:
            self._pending_fraction = None
            self.scroll.widget().adjustSize()
            rect = self.body.cursorRect(first)
            point = self.body.mapTo(self.scroll.widget(), QPoint(rect.left(), rect.top()))
            self.scroll.ensureVisible(point.x(), point.y(), 0, self._viewport.height() // 3)

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = max(ZOOM_MIN, min(ZOOM_MAX, int(steps)))
        if steps == self._zoom:
            return
        fraction = self.scroll_fraction()
        self._zoom = steps
        self._apply_zoom()
        self._pending_fraction = fraction
        self._apply_pending_scroll()
        self.zoom_changed.emit(steps)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def reset_zoom(self) -> None:
        self.set_zoom(0)

    def scroll_fraction(self) -> float:
        """How far down the guide the view is, 0 (top) to 1 (end)."""
        if self._pending_fraction is not None:
            return self._pending_fraction
        bar = self.scroll.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def scroll_to_end(self) -> None:
        self._pending_fraction = None
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())

    # ----- styling --------------------------------------------------------------------

    def _base_point_size(self) -> float:
        return self.font().pointSizeF() * zoom_factor(self._zoom) * 1.08

    def _apply_zoom(self) -> None:
        base = self._base_point_size()
        colors = ReaderColors.from_palette(self.palette())
        css = document_css(colors, base)
        font = QFont(self.font())
        font.setPointSizeF(base)
        for browser in (self.body, self.questions):
            browser.document().setDefaultStyleSheet(css)
            browser.document().setDefaultFont(font)
        if self.guide is not None:
            self.body.setHtml(self._body_html)
            self.questions.setHtml(self._questions_html)
            self.set_highlight_quietly()
        for card in self.exercise_cards:
            card.set_text_size(base)
        self._render_summary()
        measure = QFontMetrics(font).averageCharWidth() * LINE_CHARS
        self.column.setMaximumWidth(max(420, measure))
        self.zoom_out_button.setEnabled(self._zoom > ZOOM_MIN)
        self.zoom_in_button.setEnabled(self._zoom < ZOOM_MAX)

    def set_highlight_quietly(self) -> None:
        """Re-apply search marks after the text was re-rendered, without scrolling."""
        mark = self._mark_colour()
        self.body.highlight(self._terms, mark)
        self.questions.highlight(self._terms, mark)

    def _render_summary(self) -> None:
        if self.guide is None:
            return
        size = self._base_point_size() * 1.08
        self.summary_label.setText(f"<span style='font-size:{size:.1f}pt'>"
                                   f"{escape_html(self.guide.summary)}</span>")

    def _mark_colour(self):
        return blend(self.palette().color(QPalette.ColorRole.Highlight),
                     self.palette().color(QPalette.ColorRole.Base), 0.35)

    def _restyle(self) -> None:
        if self._restyling:
            return
        self._restyling = True
        try:
            page = self.scroll.widget()
            page.setAutoFillBackground(True)
            page.setBackgroundRole(QPalette.ColorRole.Base)
            self._viewport.setBackgroundRole(QPalette.ColorRole.Base)
            self._apply_zoom()
            self._refresh_icons()
        finally:
            self._restyling = False

    def _refresh_icons(self) -> None:
        favourite = self.favourite_button.isChecked()
        self.favourite_button.setIcon(icons.icon("star-filled" if favourite else "star",
                                                 accent=favourite))
        finished = self.finished_button.isChecked()
        self.finished_button.setIcon(icons.icon("check" if finished else "circle",
                                                accent=finished))
        self.zoom_in_button.setIcon(icons.icon("zoom-in"))
        self.zoom_out_button.setIcon(icons.icon("zoom-out"))
        self.export_button.setIcon(icons.icon("pdf"))
        for card in self.exercise_cards:
            card.refresh_icons()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._restyle()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.size().width() != event.oldSize().width():
            self._place_once_settled()
        super().resizeEvent(event)

    def _place_once_settled(self) -> None:
        """While the window is not on screen yet (being shown, say) its layouts hand the
        reader a few sizes before the last: place the page once, for the size it ends up
        with, before the first paint (a zero timer runs before the window's first paint)."""
        layout = self.layout()
        if layout.isEnabled() and not self.window().testAttribute(Qt.WidgetAttribute.WA_Mapped):
            layout.setEnabled(False)
            QTimer.singleShot(0, self, self._settle_size)

    def _settle_size(self) -> None:
        layout = self.layout()
        layout.setEnabled(True)
        layout.activate()
        for browser in (self.body, self.questions):
            browser.fit_width()
        self._settle_page()

    def _settle_page(self) -> None:
        """Lay the page out now for a text block's new height, before the first paint,
        rather than once the layout requests that height posted come round."""
        self.column.layout().activate()
        page = self.scroll.widget()
        page.layout().activate()
        QCoreApplication.sendEvent(self.scroll, QEvent(QEvent.Type.LayoutRequest))
        self._apply_pending_scroll()

    # ----- scrolling ------------------------------------------------------------------

    def _apply_pending_scroll(self) -> None:
        bar = self.scroll.verticalScrollBar()
        if self._pending_fraction is not None and bar.maximum() > 0:
            bar.setValue(round(self._pending_fraction * bar.maximum()))

    def _on_scrollbar_range_changed(self, _minimum: int, _maximum: int) -> None:
        # The page settles over several layout passes; keep the restored place meanwhile.
        self._apply_pending_scroll()

    def _on_scrollbar_action_triggered(self, action: int) -> None:
        if action != QAbstractSlider.SliderAction.SliderNoAction.value:
            self._pending_fraction = None

    def _on_scrollbar_value_changed(self, value: int) -> None:
        bar = self.scroll.verticalScrollBar()
        if (self.guide is not None and not self._end_reported and self._pending_fraction is None
                and bar.maximum() > 0 and value >= bar.maximum() - END_TOLERANCE_PX):
            self._end_reported = True
            self.reached_end.emit(self.guide.id)

    def _on_favourite_button_toggled(self, checked: bool) -> None:
        self.favourite_toggled.emit(checked)

    def _on_finished_button_toggled(self, checked: bool) -> None:
        self.finished_toggled.emit(checked)


