"""A digest of every content row, so a damaged or half-written file is caught.

The builder stores the digest in `meta`; the data layer recomputes it on open.
"""

import hashlib
import json
import sqlite3

from desktop.content.schema import CONTENT_TABLES


def content_digest(conn: sqlite3.Connection) -> str:
    digest = hashlib.sha256()
    for table in CONTENT_TABLES:
        digest.update(table.encode())
        for row in conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid"):
            digest.update(json.dumps(row, ensure_ascii=False).encode())
    return digest.hexdigest()
