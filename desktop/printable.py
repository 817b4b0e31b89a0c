"""Text made safe to print: a file name holding a new line or an escape code can
neither forge a line of its own ("note: ...") nor colour or clear the terminal.

Every path, and every line of stderr, is passed through `printable` before it is
shown; JSON output escapes control characters itself.
"""

import unicodedata

# Control characters (C0, C1), line and paragraph separators, and format characters
# such as a right-to-left override, which could reorder or hide the text around them.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def printable(text: object) -> str:
    """`text` with each hidden character as a visible escape: \\n, \\x1b, \\u202e."""
    return "".join(_escaped(character) for character in str(text))


def _escaped(character: str) -> str:
    if unicodedata.category(character) in _HIDDEN:
        return character.encode("unicode_escape").decode("ascii")
    return character
