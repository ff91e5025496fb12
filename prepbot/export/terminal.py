"""Plain-text renderings for the terminal: a plan (`prepbot questions`) and flags (`analyze`).

User and bank text goes through `safe` first: a terminal path never prints a raw escape sequence.
"""

from __future__ import annotations

from prepbot.bank import Bank
from prepbot.planner import COVERAGE, FILL, HEADLINE, LEAD_FLAG, Plan
from prepbot.textsafe import safe


def render_plan(bank: Bank, the_plan: Plan, markdown: bool, explain: bool = False) -> str:
    lines: list[str] = []
    count = len(the_plan.questions)
    summary = f"{count} question{'s' if count != 1 else ''}, about {the_plan.total_minutes:g} min"
    if the_plan.persona:
        summary += (
            f", for a conversation with an {the_plan.persona}"
            if the_plan.persona[0] in "aeiou"
            else f", for a {the_plan.persona}"
        )
    if the_plan.minutes:
        summary += f" (time box {the_plan.minutes:g} min)"
    lines.append(f"# Questions\n\n{summary}\n" if markdown else summary + "\n")
    if not count:
        lines.append("No question fits. Try a longer time box or fewer filters.")
    for number, question in enumerate(the_plan.questions, 1):
        title = safe(bank.categories[question.category].title)
        ask, why = safe(question.ask), safe(question.why)
        listen = "; ".join(safe(x) for x in question.listen_for)
        follow = " / ".join(safe(x) for x in question.follow_ups)
        if markdown:
            lines.append(
                f"{number}. **{ask}**  \n   _{title} · {question.minutes:g} min · priority {question.priority}_  \n   {why}"
            )
            lines.append("   - Listen for: " + listen)
            lines.append("   - Follow up: " + follow)
        else:
            lines.append(f"{number:>2}. {ask}")
            lines.append(f"    [{title}] {question.minutes:g} min, priority {question.priority}  id: {safe(question.id)}")
            lines.append(f"    Why: {why}")
            lines.append("    Listen for: " + listen)
            lines.append("    Follow up: " + follow)
        if explain:
            adds = the_plan.covers.get(question.id, ())
            probes = ", ".join(question.flags) or "no flag"
            added = ", ".join(adds) if adds else "nothing new"
            reason = _reason(bank, the_plan, question.id)
            lines.append(("   - " if markdown else "    ") + f"Probes: {probes}; adds to the plan: {added}; in because: {reason}")
        lines.append("")
    if explain:
        probed = the_plan.flags_probed
        missing = [f for f in bank.flags if f not in probed]
        lines.append(
            f"Flags probed: {len(probed)} of {len(bank.flags)}" + (f"; not probed: {', '.join(missing)}" if missing else "")
        )
        if the_plan.lead_flags_unprobed:
            lines.append(f"No question for this persona probes: {', '.join(the_plan.lead_flags_unprobed)}")
        if the_plan.left_out:
            lines.append(f"Left out for time ({len(the_plan.left_out)}):")
            for question in the_plan.left_out:
                lines.append(f"  - {safe(question.ask)} [{question.minutes:g} min; {', '.join(question.flags) or 'no flag'}]")
        elif the_plan.minutes:
            lines.append("Nothing that fits was left out.")
    return "\n".join(lines).rstrip() + "\n"


def _reason(bank: Bank, the_plan: Plan, question_id: str) -> str:
    reason = the_plan.reasons.get(question_id)
    lead = the_plan.leads.get(question_id, "")
    if reason == LEAD_FLAG:
        return f"asked to probe {lead} first (the best question for it, whatever the time box)"
    if reason == HEADLINE:
        title = safe(bank.categories[lead].title) if lead in bank.categories else lead
        return f"a headline topic, {title}, leads every {the_plan.persona or ''} plan (its best question that fits)".replace(
            "  ", " "
        )
    if reason == COVERAGE:
        return "it adds the most flags per minute of what was left"
    if reason == FILL:
        return "taken to use the time left, in priority order"
    return "it fits the persona and categories (no time box)"


def render_matches(matches, explain: bool = False) -> str:
    if not matches:
        return "No flags found."
    lines = []
    for kind, heading, marker in (("red", "Red flags", "RED  "), ("green", "Green flags", "GREEN")):
        group = [m for m in matches if m.kind == kind]
        if not group:
            continue
        lines.append(f"{heading} ({len(group)})")
        for m in group:
            lines.append(f"  {marker} {safe(m.flag.title)}  [{m.id}, score {m.score:.2f}]")
            lines.append(f"        {safe(m.flag.explanation)}")
            for evidence in m.evidence[:5]:
                quoted = " ".join(safe(evidence.text).split())
                lines.append(f'        Heard: "{quoted}"')
                if explain:
                    lines.append(f"          from {safe(evidence.source) or 'unknown'}")
                    lines.append(f"          context: {safe(evidence.context) or 'nothing changed it'}")
            if len(m.evidence) > 5:
                lines.append(f"        ...and {len(m.evidence) - 5} more places")
            lines.append(f"        Ask next: {safe(m.flag.follow_up)}")
        lines.append("")
    return "\n".join(lines).rstrip()
