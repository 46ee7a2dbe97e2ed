"""Sample reading progress for the Guides screenshot: a few guides read, two favourites."""

from __future__ import annotations

import datetime
import random

from app.services.guides import GuidesService

READ = ["what-is-emotional-intimacy", "trust-and-vulnerability", "empathy-and-understanding"]
FAVOURITES = ["trust-and-vulnerability", "communication-that-connects"]
STARTED = ["communication-that-connects", "repair-after-an-argument"]
OPEN_GUIDE = "communication-that-connects"


def seed(context) -> None:
    """Read three guides over the last fortnight, star two, draw a few cards."""
    now = datetime.datetime.now().replace(hour=21, minute=0, second=0, microsecond=0)
    moments = iter(now - datetime.timedelta(days=days) for days in (14, 11, 9, 6, 3, 1, 1))
    service = GuidesService(db=context.db, clock=lambda: next(moments, now),
                            rng=random.Random(4))
    for guide_id in READ:
        service.mark_opened(guide_id)
        service.set_finished(guide_id)
    for guide_id in STARTED:
        service.mark_opened(guide_id)
    for guide_id in FAVOURITES:
        service.set_favourite(guide_id, True)
    drawn = [service.draw_card() for _ in range(4)]
    service.set_question_favourite(drawn[1].id, True)


def prepare(window) -> None:
    """Open a guide at its top, as if just picked from the list."""
    tab = window.guides_tab
    tab.reload()
    tab.open_guide(OPEN_GUIDE)
    tab.reader.scroll.verticalScrollBar().setValue(0)
    tab.list_view.scrollToTop()
    tab.list_view.setFocus()
