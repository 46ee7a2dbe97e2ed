"""Start-up pays only for what the first painted screen shows.

A child process opens the real window (offscreen) on a data folder, notes which modules
are loaded when the first paint happens and again once the window has built every tab.
Nothing here measures time; the benchmark (bench/run.py) does that.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

CHILD = r"""
import json, runpy, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

seen = {}

class Watch(QObject):
    def eventFilter(self, watched, event):
        if "painted" not in seen and event.type() == QEvent.Type.Paint \
                and watched.isWidgetType() and watched.window().isVisible():
            seen["painted"] = sorted(sys.modules)
            window = watched.window()
            window.all_tabs_built.connect(lambda: QTimer.singleShot(0, finish))
        return False

def finish():
    seen["complete"] = sorted(sys.modules)
    print(json.dumps(seen))
    QApplication.quit()

original_exec = QApplication.exec

def exec_watched(*_args):
    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    return original_exec()

QApplication.exec = exec_watched
sys.argv = ["hearth", "--data-dir", sys.argv[1]]
runpy.run_module("ui", run_name="__main__")
"""

# Loaded by tabs, dialogs and features that are not on screen when the window first paints.
NOT_BEFORE_FIRST_PAINT = (
    "ui.calendar.tab", "ui.journal.tab", "ui.guides.reader", "ui.guides.blocks", "ui.guides.cards",
    "ui.guides.export", "ui.backup_dialog", "app.safety.backup", "app.journal.session",
    "app.services.calendar", "app.commands.safety", "markdown", "icalendar", "dateutil",
    "fpdf", "sqlcipher3", "playhouse.migrate", "PySide6.QtNetwork", "PySide6.QtPrintSupport",
    # A data folder with no journal lists none, so it needs none of the journal's values.
    "app.journal.types",
    # Hearth's style (a QStyle subclass) changes only dialogs; it follows the first paint.
    "ui.style",
    # A guide names its ideas' categories (app.content.categories), not the decks.
    "app.content.decks",
    # The guides' headers come parsed (app.content.guide_headers); TOML is for the decks.
    "tomllib",
    # Opening a data folder marks it closed to outputs (app.data_folders); the output
    # checks themselves load with the first export.
    "app.output_file",
    # A data folder whose registry has nothing to settle asks so in plain SQL: neither the
    # registry's models nor what announces and adopts journal files.
    "app.journal.registry.files", "app.journal.registry.rows", "app.models.journal_registry",
    # Text goes into rich text through app.text.escape_html: the html package would bring
    # its table of named entities into every start.
    "html", "html.entities",
    # The menus' contents (File > Back up now among them) are made once the window shows.
    "ui.backup_actions",
)


def modules_at_start(data_dir: Path, last_tab: int | None = None,
                     more_settings: str = "") -> dict[str, list[str]]:
    if last_tab is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "settings.ini").write_text(f"[window]\nlast_tab={last_tab}\n{more_settings}")
    result = subprocess.run([sys.executable, "-c", CHILD, str(data_dir)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def guides_start(tmp_path_factory):
    folder = tmp_path_factory.mktemp("start") / "data"
    modules_at_start(folder)  # the first start creates the databases
    return modules_at_start(folder)


def test_the_first_paint_waits_for_none_of_the_hidden_features(guides_start):
    painted = set(guides_start["painted"])
    assert "ui.guides.tab" in painted
    assert sorted(painted.intersection(NOT_BEFORE_FIRST_PAINT)) == []


def test_the_rest_loads_once_the_window_is_up(guides_start):
    complete = set(guides_start["complete"])
    for name in ("ui.calendar.tab", "ui.journal.tab", "PySide6.QtNetwork"):
        assert name in complete  # the other tabs, and the server a second launch knocks on


# What converting Markdown stands on; a guide's body comes stored as HTML instead.
MARKDOWN_STACK = ("markdown", "xml.etree.ElementTree", "pyexpat", "html.parser",
                  "app.journal.export", "ui.guides.export", "ui.guides.cards")


def test_a_window_that_opens_on_a_guide_shows_it_without_converting_markdown(tmp_path):
    folder = tmp_path / "data"
    modules_at_start(folder)  # the first start creates the databases
    painted = set(modules_at_start(folder, last_tab=0, more_settings=(
        "[guides]\nlast_page=what-is-emotional-intimacy\n"))["painted"])
    assert "ui.guides.reader" in painted
    # An exercise names its category (app.content.categories): no deck, no TOML.
    hidden = {"ui.calendar.tab", "ui.journal.tab", "app.content.decks", "tomllib",
              *MARKDOWN_STACK}
    assert sorted(painted & hidden) == []


def test_a_window_that_opens_on_the_calendar_loads_neither_other_tab_nor_its_dialogs(
        tmp_path):
    painted = set(modules_at_start(tmp_path / "data", last_tab=1)["painted"])
    assert "ui.calendar.tab" in painted
    hidden = {"ui.journal.tab", "ui.guides.tab", "ui.calendar.activity_dialog",
              "ui.calendar.ideas", "ui.calendar.outcome_dialog", "ui.calendar.scope_dialog",
              "ui.calendar.ics_tasks", "app.calendar.ics", "icalendar",
              # No sync account is set up: no sync line, runner or status to load.
              "ui.calendar.sync_actions", "ui.calendar.sync_bar", "ui.calendar.sync_runner",
              "app.sync.account", "app.sync.status", "app.sync.state", "app.sync.conflicts",
              "app.sync.merge", "app.models.sync",
              # An empty month needs no repeat rules, no checks of what is entered, no
              # calendar file merge, no ideas deck, and no find field (hidden until asked).
              "dateutil", "app.calendar.series", "app.calendar.rules", "app.calendar.rule_checks",
              "app.calendar.rule_parts", "app.calendar.types", "app.calendar.store",
              "app.calendar.importing",
              "app.content.decks", "app.services.ideas", "ui.calendar.find",
              # Nothing planned today or coming up: the side's lists are not built yet.
              "ui.calendar.plan_list", "ui.calendar.delegates", "ui.calendar.models",
              # Nor, with no plans to place in time, the zone database; reading the month
              # and its reminders needs no Peewee models of the calendar.
              "zoneinfo", "app.calendar.reminder_store", "app.models.calendar",
              # The months either side are read on a worker once the month is on screen.
              "ui.background",
              # A plan's menu, its dialog and its outcome load what only they use: the
              # menu itself, the link to a journal entry and the overlap warning.
              "ui.calendar.journal_links", "ui.calendar.overlaps", "ui.calendar.plan_menu",
              # No reminder missed, no past plan waiting: no notice, so no notices' card.
              "ui.calendar.notice_bars", "ui.calendar.banner"}
    assert sorted(painted & hidden) == []


def test_a_locked_journal_opens_without_its_export_or_the_backups(tmp_path):
    from app.context import open_app
    from app.services import journal

    folder = tmp_path / "data"
    context = open_app(folder)
    try:
        journal.create_journal(context, "Ours", "a long enough passphrase")
    finally:
        context.close()
    painted = set(modules_at_start(folder, last_tab=2)["painted"])
    assert "ui.journal.lock" in painted
    hidden = {"ui.guides.tab", "ui.calendar.tab", "app.journal.export", "app.safety.backup",
              "fpdf", "markdown", "ui.style",
              # The workspace is built on unlock, not behind the lock screen.
              "ui.journal.workspace", "ui.journal.editor", "ui.journal.sidebar",
              "ui.journal.stats", "ui.journal.dialogs", "ui.journal.rewriting",
              # Nor the pages it does not show: the welcome page makes a new journal.
              "ui.journal.welcome", "ui.journal.chooser", "ui.journal.busy",
              # Nor what opens, serves or manages a journal: the lock screen only lists
              # journals (app.journal.registry.rows) and shows one.
              "app.journal.session", "app.journal.types", "app.journal.registry.journals",
              "app.journal.registry.keyslots", "app.journal.keys.slots",
              "app.journal.keys.file", "app.journal.keys.recovery",
              "app.journal.attachments", "app.journal.photo_metadata",
              "app.journal.memories", "app.journal.search", "app.migrations.journal",
              "ui.journal.opening", "ui.journal.unlocking", "ui.background",
              "ui.journal.idle",
              "ui.journal.manage", "ui.journal.exporting", "ui.journal.journal_dialogs",
              # Nor the recovery kit's state: only the Journal menu shows it.
              "app.journal.registry.kits"}
    assert sorted(painted & hidden) == []


def _calendar_at_first_paint(folder: Path, plans) -> dict:
    """Start on the Calendar tab with `plans` stored; what its month held when the window
    first painted (today's titles), and the modules loaded by then."""
    from app.context import open_app
    from app.services import calendar as cal

    context = open_app(folder)
    try:
        for plan in plans:
            cal.create_activity(plan)
    finally:
        context.close()
    (folder / "settings.ini").write_text("[window]\nlast_tab=1\n")
    child = CHILD.replace(
        'seen["painted"] = sorted(sys.modules)',
        'seen["painted"] = sorted(sys.modules)\n'
        '            import datetime\n'
        '            tab = watched.window().built_tab("calendar")\n'
        '            seen["today"] = [e.title for e in\n'
        '                             tab.month_view.entries_on(datetime.date.today())]')
    result = subprocess.run([sys.executable, "-c", child, str(folder)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_month_of_one_off_plans_paints_them_without_reading_any_repeat_rule(tmp_path):
    import datetime as dt

    from app.services import calendar as cal

    today = dt.datetime.combine(dt.date.today(), dt.time(23, 0))
    seen = _calendar_at_first_paint(tmp_path / "data", [
        cal.ActivityInput(title="Picnic", start=today, duration_minutes=30)])
    assert seen["today"] == ["Picnic"]
    assert sorted(set(seen["painted"]) & {"dateutil", "app.calendar.series",
                                          "app.calendar.rules"}) == []


def test_a_month_with_a_repeating_plan_paints_its_times_in_the_first_frame(tmp_path):
    import datetime as dt

    from app.services import calendar as cal

    today = dt.datetime.combine(dt.date.today(), dt.time(23, 0))
    seen = _calendar_at_first_paint(tmp_path / "data", [
        cal.ActivityInput(title="Date night", start=today - dt.timedelta(weeks=3),
                          duration_minutes=30, rrule="FREQ=WEEKLY")])
    assert seen["today"] == ["Date night"]
