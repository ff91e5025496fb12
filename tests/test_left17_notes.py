"""Candidate notes the round-fourteen wave left misread (brief LEFT17, notes): a "->" chain whose later state is a
figure, a comp day after a night page, performance reviews asked about, a speaker's label before "without". Each
rule: the sentence, one more of the same family, and a minimal pair that keeps its reading (classifier off).
"""

from __future__ import annotations

import pytest

from tests.conftest import check

# -- a chain of figures: the figure after the last arrow is the state that stands, words after it or not


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("standup 45m -> 15m after they split the team", set(), {"long-standups"}),
        ("daily standup 60 min -> 10 min once the PM left", set(), {"long-standups"}),
        # the later figure long: it stands
        ("standup 10m -> 45m after they merged the teams", {"long-standups"}, set()),
        # the later state no figure: the earlier reading stays
        ("standup 45m -> still 45m", {"long-standups"}, set()),
    ],
)
def test_a_later_figure_in_a_chain_stands(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a comp day after a night page: the compensation, not the burden


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("comp day after a night page", {"no-after-hours-contact"}, {"on-call-burden"}),
        ("you get a comp day after night pages", {"no-after-hours-contact"}, {"on-call-burden"}),
        # the night page without the comp day stays the burden
        ("got a night page at 3am, no comp day", {"on-call-burden"}, {"no-after-hours-contact"}),
        # the comp day taken away: the burden
        ("the comp day after night pages went away, the pages didnt", {"on-call-burden"}, {"no-after-hours-contact"}),
    ],
)
def test_a_comp_day_after_a_night_page_is_compensation(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- performance reviews asked about: another sense of "reviews", no topic of code review


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("asked how perf reviews work, got a blank stare", set(), {"no-code-review", "code-review-required"}),
        ("I asked about the performance reviews. Blank stare.", set(), {"no-code-review", "code-review-required"}),
        ("perf reviews: none", set(), {"no-code-review", "code-review-required"}),
        # code reviews asked about, the same answer: no code review
        ("asked how code reviews work, got a blank stare", {"no-code-review"}, {"code-review-required"}),
        ("reviews: none", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_performance_reviews_are_no_code_review_topic(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a speaker's label before an opening "without": the counterfactual still opens its clause


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Lead: without PR reviews we'd ship bugs daily", {"code-review-required"}, {"no-code-review"}),
        ("CTO: without the test suite we would be terrified to deploy", {"has-tests"}, {"no-tests"}),
        # a plain statement after the label stays as read
        ("Lead: we merge without PR reviews", {"no-code-review"}, {"code-review-required"}),
        # a wish after the label says nothing of the team
        ("Lead: we'd ship faster without PR reviews", set(), {"no-code-review", "code-review-required"}),
    ],
)
def test_a_speaker_label_keeps_the_without_opener(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- not one test written by anyone: no tests


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("nobody has written a single test", {"no-tests"}, {"has-tests"}),
        ("no one wrote a test in the last year", {"no-tests"}, {"has-tests"}),
        # the same words of docs, or everyone writing one: no reading of tests missing
        ("nobody has written a single line of docs", set(), {"no-tests", "has-tests"}),
        ("everyone wrote a test for that bug", set(), {"no-tests"}),
    ],
)
def test_nobody_writing_a_single_test_is_no_tests(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a dropped-word answer dated by the event after it ("after", "since") is still the answer


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("reviews: mandatory -> gone after the reorg", {"no-code-review"}, {"code-review-required"}),
        ("tests: dropped since the rewrite", {"no-tests"}, {"has-tests"}),
        ("CI: yes since last year", {"has-ci"}, {"no-ci"}),
        # a hedge after the answer stays a hedge, a turn after "but" no plain answer
        ("reviews: yes in theory", {"no-code-review"}, {"code-review-required"}),
        ("reviews: gone after the reorg but back now", set(), {"no-code-review"}),
        # "no" before words is a determiner, "after-hours" no date: the green stays
        ("They keep evenings free: no after-hours pings, no weekend calls.", {"no-after-hours-contact"}, {"on-call-burden"}),
    ],
)
def test_a_dated_answer_is_still_the_answer(matcher, text, present, absent):
    check(matcher, text, present, absent)
