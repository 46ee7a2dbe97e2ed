"""What a Hearth bundle never carries, named once for the spec (which leaves it out) and the
packaging checks (which prove it stayed out)."""

# The real CalDAV servers the tests start on 127.0.0.1, caldav's helpers that start them,
# and Radicale's pkg_resources (whose run-time hook would scan every package on each start).
TEST_ONLY_MODULES = (
    "radicale", "xandikos", "caldav.testing", "pkg_resources", "setuptools",
)
