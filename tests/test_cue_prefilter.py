"""The cue search only tries the cues a sentence can match (speed), and finds exactly what trying
every cue would: multi-word alternatives whose first word is an everyday one, number cues at the
edges of their values, and context phrases that share their first words."""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.matching.context_rules import _phrase_index, _starting
from prepbot.matching.cues import CueSet
from prepbot.matching.text import tokenize


@pytest.fixture(scope="module")
def rules():
    return load_catalogue().rules


def flags(cues: CueSet, rules, text: str) -> list[str]:
    return [cue.flag_id for cue, _, _ in cues.find(cues.prepare(tokenize(text, rules)))]


def test_a_cue_is_found_by_the_rare_word_of_an_alternative_that_opens_with_an_everyday_one(rules):
    cues = CueSet([("users", "qa|testers the_customers|the_users"), ("ship", "ship* ... on_fridays")], rules)
    assert flags(cues, rules, "Here QA is basically the customers.") == ["users"]
    assert flags(cues, rules, "Testers? the users, honestly.") == ["users"]
    # the rare word without the everyday word before it is not the alternative
    assert flags(cues, rules, "QA is the job of customers") == []
    assert flags(cues, rules, "we ship code on fridays") == ["ship"]
    assert flags(cues, rules, "we ship code on mondays") == []


def test_number_cues_read_numbers_by_their_value_at_every_edge(rules):
    cues = CueSet([("long", "#>=6 day_week*"), ("few", "#<3 approvals"), ("exact", "#=2 approvals")], rules)
    for days, expected in ((5, []), (6, ["long"]), (6.5, ["long"]), (7, ["long"]), (412, ["long"])):
        assert flags(cues, rules, f"a {days} day week is normal") == expected, days
    assert flags(cues, rules, "it takes 2 approvals") == ["few", "exact"]
    assert flags(cues, rules, "it takes 2.5 approvals") == ["few"]
    assert flags(cues, rules, "it takes 3 approvals") == []
    # the same numbers again, now answered from what was learnt: the same readings
    assert flags(cues, rules, "a 5 day week is normal") == []
    assert flags(cues, rules, "a 9 day week is normal") == ["long"]


def test_context_phrases_sharing_first_words_are_found_in_the_lists_order():
    index = _phrase_index([(("not", "yet"), "a"), (("not",), "b"), (("not", "yet", "again"), "c"), (("no",), "d")])
    words = "we have not yet again tried".split()
    assert _starting(index, words, 2) == ["a", "b", "c"]
    assert _starting(index, words, 0) == []
    assert _starting(index, ["not"], 0) == ["b"]
    skipped = _phrase_index([(("^", "when"), "w"), (("^",), "any")], skip=1)
    assert _starting(skipped, ["when", "it", "breaks"], 0) == ["w", "any"]


def test_numbers_new_to_the_caches_read_by_their_value_and_numbers_written_in_a_cue_as_words(rules):
    # Each number below is new to the set's caches: numbers are kept per class of value, not one by one.
    cues = CueSet([("pages", "#>=3 pages"), ("short", "#<2 days"), ("oncall", "1_week_in_4")], rules)
    assert flags(cues, rules, "it is 1 week in 4") == ["oncall"]
    assert flags(cues, rules, "it is 2 week in 4") == []
    for number in range(3000, 3040):  # many numbers, one class
        assert flags(cues, rules, f"ticket {number} took 1,5 days after {number + 1} pages") == ["pages", "short"], number
    assert flags(cues, rules, "ticket 2 took 2,5 days after 2 pages") == []
    assert flags(cues, rules, "ticket 2 took 1,5 days after 3 pages") == ["pages", "short"]
    assert flags(cues, rules, "two pages, then 3 pages in one night") == ["pages"]


@pytest.mark.parametrize(
    "note",
    [
        "We'd ship 2x a week -> CI+CD w/o b2b tests, 24/7 on-call; 1,5 days or 3.5 hours => no_review +1 ++ x-y=z",
        "Reviews: n/a... PR's merged by j2ee devs at 10:30, 100% of them; rock'n'roll, don't + can't -> won't",
    ],
)
def test_a_plain_ascii_note_reads_the_same_words_as_with_one_accented_letter_beside_it(rules, note):
    # An ASCII-only sentence is searched by a quicker pattern (text.py): it must find the same tokens.
    words = [(t.word, t.start, t.end, t.clause, t.scope, t.capital) for t in tokenize(note + " Café", rules)]
    assert [(t.word, t.start, t.end, t.clause, t.scope, t.capital) for t in tokenize(note, rules)] == words[:-1]
    assert words[-1][0] == "café"
