"""Reading user-supplied text safely: one reader for CLI inputs and bank files.

Every input is capped in size, refused when it holds NUL bytes (a binary file), and decoded as
UTF-8 (a byte-order mark is dropped). Problems come back as one-line `ReadError`s.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from prepbot.bank import Problem
from prepbot.errors import PrepbotError

YAML_SUFFIXES = (".yaml", ".yml")


class ReadError(PrepbotError):
    """A one-line reason an input cannot be read; `line` is set for text that is not UTF-8."""

    def __init__(self, message: str, kind: str, line: int = 1):
        super().__init__(message)
        self.kind = kind  # too-large | binary | not-utf8 | directory | missing | permission | other
        self.line = line


def _size_text(limit: int) -> str:
    return f"{limit / 1048576:g} MiB" if limit % 1048576 == 0 else f"{limit / 1048576:.1f} MiB"


def decode(data: bytes, limit: int) -> str:
    """Bytes already read (at most limit + 1 of them) as text. Raises ReadError."""
    if len(data) > limit:
        raise ReadError(f"input is larger than {_size_text(limit)}", "too-large")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        raise ReadError("is UTF-16 text; save it as UTF-8 and try again", "not-utf8")
    if b"\x00" in data:
        raise ReadError("looks like a binary file (contains NUL bytes), not text", "binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(f"not valid UTF-8 text (bad byte at offset {exc.start})", "not-utf8", line) from None


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: mostly ASCII text, every other byte NUL, and it decodes."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    for zeros in (sample[1::2], sample[0::2]):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                data.decode("utf-16-le" if zeros is not sample[0::2] else "utf-16-be")
                return True
            except UnicodeDecodeError:
                return False
    return False


def read_file(path: Path, limit: int) -> str:
    """A regular file's text. Raises ReadError with a reason fit for the user."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a directory, not a text file", "directory")
        if info.st_size > limit and stat.S_ISREG(info.st_mode):
            raise ReadError(f"file is {info.st_size / 1048576:.1f} MiB; at most {_size_text(limit)} can be read", "too-large")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ReadError("no such file", "missing") from None
    except PermissionError:
        raise ReadError("permission denied", "permission") from None
    except OSError as exc:
        raise ReadError(f"cannot read ({exc.strerror or exc})", "other") from None
    return decode(data, limit)


def read_stream(stream: BinaryIO, limit: int) -> str:
    try:
        data = stream.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise ReadError(f"cannot read: {exc}", "other") from None
    return decode(data, limit)


def open_regular(path: Path, flags: int = os.O_RDONLY) -> int:
    """Open `path` only if it is a regular file (never a FIFO, device or link): a file descriptor.

    O_NONBLOCK keeps a FIFO from hanging the open; O_NOFOLLOW refuses a symlink. Raises OSError.
    """
    fd = os.open(path, flags | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        if flags == os.O_RDONLY:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def yaml_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into YAML files, reporting paths that cannot be used."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw).expanduser()
        shown = str(raw)
        if not path.exists():
            problems.append(Problem(shown, 1, 1, "no such file or directory"))
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in YAML_SUFFIXES)
            if not found:
                problems.append(Problem(shown, 1, 1, "directory holds no .yaml or .yml files"))
            files.extend(found)
        else:
            files.append(path)
    return files, problems
