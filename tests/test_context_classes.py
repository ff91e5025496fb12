"""Each class of context rule (context.yaml), word forms and typo tolerance, on sentences of our own.

A flag read is what a user sees in `prepbot analyze`; each result also names the rule that made it.
"""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.matching.context_rules import ContextRules
from prepbot.matching.cues import CueSet
from prepbot.matching.text import tokenize
from prepbot.matching.words import is_word, stem
from tests.conftest import found


def contexts(matcher, text: str) -> dict[str, list[str]]:
    return {m.id: [e.context for e in m.evidence] for m in matcher.match(text, model="off")}


# -- word forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # inflections of a cue word read like it
        ("Every pull request gets reviewed by a teammate.", {"code-review-required"}),
        ("Most of the backend is untested.", {"no-tests"}),
        ("Our merges ship unreviewed most days.", {"no-code-review"}),
        ("Nothing we release is unreviewed.", {"code-review-required"}),
        # "un" only negates the word it is attached to, not the sentence
        ("I made an unexpected purchase of a new laptop with the hardware budget.", {"equipment-budget"}),
    ],
)
def test_word_forms(matcher, text, expected):
    assert found(matcher, text) == expected


def test_a_cue_word_written_as_one_matches_two_words_and_a_hyphen():
    rules = load_catalogue().rules
    cues = CueSet([("high-turnover", "turnover ... high|huge")], rules)
    for text in ("The turnover here is huge.", "The turn-over here is huge.", "Turn over here is high."):
        assert cues.find(cues.prepare(tokenize(text, rules))), text
    assert not cues.find(cues.prepare(tokenize("Turn the page over; the pile is high.", rules)))


def test_an_inflected_word_matches_its_base_but_a_bare_word_not_a_chosen_form():
    rules = load_catalogue().rules
    cues = CueSet([("a", "weekend"), ("b", "covered")], rules)
    assert {c.flag_id for c, _, _ in cues.find(tokenize("we work weekends", rules))} == {"a"}
    assert {c.flag_id for c, _, _ in cues.find(tokenize("it was covering everything", rules))} == {"b"}
    # "cover" (the bare word) is not "covered": another sense, not another form
    assert cues.find(tokenize("insurance will cover it", rules)) == []
    # derivations are not forms: "direction" is not "direct"
    cues = CueSet([("c", "direct")], rules)
    assert cues.find(tokenize("a change of direction", rules)) == []


def test_stems_and_the_word_list():
    assert stem("reviewing") == stem("reviews") == stem("reviewed") == "review"
    assert is_word("pilots") and is_word("pivots") and is_word("review")
    assert not is_word("reveiw") and not is_word("teh")


# -- typo tolerance


def test_typos_never_map_one_real_word_onto_another():
    rules = load_catalogue().rules
    cues = CueSet([("x", "pivots")], rules)
    assert cues.find(tokenize("our pilots went well", rules)) == []
    assert cues.find(tokenize("three pivtos in a year", rules))  # a real typo still reads


def test_typos_never_touch_capitalised_names():
    rules = load_catalogue().rules
    cues = CueSet([("x", "pivots")], rules)
    assert cues.find(tokenize("we use Pivtos for tickets", rules)) == []
    assert cues.find(tokenize("Pivtos everywhere", rules))  # the first word of a sentence is not a name


# -- context classes


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        # a practice dropped: the red flag
        ("We did code reviews for a while, then stopped.", {"no-code-review"}, "dropped or fixed"),
        ("The team stopped writing unit tests last spring.", {"no-tests"}, "dropped or fixed"),
        ("We used to keep a prioritized backlog.", {"no-backlog"}, "past"),
        # in name only, supposedly, scare quotes, hedges, on the roadmap: the practice is not there
        ("Code review exists in name only.", {"no-code-review"}, "in name only"),
        ("Supposedly every PR is reviewed.", {"no-code-review"}, "in name only"),
        ('We have "code review" here.', {"no-code-review"}, "scare quotes"),
        ("They 'try to' write tests when there's time.", {"no-tests"}, "in name only"),
        ("CI is on the roadmap.", {"no-ci"}, "wish or plan"),
        # advice and wishes: the state they would fix, never the green
        ("You should start writing tests.", {"no-tests"}, "proposal to the team"),
        ("Advice to management: add tests.", {"no-tests"}, "proposal to the team"),
        ("We would love to have CI someday.", {"no-ci"}, "wish or plan"),
        ("We should stop pushing straight to production.", {"no-code-review"}, "proposal to the team"),
    ],
)
def test_context_class(matcher, text, expected, rule):
    read = contexts(matcher, text)
    assert set(read) == expected
    assert all(any(rule in c for c in said) for said in read.values()), read


@pytest.mark.parametrize(
    "text",
    [
        # fixed or trimmed problems: not the old red state
        "We cut the daily standup back from 45 minutes to 15.",
        "Until last year standups took 45 minutes; now they take ten.",
        "Back then nobody reviewed code.",
        "The flaky test problem was fixed and is gone.",
        # hypotheticals, conditionals and questions: nothing
        "Imagine a team where every change is reviewed.",
        "If nobody reviews code, bugs slip through.",
        "Would they write tests if they had time?",
        "Do they review code?",
        "They asked me if I write tests. I said no.",
    ],
)
def test_nothing_old_or_hypothetical_is_read(matcher, text):
    red = {m.id for m in matcher.match(text, model="off") if m.kind == "red"}
    assert red == set(), text


def test_a_fixed_problem_may_show_the_new_state(matcher):
    assert found(matcher, "Until last year we deployed by hand.") == {"has-ci"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I asked if they do code reviews. He laughed.", {"no-code-review"}),
        ("I asked whether they write tests. The answer was yes, always.", {"has-tests"}),
        ("I asked who decides what gets fixed first. He laughed and said whoever shouts loudest.", {"no-backlog"}),
    ],
)
def test_statements_across_neighbouring_sentences(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Not one release goes out untested.", {"has-tests"}),
        ("Nobody gets to merge their own pull request.", {"code-review-required"}),
        ("No change ships without a review.", {"code-review-required"}),
    ],
)
def test_double_negatives_give_the_green_flag(matcher, text, expected):
    assert found(matcher, text) == expected


def test_a_negation_reaches_only_its_own_clause(matcher):
    assert found(matcher, "Nobody told me about the dress code, but every PR gets a review.") == {"code-review-required"}
    assert found(matcher, "I don't love the office, and we have CI on every branch.") == {"has-ci"}


def test_every_result_names_its_rule(matcher):
    for text in ("We used to keep a prioritized backlog.", "Supposedly every PR is reviewed."):
        for match in matcher.match(text, model="off"):
            assert all(e.source and e.context for e in match.evidence)


def test_modifier_effects_are_validated(tmp_path):
    from prepbot import bank_loader
    from prepbot.matching.context_rules import CONTEXT_FILE

    bad = tmp_path / "context.yaml"
    bad.write_text(CONTEXT_FILE.read_text(encoding="utf-8").replace("effect: red", "effect: purple", 1), encoding="utf-8")
    rules, problems = bank_loader.read_context(bad)
    assert rules is None and any("effect must be one of" in p.message for p in problems)
    rules, problems = bank_loader.read_context(CONTEXT_FILE)
    assert isinstance(rules, ContextRules) and not problems
    assert ContextRules.from_mapping(rules.as_mapping()) == rules


# -- the engine and the classifier (a stand-in classifier: what it says is fixed per text)


class _StandIn:
    def __init__(self, unit: str, says: dict[str, dict[str, float]]):
        self.unit = unit
        self.thresholds: dict[str, float] = {}
        self._says = says

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        return [next((v for k, v in self._says.items() if k in text), {}) for text in texts]


def _with_stand_in(unit: str, says: dict[str, dict[str, float]]):
    from prepbot.matching.engine import Matcher, ModelSlot

    catalogue = load_catalogue()
    return Matcher(catalogue.bank.flags.values(), catalogue.rules, ModelSlot(lambda: _StandIn(unit, says)))


def test_a_weak_cue_below_the_threshold_vetoes_no_confident_classifier_reading():
    # ("stale" itself is now a context trigger that reads the backlog as not really there: the
    # classifier's reading is pinned with words no rule reads.)
    text = "The backlog is a mess of six hundred forgotten tickets."
    matcher = _with_stand_in("sentence", {"forgotten tickets": {"no-backlog": 0.97}})
    weak = [m for m in load_catalogue().matcher.match(text, model="off") if m.id == "prioritized-backlog"]
    assert weak == []  # the cue alone reads too little to report
    found = {m.id: m for m in matcher.match(text)}
    assert "no-backlog" in found and "prioritized-backlog" not in found
    assert found["no-backlog"].evidence[0].source.startswith("classifier")


def test_a_not_in_another_sentence_never_suppresses_a_green_reading():
    says = {"second pair of eyes": {"code-review-required": 0.95}}
    text = "Every change gets a second pair of eyes before it lands."
    for unit in ("text", "sentence"):
        matcher = _with_stand_in(unit, says)
        assert "code-review-required" in {m.id for m in matcher.match(text)}
        assert "code-review-required" in {m.id for m in matcher.match("I don't drink coffee. " + text)}, unit
    # ...but in its own sentence a "not" still keeps the classifier from reading the green flag
    matcher = _with_stand_in("sentence", says)
    assert "code-review-required" not in {m.id for m in matcher.match("No change gets a second pair of eyes here.")}


# -- evidence quotes (issue 21): the phrase that carries the meaning, once per flag


def test_a_one_word_quote_is_widened_to_its_clause(matcher):
    from prepbot.bank import Flag
    from prepbot.matching.engine import Matcher

    rules = load_catalogue().rules
    flag = Flag("x", "red", "X", "x", "low", "?", ("support",))
    single = Matcher([flag], rules)
    text = "Lunch is fine. Support tickets pile up for weeks and support never answers, sadly."
    [match] = single.match(text, model="off")
    quotes = [e.text for e in match.evidence]
    assert quotes == ["Support tickets pile up for weeks and support never answers"]
    for e in match.evidence:
        assert text[e.start : e.end] == e.text


def test_a_plain_answer_quotes_the_answer_not_just_no():
    catalogue = load_catalogue()
    question = catalogue.bank.questions["pl-backlog"]
    [match] = catalogue.matcher.match("No, the CEO decides every morning.", question=question, model="off")
    assert match.id == "no-backlog"
    assert [e.text for e in match.evidence] == ["No, the CEO decides every morning"]


def test_a_phrase_of_a_few_words_stays_as_it_is(matcher):
    [match] = matcher.match("Honestly, nobody reviews code here and it shows.", model="off")
    assert match.id == "no-code-review"
    assert [e.text for e in match.evidence] == ["nobody reviews code"]


def test_another_sense_of_a_cue_word_reads_nothing(matcher):
    assert found(matcher, "Their dental insurance coverage is 80 percent.") == set()
    assert found(matcher, "Test coverage is at 80 percent.") == {"has-tests"}


def test_only_after_joining_is_not_a_new_interviewer():
    """The product's own pitch ("candidates only learn after joining that ...") is about candidates,
    not an interviewer who has just joined; "only joined" next to each other still is."""
    matcher = load_catalogue().matcher
    pitch = "Many candidates only learn after joining that the team does no code review."
    assert {m.id for m in matcher.match(pitch, model="off")} == {"no-code-review"}
    assert "interviewer-new" in {m.id for m in matcher.match("the interviewer only joined two weeks ago", model="off")}
    assert "interviewer-new" in {m.id for m in matcher.match("the EM had only started in March", model="off")}
