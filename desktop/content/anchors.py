"""Names for the block or row of a page that a search hit points at.

The builder stores one with every searchable text; the page that shows the text
finds it by the same name. Rows are named by kind and source position, which the
monograph keeps in order, so no display text is ever matched.
"""

TEXT = "text"  # a section as a whole: the headings of its blocks
BLOCK = "block"  # a paragraph, list, table or note of a section
DOSE = "dose"
FACT = "fact"
SIDE_EFFECT = "side_effect"
INTERACTION = "interaction"
PRECAUTION = "precaution"
ROW_KINDS = (BLOCK, DOSE, FACT, SIDE_EFFECT, INTERACTION, PRECAUTION)


def row(kind: str, position: int) -> str:
    """The anchor of row `position` (0-based, in source order) of `kind`."""
    return f"{kind}-{position}"


def position(anchor: str, kind: str) -> int | None:
    """The row position `anchor` names if it is a `kind` row, else None."""
    prefix = f"{kind}-"
    rest = anchor.removeprefix(prefix)
    return int(rest) if anchor.startswith(prefix) and rest.isdigit() else None
