"""A long session's typing, and the process's resident memory, for the stress tests
and the stress benchmark alike."""

import resource
from pathlib import Path

SEARCH_QUERIES = ["seizures", "half-life", "oxycodone", "kidney", "valium", "blurred vision"]
# "siezure" is a typo, so a warm-up also loads the word list that typo repair uses.
COMPLAINTS = ["dizzy and ", "my ears ring, ", "no chest pain ", "had a fit ", "rash ",
              "a siezure "]
PAGE_SIZE = resource.getpagesize()


def rss_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE_SIZE / 2**20
