"""Saved interviews, in an embedded SQLite database; split by job:

- files.py       the file: opening, recovery of a damaged one, identity (deleted or replaced), errors
- migrations.py  the schema version and the steps from older files
- rows.py        rows <-> Interview, Answer, Correction, Source; whole-record writes
- merge.py       several writers: answers compared-and-swapped, fields and records written one by one
- database.py    Store: reading, and the writes the service calls
"""

from __future__ import annotations

from prepbot.store.database import Store
from prepbot.store.files import DiskFullError, NotFound, StoreError
from prepbot.store.merge import CONFLICT_MARKER, GENERAL_NOTE, Conflict, SaveResult, merge_notes
from prepbot.store.migrations import MIGRATIONS, SCHEMA_VERSION
from prepbot.store.rows import InterviewRow

__all__ = [
    "CONFLICT_MARKER",
    "GENERAL_NOTE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Conflict",
    "DiskFullError",
    "InterviewRow",
    "NotFound",
    "SaveResult",
    "Store",
    "StoreError",
    "merge_notes",
]
