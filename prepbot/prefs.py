"""The candidate's own weights: how much each flag matters to them.

A flag is a deal-breaker, important, normal (the default) or to ignore. The verdict reads them
(`Preferences`, pure); `load_preferences` / `save_preferences` keep them in a small JSON file in
the data folder (`preferences.json`), written atomically and private like the database.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from prepbot.errors import PrepbotError

WEIGHTS = ("deal-breaker", "important", "normal", "ignore")
# What a flag's severity points are multiplied by in the verdict's score.
FACTORS = {"deal-breaker": 2, "important": 2, "normal": 1, "ignore": 0}
FILE_NAME = "preferences.json"
SCHEMA = "prepbot.preferences"
VERSION = 1


class PreferencesError(PrepbotError, ValueError):
    """An unknown weight, or a preferences file that cannot be read or written (one line)."""


@dataclass(frozen=True)
class Preferences:
    """Flag id -> weight; a flag not listed is normal."""

    weights: Mapping[str, str] = field(default_factory=dict)

    def of(self, flag_id: str) -> str:
        return self.weights.get(flag_id, "normal")

    def factor(self, flag_id: str) -> int:
        return FACTORS[self.of(flag_id)]

    def deal_breakers(self) -> tuple[str, ...]:
        return tuple(f for f, w in self.weights.items() if w == "deal-breaker")

    def with_weight(self, flag_id: str, weight: str) -> "Preferences":
        if weight not in WEIGHTS:
            raise PreferencesError(f"unknown weight '{weight}'; use one of: {', '.join(WEIGHTS)}")
        weights = {f: w for f, w in self.weights.items() if f != flag_id}
        if weight != "normal":
            weights[flag_id] = weight
        return Preferences(dict(sorted(weights.items())))

    def as_dict(self) -> dict[str, str]:
        """Only what differs from normal, by flag id (what reports and company files record)."""
        return {f: w for f, w in sorted(self.weights.items()) if w != "normal"}

    def probe_first(self, flags: Mapping[str, object] | Iterable[str]) -> tuple[str, ...]:
        """The flag ids a plan probes first: the deal-breakers the bank knows."""
        known = set(flags)
        return tuple(f for f in self.deal_breakers() if f in known)


NORMAL = Preferences()


def preferences_path() -> Path:
    from prepbot import locations

    return locations.data_dir() / FILE_NAME


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences (none saved: every flag normal). Raises PreferencesError for a file
    that is not a preferences file; unknown weights in it are left out."""
    path = path or preferences_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return NORMAL
    except OSError as exc:
        raise PreferencesError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise PreferencesError(f"{path} is not a preferences file (not JSON); move it away to start again") from None
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise PreferencesError(f"{path} is not a preferences file; move it away to start again")
    weights = {str(f): w for f, w in data["weights"].items() if w in WEIGHTS and w != "normal"}
    return Preferences(dict(sorted(weights.items())))


def save_preferences(preferences: Preferences, path: Path | None = None) -> Path:
    """Write atomically (temporary file, then rename) into a private data folder."""
    from prepbot import locations

    path = path or preferences_path()
    locations.make_private_dir(path.parent)
    text = json.dumps({"schema": SCHEMA, "version": VERSION, "weights": preferences.as_dict()}, indent=2) + "\n"
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise PreferencesError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


class SavedPreferences:
    """The saved preferences, read again only when the file changes (a screen asks often)."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._cached: tuple[int | None, Preferences] | None = None

    def forget(self) -> None:
        """Read the file again next time (after this process wrote it)."""
        self._cached = None

    def get(self) -> Preferences:
        """The saved weights; an unreadable file counts as all normal (`prepbot prefs` says why)."""
        path = self.path or preferences_path()
        try:
            stamp: int | None = path.stat().st_mtime_ns
        except OSError:
            stamp = None
        if self._cached is None or self._cached[0] != stamp:
            try:
                self._cached = (stamp, load_preferences(path))
            except PreferencesError:
                self._cached = (stamp, NORMAL)
        return self._cached[1]
