"""One normal form for everything typed, so Unicode variants of a word match it.

NFKC, then full case folding with the Turkish dotted and dotless I folded to i,
with default-ignorable code points (soft hyphen, zero-width characters, bidi
marks) removed: "SEİZURES", "se\u00adizures" and "seizures" are one word.
"""

import re
import unicodedata

# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt).
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
_TURKISH_I = str.maketrans({"\u0130": "i", "\u0131": "i"})
# What case folding makes of a dotted capital I typed as I plus a combining dot.
_DOTTED_SMALL_I = "i\u0307"


def normalize_input(text: str) -> str:
    """`text` in the form every comparison uses."""
    text = unicodedata.normalize("NFKC", _IGNORABLE.sub("", text))
    folded = text.translate(_TURKISH_I).casefold().replace(_DOTTED_SMALL_I, "i")
    return _IGNORABLE.sub("", folded)  # NFKC can map a filler onto another ignorable


def normalize_with_offsets(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`normalize_input(text)`, and for each of its characters the span of `text` it
    came from, so that matches can be reported as spans of what was typed.

    Each base character is normalised together with the combining marks after it.
    """
    if text.isascii():  # the usual case, and one character each way
        return text.lower(), [(index, index + 1) for index in range(len(text))]
    pieces: list[str] = []
    origins: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.combining(text[end]):
            continue
        piece = normalize_input(text[start:end])
        pieces.append(piece)
        origins += [(start, end)] * len(piece)
        start = end
    return "".join(pieces), origins
