"""Round sixteen (issue 18): clauses that only date or measure, and harms told with a modal before "without"
(without.py `harm_reading`, dating.py, until.py). Sentences of our own (not those of bench/sets/clause16*.jsonl),
each family pinned with the minimal pair that must keep its reading.
"""

from __future__ import annotations

import pytest

from tests.conftest import check, read


def evidence(matcher, text: str, flag_id: str) -> list[tuple[str, str]]:
    """(quoted words, context) of each piece of evidence for `flag_id` (classifier off)."""
    return [(e.text, e.context) for m in matcher.match(text, model="off") if m.id == flag_id for e in m.evidence]


def flags(matcher, text: str) -> set[str]:
    return {m.id for m in matcher.match(text, model="off")}


# -- a modal, a harm, then "without" the practice: the practice keeps the harm away, it is there


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Our team would push bugs to customers daily without code review.", {"code-review-required"}, {"no-code-review"}),
        ("They'd lose track of every request without the backlog.", {"prioritized-backlog"}, {"no-backlog"}),
        ("We would be drowning in regressions without the automated tests.", {"has-tests"}, {"no-tests"}),
        # the harm itself is no fact of the team's: it is what does not happen
        ("We would be drowning in regressions without the automated tests.", set(), {"poor-code-quality"}),
        # the pairs that keep their readings: a wish (a gain, no harm), a refusal, advice, and no modal at all
        ("We'd release twice as often without code review.", set(), {"no-code-review", "code-review-required"}),
        ("Without code review we'd finally hit our dates.", set(), {"no-code-review", "code-review-required"}),
        ("The lead would bounce any PR without tests.", {"has-tests"}, {"no-tests"}),
        ("You would break production constantly without code review.", set(), {"code-review-required"}),
        ("We ship bugs to customers every week without code review.", {"no-code-review"}, {"code-review-required"}),
        ("Would we ship bugs without code review?", set(), {"code-review-required"}),
    ],
)
def test_a_harm_before_without_says_the_practice_is_there(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_harm_reading_quotes_its_words(matcher):
    said = evidence(matcher, "We would ship outages every sprint without code review.", "code-review-required")
    assert said, said
    assert "code review" in said[0][0].lower(), said
    assert "counterfactual: 'would ... outages ... without'" in said[0][1], said


# -- "since <event>": the event dates the clause; stated on its own it counts


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Since the layoffs, all of us pull late nights before every release.", {"overtime-expected"}, {"high-turnover"}),
        ("Ever since the layoff the office feels empty.", set(), {"high-turnover"}),
        ("Morale has been low since the layoffs.", set(), {"high-turnover"}),
        # the pairs: the event stated on its own, a "since" that means "because", one of a series, people leaving
        ("The company did layoffs in the spring.", {"high-turnover"}, set()),
        ("Since layoffs keep coming, nobody unpacks their desk.", {"high-turnover"}, set()),
        ("Nothing has reached a customer since the latest pivot.", {"unclear-product"}, set()),
        ("Since the layoff, people keep handing in their notice.", {"high-turnover"}, set()),
        ("We are always hiring since people keep quitting.", {"high-turnover"}, set()),
    ],
)
def test_since_an_event_dates_the_clause(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_dated_event_says_why_it_reads_nothing(matcher):
    rules = [e.context for m in matcher.match("Since the layoffs, everyone works weekends.", model="off") for e in m.evidence]
    assert flags(matcher, "Since the layoffs, everyone works weekends.") == {"overtime-expected"}, rules
    said = evidence(matcher, "Since the layoffs, everyone works weekends.", "overtime-expected")
    assert said and said[0][0] == "everyone works weekends", said


# -- a low count of departures over years is a low rate


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Only two engineers have left in four years.", set(), {"high-turnover"}),
        ("One developer quit in the five years the team has existed.", set(), {"high-turnover"}),
        ("A couple of people have left since I started in 2017.", set(), {"high-turnover"}),
        # the pairs: a count over weeks or months, a large count, a span's own number
        ("Two engineers have left in the last six weeks.", {"high-turnover"}, set()),
        ("Six engineers left in two years.", {"high-turnover"}, set()),
        ("In two years, five developers quit.", {"high-turnover"}, set()),
    ],
)
def test_a_low_count_over_years_is_no_turnover(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- "until" an event: the event is a date, not a flag of its own


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Code review was required until people started working weekends.", set(), {"overtime-expected"}),
        ("Code review was required until people started working weekends.", {"no-code-review"}, set()),
        ("Every change was reviewed until the deadline crunch.", {"no-code-review"}, {"code-review-required"}),
        ("Every change was reviewed before it shipped.", {"code-review-required"}, {"no-code-review"}),
        # the pair: the overtime stated on its own
        ("Code review was required, and people started working weekends.", {"overtime-expected"}, set()),
    ],
)
def test_until_an_event_dates_the_end(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a pronoun after a later-state word stands for the practice named before


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("They ran Jenkins for years. Now it's switched off.", {"no-ci"}, {"has-ci"}),
        ("We set up GitLab CI in 2021; nowadays it's disabled.", {"no-ci"}, {"has-ci"}),
        # a change with no object after it reaches no cue past the "and"
        ("They set up CircleCI; now it's turned off and deploys are done by hand.", {"no-ci"}, {"has-ci"}),
        # the pairs: the pronoun with no later-state word, and a later state that is not a pronoun's
        ("We ran Jenkins for years. It got switched off.", {"no-ci"}, {"has-ci"}),
        ("Code review was a formality. These days every PR gets a real review.", {"code-review-required"}, set()),
        ("They shut down Jenkins and the releases are manual now.", {"no-ci"}, {"has-ci"}),
    ],
)
def test_a_pronoun_after_a_later_state_word(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_pronoun_reading_names_its_subject(matcher):
    said = evidence(matcher, "They ran Jenkins for years. Now it's switched off.", "no-ci")
    assert said, said
    assert "subject named in the sentence before: 'Jenkins'" in said[0][1], said


# -- answers: "used to, until ..." stays ended (a plain no is not turned round by the "until" after it)


@pytest.mark.parametrize(
    ("question", "text", "present", "absent"),
    [
        # (a practice told as held until an event is over: the question's no; the event is no flag of its own.
        # Decided at the merge with answers16: change15's "until-q" rows, which said nothing, were relabelled)
        (
            "pl-backlog",
            "there was one until the product owner quit",
            {"no-backlog"},
            {"prioritized-backlog", "high-turnover"},
        ),
        ("cr-how-changes-reviewed", "we used to, until the tech lead left", {"no-code-review"}, {"code-review-required"}),
        # the pairs: a yes of now, and a count of people leaving that is not the turnover question's low rate
        ("pl-backlog", "yes, there is one", {"prioritized-backlog"}, {"no-backlog"}),
        ("tm-turnover", "half of last year's hires are gone", {"high-turnover"}, set()),
        ("tm-turnover", "only two people left in five years", set(), {"high-turnover"}),
    ],
)
def test_answers_with_until(catalogue, question, text, present, absent):
    got = read(catalogue, question, text)
    assert present <= got, (text, got)
    assert not (absent & got), (text, got)
