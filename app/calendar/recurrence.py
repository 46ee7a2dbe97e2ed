"""Repeat rules, one import away: the names of the rule modules for callers that want them
all (the tests of rules, scripts).

The work lives in one module per idea: `rule_parts` (the RRULE parts, splitting and
joining), `rule_checks` (the one validation), `until` (the end date as stored and as files
write it), `rule_text` (presets, the editor's spec, plain English) and `series` (expansion).
Time zones are `app.calendar.zones`.
"""

from app.calendar.rule_checks import COUNT_MAX, INTERVAL_MAX, check_rule
from app.calendar.rule_parts import FREQS, WEEKDAY_CODES, RuleError, join_rule, parse_rule
from app.calendar.rule_text import (
    MONTH_NAMES,
    ORDINALS,
    PRESETS,
    WEEKDAY_NAMES,
    RecurrenceSpec,
    describe,
    normalize_rule,
    nth_weekday_of,
    preset_choices,
    preset_of,
    preset_rule,
    rule_to_spec,
    spec_to_rule,
)
from app.calendar.series import Series, series
from app.calendar.until import format_until, localize_until, parse_until, utc_until
from app.calendar.zones import canonical_zone, is_zone, to_zone, zone_info

__all__ = [
    "COUNT_MAX", "FREQS", "INTERVAL_MAX", "MONTH_NAMES", "ORDINALS", "PRESETS",
    "WEEKDAY_CODES", "WEEKDAY_NAMES", "RecurrenceSpec", "RuleError", "Series", "canonical_zone",
    "check_rule", "describe", "format_until", "is_zone", "join_rule", "localize_until",
    "normalize_rule", "nth_weekday_of", "parse_rule", "parse_until", "preset_choices",
    "preset_of", "preset_rule", "rule_to_spec", "series", "spec_to_rule", "to_zone",
    "utc_until", "zone_info",
]
