"""Caps on what a content database may hold: the builder refuses sources over them,
and the data layer refuses a file over them.

A pack's digest travels beside it, so a crafted pack can pass verification; these
caps keep any file from costing unbounded time or memory.
"""

# A monograph with its search index and symptom checker is about 0.6 MB, so a guide
# of a thousand drugs (the largest `make bench` measures) is about 0.6 GB.
MAX_FILE_BYTES = 1024 * 1024 * 1024
# A minisign key or signature file; any real one is far smaller.
MAX_KEY_FILE_BYTES = 64 * 1024
MAX_DRUGS = 5_000
# Any one text: a section body, a note, an advice line. The window renders a
# section of this size in well under a second (`make bench`).
MAX_TEXT_CHARS = 1_000_000
# Rows of one kind under one parent: side effects of a drug, terms of a side effect...
MAX_ITEMS = 10_000

# SQLite's own limits for every connection: the longest value (a capped text in
# UTF-8, with room for the search index's records) and the longest statement.
MAX_VALUE_BYTES = 4 * MAX_TEXT_CHARS + 64 * 1024
MAX_SQL_BYTES = 64 * 1024
# Wall-clock budget for any one read; a legitimate query takes milliseconds.
QUERY_SECONDS = 5.0
# Wall-clock budget for opening and trying a whole database (hashing, schema check,
# every drug loaded, a search), growing with its size: a guide of 1,000 drugs
# (0.6 GB) takes about 7 s (`make bench`), so a full-size file has over 3 times that.
TRIAL_SECONDS = 5.0
TRIAL_SECONDS_PER_GIB = 30.0
# All SQLite memory in the app (PRAGMA hard_heap_limit): three full-size databases,
# as while a pack is compared with the bundled one and the best so far, and room to
# read them; past it a read fails as out of memory instead of growing without end.
MAX_HEAP_BYTES = 3 * MAX_FILE_BYTES + 256 * 1024 * 1024
