"""A seeded random run of two partners and a phone editing one shared calendar, with
faults (replies lost, bodies cut, connections refused) and server restarts, checked at
the end: everyone converged on the server, no UID twice, and every write either present,
replaced by a later write, deleted, or in a conflict list."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

from app.models.sync import SyncConflict
from app.sync import errors
from tests.helpers.caldav_servers import USERS
from tests.helpers.fault_proxy import FaultProxy
from tests.helpers.sync import Partner, Phone, plan, server_items

FIELDS = ("title", "location", "notes")


@dataclass
class Ledger:
    writes: list[tuple[int, str, str, str]] = field(default_factory=list)  # step, uid, field, value
    deletes: dict[str, int] = field(default_factory=dict)


def run(tmp_path, server, shared_url: str, *, seed: int, steps: int) -> dict:
    rng = random.Random(seed)
    proxy = FaultProxy(server.port)
    partners = [Partner(tmp_path / "alice", proxy.url_for(shared_url), "alice",
                        USERS["alice"]),
                Partner(tmp_path / "bob", shared_url, "bob", USERS["bob"])]
    phone = Phone(shared_url, "alice", USERS["alice"])
    ledger = Ledger()
    counter = 0
    try:
        for step in range(steps):
            roll = rng.random()
            who = rng.choice(partners)
            known = sorted(who.items())
            if roll < 0.2 or not known:
                counter += 1
                uid = who.add(plan(f"Plan {counter}", day=rng.randint(1, 28),
                                   rrule=rng.choice([None, None, "FREQ=WEEKLY"])))
                ledger.writes.append((step, uid, "title", f"Plan {counter}"))
            elif roll < 0.45:
                uid = rng.choice(known)
                name = rng.choice(FIELDS)
                value = f"{name} {step}"
                who.edit(uid, **{name: value})
                ledger.writes.append((step, uid, name, value))
            elif roll < 0.5:
                uid = rng.choice(known)
                who.delete(uid)
                ledger.deletes.setdefault(uid, step)
            elif roll < 0.58:
                on_server = sorted(server_items(shared_url, "alice", USERS["alice"]))
                if on_server:
                    uid = rng.choice(on_server)
                    value = f"phone {step}"
                    phone.set(uid, "SUMMARY", value)
                    ledger.writes.append((step, uid, "title", value))
            elif roll < 0.62:
                server.stop()
                server.start()
            else:
                if who is partners[0] and rng.random() < 0.3:
                    fault = rng.choice(["swallow", "cut", "refuse"])
                    if fault == "refuse":
                        proxy.refuse()
                    else:
                        proxy.on(rng.choice(["PUT", "DELETE", "REPORT"]), fault)
                try:
                    who.sync(confirm_deletes=True)
                except errors.SyncError:
                    pass
                if proxy._listener is None:
                    proxy.accept()
        proxy.rules.clear()
        for _round in range(3):
            for partner in partners:
                partner.sync(confirm_deletes=True)
        return _check(partners, shared_url, ledger)
    finally:
        proxy.close()


def _check(partners, shared_url, ledger: Ledger) -> dict:
    server = server_items(shared_url, "alice", USERS["alice"])
    duplicates = [uid for uid, copies in server.items() if len(copies) > 1]
    assert not duplicates, f"UIDs on the server twice: {duplicates}"
    final = {uid: copies[0] for uid, copies in server.items()}
    for partner in partners:
        assert partner.items() == final, f"{partner.user} did not converge"
    conflicted = set()
    for partner in partners:
        for row in partner.call(lambda: list(SyncConflict.select())):
            for value in (row.local_value, row.server_value):
                conflicted.add((row.uid, row.field, json.loads(value)))
    for step, uid, name, value in ledger.writes:
        later = any(s > step and u == uid and n == name for s, u, n, _v in ledger.writes)
        if uid not in final:
            assert uid in ledger.deletes, f"write of step {step} vanished without a delete"
            continue
        assert (final[uid].get(name) == value or later or (uid, name, value) in conflicted
                or uid in ledger.deletes), f"write of step {step} ({name}={value!r}) lost"
    return {"plans": len(final), "writes": len(ledger.writes),
            "deletes": len(ledger.deletes), "conflicts": len(conflicted),
            "checked_at": dt.datetime.now().isoformat(timespec="seconds")}
