"""The one error the data layer raises for content it cannot use."""

REINSTALL = "Reinstall Drug Guide or ask IT for a valid content pack."


class ContentError(Exception):
    """A content database that cannot be used; the message says what to do."""


def reason(error: Exception) -> str:
    """An OSError's own words ("Permission denied"), or any other error's message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
