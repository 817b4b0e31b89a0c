"""The one error the data layer raises for content it cannot use."""

REINSTALL = "Reinstall Drug Guide or ask IT for a valid content pack."


class ContentError(Exception):
    """A content database that cannot be used; the message says what to do."""
