"""Real-text reading, sixth pass: the classes of false readings found on the authors' own labelled
texts (bench/own.py), and wording for the weakest flags written from their meaning in flags.md.

What a user sees is the set of flags `prepbot analyze` reports (cues alone here, so that the
classifier cannot hide a rule). Every sentence is our own.
"""

from __future__ import annotations

import pytest

from tests.conftest import found


# A practice named is not a practice stated; a practice stated or denied still reads.
@pytest.mark.parametrize(
    "text",
    [
        "I read a long article about code review on the train this morning.",
        "Peer review of the grant proposals closes on Friday.",
        "The job ad listed familiarity with issue trackers as a bonus.",
    ],
)
def test_a_practice_named_is_not_stated(matcher, text):
    assert not found(matcher, text) & {"code-review-required", "bugs-tracked"}


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("The two of us still do code reviews on each other's branches.", "code-review-required"),
        ("Our release workflow includes code review and a staging check.", "code-review-required"),
        ("Thoughtful code reviews, and I learned a lot from the comments.", "code-review-required"),
        ("There is no code review at this shop.", "no-code-review"),
        ("Every crash report ends up in our issue tracker.", "bugs-tracked"),
    ],
)
def test_a_practice_stated_still_reads(matcher, text, flag):
    assert flag in found(matcher, text)


# Other senses of cue words: food and gravel crunch, markets are tested, people go home at six,
# pipelines carry gas, a contact rule's hours are no hours worked.
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("These crackers have a satisfying crunch.", "overtime-expected"),
        ("The nightly job has to crunch through a week of logs.", "overtime-expected"),
        ("You must be reachable evenings and weekends when the shop is down.", "overtime-expected"),
        ("Marketing ran market tests on the new slogan.", "has-tests"),
        ("Most people left around 6 on Friday.", "high-turnover"),
        ("Their parent company builds gas pipelines under the sea.", "has-ci"),
        ("Volunteers join the user acceptance testing sessions.", "has-tests"),
    ],
)
def test_another_sense_of_a_cue_word(matcher, text, flag):
    assert flag not in found(matcher, text)


# Opinions of a practice or of the trade, one's own choice, a concept asked about or required.
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Crunch culture is toxic, full stop.", "overtime-expected"),
        ("Crunch is common in film production.", "overtime-expected"),
        ("I code late into the night, but that's my own choice as a freelancer.", "overtime-expected"),
        (
            "In the final round they asked me to explain the difference between continuous delivery and continuous deployment.",
            "has-ci",
        ),
        ("Knowledge of build pipelines is a plus.", "has-ci"),
        ("Hot take: a big test suite is worth more than a clever architecture.", "has-tests"),
    ],
)
def test_an_opinion_or_a_requirement_states_nothing(matcher, text, flag):
    assert flag not in found(matcher, text)


# A ban, a block or an apology negates the practice; a discouraged practice is one not done.
@pytest.mark.parametrize(
    ("text", "flag", "not_flag"),
    [
        ("They disable your email account while you are on vacation.", "no-after-hours-contact", "on-call-burden"),
        ("My manager once apologised for emailing me on a Sunday.", None, "on-call-burden"),
        ("Writing unit tests is frowned upon by the founders.", "no-tests", "has-tests"),
        ("Writing tests is seen as wasted time by the product owner.", "no-tests", "has-tests"),
        ("Skipping code review is frowned upon here.", "code-review-required", "no-code-review"),
    ],
)
def test_a_ban_or_a_discouraged_practice_reads_its_opposite(matcher, text, flag, not_flag):
    flags = found(matcher, text)
    assert not_flag not in flags
    if flag:
        assert flag in flags


def test_an_apology_for_what_one_cannot_say_negates_nothing(matcher):
    text = "The interviewer apologised that she could not say much, since she joined the team three weeks ago."
    assert "interviewer-new" in found(matcher, text)


# The weakest flags, stated in ways the cues did not know (written from flags.md, not from rows).
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Feature work always comes first; the crash list just grows.", "features-over-bugs"),
        ("Bugs only get fixed when a big client threatens to walk.", "features-over-bugs"),
        ("Engineers are judged on features shipped and nothing else.", "features-over-bugs"),
        ("Two years in, they are still searching for product-market fit.", "unclear-product"),
        ("Nobody at the company could tell me who the customers were.", "unclear-product"),
        ("The strategy changes every quarter.", "unclear-product"),
        ("Every morning begins with a forty-minute status meeting.", "long-standups"),
        ("Sorry, the standup overran again today.", "long-standups"),
        ("I keep getting assigned tickets for work I already shipped.", "tickets-afterthought"),
        ("We open issues after merging, so the changelog has links.", "tickets-afterthought"),
        ("Release dates are agreed together with engineering.", "realistic-deadlines"),
        ("When a project runs late it gets replanned rather than crunched.", "realistic-deadlines"),
        (
            "On-call is paid, and with twenty people on the rota you carry the pager once every few months.",
            "no-after-hours-contact",
        ),
        ("Bugs get reported by shouting across the room.", "bugs-untracked"),
        ("Bug reports vanish in the group chat.", "bugs-untracked"),
        ("Each Monday the question is what should we do this week.", "no-backlog"),
        ("The roadmap lives in the founder's head.", "no-backlog"),
    ],
)
def test_weak_flags_in_new_wording(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Our sprint plan puts the most important features first.", "features-over-bugs"),
        ("Our standup takes ten minutes and ends on time.", "long-standups"),
        ("Sales picks the launch date and engineering hears about it later.", "realistic-deadlines"),
    ],
)
def test_weak_flag_cues_keep_their_meaning(matcher, text, flag):
    assert flag not in found(matcher, text)


# A colon ends a negation's scope: the heading before it does not negate what follows.
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("No heavy process: we don't write tickets, we just build.", "tickets-afterthought"),
        ("No gatekeeping: you ship your changes to prod without waiting for approvals.", "no-code-review"),
        ("No pager, no evening emails: the company protects our evenings.", "no-after-hours-contact"),
    ],
)
def test_a_negation_does_not_reach_past_a_colon(matcher, text, flag):
    assert flag in found(matcher, text)


def test_a_bare_topic_and_its_answer_still_read_across_a_colon(matcher):
    assert "no-tests" in found(matcher, "Unit tests: none.")
    assert "no-ci" in found(matcher, "No CI: deploys by hand.")


# Terse notes keep reading as before the sixth pass (our own wording).
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("MRs reviewed, though the code is a tangle.", "code-review-required"),
        ("reviews got skipped a lot in the spring; now branch protection enforces them", "code-review-required"),
    ],
)
def test_terse_notes_still_read(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Maintenance always loses to the roadmap at planning time.", "features-over-bugs"),
        ("To fix a crash you have to smuggle it into a feature ticket.", "features-over-bugs"),
        ("There is a graveyard of prototypes that never found a buyer.", "unclear-product"),
        ("The product direction is fuzzy at best.", "unclear-product"),
        ("Nobody opens a ticket before starting a change.", "tickets-afterthought"),
        ("The issue was opened after the change had already landed.", "tickets-afterthought"),
        ("We'd rather slip the launch than rush it out.", "realistic-deadlines"),
        ("Our lead likes to say we move dates, not people.", "realistic-deadlines"),
        ("Every morning we stand around for half an hour.", "long-standups"),
    ],
)
def test_weak_flags_in_more_new_wording(matcher, text, flag):
    assert flag in found(matcher, text)


# A question that opens with "should", "was", "why"... states nothing.
@pytest.mark.parametrize(
    "text",
    [
        "Should crash reports and feature ideas share one backlog?",
        "Should every merge request need a second approval?",
        "Was the old test suite ever green?",
    ],
)
def test_a_direct_question_states_nothing(matcher, text):
    assert not found(matcher, text) & {"bugs-tracked", "prioritized-backlog", "code-review-required", "has-tests", "no-tests"}


# Evenings and weekends are overtime when they are worked, not when a rota covers them.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The support rota covers nights and weekends, unpaid.", False),
        ("Everyone is on call for outages, including evenings and weekends.", False),
        ("We spent evenings and weekends coding before the launch.", True),
        ("The job needs flexibility around evenings and weekends.", True),
    ],
)
def test_evenings_and_weekends_worked_or_covered(matcher, text, expected):
    assert ("overtime-expected" in found(matcher, text)) is expected


# A list of negations is not a double negation.
@pytest.mark.parametrize(
    "text",
    [
        "No pager, no calls on weekends.",
        "Nobody is on call and nobody expects an answer at night.",
    ],
)
def test_a_list_of_negations_reads_each_one(matcher, text):
    flags = found(matcher, text)
    assert "no-after-hours-contact" in flags
    assert "on-call-burden" not in flags


@pytest.mark.parametrize(
    ("text", "flag", "not_flag"),
    [
        ("Proposal: add a smoke test suite before the next release.", "no-tests", "has-tests"),
        ("Feature request: build the installers automatically on every tag.", "no-ci", "has-ci"),
        ("You would be the first engineer to write automated tests here.", "no-tests", "has-tests"),
        (
            "House rule: you can't approve your own change and you can't merge without approval.",
            "code-review-required",
            "no-code-review",
        ),
    ],
)
def test_proposals_firsts_and_rules_read_the_state_they_show(matcher, text, flag, not_flag):
    flags = found(matcher, text)
    assert flag in flags
    assert not_flag not in flags


def test_a_rule_by_double_negation_reads_the_practice(matcher):
    flags = found(matcher, "Nobody picks up a task that isn't on the ranked backlog.")
    assert "prioritized-backlog" in flags
    assert "no-backlog" not in flags


def test_a_practice_tried_and_then_abandoned_reads_its_opposite(matcher):
    flags = found(matcher, "We ran automated deploys for a quarter, then went back to releasing by hand.")
    assert "has-ci" not in flags
    assert "no-ci" in flags


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Our standup is supposedly ten minutes; it never is.", "long-standups"),
        ("Daily: about 45 min with the whole floor.", "long-standups"),
        ("Bugs live in a personal spreadsheet of the team lead.", "bugs-untracked"),
    ],
)
def test_nominal_standups_and_private_bug_lists(matcher, text, flag):
    assert flag in found(matcher, text)


def test_a_kept_timebox_is_no_long_standup(matcher):
    assert "long-standups" not in found(matcher, "The standup is timeboxed to fifteen minutes and we stick to it.")
