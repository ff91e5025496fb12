"""The database file: opening it, recovering a damaged one, noticing it was replaced, and the
one-line errors every sqlite problem becomes.

- WAL mode and a busy timeout, so two prepbot processes can write at once without losing either.
- A file that is not a readable database is moved aside with a timestamp (never deleted) and a
  fresh one is started; `recovered_from` says where the old one went.
- The data directory is created 0700 and the database 0600: notes about a company are private.
- The file's identity is remembered at open. If the file is deleted or replaced while prepbot runs
  (a sync client, a cleanup script), the next write opens a database at the path again.
- On a full disk the file is opened read-only (listing and exporting still work); the next write
  opens it properly or fails with DiskFullError.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from pathlib import Path

from prepbot import locations
from prepbot.store.migrations import SCHEMA_VERSION, MigrationError, migrate


class StoreError(Exception):
    """A one-line, user-facing reason the store cannot be used."""


class NotFound(StoreError):
    """No saved interview matches the id or key given (a wrong id, or deleted meanwhile)."""


class DiskFullError(StoreError):
    """Saving failed because the disk (or the database) is full.

    Nothing was written and nothing in memory was cleared: the UI can say "the disk is full",
    keep the note on screen and call the same save again once space is freed.
    """


class DatabaseFile:
    """An open connection to the database at `path`, and what it takes to keep it open."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else locations.database_path()
        self.recovered_from: Path | None = None
        self.read_only_disk_full = False  # opened read-only: the disk was too full to open it normally
        self._moved_aside: Path | None = None  # set when a reopen found a damaged file at the path
        self._connection = self._open()
        self._remember_identity()

    # -- opening

    def _open(self) -> sqlite3.Connection:
        directory = self.path.parent
        try:
            locations.make_private_dir(directory)
        except NotADirectoryError:
            raise StoreError(f"the data directory {directory} is a file, not a folder (is PREPBOT_HOME set to a file?)") from None
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
        held: dict[str, Path] = {}
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
            try:
                migrate(connection, version, self.path)
            except MigrationError as exc:
                raise StoreError(str(exc)) from None
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
        self._forget_versions()  # versions in the new file are unrelated to the ones seen before
        return True

    def close(self) -> None:
        self._connection.close()

    def _forget_versions(self) -> None:
        """Called after a reopen: what was seen in the old file says nothing about the new one."""


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


def write_error(path: Path, exc: Exception) -> StoreError:
    if _is_disk_full(exc):
        return DiskFullError(f"cannot save to {path}: the disk is full")
    return StoreError(_write_problem(path, exc))


def read_error(path: Path, exc: Exception) -> StoreError:
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
