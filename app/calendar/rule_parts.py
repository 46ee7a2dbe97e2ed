"""The words of a repeat rule: the RRULE parts Hearth knows, and splitting and joining them.

An RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH") is a list of NAME=VALUE parts. The
part names are written here once; what each frequency may use is `rule_checks`' business,
what the editor and the descriptions can show is derived from the sets below.
"""

from __future__ import annotations

import datetime as dt
import re

# The years Hearth handles: starts lie in them, and the dates of rules with an end are
# worked out up to the end of LAST_YEAR at most.
FIRST_YEAR = 1900
LAST_YEAR = 2200
END_OF_RANGE = dt.datetime(LAST_YEAR, 12, 31, 23, 59, 59)

FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Parts any rule may have, whatever its frequency.
GENERAL_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"})
# Parts that would repeat more often than once a day; Hearth refuses them.
SUB_DAY_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
# What the custom-rule editor and the plain descriptions can show.
PLAIN_PARTS = GENERAL_PARTS | {"BYDAY", "BYMONTHDAY", "BYMONTH"}
# Outlook's "the second Tuesday" / "the last weekday" spelling.
SET_POSITION_PARTS = GENERAL_PARTS | {"BYDAY", "BYSETPOS"}
# Parts that only bound a rule: with nothing else, its dates are pure arithmetic.
BOUND_PARTS = frozenset({"FREQ", "INTERVAL", "UNTIL"})
# The order parts are written in; any others follow, sorted.
PART_ORDER = ("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "COUNT",
              "UNTIL")

_PART = re.compile(r"^[A-Z]+$")
NTH_DAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


class RuleError(ValueError):
    """A recurrence rule that cannot be used; the message is fit for a person."""


def parse_rule(rule: str) -> dict[str, str]:
    """Split an RRULE value into upper-case parts; raises RuleError when it is not one."""
    text = (rule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        raise RuleError("The repeat rule is empty.")
    parts: dict[str, str] = {}
    for chunk in text.split(";"):
        if not chunk:
            continue
        name, sep, value = chunk.partition("=")
        name = name.strip().upper()
        if not sep or not _PART.match(name) or not value.strip():
            raise RuleError(f"The repeat rule has a malformed part: {chunk[:40]!r}.")
        if name in parts:
            raise RuleError(f"The repeat rule names {name} twice.")
        parts[name] = value.strip().upper()
    if "FREQ" not in parts:
        raise RuleError("The repeat rule does not say how often (FREQ is missing).")
    return parts


def join_rule(parts: dict[str, str]) -> str:
    """Write parts back as an RRULE value, FREQ first."""
    names = [n for n in PART_ORDER if n in parts] + sorted(n for n in parts
                                                            if n not in PART_ORDER)
    return ";".join(f"{name}={parts[name]}" for name in names)
