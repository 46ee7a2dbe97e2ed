"""One sync of the calendar with its server: pull, merge, push.

Pull: ask what changed since the saved sync token (or list every ETag), read the changed
resources, merge each with the local plan against the base copy last agreed, and store
the result together with the new token in one transaction. A sync that would delete more
than MASS_DELETE_MAX plans here, or that would leave the server with none of the plans
Hearth synced there (a calendar suddenly empty), stops before changing anything unless the
deletes are confirmed.

Push: send every local change with a condition: create with `If-None-Match: *` at an
href made from the UID (so a create whose reply was lost is found again, never doubled),
update and delete with `If-Match`. An update is written over the server's last text of
the resource (`keep`), so what other calendar apps put there stays. A 412 means the
server changed meanwhile: read it, merge, and try again; a 404 on delete is done; an
edit beats a delete on either side.
Each write's outcome is committed as soon as the server answered, so an interrupted
sync (a quit, a lost network, a server restart) resumes where it stopped.

Counts: `sent` writes made on the server, `received` plans created or changed here,
`deleted` plans deleted on either side, `conflicts` fields changed in two places.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from app.instance_lock import InstanceLock
from app.models.base import shared_db
from app.paths import SYNC_LOCK_NAME
from app.services import calendar as service
from app.sync import account as accounts
from app.sync import errors, keep, mapping, state
from app.sync.merge import merge
from app.sync.remote import Collection, PreconditionFailed
from app.sync.transport import Transport

log = logging.getLogger(__name__)

MASS_DELETE_MAX = 5
RETRIES = 4


@dataclass(frozen=True)
class SyncResult:
    sent: int = 0
    received: int = 0
    deleted: int = 0
    conflicts: int = 0
    skipped: tuple[str, ...] = field(default=())
    requests: int = 0
    notes: tuple[str, ...] = field(default=())

    def text(self) -> str:
        return (f"sent {self.sent}, received {self.received}, deleted {self.deleted}, "
                f"conflicts {self.conflicts}")


def sync_lock(data_dir: Path) -> InstanceLock:
    return InstanceLock(data_dir, name=SYNC_LOCK_NAME, busy_error=errors.Busy,
                        busy_message="A sync of this calendar is already running.")


def run(data_dir: Path, password: str, *, confirm_deletes: bool = False,
        transport_factory=Transport) -> SyncResult:
    """One whole sync of the set-up account (the shared database must be open)."""
    account = accounts.load()
    if account is None:
        raise errors.NotSetUp("Calendar sync is not set up.")
    if not account.enabled:
        raise errors.NotSetUp("Calendar sync is turned off.")
    with sync_lock(data_dir):
        transport = transport_factory(account.calendar_url, account.username, password,
                                      auth_type=account.auth_type)
        with shared_db.atomic():
            calendar = state.calendar_row(account.calendar_url)
        sync = _Sync(Collection(transport, account.calendar_url), calendar,
                     reminders=account.share_reminders, confirm_deletes=confirm_deletes)
        try:
            sync.pull()
            sync.push()
            sync.settle_token()
            with shared_db.atomic():
                state.drop_settled_conflicts(calendar)
        except errors.SyncError as exc:
            _record(calendar.id, error=exc.message)
            raise
        finally:
            transport.close()
        result = sync.result(transport.requests)
        _record(calendar.id, result=result.text())
        log.info("synced: %s (%s requests)", result.text(), transport.requests)
        return result


def _record(calendar_id: int, *, result: str | None = None, error: str = "") -> None:
    from app.models.sync import SyncCalendar

    values: dict = {"last_error": error}
    if result is not None:
        values.update(last_result=result, last_sync_at=state.now_text())
    with shared_db.atomic():
        SyncCalendar.update(**values).where(SyncCalendar.id == calendar_id).execute()


class _Sync:
    def __init__(self, collection: Collection, calendar, *, reminders: bool,
                 confirm_deletes: bool):
        self.collection = collection
        self.calendar = calendar
        self.reminders = reminders
        self.confirm_deletes = confirm_deletes
        self.sent = self.received = self.deleted = self.conflicts = 0
        self.wrote = False
        self.skipped: list[str] = []
        self.notes: list[str] = []  # events taken in part, said once when they arrive

    def result(self, requests: int) -> SyncResult:
        return SyncResult(self.sent, self.received, self.deleted, self.conflicts,
                          tuple(self.skipped), requests, tuple(self.notes))

    def _local_item(self, local: state.Local):
        snapshot = service.snapshot_activity(local.id)
        return snapshot, mapping.from_snapshot(snapshot, reminders=self.reminders)

    def _read(self, href: str, text: str) -> tuple[str, dict]:
        name = f'The event at {href.rsplit("/", 1)[-1][:60]}'
        return mapping.read_resource(text, name=name, reminders=self.reminders,
                                     notes=self.notes)

    # ----------------------------------------------------------------- pull

    def pull(self) -> None:
        changes = self.collection.changes(self.calendar.sync_token)
        rows = state.items(self.calendar)
        local = state.local_activities()
        wanted = [href for href, etag in changes.changed.items()
                  if href not in rows or etag is None or rows[href].etag != etag]
        if changes.full:
            removed = {href for href, row in rows.items()
                       if href not in changes.changed and row.etag is not None}
        else:
            removed = {href for href in changes.removed if href in rows}
        fetched = self.collection.fetch(wanted) if wanted else {}
        deletions: list[tuple[str, state.Local]] = []
        kept: set[str] = set()
        for href in sorted(removed):
            row = rows[href]
            own = local.get(row.uid)
            if own is None or row.skipped:
                continue
            _snapshot, item = self._local_item(own)
            if item != state.base_of(row):
                kept.add(href)  # changed here since: the edit beats the server's delete
            else:
                deletions.append((href, own))
        synced = [row for row in rows.values() if row.etag is not None and row.uid in local
                  and not row.skipped]
        # A server left with none of the plans Hearth synced there (emptied by a phone, a
        # script, a reset or a restore) asks first, however the changes were reported.
        emptied = bool(synced) and all(row.href in removed for row in synced)
        if deletions and not self.confirm_deletes and (len(deletions) > MASS_DELETE_MAX
                                                       or emptied):
            count = len(deletions)
            what = ("The server calendar is suddenly empty" if emptied
                    else "The server's changes")
            raise errors.DeletionGuard(
                f"{what}: syncing would delete {count} plan{'s' if count != 1 else ''} "
                "here. Nothing was deleted; run `hearth sync --confirm-deletes` if that "
                "is what you want.", count=count)
        with shared_db.atomic():
            for href, (etag, text) in sorted(fetched.items()):
                self._take(href, etag, text, rows.get(href))
            for href in sorted(removed):
                row = rows[href]
                if href in kept:
                    state.put(self.calendar, uid=row.uid, href=href, etag=None,
                              base=state.base_of(row), sequence=row.synced_sequence,
                              dirty=True)
                    continue
                state.drop(self.calendar, href)
            for _href, own in deletions:
                service.delete_activity(own.id)
                self.deleted += 1
            self.calendar.sync_token = changes.token
            self.calendar.save()

    def _take(self, href: str, etag: str | None, text: str, row) -> None:
        try:
            uid, server_item = self._read(href, text)
        except mapping.Unreadable as reason:
            self.skipped.append(str(reason))
            uid = row.uid if row is not None else f"?{href}"
            state.put(self.calendar, uid=uid, href=href, etag=etag, base=None,
                      sequence=-1, skipped=str(reason))
            return
        own = state.local_one(uid)
        base = state.base_of(row) if row is not None and row.uid == uid else None
        if own is None:
            if row is not None and row.uid == uid and base is not None \
                    and server_item == base:
                # Deleted here, unchanged there: the delete goes out with the new ETag.
                state.put(self.calendar, uid=uid, href=href, etag=etag, base=base,
                          sequence=row.synced_sequence, tombstone=True, server_text=text)
                return
            self._store(uid, href, etag, server_item, None, text)
            return
        snapshot, local_item = self._local_item(own)
        merged, conflicts = merge(base, local_item, server_item)
        if merged != local_item:
            if not self._apply(uid, href, etag, merged, snapshot):
                return
        if conflicts:
            state.add_conflicts(self.calendar, uid, str(server_item.get("title", "")),
                                conflicts)
            self.conflicts += len(conflicts)
        now = state.local_one(uid)
        state.put(self.calendar, uid=uid, href=href, etag=etag, base=server_item,
                  sequence=now.sequence if now else -1, dirty=merged != server_item,
                  server_text=text)

    def _apply(self, uid: str, href: str, etag, item: dict, snapshot) -> bool:
        """Store `item` here; False (with the reason kept) when Hearth cannot use it."""
        summary = service.import_events([mapping.to_imported(uid, item, snapshot)])
        if summary.skipped:
            self.skipped.extend(summary.skipped)
            state.put(self.calendar, uid=uid, href=href, etag=etag, base=None, sequence=-1,
                      skipped=summary.skipped[0])
            return False
        self.received += 1
        return True

    def _store(self, uid: str, href: str, etag, server_item: dict, snapshot,
               text: str) -> None:
        if self._apply(uid, href, etag, server_item, snapshot):
            now = state.local_one(uid)
            state.put(self.calendar, uid=uid, href=href, etag=etag, base=server_item,
                      sequence=now.sequence if now else -1, server_text=text)

    def settle_token(self) -> None:
        """After writing, move the token past Hearth's own writes, so the next sync does
        not read them back, and so a calendar emptied later is seen as changed (a server
        whose tokens name its contents would otherwise find "no change" since the token
        taken before the writes). Kept only when the server reports nothing but them."""
        if not self.wrote:
            return
        changes = self.collection.changes(self.calendar.sync_token)
        rows = state.items(self.calendar)
        if changes.full or changes.removed - set(rows) != changes.removed:
            return
        if any(href not in rows or rows[href].etag != etag
               for href, etag in changes.changed.items()):
            return
        with shared_db.atomic():
            self.calendar.sync_token = changes.token
            self.calendar.save()

    # ----------------------------------------------------------------- push

    def push(self) -> None:
        rows = {row.uid: row for row in state.items(self.calendar).values()}
        local = state.local_activities()
        for uid, own in sorted(local.items()):
            row = rows.get(uid)
            if row is not None and row.skipped:
                continue
            if (row is None or row.etag is None or row.dirty
                    or row.synced_sequence != own.sequence):
                self._send(uid, own, row)
        for uid, row in sorted(rows.items()):
            if uid not in local and not row.skipped:
                self._remove(row)

    def _send(self, uid: str, own: state.Local, row) -> None:
        snapshot, item = self._local_item(own)
        if row is not None and row.etag is not None and item == state.base_of(row):
            with shared_db.atomic():
                state.put(self.calendar, uid=uid, href=row.href, etag=row.etag,
                          base=item, sequence=own.sequence, server_text=row.server_text)
            return
        if row is None:
            href = self.collection.href_for(mapping.resource_name(uid))
            # Written before the request: should the reply be lost, the next sync finds
            # this href on the server and knows it for the version it sent.
            with shared_db.atomic():
                state.put(self.calendar, uid=uid, href=href, etag=None, base=item,
                          sequence=own.sequence, dirty=True)
            etag = None
        else:
            href, etag = row.href, row.etag
        # The server's text of the version replaced is written over, keeping what Hearth
        # does not show; a create starts from Hearth's fields alone.
        stored = row.server_text if row is not None else None
        if stored is None and etag is not None:
            # Synced before Hearth kept the server's text: read it once, so this write
            # keeps what the other side put there.
            got = self.collection.get(href)
            if got is None:
                etag = None  # deleted on the server meanwhile: the edit makes it again
            elif got[0] == etag:
                stored = state.kept_text(got[1])
            else:
                item, etag, stored = self._merge_server(uid, href, got)
                if item is None:
                    return
        for _attempt in range(RETRIES):
            text = keep.resource_text(uid, item, stored if etag is not None else None,
                                      reminders=self.reminders)
            try:
                written = self.collection.put(href, text, etag=etag)
            except PreconditionFailed:
                got = self.collection.get(href)
                if got is None:
                    etag = None
                    continue
                item, etag, stored = self._merge_server(uid, href, got)
                if item is None:
                    return
                continue
            except FileNotFoundError:
                etag = None  # deleted on the server meanwhile: the edit makes it again
                continue
            now = state.local_one(uid)
            with shared_db.atomic():
                state.put(self.calendar, uid=uid, href=href, etag=written.etag, base=item,
                          sequence=now.sequence if now else own.sequence, server_text=text)
            self.sent += 1
            self.wrote = True
            return
        log.info("a plan kept changing on the server while it was sent; next sync")

    def _merge_server(self, uid: str, href: str, got
                      ) -> tuple[dict | None, str | None, str | None]:
        """After a 412: merge the server's version in. Returns the item still to send,
        the server's ETag and text of it, or Nones when the server already has
        everything."""
        server_etag, text = got
        with shared_db.atomic():
            row = state.items(self.calendar).get(href)
            self._take(href, server_etag, text, row)
        row = state.items(self.calendar).get(href)
        own = state.local_one(uid)
        if row is None or row.skipped or own is None or not row.dirty:
            return None, None, None
        _snapshot, item = self._local_item(own)
        return item, server_etag, row.server_text

    def _remove(self, row) -> None:
        if row.etag is None and row.base is None:
            with shared_db.atomic():
                state.drop(self.calendar, row.href)
            return
        try:
            # A create whose reply never came has no ETag: what is there is Hearth's own.
            self.collection.delete(row.href, etag=row.etag)
        except PreconditionFailed:
            got = self.collection.get(row.href)
            with shared_db.atomic():
                if got is None:
                    state.drop(self.calendar, row.href)
                else:
                    self._take(row.href, got[0], got[1], None)  # the edit there wins
            return
        with shared_db.atomic():
            state.drop(self.calendar, row.href)
        self.deleted += 1
        self.wrote = True
