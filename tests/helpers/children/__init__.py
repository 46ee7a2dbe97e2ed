"""Programs the data-safety tests run as separate processes (to kill them or limit them)."""
