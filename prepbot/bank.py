"""The question bank's model, and loading it once per process.

A bank is a set of YAML files (see README, "Question banks"); `prepbot.bank_loader` reads and
validates them. A validated bank is cached on disk, keyed by the files' paths, sizes and
modification times, so start-up does not parse YAML when nothing changed.
"""

from __future__ import annotations

import functools
import zlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from prepbot import __version__, locations

PERSONAS = ("engineer", "manager", "executive")
KINDS = ("red", "green")
SEVERITIES = ("low", "medium", "high")
PRIORITIES = (1, 2, 3)  # 1 = must ask, 2 = should ask, 3 = if there is time
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class BankError(Exception):
    """Every problem found in a bank, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Flag:
    id: str
    kind: str
    title: str
    explanation: str
    severity: str
    follow_up: str
    cues: tuple[str, ...] = ()
    opposite: str | None = None


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str
    order: int = 100


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    ask: str
    why: str
    personas: tuple[str, ...]
    priority: int
    minutes: float
    red_flags: tuple[str, ...]
    green_flags: tuple[str, ...]
    listen_for: tuple[str, ...]
    follow_ups: tuple[str, ...]


@dataclass
class Bank:
    categories: dict[str, Category] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    flags: dict[str, Flag] = field(default_factory=dict)

    def category_order(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.categories)}



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


def validate(paths: Iterable[Path | str] = ()) -> tuple[Bank, list[Problem]]:
    """Load the built-in bank with `paths` layered over it; return the bank and every problem."""
    from prepbot import bank_loader

    return bank_loader.validate([locations.builtin_bank_dir()], list(paths))


def _cache_key(paths: tuple[str, ...]) -> str | None:
    """Identity of everything a cached bank was built from: code, version and every bank file."""
    files, problems = yaml_files([locations.builtin_bank_dir(), *paths])
    if problems:
        return None
    # The code that built the cached objects is part of the key: an upgrade never reads a stale pickle.
    here = Path(__file__)
    parts = [__version__]
    for path in [here, here.with_name("bank_loader.py"), here.with_name("matcher.py"), *files]:
        try:
            stat = path.stat()
        except OSError:
            return None
        parts.append(f"{path.absolute()}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(parts)


@functools.lru_cache(maxsize=8)
def _load_cached(key: tuple[str, ...]) -> Bank:
    cache_key = _cache_key(key)
    cache_file = None
    if cache_key is not None:
        name = f"bank-{zlib.crc32(cache_key.encode()):08x}-{len(cache_key)}.pickle"
        cache_file = locations.cache_dir() / name
        try:
            with cache_file.open("rb") as handle:
                stored_key, cached = pickle.load(handle)
            if stored_key == cache_key and isinstance(cached, Bank):
                return cached
        except Exception:  # a missing, stale or damaged cache is rebuilt, never trusted
            pass
    bank, problems = validate(key)
    if problems:
        raise BankError(problems)
    if cache_file is not None:
        from prepbot.matcher import matcher_for

        matcher_for(bank)  # compiled now so that the cache holds it too: start-up skips both steps
        _write_cache(cache_file, (cache_key, bank))
    return bank


def _write_cache(cache_file: Path, payload: tuple[str, Bank]) -> None:
    try:
        locations.make_private_dir(cache_file.parent)
        temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache_file)
    except OSError:
        pass  # a read-only cache directory only costs start-up time


def load_bank(extra: Iterable[Path | str] = ()) -> Bank:
    """The merged bank, parsed once per process for the same set of paths. Raises BankError."""
    return _load_cached(tuple(os.path.abspath(os.path.expanduser(str(p))) for p in extra))
