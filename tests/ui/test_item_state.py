"""A view's item state read from the view: what option.state would say, without QStyle."""

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QListView, QStyledItemDelegate

from ui.item_state import ItemState, item_state
from ui.viewports import own_viewport


class Recording(QStyledItemDelegate):
    def __init__(self, parent):
        super().__init__(parent)
        self.seen = {}

    def paint(self, painter, option, index):
        # Both ways of asking, side by side: the view's answer must match Qt's own.
        from PySide6.QtWidgets import QStyle

        flags = QStyle.StateFlag
        qt = ItemState(bool(option.state & flags.State_Selected),
                       bool(option.state & flags.State_MouseOver),
                       bool(option.state & flags.State_HasFocus))
        self.seen[index.row()] = (item_state(option, index), qt)
        super().paint(painter, option, index)


def test_selection_and_focus_match_what_qt_puts_in_the_option(qtbot):
    view = own_viewport(QListView())
    qtbot.addWidget(view)
    view.setModel(QStringListModel(["one", "two", "three"]))
    delegate = Recording(view)
    view.setItemDelegate(delegate)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    delegate.seen.clear()
    view.grab()  # paints every row through the delegate
    assert delegate.seen, "the view painted its rows"
    for row, (ours, qt) in delegate.seen.items():
        assert (ours.selected, ours.focused) == (qt.selected, qt.focused), row
    assert delegate.seen[1][0].selected and not delegate.seen[0][0].selected


def test_an_option_without_a_view_has_no_state():
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QStyleOptionViewItem

    assert item_state(QStyleOptionViewItem(), QModelIndex()) == ItemState(False, False, False)


def test_an_own_viewport_keeps_the_scroll_area_working(qtbot):
    from PySide6.QtWidgets import QLabel, QScrollArea

    area = own_viewport(QScrollArea())
    qtbot.addWidget(area)
    label = QLabel("inside")
    area.setWidget(label)
    area.show()
    qtbot.waitExposed(area)
    assert label.parent() is area.viewport()
    assert label.isVisible()
