"""A situation told, then ended by the next sentence (issue 18, across sentences): "Devs merged their own PRs without
review. That stopped last year." "That" stands for the whole situation, not for the practice its words name
("review"): the red practice is over, and its green opposite holds, quoted on the earlier sentence with the ending
as context (read before the other joins of neighbours.py). A sentence opened by a situation pronoun (`grammar.situation_pronouns`) and a verb of ending within
two words (`grammar.ending_verbs`: "That stopped", "That finally ended"; not "that stopped working") after a
sentence that reads a red practice. The ending sentence is read for nothing more (when it states no other practice)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prepbot.matching.reading import REPORT_THRESHOLD, Hit, Reading

if TYPE_CHECKING:
    from prepbot.bank import Flag
    from prepbot.matching.context_rules import ContextRules

_WORDS = re.compile(r"[a-z]+")


def read_ended(pieces, readings: list[tuple[int, Reading]], rules: ContextRules, flags: dict[str, Flag]) -> None:
    """Turn the red readings a next sentence ends to their green opposites (in place)."""
    grammar = rules.grammar
    for i in range(1, len(pieces)):
        first = pieces[i][1][:16].split(maxsplit=1)  # (cheap first: this runs on every keystroke)
        if not first or first[0].lower() not in grammar["situation_pronouns"]:
            continue
        words = _WORDS.findall(pieces[i][1][:40].lower())
        at = next((k for k in (1, 2) if k < len(words) and words[k] in grammar["ending_verbs"]), None)
        if at is None or (at + 1 < len(words) and words[at + 1].endswith("ing")):
            continue  # "that stopped working" tells what broke, not that a situation ended
        offset, before = readings[i - 1]
        offset_after, after = readings[i]
        if before.question or after.question:
            continue
        reds = [h for h in before.hits if h.score >= REPORT_THRESHOLD and flags[h.flag_id].kind == "red"]
        family = {f for h in reds for f in (h.flag_id, flags[h.flag_id].opposite) if f}
        if not reds or any(h.score >= REPORT_THRESHOLD and h.flag_id not in family for h in after.hits):
            continue  # (an ending sentence that states a practice of its own is read as it is)
        said = " ".join(pieces[i][1].split()[: at + 1])
        turned = tuple(
            Hit(opposite, h.score, h.start, h.end, h.source, f"ended: '{said}' in the next sentence")
            for h in reds
            if (opposite := flags[h.flag_id].opposite)
        )
        kept = tuple(h for h in before.hits if h.flag_id not in family)
        readings[i - 1] = (offset, Reading(kept + turned, before.blocked | family, before.model_ok, before.span, before.negated))
        # the ending sentence is read for nothing else: not as the practice's name ("review stopped"), nor as a now
        readings[i] = (offset_after, Reading((), after.blocked | family, False, after.span, after.negated, question=True))
