"""Real-text recall, fifteenth pass (RECALL15): wordings of a flag the cues did not know (idioms,
indirect reports, other word forms). Each case comes with its minimal pair: nearly the same words
that do not state the flag, which must not read it.

What a user sees is the set of flags `prepbot analyze` reports (here with the cues alone, `found`).
Every sentence is our own.
"""

from __future__ import annotations

import pytest

from tests.conftest import found

# (flag, a wording that states it: must read, its minimal pair that does not: must not read)
PAIRS = [
    (
        "features-over-bugs",
        "Old defects keep piling up while we ship one feature after another.",
        "Old boxes keep piling up in the storage room.",
    ),
    (
        "features-over-bugs",
        "Our VP only cares about the next shiny feature.",
        "Our VP only cares about the quarterly offsite.",
    ),
    (
        "features-over-bugs",
        "Paying down debt is never on the roadmap here.",
        "Paying down debt is always on the roadmap here.",
    ),
    ("high-turnover", "She is my fifth manager in two years.", "She is my manager and has been for two years."),
    (
        "unclear-product",
        "The product vision changes every quarter, it's a moving target.",
        "The product vision has stayed the same since we launched.",
    ),
    (
        "on-call-burden",
        "People take their laptops on vacation because the pager never stops.",
        "People take their kids on vacation in August.",
    ),
    (
        "bugs-untracked",
        "Crashes get mentioned in chat and then forgotten.",
        "Crashes get mentioned in the weekly report.",
    ),
    (
        "realistic-deadlines",
        "Our director negotiates dates with us instead of dictating them.",
        "Our director sets the dates and tells us afterwards.",
    ),
    (
        "has-ci",
        "Anything merged into main is automatically deployed to production.",
        "Anything merged into main waits for the monthly release train.",
    ),
    (
        "prioritized-backlog",
        "Our tickets are kept in strict priority order by the PM.",
        "Our tickets are kept in a drawer nobody opens.",
    ),
    (
        "bugs-tracked",
        "Every crash report ends up in Jira with a severity.",
        "Every crash report ends up in someone's inbox.",
    ),
    (
        "overtime-expected",
        "Evenings are routinely sacrificed to hit the launch date.",
        "Evenings are free, and the launch date is set by the team.",
    ),
    (
        "no-backlog",
        "Each morning the founder tells us what to work on that day.",
        "Each morning the founder tells us a joke.",
    ),
    (
        "features-over-bugs",
        "Reliability work rarely gets prioritised over new launches.",
        "Reliability work is prioritised over new launches.",
    ),
    (
        "on-call-burden",
        "I was paged twice during my honeymoon.",
        "I was in Lisbon twice during my honeymoon.",
    ),
    (
        "overtime-expected",
        "Burnout is everywhere because of the long hours.",
        "Burnout is rare, people go home at five.",
    ),
    (
        "no-backlog",
        "Nobody plans beyond the current week.",
        "Nobody plans meetings on Fridays.",
    ),
    (
        "poor-code-quality",
        "Half the modules are code nobody understands anymore.",
        "Half the modules are written in Go.",
    ),
    ("high-turnover", "Retention is a real problem on that team.", "Retention bonuses are paid in March."),
    (
        "on-call-burden",
        "We spend half our nights firefighting after hours.",
        "We spend half our Fridays at the climbing gym.",
    ),
    (
        "features-over-bugs",
        "Crashes are tolerated as long as the feature ships on time.",
        "Crashes are rare and the feature shipped on time.",
    ),
    ("realistic-deadlines", "No arbitrary deadlines, ever.", "No arbitrary dress code, ever."),
    (
        "tickets-afterthought",
        "The board gets updated only when the boss complains.",
        "The board gets updated every morning at standup.",
    ),
    (
        "on-call-burden",
        "We're required to answer the pager at any hour, holidays included.",
        "We're required to answer the survey by Friday.",
    ),
    (
        "no-tests",
        "Each time I propose writing unit tests I'm told it's a waste of time.",
        "Each time I propose a lunch spot I'm told it's too far.",
    ),
    (
        "agile-unfamiliar",
        "Our lead had never heard of a retrospective.",
        "Our lead had never heard of that band.",
    ),
    (
        "bugs-untracked",
        "There's no process for logging defects here.",
        "There's no process for booking meeting rooms here.",
    ),
    (
        "realistic-deadlines",
        "The PM checks with the engineers for estimates before committing to dates.",
        "The PM checks with the lawyers before signing contracts.",
    ),
    (
        "no-after-hours-contact",
        "Nobody expects you to read Slack on the weekend.",
        "Nobody expects you to read the whole wiki on day one.",
    ),
    (
        "code-review-required",
        "Nobody, not even the CTO, may merge until a reviewer signs off.",
        "Nobody, not even the CTO, may merge until Monday.",
    ),
    (
        "high-turnover",
        "Engineering went from ten people to three within a year.",
        "Engineering went from three people to ten within a year.",
    ),
    (
        "realistic-deadlines",
        "Nobody gets blamed here when a date slips.",
        "Nobody gets lunch here when a meeting runs over.",
    ),
    (
        "overtime-expected",
        "There was a mandatory Sunday work session before the demo.",
        "There was a mandatory security training before the demo.",
    ),
    (
        "interviewer-new",
        "My interviewer had been with the company for only three weeks.",
        "My interviewer had been with the company for nine years.",
    ),
    (
        "no-after-hours-contact",
        "Managers tell you to uninstall Slack while on vacation.",
        "Managers tell you to install Slack on your first day.",
    ),
    (
        "high-turnover",
        "This spring we said goodbye to four developers.",
        "This spring we said hello to four interns.",
    ),
    (
        "overtime-expected",
        "We were asked to cancel our vacation plans to hit the launch.",
        "We were asked to share our vacation plans by March.",
    ),
    (
        "on-call-burden",
        "Incidents are routed to developers around the clock.",
        "Incidents are routed to the vendor's support desk.",
    ),
    (
        "no-backlog",
        "We just react to whatever the founders want that day.",
        "We just react to customer reviews in a friendly tone.",
    ),
    (
        "features-over-bugs",
        "Our refactoring tickets were closed as low priority.",
        "Our refactoring tickets were closed when the work was merged.",
    ),
    (
        "long-standups",
        "The lead turns our daily into a status report for himself.",
        "The lead turns our old office into a game room.",
    ),
    (
        "bugs-tracked",
        "There's a weekly meeting where we triage the new bugs.",
        "There's a weekly meeting where we eat cake.",
    ),
    (
        "poor-code-quality",
        "The real problem is a lack of code quality standards.",
        "The real problem is a lack of meeting rooms.",
    ),
]


@pytest.mark.parametrize("flag, says, pair", PAIRS)
def test_an_indirect_wording_reads_its_flag_and_its_pair_does_not(matcher, flag, says, pair):
    assert flag in found(matcher, says), (says, found(matcher, says))
    assert flag not in found(matcher, pair), (pair, found(matcher, pair))


# (a reported question, then an answer that says there is none: the question's red flag; the same
# question answered with the thing itself: not the red flag)
ANSWERED = [
    (
        "no-backlog",
        "I asked to see their roadmap. There isn't one.",
        "I asked to see their roadmap. It is on the wall by the kitchen.",
    ),
    (
        "no-backlog",
        "I asked whether they keep a backlog. Nobody had an answer.",
        "I asked whether they keep a backlog. The PM showed me the ranked list.",
    ),
]


@pytest.mark.parametrize("flag, no, yes", ANSWERED)
def test_a_reported_question_answered_with_none_reads_the_red_flag(matcher, flag, no, yes):
    assert flag in found(matcher, no), (no, found(matcher, no))
    assert flag not in found(matcher, yes), (yes, found(matcher, yes))
