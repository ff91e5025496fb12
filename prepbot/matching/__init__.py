"""Matching: text in, red and green flags with evidence out.

One module per job: `text` (sentences and tokens), `cues` (the cue language), `context` and
`context.yaml` (the rules that decide polarity), `engine` (runs them and combines the evidence).
"""

from prepbot.matching.context_rules import ContextRules
from prepbot.matching.cues import CueError
from prepbot.matching.engine import REPORT_THRESHOLD, Evidence, Match, Matcher

__all__ = ["ContextRules", "CueError", "Evidence", "Match", "Matcher", "REPORT_THRESHOLD"]
