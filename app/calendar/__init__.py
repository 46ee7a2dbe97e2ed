"""The calendar core: values, rules, the store, expansion, stats, reminders and .ics files."""
