"""Matching: text in, red and green flags with evidence out.

One module per job: `text` (sentences and tokens), `cues` (the cue language), `context` and
`context.yaml` (the rules that decide polarity), `engine` (runs them and combines the evidence).

The names below are imported on first use (PEP 562), so that importing one module of the package
(`model`, in the classifier's own process: `model_worker`) does not import the whole matcher.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.cues import CueError
    from prepbot.matching.engine import REPORT_THRESHOLD, Evidence, Match, Matcher

__all__ = ["ContextRules", "CueError", "Evidence", "Match", "Matcher", "REPORT_THRESHOLD"]

_HOME = {
    "ContextRules": "context_rules",
    "CueError": "cues",
    "Evidence": "engine",
    "Match": "engine",
    "Matcher": "engine",
    "REPORT_THRESHOLD": "engine",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
