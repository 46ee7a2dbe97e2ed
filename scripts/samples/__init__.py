"""Made-up sample data for screenshots: one module per area with `seed` and `prepare`."""
