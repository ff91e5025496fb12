"""The schema and how older files come up to date.

`PRAGMA user_version` holds the schema version; MIGRATIONS bring older files up to date, one
transaction per step, and a file from a newer prepbot is refused rather than downgraded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 3

MIGRATIONS: dict[int, str] = {
    # version reached -> SQL that gets there from the version before
    1: """
        CREATE TABLE interviews (
            id TEXT PRIMARY KEY,
            company TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL,
            persona TEXT,
            minutes REAL,
            categories TEXT NOT NULL DEFAULT '[]',
            question_ids TEXT NOT NULL DEFAULT '[]',
            current INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE answers (
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, question_id)
        );
    """,
    # Each save of an answer bumps its version, so a window can tell that another one saved it.
    2: """
        ALTER TABLE answers ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    """,
    # The candidate's own questions and general note, corrections of flags, sources they read.
    3: """
        ALTER TABLE interviews ADD COLUMN general_note TEXT NOT NULL DEFAULT '';
        ALTER TABLE interviews ADD COLUMN own_questions TEXT NOT NULL DEFAULT '{}';
        CREATE TABLE corrections (
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            flag_id TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            question_id TEXT,
            evidence TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, flag_id)
        );
        CREATE TABLE sources (
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, id)
        );
    """,
}


class MigrationError(Exception):
    """A file that cannot be brought up to date (a read-only data directory); becomes a StoreError."""


def migrate(connection: sqlite3.Connection, version: int, path: Path) -> None:
    """Bring the file from `version` to SCHEMA_VERSION, one step per transaction."""
    for target in range(version + 1, SCHEMA_VERSION + 1):
        try:
            connection.execute("BEGIN IMMEDIATE")
            current = connection.execute("PRAGMA user_version").fetchone()[0]
            if current < target:  # another process may have migrated meanwhile
                # One statement at a time: executescript() would commit our transaction early.
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {target}")
            connection.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
                raise MigrationError(f"cannot set up {path}: the data directory is read-only") from None
            raise
