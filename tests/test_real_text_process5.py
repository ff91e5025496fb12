"""Real-text reading of the process flags, fifth pass: general statements read as facts, and flags
stated across neighbouring sentences (a question and its answer, a practice and the sentence that
takes it back through "it"/"they").

What a user sees is the set of flags `prepbot analyze` reports; the tests read the flags of this
group only, so that wording for the other flags can change without touching them. Every sentence
here is our own.
"""

from __future__ import annotations

import pytest

PROCESS = {
    "no-code-review",
    "code-review-required",
    "no-tests",
    "has-tests",
    "no-ci",
    "has-ci",
    "bugs-untracked",
    "bugs-tracked",
    "tickets-afterthought",
    "no-backlog",
    "prioritized-backlog",
    "agile-unfamiliar",
}


def found(matcher, text: str) -> set[str]:
    return {m.id for m in matcher.match(text, model="off")} & PROCESS


# -- general statements: the trade, a generic subject, a claim about the practice, a rhetorical question


@pytest.mark.parametrize(
    "text",
    [
        "At most companies, every pull request is reviewed by someone else.",
        "In many teams, the backlog is just a place where ideas go to die.",
        "At big companies, deploys are automated through a pipeline.",
        "Few teams bother to keep a proper bug tracker.",
        "Most programmers believe they can keep every bug in their heads.",
        "Mandatory review by two people lowers the risk of a bad merge.",
        "Keeping an issue tracker is one of the hallmarks of a healthy shop.",
        "Why bother with unit tests if the users will find the bugs anyway?",
        # a possibility, a belief or myth, a scenario for the reader, an opinion of the practice
        "It's possible that hundreds of defects are logged in a big product.",
        "It is a widely held myth that, before anything ships, a second developer approves it.",
        "Sometimes you'll get a lead who says, honestly, we don't do continuous integration here.",
        "Mandatory code review is a bottleneck.",
        "Manual deploys may seem harmless at first.",
        # a one-off is no practice
        "We shipped that release by hand this time, because the runners were down.",
    ],
)
def test_a_general_statement_shows_no_flag(matcher, text):
    assert found(matcher, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same practices told of a real team still count
        ("At my company, every pull request is reviewed by someone else.", {"code-review-required"}),
        ("Most developers here push directly to production.", {"no-code-review"}),
        ("In general, we skip code review for hotfixes.", {"no-code-review"}),
        # not chasing a number is no absence of tests
        ("We don't chase 100% coverage, but every service has unit tests.", {"has-tests"}),
    ],
)
def test_the_same_words_about_a_real_team_still_count(matcher, text, expected):
    assert found(matcher, text) == expected


# -- across neighbouring sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a practice named, then taken back through a pronoun: the second sentence says what holds
        ("We have a test suite. It hasn't run in a year.", {"no-tests"}),
        ("Code reviews exist. They are skipped whenever a deadline is close.", {"no-code-review"}),
        ("There is a CI server. Nobody has touched it since the spring.", {"no-ci"}),
        # ...or confirmed and made more precise
        ("We have unit tests. They run on every push.", {"has-tests", "has-ci"}),
        ("There is a backlog. It is groomed every week by the product owner.", {"prioritized-backlog"}),
        # a reported question about a bare topic, and a non-answer
        ("I asked about their CI setup. Silence.", {"no-ci"}),
        ("I asked about the backlog. She changed the subject.", {"no-backlog"}),
        ("I asked whether they write tests. Sometimes, when there is time.", {"no-tests"}),
        ("I asked who triages the bug reports. Nobody knew.", {"bugs-untracked"}),
    ],
)
def test_a_flag_stated_across_sentences(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the pronoun's sentence says nothing of the practice: the first reading stands alone
        "We have a test suite. It is written in Python.",
        # a reported question about a topic answered with something else is no answer
        "I asked about the backlog. She showed me the board.",
    ],
)
def test_a_neighbour_that_says_nothing_changes_nothing(matcher, text):
    first = text.split(". ")[0] + "."
    assert found(matcher, text) == found(matcher, first)


def test_the_evidence_of_a_named_subject_quotes_the_second_sentence(matcher):
    text = "Code reviews exist. They are skipped whenever a deadline is close."
    (match,) = [m for m in matcher.match(text, model="off") if m.id == "no-code-review"]
    (evidence,) = match.evidence
    assert text[evidence.start : evidence.end] == evidence.text
    assert evidence.text.startswith("They are skipped")
    assert "Code reviews" in evidence.context


def test_a_pronoun_after_a_question_is_not_read_with_its_topic(matcher):
    # (the question states nothing; its topic is no subject for the next sentence)
    assert found(matcher, "Do you have a test suite? It hasn't run in a year, I hear.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a yes-or-no question and a plain answer in the next sentence
        ("Do they have CI? No.", {"no-ci"}),
        ("Do I keep a roadmap? Not really.", {"no-backlog"}),
        ("Is there a bug tracker? Nope, only email.", {"bugs-untracked"}),
        ("Do they review every pull request? Yes.", {"code-review-required"}),
        ("Do they write tests? Sometimes.", {"no-tests"}),
        ("Does the team use a backlog? No, the founder decides.", {"no-backlog"}),
    ],
)
def test_a_question_answered_in_the_next_sentence(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an opinion asked for, not a practice
        "Do you think tests matter? Yes.",
        # one's experience anywhere, not this team
        "Have you ever worked somewhere without a bug tracker? Yes.",
        # a question left open
        "Do they have CI? I forgot to ask.",
    ],
)
def test_a_question_that_asks_no_practice_shows_no_flag(matcher, text):
    assert found(matcher, text) == set()


# -- wording families the cues did not know


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She merged the branch by herself on a Friday night.", {"no-code-review"}),
        ("Admins routinely bypass the branch protection when they are in a hurry.", {"no-code-review"}),
        ("Our integration suite is largely commented out.", {"no-tests"}),
        ("Testing here is whatever the lone QA person has time for.", {"no-tests"}),
        ("Tests are something the team says it will get around to eventually.", {"no-tests"}),
        ("Only one developer can deploy the billing service.", {"no-ci"}),
        ("How releases are built is tribal knowledge.", {"no-ci"}),
        ("Nothing runs automatically when you push a branch.", {"no-ci"}),
        ("Linting and unit tests run automatically on every pull request.", {"has-ci", "has-tests"}),
        ("Support forwards bug reports to the developers by email.", {"bugs-untracked"}),
        ("Nobody files bugs anywhere; we fix what we remember.", {"bugs-untracked"}),
        ("Each bug gets a P1 to P4 priority level before anyone picks it up.", {"bugs-tracked"}),
        ("Incoming bug reports are triaged within a day.", {"bugs-tracked"}),
        ("Support assigns each bug to an owner on the owning team.", {"bugs-tracked"}),
        ("Defects and other things we need to do are tracked as GitLab issues.", {"bugs-tracked"}),
        ("There is no list of planned work anywhere.", {"no-backlog"}),
        ("The team rarely plans more than a week ahead.", {"no-backlog"}),
        ("The roadmap is revisited every quarter with the leads.", {"prioritized-backlog"}),
        ("Nobody on the team knows what a retro is.", {"agile-unfamiliar"}),
        ("The developers have never used scrum or anything like it.", {"agile-unfamiliar"}),
        ("Every release takes half a day and three engineers.", {"no-ci"}),
        ("The deploy process involves a dozen manual steps.", {"no-ci"}),
        ("Approvals are not required on the internal repos.", {"no-code-review"}),
        ("One red test is enough to block the release.", {"has-tests"}),
        ("Production deploys are one click from the pipeline page.", {"has-ci"}),
        ("Each merge request requires a thumbs up from another developer.", {"code-review-required"}),
        ("The coming two sprints are already mapped out.", {"prioritized-backlog"}),
        ("Engineers grab work from the top of the backlog.", {"prioritized-backlog"}),
        ("Tickets are made afterwards so the sprint report looks complete.", {"tickets-afterthought"}),
        ("Nobody is sure what the team will be working on next month.", {"no-backlog"}),
        ("What gets built is decided over coffee with the founder.", {"no-backlog"}),
        ("Known bugs are kept in the tech lead's head.", {"bugs-untracked"}),
        # a plan that never happened shows the state it would have fixed
        ("She was all set to add integration tests, then the project was cut.", {"no-tests"}),
        ("We were planning to set up a build server before the layoffs.", {"no-ci"}),
    ],
)
def test_wording_families(matcher, text, expected):
    assert found(matcher, text) == expected


# -- other senses of the cue words


@pytest.mark.parametrize(
    "text",
    [
        "Performance reviews were skipped two years running.",
        "My salary review is optional, apparently.",
        "The sales pipeline runs automatically out of the CRM.",
        "Our data pipelines are triggered automatically every night.",
        "There's no time tracker, which was a relief.",
        "Every new hire has to pass a drug test.",
        "The codebase has no structure whatsoever.",
    ],
)
def test_another_sense_of_a_cue_word_shows_no_process_flag(matcher, text):
    assert found(matcher, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Code reviews were skipped two years running.", {"no-code-review"}),
        ("The build pipeline runs automatically on every push.", {"has-ci"}),
        ("There is no structure to how the team plans its work.", {"agile-unfamiliar"}),
    ],
)
def test_the_practice_sense_still_reads(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a topic answered with "depends on who": not the same for everyone, so no practice
        ("Code review? Depends on who you ask.", {"no-code-review"}),
        ("Unit tests? Depends on the developer.", {"no-tests"}),
    ],
)
def test_a_topic_answered_by_who_it_depends_on(matcher, text, expected):
    assert found(matcher, text) == expected


def test_the_sentences_after_announced_advice_state_no_practice(matcher):
    assert found(matcher, "Here's my advice. Write tests for every module and automate your deploys.") == set()
    assert found(matcher, "A few tips for small teams. Keep one prioritised backlog.") == set()


def test_advice_rules_only_the_sentences_after_it(matcher):
    # ...two of them: a finding further on still counts, and so does one before the advice
    text = "Here's my advice. Write tests. Keep a backlog. On my team every PR gets two approvals."
    assert found(matcher, text) == {"code-review-required"}
    assert found(matcher, "Every PR gets two approvals here. My advice is to ask about it.") == {"code-review-required"}
