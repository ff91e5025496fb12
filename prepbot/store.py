"""Saved interviews: an embedded SQLite database in the data directory.

- WAL mode and a busy timeout, so two prepbot processes can write at once without losing either.
- `PRAGMA user_version` holds the schema version; MIGRATIONS bring older files up to date, and a
  file from a newer prepbot is refused rather than downgraded.
- A file that is not a readable database is moved aside with a timestamp (never deleted) and a
  fresh one is started; `recovered_from` says where the old one went.
- The data directory is created 0700 and the database 0600: notes about a company are private.
- Every answer has a version. A save writes an answer only if its stored version is still the one
  this window loaded; when another window saved it meanwhile, both texts are kept (see
  `merge_notes`) and `SaveResult.conflicts` says so.
- The file's identity is remembered at open. If the file is deleted or replaced while prepbot runs
  (a sync client, a cleanup script), the next save opens a database at the path again and writes
  the whole open interview into it (`SaveResult.recreated`).
- Writing fails with `StoreError` (a one-line message), `DiskFullError` when the disk is full;
  nothing in the store ever clears a note held in memory, so the caller can retry. Reading keeps
  working on a full disk.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from prepbot import locations
from prepbot.interview import Answer, Correction, Interview, Source, now_iso

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

CONFLICT_MARKER = "--- also typed in another window ---"


class StoreError(Exception):
    """A one-line, user-facing reason the store cannot be used."""


class NotFound(StoreError):
    """No saved interview matches the id or key given (a wrong id, or deleted meanwhile)."""


class DiskFullError(StoreError):
    """Saving failed because the disk (or the database) is full.

    Nothing was written and nothing in memory was cleared: the UI can say "the disk is full",
    keep the note on screen and call the same save again once space is freed.
    """


@dataclass(frozen=True)
class Conflict:
    """One answer another window saved after this window loaded it.

    `stored_text` is now in the database *and* in this window's `Answer.note` (with the new
    version): the UI should put it back in the editor. It is `merge_notes(other_text, this_text)`
    when this window had changed the note too, or simply `other_text` when it had not.
    """

    question_id: str
    other_text: str  # what the other window had saved
    this_text: str  # what this window tried to save
    stored_text: str  # what is stored now

    @property
    def merged(self) -> bool:
        """Both texts kept, separated by CONFLICT_MARKER (rather than the other text adopted)."""
        return self.stored_text not in (self.other_text, self.this_text)


@dataclass(frozen=True)
class SaveResult:
    """What a save did besides saving, for the UI to tell the user. Falsy fields: nothing to say.

    - `conflicts`: answers another window had saved meanwhile; the Interview passed in already
      holds what was stored (note, status, version), so the UI reloads the note it shows.
    - `recreated`: the database file had been deleted or replaced by another program; a database
      was opened (created) at the path again and the whole interview written into it. Other
      interviews that were only in the old file are not in the new one.
    - `moved_aside`: with `recreated`, where the file found at the path went when it was not a
      readable database (like `Store.recovered_from`), else None.
    - `restored`: the interview had been deleted (from another window) and was written back whole.
    - `message`: one user-facing line summing these up, or None.
    """

    conflicts: tuple[Conflict, ...] = ()
    recreated: bool = False
    restored: bool = False
    path: Path | None = None
    moved_aside: Path | None = None

    @property
    def conflict(self) -> bool:
        return bool(self.conflicts)

    @property
    def other_text(self) -> str | None:
        """The other window's text of the first conflicting answer (the only one for save_answer)."""
        return self.conflicts[0].other_text if self.conflicts else None

    @property
    def message(self) -> str | None:
        parts = []
        if self.recreated:
            parts.append(
                f"the database {self.path} was deleted or replaced by another program; "
                "this interview was saved into a new one there"
            )
        if self.moved_aside:
            parts.append(f"the damaged file found there was moved to {self.moved_aside}")
        if self.restored:
            parts.append("this interview had been deleted in another window; it was saved again")
        if self.conflicts:
            merged = any(c.merged for c in self.conflicts)
            what = "note" if len(self.conflicts) == 1 else f"{len(self.conflicts)} notes"
            parts.append(
                f"another window changed the same {what}; " + ("both texts are kept" if merged else "its text was loaded")
            )
        if not parts:
            return None
        text = "; ".join(parts)
        return text[0].upper() + text[1:]


def merge_notes(other: str, this: str) -> str:
    """Both windows' texts of one note: the other's, the marker line, then this one's.

    No text is repeated: when one contains the other (or is blank) the longer one is kept alone.
    """
    if not other.strip() or other.strip() in this:
        return this
    if not this.strip() or this.strip() in other:
        return other
    return f"{other.rstrip()}\n{CONFLICT_MARKER}\n{this.lstrip()}"


@dataclass(frozen=True)
class InterviewRow:
    """What the home screen and `prepbot sessions list` show, without loading every note."""

    id: str
    company: str
    role: str
    date: str
    persona: str | None
    question_count: int
    answered_count: int
    updated_at: str


class Store:
    """The saved interviews. Every method raises only StoreError (DiskFullError on a full disk).

    Writing methods take the Interview the window holds and return a SaveResult; they update
    that Interview's answers (version, and note/status after a conflict) only once the write has
    been committed, so after an exception the Interview is exactly as it was.
    """

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else locations.database_path()
        self.recovered_from: Path | None = None
        self.read_only_disk_full = False  # opened read-only: the disk was too full to open it normally
        # (interview id, question id) -> (version, note, status) as last loaded or saved here:
        # the base a conflicting save compares against, to tell "changed here" from "stale".
        self._seen: dict[tuple[str, str], tuple[int, str, str]] = {}
        self._moved_aside: Path | None = None  # set when a reopen found a damaged file at the path
        self._connection = self._open()
        self._remember_identity()

    # -- opening

    def _open(self) -> sqlite3.Connection:
        directory = self.path.parent
        try:
            locations.make_private_dir(directory)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {directory}: {exc.strerror or exc}") from None
        held: dict[str, Path] = {}
        try:
            held = self._hold_sidecars()
            try:
                return self._connect()
            except sqlite3.DatabaseError as exc:
                if _is_corruption(exc):
                    self._move_aside(held)
                    return self._connect()
                if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
                    raise StoreError(f"cannot open {self.path}: the database or its folder is read-only") from None
                if _is_disk_full(exc) or _no_space_left(directory):
                    return self._connect_read_only(exc)
                raise StoreError(f"cannot open {self.path}: {_one_line(exc)}") from None
        except PermissionError:
            raise StoreError(f"cannot open {self.path}: permission denied") from None
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise DiskFullError(f"cannot open {self.path}: the disk is full") from None
            raise StoreError(f"cannot open {self.path}: {exc.strerror or exc}") from None
        finally:
            for link in held.values():
                try:
                    link.unlink()
                except OSError:
                    pass

    def _hold_sidecars(self) -> dict[str, Path]:
        """Hard links to the -wal and -shm found beside an existing database, before connecting.

        Closing a connection to a file that is not a database deletes the -wal and -shm beside
        it; they may hold the last saved notes, so the links keep them for `_move_aside`.
        """
        held = {}
        if not self.path.exists():
            return held
        for suffix in ("-wal", "-shm"):
            sidecar = self._sidecar(suffix)
            link = self.path.with_name(f".{self.path.name}{suffix}.held-{os.getpid()}")
            try:
                if link.exists():
                    link.unlink()
                os.link(sidecar, link)
                held[suffix] = link
            except OSError:
                pass  # no such sidecar, or a file system without hard links
        return held

    def _connect(self) -> sqlite3.Connection:
        new_file = not self.path.exists()
        if new_file and not os.access(self.path.parent, os.W_OK):
            raise StoreError(f"the data directory {self.path.parent} is not writable")
        try:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot open {self.path}: {_one_line(exc)}") from None
        if new_file:
            os.chmod(self.path, 0o600)
        connection.row_factory = sqlite3.Row
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA busy_timeout = 10000")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                connection.close()
                raise StoreError(
                    f"{self.path} was written by a newer prepbot (schema {version}, this one knows {SCHEMA_VERSION}); "
                    "upgrade prepbot to open it"
                )
            try:
                connection.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                pass  # a read-only directory cannot hold the WAL files; plain journaling still works
            self._migrate(connection, version)
            connection.execute("SELECT count(*) FROM interviews").fetchone()
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    def _connect_read_only(self, why: sqlite3.DatabaseError) -> sqlite3.Connection:
        """On a full disk SQLite cannot create the -shm (and -wal) a WAL reader needs: read the
        file as it is, so that listing and exporting still work; the next write opens it properly
        or fails with DiskFullError.

        `immutable=1` reads the main file without the WAL. When no prepbot had the database
        open, the WAL was checkpointed into it on close, so nothing is missed; with a window
        open meanwhile its -shm would exist and the normal open would have worked.
        """
        full = DiskFullError(f"cannot open {self.path}: the disk is full")
        if not self.path.exists():
            raise full from None
        try:
            connection = sqlite3.connect(
                f"{self.path.absolute().as_uri()}?mode=ro&immutable=1", uri=True, timeout=10, isolation_level=None
            )
            connection.row_factory = sqlite3.Row
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:  # migrating needs space too
                connection.close()
                raise full from None
            connection.execute("SELECT count(*) FROM interviews").fetchone()
        except sqlite3.Error:
            raise full from None
        self.read_only_disk_full = True
        return connection

    def _reopen_writable(self) -> None:
        """Before a write on a store opened read-only because the disk was full: open it properly."""
        try:
            connection = self._connect()
        except (sqlite3.Error, OSError, StoreError):
            raise DiskFullError(f"cannot save to {self.path}: the disk is full") from None
        old, self._connection = self._connection, connection
        old.close()
        self.read_only_disk_full = False
        self._remember_identity()

    def _migrate(self, connection: sqlite3.Connection, version: int) -> None:
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
                    raise StoreError(f"cannot set up {self.path}: the data directory is read-only") from None
                raise

    def _move_aside(self, held: dict[str, Path] | None = None) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
            counter += 1
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            sidecar = self._sidecar(suffix)
            if sidecar.exists():
                os.replace(sidecar, target.with_name(target.name + suffix))
            elif held and suffix in held and held[suffix].exists():
                os.replace(held[suffix], target.with_name(target.name + suffix))
        self.recovered_from = target

    # -- the file's identity: deleted or replaced while open

    def _remember_identity(self) -> None:
        """The (st_dev, st_ino) of the database and of the -wal/-shm files this connection uses."""
        try:
            self._identity = _file_id(self.path)
            self._sidecar_ids = {suffix: _file_id(self._sidecar(suffix)) for suffix in ("-wal", "-shm")}
        except OSError:  # cannot stat what was just opened: no check rather than a reopen on every save
            self._identity, self._sidecar_ids = _UNKNOWN, {}

    def _sidecar(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    def _reopen_if_moved(self) -> bool:
        """Before a write: if the file at the path is gone or another file, open (create) it again.

        The old connection still reads the unlinked or renamed file, so it is kept until the new
        one is open (reading keeps working if opening fails). Our own -wal and -shm left at the
        path belong to the old file; SQLite would replay that WAL into the new one, so they are
        removed first (only when they are still the very files this connection opened).
        """
        try:
            current = _file_id(self.path)
        except OSError:
            return False  # cannot tell (e.g. a folder we may not search): let the write report it
        if current == self._identity or self._identity is _UNKNOWN:
            return False
        for suffix, identity in self._sidecar_ids.items():
            sidecar = self._sidecar(suffix)
            try:
                if identity is not None and _file_id(sidecar) == identity:
                    sidecar.unlink()
            except OSError:
                pass
        old, damaged_before = self._connection, self.recovered_from
        self._connection = self._open()
        if self.recovered_from != damaged_before:
            self._moved_aside = self.recovered_from
        try:
            old.close()
        except sqlite3.Error:
            pass
        self._remember_identity()
        self._seen.clear()  # versions in the new file are unrelated to the ones seen before
        return True

    def close(self) -> None:
        self._connection.close()

    # -- reading

    def rows(self) -> list[InterviewRow]:
        """Every interview, most recently changed first. `answered_count` follows the same rule as
        `Interview.answered_count` (Answer.answered, for the planned questions): one rule everywhere."""
        try:
            rows = self._connection.execute("SELECT * FROM interviews i ORDER BY i.updated_at DESC, i.company").fetchall()
            answers: dict[str, dict[str, Answer]] = {}
            for a in self._connection.execute("SELECT interview_id, question_id, note, status FROM answers"):
                answers.setdefault(a["interview_id"], {})[a["question_id"]] = Answer(a["question_id"], a["note"], a["status"])
        except sqlite3.Error as exc:
            raise _read_error(self.path, exc) from None
        result = []
        for r in rows:
            question_ids = json.loads(r["question_ids"])
            mine = answers.get(r["id"], {})
            answered = sum(1 for q in question_ids if q in mine and mine[q].answered)
            result.append(
                InterviewRow(
                    id=r["id"],
                    company=r["company"],
                    role=r["role"],
                    date=r["date"],
                    persona=r["persona"],
                    question_count=len(question_ids),
                    answered_count=answered,
                    updated_at=r["updated_at"],
                )
            )
        return result

    def exists(self, interview_id: str) -> bool:
        try:
            return self._connection.execute("SELECT 1 FROM interviews WHERE id = ?", (interview_id,)).fetchone() is not None
        except sqlite3.Error as exc:
            raise _read_error(self.path, exc) from None

    def load(self, interview_id: str) -> Interview:
        try:
            row = self._connection.execute("SELECT * FROM interviews WHERE id = ?", (interview_id,)).fetchone()
            if row is None:
                raise NotFound(f"no saved interview with id '{interview_id}'")
            answers = {
                a["question_id"]: Answer(a["question_id"], a["note"], a["status"], a["updated_at"], a["version"])
                for a in self._connection.execute("SELECT * FROM answers WHERE interview_id = ?", (interview_id,))
            }
            corrections = {
                c["flag_id"]: Correction(
                    c["flag_id"], c["status"], c["reason"], c["question_id"], tuple(json.loads(c["evidence"])), c["updated_at"]
                )
                for c in self._connection.execute("SELECT * FROM corrections WHERE interview_id = ?", (interview_id,))
            }
            sources = [
                Source(s["id"], s["label"], s["text"], s["added_at"])
                for s in self._connection.execute(
                    "SELECT * FROM sources WHERE interview_id = ? ORDER BY position", (interview_id,)
                )
            ]
        except sqlite3.Error as exc:
            raise _read_error(self.path, exc) from None
        for answer in answers.values():
            self._seen[(interview_id, answer.question_id)] = (answer.version, answer.note, answer.status)
        return Interview(
            id=row["id"],
            company=row["company"],
            role=row["role"],
            date=row["date"],
            persona=row["persona"],
            minutes=row["minutes"],
            categories=tuple(json.loads(row["categories"])),
            question_ids=json.loads(row["question_ids"]),
            answers=answers,
            current=row["current"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            general_note=row["general_note"],
            own_questions=json.loads(row["own_questions"]),
            corrections=corrections,
            sources=sources,
        )

    def find(self, key: str) -> Interview:
        """An interview by id, id prefix or company name (case-insensitive), for the CLI.

        `%` and `_` in the key are literal. An empty key, or one of only blanks and `%`/`_`,
        raises StoreError rather than matching everything.
        """
        key = key.strip()
        if not "".join(ch for ch in key if ch not in "%_" and not ch.isspace()):
            raise StoreError("give an interview id or company name (see 'prepbot sessions list')")
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        try:
            rows = self._connection.execute(
                "SELECT id FROM interviews WHERE id = ? OR id LIKE ? ESCAPE '\\' OR lower(company) = lower(?) "
                "ORDER BY updated_at DESC",
                (key, escaped + "%", key),
            ).fetchall()
            if not rows:  # then any company name containing the words given
                rows = [
                    r
                    for r in self._connection.execute("SELECT id, company FROM interviews ORDER BY updated_at DESC")
                    if key.lower() in r["company"].lower()
                ]
        except sqlite3.Error as exc:
            raise _read_error(self.path, exc) from None
        if not rows:
            raise NotFound(f"no saved interview matches '{key}' (see 'prepbot sessions list')")
        ids = {r["id"] for r in rows}
        if len(ids) > 1 and key not in ids:
            raise StoreError(f"'{key}' matches {len(ids)} interviews; use the id from 'prepbot sessions list'")
        return self.load(key if key in ids else rows[0]["id"])

    # -- writing

    def save(self, interview: Interview) -> SaveResult:
        """Write the whole interview and every answer in one transaction.

        Each answer is compared-and-swapped on its version like in `save_answer`; answers another
        window saved meanwhile come back in `SaveResult.conflicts`. Raises StoreError,
        DiskFullError; on an exception nothing was written and `interview` is unchanged.
        """
        recreated = self._reopen_if_moved_for_write()
        with self._transaction() as connection:
            outcomes = self._write_everything(connection, interview)
        return self._apply(interview, outcomes, recreated=recreated)

    def save_answer(self, interview: Interview, question_id: str) -> SaveResult:
        """Autosave one note (and where the interview is): cheap enough for every pause in typing.

        Compare-and-swap: the answer is written only if its stored version is still
        `Answer.version` (what this window loaded or last saved); the version is then bumped.
        If another window saved it meanwhile, the stored note becomes `merge_notes(other, this)`
        (or the other's text when this window had not changed the note), the Answer in
        `interview` is updated to it, and `SaveResult.conflicts` holds one Conflict.
        If the file was deleted/replaced (`recreated`) or the interview deleted (`restored`),
        the whole interview is written. Raises StoreError, DiskFullError (then retry later: the
        note is still in `interview`).
        """
        answer = interview.answer_for(question_id)
        if self._reopen_if_moved_for_write():
            with self._transaction() as connection:
                outcomes = self._write_everything(connection, interview)
            return self._apply(interview, outcomes, recreated=True)
        with self._transaction() as connection:
            exists = connection.execute("SELECT 1 FROM interviews WHERE id = ?", (interview.id,)).fetchone()
            if exists is None:
                outcomes = self._write_everything(connection, interview)
                restored = True
            else:
                outcomes = [self._write_answer(connection, interview.id, answer)]
                connection.execute(
                    "UPDATE interviews SET current = ?, updated_at = ? WHERE id = ?",
                    (interview.current, now_iso(), interview.id),
                )
                restored = False
        return self._apply(interview, outcomes, restored=restored)

    def delete(self, interview_id: str) -> None:
        """Delete an interview and its answers. Raises StoreError, DiskFullError.

        A window that still holds this interview writes it back on its next `save_answer`
        (`SaveResult.restored`): nothing typed there is lost.
        """
        self._reopen_if_moved_for_write()
        with self._transaction() as connection:
            connection.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
        for key in [k for k in self._seen if k[0] == interview_id]:
            del self._seen[key]

    def _reopen_if_moved_for_write(self) -> bool:
        if self.read_only_disk_full:
            self._reopen_writable()
        try:
            return self._reopen_if_moved()
        except sqlite3.Error as exc:
            raise _write_error(self.path, exc) from None

    def _write_everything(self, connection: sqlite3.Connection, interview: Interview) -> list[_Outcome]:
        connection.execute(
            """
            INSERT INTO interviews (id, company, role, date, persona, minutes, categories, question_ids,
                                    current, created_at, updated_at, general_note, own_questions)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET company = excluded.company, role = excluded.role,
                date = excluded.date, persona = excluded.persona, minutes = excluded.minutes,
                categories = excluded.categories, question_ids = excluded.question_ids,
                current = excluded.current, updated_at = excluded.updated_at,
                general_note = excluded.general_note, own_questions = excluded.own_questions
            """,
            (
                interview.id,
                interview.company,
                interview.role,
                interview.date,
                interview.persona,
                interview.minutes,
                json.dumps(list(interview.categories)),
                json.dumps(interview.question_ids),
                interview.current,
                interview.created_at,
                interview.updated_at,
                interview.general_note,
                json.dumps(interview.own_questions, ensure_ascii=False),
            ),
        )
        # Corrections and sources are few and small: the interview's set is written whole.
        connection.execute("DELETE FROM corrections WHERE interview_id = ?", (interview.id,))
        connection.executemany(
            "INSERT INTO corrections (interview_id, flag_id, status, reason, question_id, evidence, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    interview.id,
                    c.flag_id,
                    c.status,
                    c.reason,
                    c.question_id,
                    json.dumps(list(c.evidence), ensure_ascii=False),
                    c.updated_at or now_iso(),
                )
                for c in interview.corrections.values()
            ],
        )
        connection.execute("DELETE FROM sources WHERE interview_id = ?", (interview.id,))
        connection.executemany(
            "INSERT INTO sources (interview_id, id, position, label, text, added_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(interview.id, s.id, i, s.label, s.text, s.added_at or now_iso()) for i, s in enumerate(interview.sources)],
        )
        return [self._write_answer(connection, interview.id, answer) for answer in interview.answers.values()]

    def _write_answer(self, connection: sqlite3.Connection, interview_id: str, answer: Answer) -> _Outcome:
        """Compare-and-swap one answer inside the open transaction; memory is updated by _apply."""
        row = connection.execute(
            "SELECT note, status, updated_at, version FROM answers WHERE interview_id = ? AND question_id = ?",
            (interview_id, answer.question_id),
        ).fetchone()
        note, status, updated_at = answer.note, answer.status, answer.updated_at or now_iso()
        conflict = None
        if row is None:
            version = answer.version + 1
            connection.execute(
                "INSERT INTO answers (interview_id, question_id, note, status, updated_at, version) VALUES (?, ?, ?, ?, ?, ?)",
                (interview_id, answer.question_id, note, status, updated_at, version),
            )
            return _Outcome(answer, note, status, updated_at, version, None)
        if row["version"] == answer.version:
            if (row["note"], row["status"], row["updated_at"]) == (note, status, updated_at):
                return _Outcome(answer, note, status, updated_at, answer.version, None)  # nothing changed
        else:
            # Another window saved this answer after we loaded it: keep what each side changed.
            base = self._seen.get((interview_id, answer.question_id))
            known = base is not None and base[0] == answer.version
            note_changed = not known or answer.note != base[1]
            status_changed = not known or answer.status != base[2]
            note = merge_notes(row["note"], answer.note) if note_changed else row["note"]
            status = answer.status if status_changed else row["status"]
            if note.strip() and status == "open":
                status = "asked"
            if note == row["note"] and status == row["status"]:
                updated_at = row["updated_at"]
            else:
                updated_at = now_iso()
            if note != answer.note:
                conflict = Conflict(answer.question_id, row["note"], answer.note, note)
            if (note, status, updated_at) == (row["note"], row["status"], row["updated_at"]):
                return _Outcome(answer, note, status, updated_at, row["version"], conflict)
        version = row["version"] + 1
        connection.execute(
            "UPDATE answers SET note = ?, status = ?, updated_at = ?, version = ? "
            "WHERE interview_id = ? AND question_id = ? AND version = ?",
            (note, status, updated_at, version, interview_id, answer.question_id, row["version"]),
        )
        return _Outcome(answer, note, status, updated_at, version, conflict)

    def _apply(
        self, interview: Interview, outcomes: list[_Outcome], recreated: bool = False, restored: bool = False
    ) -> SaveResult:
        """After COMMIT: bring the in-memory answers to what is stored."""
        for outcome in outcomes:
            answer = outcome.answer
            answer.note, answer.status = outcome.note, outcome.status
            answer.updated_at, answer.version = outcome.updated_at, outcome.version
            self._seen[(interview.id, answer.question_id)] = (answer.version, answer.note, answer.status)
        conflicts = tuple(o.conflict for o in outcomes if o.conflict is not None)
        moved_aside, self._moved_aside = (self._moved_aside if recreated else None), None
        return SaveResult(conflicts=conflicts, recreated=recreated, restored=restored, path=self.path, moved_aside=moved_aside)

    def _transaction(self):
        return _Transaction(self)


@dataclass
class _Outcome:
    answer: Answer
    note: str
    status: str
    updated_at: str
    version: int
    conflict: Conflict | None


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT; any sqlite error becomes a StoreError (DiskFullError when full).

    SQLite rolls a transaction back by itself when COMMIT (or a statement) fails on a full disk
    or an I/O error, so ROLLBACK is issued only while a transaction is still active.
    """

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.store._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _write_error(self.store.path, exc) from None
        return self.store._connection

    def __exit__(self, exc_type, exc, tb) -> bool:
        connection = self.store._connection
        problem = exc
        if exc_type is None:
            try:
                connection.execute("COMMIT")
                return False
            except sqlite3.Error as error:
                problem = error
        if connection.in_transaction:
            try:
                connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the transaction is gone either way; report the first problem
        if isinstance(problem, sqlite3.Error):
            raise _write_error(self.store.path, problem) from None
        return False


_UNKNOWN = (-1, -1)


def _file_id(path: Path) -> tuple[int, int] | None:
    """(st_dev, st_ino) of the file at `path`, None when there is none. Other OSErrors propagate."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_dev, info.st_ino)


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    return "database or disk is full" in str(exc).lower()


def _no_space_left(directory: Path) -> bool:
    """Whether the file system holding `directory` is (nearly) full: SQLite reports a -shm it
    cannot grow as a plain "disk I/O error"."""
    try:
        info = os.statvfs(directory)
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024


def _write_error(path: Path, exc: Exception) -> StoreError:
    if _is_disk_full(exc):
        return DiskFullError(f"cannot save to {path}: the disk is full")
    return StoreError(_write_problem(path, exc))


def _read_error(path: Path, exc: Exception) -> StoreError:
    return StoreError(f"cannot read {path}: {_one_line(exc)}")


def _write_problem(path: Path, exc: Exception) -> str:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return f"cannot save to {path}: the file or its directory is read-only"
    if "locked" in text or "busy" in text:
        return f"cannot save to {path}: another program holds the database locked"
    if "disk" in text and "full" in text:
        return f"cannot save to {path}: the disk is full"
    return f"cannot save to {path}: {_one_line(exc)}"


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text
