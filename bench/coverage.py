"""Plan coverage: what the default plans of the built-in bank probe, per persona and time box.

    python -m bench.coverage [--bank PATH]... [--minutes 5,10,15,20,30,45,60]

For each persona (engineer, manager, executive, recruiter) and time box, the default plan (no
category filter), as `prepbot questions --persona P --minutes M` makes it:

- questions and minutes used;
- flags probed, of the 24, and of those that any question for the persona probes at all (a
  recruiter is not asked about code review, so its ceiling is lower);
- whether the persona's headline topics lead the plan: code review, bug tracking and the team's
  process for an engineer, a manager and an executive (CR PR BT); the hiring process, pay and
  time off for a recruiter (HI PAY OFF). A topic shows its letters when one of the plan's first
  questions is in it, '--' when not;
- for the recruiter, the questions on pay and on leave.

The bank's size is printed first. No target is enforced here; tests/test_bank_coverage.py and
tests/test_bank_topics.py hold the minimums.
"""

from __future__ import annotations

import argparse
import sys

from prepbot.bank import PERSONAS
from prepbot.catalogue import load_catalogue
from prepbot.planner import HEADLINE, plan

SHORT = {
    "code-review": "CR",
    "bug-tracking": "BT",
    "process": "PR",
    "hiring": "HI",
    "pay-and-benefits": "PAY",
    "time-off": "OFF",
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", action="append", default=[], help="a bank file or folder layered over the built-in one")
    parser.add_argument("--minutes", default="5,10,15,20,30,45,60", help="time boxes, comma-separated")
    args = parser.parse_args(argv)
    bank = load_catalogue(args.bank).bank if args.bank else load_catalogue().bank
    boxes = [float(m) for m in args.minutes.split(",") if m.strip()]
    print(f"bank: {len(bank.questions)} questions in {len(bank.categories)} categories, {len(bank.flags)} flags")
    print(f"{'persona':<10} {'min':>4} {'qs':>3} {'used':>5} {'flags':>6} {'of reachable':>13}  leads          pay/leave")
    for persona in PERSONAS:
        reachable = {f for q in bank.questions.values() if persona in q.personas for f in q.flags}
        heads = [c.id for c in bank.categories.values() if persona in c.lead_for]
        for minutes in boxes:
            the_plan = plan(bank, persona=persona, minutes=minutes)
            probed = set(the_plan.flags_probed)
            led = {the_plan.leads[q.id] for q in the_plan.questions if the_plan.reasons.get(q.id) == HEADLINE}
            leads = " ".join(SHORT.get(c, c) if c in led else "--" for c in heads)
            pay = sum(q.category == "pay-and-benefits" for q in the_plan.questions)
            leave = sum(q.category == "time-off" for q in the_plan.questions)
            extra = f"{pay} pay, {leave} leave" if persona == "recruiter" else ""
            print(
                f"{persona:<10} {minutes:>4g} {len(the_plan.questions):>3} {the_plan.total_minutes:>5g}"
                f" {len(probed):>3}/{len(bank.flags):<2} {len(probed & reachable):>6}/{len(reachable):<6}  {leads:<14} {extra}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
