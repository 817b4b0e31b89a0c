"""How much text the symptom checker reads at once (docs/triage.md, "Limits").

A complaint is what one box holds, one argument or one stdin line. Reading is linear
in its length, so this cap bounds the time too; a telephone call's notes fit well
inside it. Nothing is cut short silently: the command line refuses a longer one and
the window keeps the first part, saying so.
"""

MAX_COMPLAINT_CHARS = 4_000


class ComplaintTooLongError(ValueError):
    """A complaint over MAX_COMPLAINT_CHARS characters."""

    def __init__(self, length: int) -> None:
        super().__init__(f"a complaint may hold at most {MAX_COMPLAINT_CHARS:,} characters; "
                         f"this one has {length:,}")


def check_length(text: str) -> str:
    """`text`, or ComplaintTooLongError when it is over the limit."""
    if len(text) > MAX_COMPLAINT_CHARS:
        raise ComplaintTooLongError(len(text))
    return text
