"""Misreadings users still saw in round fourteen (issue 18): general mechanisms, each pinned with
sentences of our own (not those of bench/sets/fix14*.jsonl) and with the minimal pair that must not change.
"""

from __future__ import annotations

import pytest

from prepbot.matching.text import tokenize
from tests.conftest import check, with_classifier

# -- a stated norm (context.yaml `norm_figures`): a normal figure with nothing said against it, or a real
# figure at the norm, is no overtime, from the cues or the classifier; a real figure well above it still is.


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Working hours are officially sane, per HR: 38 a week.", set(), {"overtime-expected"}),
        ("Per HR the hours are reasonable, 37 hours weekly.", set(), {"overtime-expected"}),
        # the pair: a hedged norm with no figure stays hedged, and a real figure well above it is overtime
        ("Hours are officially reasonable.", {"overtime-expected"}, set()),
        ("Hours are officially reasonable, 38 a week, but really 56 most weeks.", {"overtime-expected"}, set()),
        ("HR says 38 hours; the devs admitted to 60 a week.", {"overtime-expected"}, set()),
    ],
)
def test_a_normal_stated_norm_is_no_overtime(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_norm_kept_by_the_real_figure_keeps_the_classifier_out(catalogue):
    says = {"": {"overtime-expected": 0.97}}
    matcher = with_classifier(catalogue, says)
    kept = "On paper it is 38 hours a week, and the team really works 38."
    assert "overtime-expected" not in {m.id for m in matcher.match(kept)}
    stated = "Per HR the hours are reasonable, 37 hours weekly."
    assert "overtime-expected" not in {m.id for m in matcher.match(stated)}
    # the pair: a norm the real figure exceeds, and a norm said with a "but", the classifier still reads
    assert "overtime-expected" in {m.id for m in matcher.match("On paper it is 38 hours, in practice 57.")}
    assert "overtime-expected" in {m.id for m in matcher.match("Officially 38 hours a week, but people stay on.")}


# -- an abbreviation of a figure's unit ("hr") is the unit only after a number: a cue's "hr" (human
# resources) reads "HR", never the longer ordinary word "hours"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("She deferred my questions about working hours to the end of the call.", set(), {"interviewer-new"}),
        ("The lead deferred the database upgrade to off hours.", set(), {"interviewer-new"}),
        ("They referred the pager question to the out of hours rota.", set(), {"interviewer-new"}),
        # the pair: deferring to HR, or having to ask HR first, is the cue's sense
        ("She deferred my questions about the leave policy to HR.", {"interviewer-new"}, set()),
        ("The hiring manager said he would need to ask HR about the bonus scheme.", {"interviewer-new"}, set()),
    ],
)
def test_an_abbreviation_in_a_cue_does_not_read_a_longer_word(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_an_abbreviation_is_its_unit_after_a_number(matcher):
    words = [t.word for t in tokenize("ask HR about the 45 hr weeks and the 2hr meetings", matcher.rules)]
    assert words == ["ask", "hr", "about", "the", "45", "hours", "weeks", "and", "the", "2", "hours", "meetings"]


# -- a decay whose result lasts (grammar `lasting_decay`) is the state now, however long ago it happened; a
# later clause that undoes it (grammar `undoing`) takes it back, and a negated one ("never rebuilt") does not


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Their integration tests rotted years ago.", {"no-tests"}, {"has-tests"}),
        ("The test suite was abandoned back in 2020.", {"no-tests"}, {"has-tests"}),
        ("The release pipeline fell apart years ago.", {"no-ci"}, {"has-ci"}),
        ("The old test suite rotted years ago and nobody ever rebuilt it.", {"no-tests"}, {"has-tests"}),
        # the pair: undone since, or a past practice that simply was, is not the state now
        ("The test suite rotted years ago, but the platform team rebuilt it.", set(), {"no-tests"}),
        ("Their issue tracker died in 2021 and was restored a month later.", set(), {"bugs-untracked"}),
        ("Years ago they had no tests at all.", set(), {"no-tests"}),
    ],
)
def test_a_lasting_decay_in_the_past_is_the_state_now(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a thing said not to exist in the singular or the plural, with "a" or "any", "there is" or "there are"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("On the data team there isn't a PR, you commit and go.", {"no-code-review"}, {"code-review-required"}),
        ("The agency has no pull request either.", {"no-code-review"}, {"code-review-required"}),
        ("Their mobile repo: no MR whatsoever.", {"no-code-review"}, set()),
        ("The billing service doesn't have a single unit test.", {"no-tests"}, {"has-tests"}),
        ("Their firmware team has never had a test, there is no test at all.", {"no-tests"}, {"has-tests"}),
        ("For that kind of work there aren't any tickets.", {"tickets-afterthought"}, set()),
        # the pair: the quantifier of a rule reads the rule, and an interview's test is not a suite
        ("Nobody ships without a PR.", {"code-review-required"}, {"no-code-review"}),
        ("No pull request merges until two people approve it.", {"code-review-required"}, {"no-code-review"}),
        ("There was no coding test in the second round.", set(), {"no-tests"}),
        # a PR's template or description said not to exist says nothing of review
        ("There is no PR template yet, but every change gets two approvals.", {"code-review-required"}, {"no-code-review"}),
        ("Honestly there's no PR description convention at all.", set(), {"no-code-review"}),
        ("There's no PR template and there is no PR either, people push to main.", {"no-code-review"}, set()),
    ],
)
def test_a_thing_said_not_to_exist_in_the_singular(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a sentence whose only topic is the weather, a sport, cooking or medicine (context.yaml `other_topics`) is
# not read by the classifier; one with a word of work ("startup", "roadmap") still is


def test_a_sentence_of_another_topic_only_keeps_the_classifier_out(catalogue):
    says = {"": {"unclear-product": 0.95}}
    matcher = with_classifier(catalogue, says)
    for text in ("Nobody on the boat could tell where the gusts would come from.", "The striker drifts wherever he likes."):
        assert "unclear-product" not in {m.id for m in matcher.match(text)}, text
    # the pair: the same idiom about the company, and a topic word only in the likeness, are read
    for text in ("Nobody can tell where the gusts will come from at this startup.", "The vision drifts like the weather."):
        assert "unclear-product" in {m.id for m in matcher.match(text)}, text


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("The hurricane changed direction again overnight.", set(), {"unclear-product"}),
        ("The chef's new menu has no clear direction.", set(), {"unclear-product"}),
        # the pair: the product's direction
        ("The product has no clear direction.", {"unclear-product"}, set()),
    ],
)
def test_a_storm_or_a_dish_has_no_product_direction(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("My brother is a farmer and works every weekend in the harvest.", set(), {"overtime-expected"}),
        ("Officially the hours are sane, I was told, and the figure was 39 a week.", set(), {"overtime-expected"}),
        # the pair: the team's weekends, and a norm with a real figure well above it
        ("The devs work every weekend during the harvest sale.", {"overtime-expected"}, set()),
        ("Officially the hours are sane, 39 a week, but in reality 58.", {"overtime-expected"}, set()),
    ],
)
def test_another_trades_hours_and_a_norm_in_words(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Their snapshot tests withered away once the designer left.", {"no-tests"}, {"has-tests"}),
        ("The smoke test suite fell into disuse after the rewrite.", {"no-tests"}, {"has-tests"}),
        ("Their build pipeline died out with the old platform team.", {"no-ci"}, {"has-ci"}),
        # the pair: a suite that is kept up
        ("Their snapshot tests are kept up by the designer.", {"has-tests"}, {"no-tests"}),
    ],
)
def test_more_words_of_a_decay(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("on paper 38, in practice 60 most weeks", {"overtime-expected"}, set()),
        # the pair: a real figure at the norm, and a figure with a unit of another thing, read nothing
        ("on paper 38, in practice 38", set(), {"overtime-expected"}),
        ("officially 38 days of leave, really 50 days", set(), {"overtime-expected"}),
    ],
)
def test_a_norm_without_a_unit(matcher, text, present, absent):
    check(matcher, text, present, absent)
