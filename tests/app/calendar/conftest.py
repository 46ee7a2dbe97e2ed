from tests.helpers.calendar import calendar_db as db  # noqa: F401 (a fixture, by name)
