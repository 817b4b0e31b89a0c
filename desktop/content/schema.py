"""The vocabulary shared by the content builder and the data layer.

Bump SCHEMA_VERSION whenever a table or column changes, so that an app never
reads a database laid out for another version.
"""

SCHEMA_VERSION = 2

# Tabs of a monograph, in display order: key -> default title.
SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "how_it_works",
    "uses",
    "side_effects",
    "precautions",
    "interactions",
)

# Most urgent first; the order is what "more urgent" means everywhere.
TIERS: tuple[str, ...] = ("emergency", "contact_doctor", "common")
SEVERITIES: tuple[str, ...] = ("major", "moderate", "avoid")
PRECAUTION_KINDS: tuple[str, ...] = ("condition", "situation")

# Overall results that are not tiers: nothing entered, or only unlisted complaints.
NONE = "none"
UNLISTED = "unlisted"

TIER_LABELS = {
    "emergency": "Emergency",
    "contact_doctor": "Contact doctor",
    "common": "Common",
}


def urgency(tier: str) -> int:
    """Higher is more urgent; unknown tiers rank lowest."""
    return len(TIERS) - TIERS.index(tier) if tier in TIERS else 0
