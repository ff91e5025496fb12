"""Real-text precision, eleventh pass (REALP11): cue words read in another sense, and the polarity
families that read a flag that is not there. Each case comes with its minimal pair: the same words in
the sense the flag means, which must still read.

What a user sees is the set of flags `prepbot analyze` reports (here with the cues alone, `found`).
Every sentence is our own.
"""

from __future__ import annotations

import pytest

from tests.conftest import found

# (another sense: the flag must not read, the flag's own sense: it must read)
OTHER_SENSES = [
    ("has-ci", "Growth runs A/B tests on every landing page change.", "CI runs the tests on every pull request."),
    ("has-ci", "We're building a CI/CD platform for mobile teams.", "Our CI/CD pipeline deploys main automatically."),
    ("no-tests", "There were no tests in the interview, only a chat.", "There are no tests in the repo at all."),
    ("no-backlog", "No backlog of PTO here: unused days expire in March.", "There's no backlog, the founder picks the work."),
    ("poor-code-quality", "The owners took on a lot of debt in the buyout.", "We carry a lot of tech debt nobody pays down."),
    (
        "interviewer-new",
        "My interviewer was new to the city and asked me for bar tips.",
        "My interviewer was new, she joined last week.",
    ),
    ("overtime-expected", "Crunchbase says they raised a Series B.", "Crunch before every release is normal there."),
    ("agile-unfamiliar", "There is no process for reimbursing travel costs.", "There is no process at all, people just code."),
]


@pytest.mark.parametrize("flag, other, own", OTHER_SENSES)
def test_another_sense_of_a_cue_word_reads_no_flag(matcher, flag, other, own):
    assert flag not in found(matcher, other), (other, found(matcher, other))
    assert flag in found(matcher, own), (own, found(matcher, own))


# (advice, a claim about teams in general, a job ad's requirement: no flag; the same practice reported of a real
# team: the flag)
ADVICE = [
    (
        "on-call-burden",
        "Never work for a company that expects you to answer pages on vacation.",
        "My manager expects me to answer pages on vacation.",
    ),
    (
        "on-call-burden",
        "Don't let them tell you the on-call is light, ask for numbers.",
        "The on-call here is not light, I get paged every night.",
    ),
    ("prioritized-backlog", "Every team should have a prioritized backlog.", "Our team has a prioritized backlog."),
    ("has-ci", "The author argues that continuous integration pays for itself.", "We have continuous integration on every repo."),
    ("has-ci", "Experience with GitLab CI, Jenkins or CircleCI preferred.", "We use GitLab CI, and deploys are automatic."),
    ("has-tests", "Must have experience writing unit tests in Go.", "We have unit tests for every service."),
    ("code-review-required", "A good sign is when every PR gets a review.", "Here every PR gets a review before merge."),
    ("has-tests", "Pro tip: insist on a test suite before you sign.", "They insist on a test suite for every service."),
    ("has-tests", "The lesson: write tests before you ship anything.", "We write tests before we ship anything."),
    ("bugs-untracked", "My advice: avoid any shop without a bug tracker.", "This shop works without a bug tracker."),
]


@pytest.mark.parametrize("flag, advice, report", ADVICE)
def test_advice_a_general_claim_or_a_requirement_reads_no_flag(matcher, flag, advice, report):
    assert flag not in found(matcher, advice), (advice, found(matcher, advice))
    assert flag in found(matcher, report), (report, found(matcher, report))


def test_a_red_flag_checklist_is_advice_but_a_list_of_what_was_seen_reads(matcher):
    checklist = "Red flag checklist: no CI, no tests, no code review."
    assert not {"no-ci", "no-tests", "no-code-review"} & found(matcher, checklist), found(matcher, checklist)
    seen = "What I saw there: no CI, no tests, no code review."
    assert {"no-tests", "no-code-review"} <= found(matcher, seen), found(matcher, seen)


def test_an_inline_list_of_pros_keeps_each_item_to_itself(matcher):
    # "-Time off is encouraged" is an item of its own: its "is encouraged" does not take back the "not" of the item before.
    pros = "Pros\n-Friendly people -Flexible hours and not long workdays -Learning is encouraged -Good snacks"
    assert "overtime-expected" not in found(matcher, pros), found(matcher, pros)
    cons = "Cons\n-Friendly people -Long workdays every week -Learning is encouraged"
    assert "overtime-expected" in found(matcher, cons), found(matcher, cons)


@pytest.mark.parametrize(
    "flag, other, own",
    [
        (
            "no-tests",
            "The suite can't run on each commit yet, so this page says how to kick off the tests manually.",
            "There are no automated tests, QA tests everything manually before release.",
        ),
        (
            "tickets-afterthought",
            "We set up a triage rota so no tickets fall through the cracks.",
            "Most work happens without tickets, nobody writes them.",
        ),
    ],
)
def test_tests_started_by_hand_and_tickets_kept_from_getting_lost(matcher, flag, other, own):
    assert flag not in found(matcher, other), (other, found(matcher, other))
    assert flag in found(matcher, own), (own, found(matcher, own))


def test_tickets_kept_from_falling_through_are_no_untracked_bugs(matcher):
    kept = "We set up a triage rota so no tickets fall through the cracks."
    assert "bugs-untracked" not in found(matcher, kept), found(matcher, kept)
    lost = "Bugs fall through the cracks because nobody logs them."
    assert "bugs-untracked" in found(matcher, lost), found(matcher, lost)


@pytest.mark.parametrize(
    "flag, other, own",
    [
        (
            "no-after-hours-contact",
            "Nobody contacted me after the interview for three weeks.",
            "Nobody contacts you after 7pm, not even the CTO.",
        ),
        (
            "has-tests",
            "Our mission is to help teams ship faster with automated testing.",
            "Our team ships fast and has automated testing on every service.",
        ),
        (
            "high-turnover",
            "Attrition spiked after the layoffs in 2021 but has been flat since.",
            "Attrition spiked after the layoffs and people keep leaving.",
        ),
    ],
)
def test_a_candidate_left_waiting_a_product_pitch_and_a_settled_past(matcher, flag, other, own):
    assert flag not in found(matcher, other), (other, found(matcher, other))
    assert flag in found(matcher, own), (own, found(matcher, own))


def test_a_list_of_signs_reaches_its_items_past_the_bullets_between_them(matcher):
    signs = (
        "How to tell if you joined a company too early? - You merge your own PRs. - You deploy from your laptop."
        " - There is no standup. - You pay the AWS bill. - Nobody has a title. - Deploys go through CI in two minutes."
        " - Nobody writes unit tests."
    )
    assert not {"no-tests", "has-ci", "no-code-review", "no-ci"} & found(matcher, signs), found(matcher, signs)
    seen = "- You merge your own PRs. - Deploys go through CI in two minutes. - Nobody writes unit tests."
    assert {"no-tests", "has-ci"} <= found(matcher, seen), found(matcher, seen)


def test_a_doubt_reads_the_red_flag_and_no_doubt_the_green(matcher):
    doubt = "I doubt they write any tests."
    assert "no-tests" in found(matcher, doubt) and "has-tests" not in found(matcher, doubt), found(matcher, doubt)
    sure = "No doubt they write tests for everything."
    assert "has-tests" in found(matcher, sure), found(matcher, sure)


def test_may_or_may_not_says_neither(matcher):
    unsure = "They may or may not have tests."
    assert not {"has-tests", "no-tests"} & found(matcher, unsure), found(matcher, unsure)
    said = "They do not have tests."
    assert "no-tests" in found(matcher, said), found(matcher, said)


def test_horror_stories_heard_are_no_report(matcher):
    heard = "I've heard horror stories about startups with no backlog at all."
    assert "no-backlog" not in found(matcher, heard), found(matcher, heard)
    seen = "This startup has no backlog at all."
    assert "no-backlog" in found(matcher, seen), found(matcher, seen)


def test_a_method_that_did_not_stick_is_no_method_unknown(matcher):
    tried = "We tried Scrum, it didn't stick, now we run Kanban."
    assert "agile-unfamiliar" not in found(matcher, tried), found(matcher, tried)
    unknown = "Nobody on the team knows what Scrum or Kanban is."
    assert "agile-unfamiliar" in found(matcher, unknown), found(matcher, unknown)


@pytest.mark.parametrize(
    "flag, other, own",
    [
        ("no-tests", "I tested this change manually and it works.", "Everything gets tested manually, there is no test suite."),
        ("no-ci", "We shipped manually this time because the pipeline was down.", "We ship manually from a laptop every Friday."),
        ("bugs-tracked", "Fixed a bug where the Jira widget showed the wrong count.", "Every bug we find goes into Jira."),
    ],
)
def test_one_change_tested_or_shipped_by_hand_and_a_bug_described(matcher, flag, other, own):
    assert flag not in found(matcher, other), (other, found(matcher, other))
    assert flag in found(matcher, own), (own, found(matcher, own))


@pytest.mark.parametrize(
    "flag, other, own",
    [
        ("no-backlog", "Good point, we should add it to the backlog.", "There is no backlog, we just react to email."),
        (
            "bugs-tracked",
            "On call you triage and fix production incidents as they come up.",
            "Every bug is triaged weekly and tracked in Linear.",
        ),
        (
            "no-code-review",
            "Big PRs approved within seconds is a common pattern that shows nobody reads the code.",
            "Big PRs get approved within seconds here, nobody reads the code.",
        ),
        (
            "overtime-expected",
            "In games, crunch is compulsory overtime during the last months of a project.",
            "Crunch before every launch is normal on this team.",
        ),
    ],
)
def test_a_thing_added_to_the_backlog_incidents_put_out_a_pattern_and_a_definition(matcher, flag, other, own):
    assert flag not in found(matcher, other), (other, found(matcher, other))
    assert flag in found(matcher, own), (own, found(matcher, own))


def test_policies_on_on_call_as_a_topic_read_no_burden(matcher):
    topic = "We should write down our policies on on-call rotations and the pay for them."
    assert not {"on-call-burden", "no-after-hours-contact"} & found(matcher, topic), found(matcher, topic)
    paid = "The on-call rotation is paid, with a weekly stipend."
    assert "no-after-hours-contact" in found(matcher, paid), found(matcher, paid)


@pytest.mark.parametrize(
    "text, red, green",
    [
        ("We were promised a test suite by the end of Q3.", "no-tests", "has-tests"),
        ("Adding unit tests is on our to-do list.", "no-tests", "has-tests"),
    ],
)
def test_a_promise_or_a_to_do_shows_the_state_it_would_fix(matcher, text, red, green):
    assert red in found(matcher, text) and green not in found(matcher, text), (text, found(matcher, text))
    done = "We have a test suite and add unit tests with every change."
    assert green in found(matcher, done), found(matcher, done)


@pytest.mark.parametrize(
    "text, absent, present",
    [
        ("Bug reports came in by email until we moved to Linear.", "bugs-untracked", "bugs-tracked"),
        ("Our standups were a 50-minute slog until we switched to written updates.", "long-standups", None),
        ("Our weekend hackathon was optional and had great food.", "overtime-expected", None),
        ("The HM had no idea how reviews or promotions work there.", "no-code-review", None),
        ("We value clean code and pragmatic testing.", "has-tests", None),
        ("I'd never accept a job where bugs live in a spreadsheet.", "bugs-untracked", None),
    ],
)
def test_a_past_ended_by_a_change_and_other_traps_of_the_second_set(matcher, text, absent, present):
    flags = found(matcher, text)
    assert absent not in flags, (text, flags)
    assert present is None or present in flags, (text, flags)


@pytest.mark.parametrize(
    "text, flag",
    [
        ("We deploy by hand until we get CI.", "no-ci"),
        ("Our standups are a 50-minute slog every single day.", "long-standups"),
        ("We work most weekends before a release.", "overtime-expected"),
        ("Nobody reviews the code before it ships.", "no-code-review"),
        ("We have a pragmatic test suite that runs on every PR.", "has-tests"),
        ("Bugs live in a spreadsheet the PM keeps.", "bugs-untracked"),
    ],
)
def test_the_minimal_pairs_of_the_second_set_still_read(matcher, text, flag):
    assert flag in found(matcher, text), (text, found(matcher, text))


def test_short_standups_and_bugs_first_keep_the_classifier_out(matcher):
    # (the product as shipped: with the classifier)
    short = "Our standups never run over ten minutes, people actually stand."
    assert "long-standups" not in {m.id for m in matcher.match(short)}, short
    first = "Bugs always get fixed before new features here, that's the CTO's rule."
    assert "features-over-bugs" not in {m.id for m in matcher.match(first)}, first
    long = "Our standups drag on for 45 minutes every morning."
    assert "long-standups" in {m.id for m in matcher.match(long)}, long
    later = "New features always come before bug fixes here."
    assert "features-over-bugs" in {m.id for m in matcher.match(later)}, later


@pytest.mark.parametrize(
    "question, flag",
    [
        ("One question was how I'd deal with a team that skips code review.", "no-code-review"),
        ("I was asked to describe a time I worked long hours to meet a deadline.", "overtime-expected"),
        ("They wanted to know how I write unit tests.", "has-tests"),
    ],
)
def test_a_question_put_to_the_candidate_states_nothing_of_the_team(matcher, question, flag):
    assert flag not in found(matcher, question), (question, found(matcher, question))


def test_a_trivia_question_put_to_the_candidate_still_reads_trivia(matcher):
    asked = "They wanted to know how I would define a monad, which has nothing to do with the job."
    assert "trivia-interview" in found(matcher, asked), found(matcher, asked)
    own = "I asked whether they ask trivia questions."
    assert "trivia-interview" not in found(matcher, own), found(matcher, own)


@pytest.mark.parametrize(
    "flag, other, own",
    [
        ("has-ci", "They have a strong pipeline of internal promotions.", "They have a strong CI pipeline on every repo."),
        ("tickets-afterthought", "The office wifi is flaky and IT never fixes tickets.", "We never write tickets for our work."),
    ],
)
def test_a_pipeline_of_people_and_support_tickets(matcher, flag, other, own):
    assert flag not in found(matcher, other), (other, found(matcher, other))
    assert flag in found(matcher, own), (own, found(matcher, own))


def test_what_the_writer_keeps_seeing_elsewhere_is_no_report(matcher):
    seen = "I keep seeing companies with no tests at all."
    assert "no-tests" not in found(matcher, seen), found(matcher, seen)
    here = "This company has no tests at all."
    assert "no-tests" in found(matcher, here), found(matcher, here)


@pytest.mark.parametrize(
    "general, flag, report",
    [
        ("In my experience, teams without tests move slower.", "no-tests", "We're a team without tests."),
        ("Honestly, standups longer than 15 minutes are a smell.", "long-standups", "Our standups are longer than 30 minutes."),
        ("The whole idea of a backlog is that it's prioritised.", "prioritized-backlog", "Our backlog is prioritised weekly."),
        (
            "Unpopular opinion: on-call should always be paid.",
            "on-call-burden",
            "On-call here is unpaid and you get paged nightly.",
        ),
    ],
)
def test_teams_in_general_a_practice_s_purpose_and_an_opinion_announced(matcher, general, flag, report):
    assert flag not in found(matcher, general), (general, found(matcher, general))
    assert flag in found(matcher, report), (report, found(matcher, report))


def test_an_interviewer_there_for_years_keeps_the_classifier_out(matcher):
    # (the product as shipped: with the classifier)
    years = "The interviewer said she'd been there six years and walked me through the promotion process."
    assert "interviewer-new" not in {m.id for m in matcher.match(years)}, years
    weeks = "The interviewer had only been there two weeks and couldn't explain promotions."
    assert "interviewer-new" in {m.id for m in matcher.match(weeks)}, weeks
