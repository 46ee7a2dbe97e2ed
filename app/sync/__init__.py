"""Two-way sync of the calendar with a CalDAV server (off unless an account is set up).

account: the server account and its settings; secret: its password; transport: HTTP
requests and their failures in words; discovery: finding and making calendars; mapping:
activities as VEVENTs; merge: three-way field merge; state: the sync rows; engine: one
sync; lock: one sync at a time.
"""
