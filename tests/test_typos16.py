"""Typos and shorthand, round sixteen (issue 18): a mistyped form of a cue word ("approvd", "changng",
"prioritzed") reads as the real word one edit away when exactly one word's forms are that close
(prepbot/matching/typos.py), and two words run together ("productbacklog") read apart when a cue
writes them one after the other. Sentences of our own (not bench/sets/typo16b.jsonl); the minimal
pairs are real words one edit from a cue word, names, and typos two words are equally close to.
"""

from __future__ import annotations

import pytest

from tests.conftest import check, found


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("nothing gets merged unless it's been approvd", "code-review-required"),
        ("the roadmap keeps changng every month", "unclear-product"),
        ("the sprint backlog is prioritzed weekly", "prioritized-backlog"),
        ("the backlog is prioritsed by the PM each sprint", "prioritized-backlog"),
        ("overtime is expectd most weekends", "overtime-expected"),
        ("there's no bugtracker, just email", "bugs-untracked"),
        ("there's no productbacklog, just whatever sales wants", "no-backlog"),
    ],
)
def test_a_mistyped_or_run_together_cue_word_reads(matcher, text, flag):
    assert flag in found(matcher, text), (text, found(matcher, text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a real word one edit from a cue word's form is that word, not a typo
        ("ppl keep leafing through old specs", {"high-turnover"}),
        ("nobody writes texts here", {"no-tests"}),
        # a typo two different words are one edit from ("tets": "tests" or "texts") reads as neither
        ("nobody writes tets here", {"no-tests", "has-tests"}),
        # a capitalised word is a name: never a typo, never two words
        ("we spoke with Reviws about pricing", {"no-code-review", "code-review-required"}),
        ("there's no Productbacklog on the team's laptop stickers", {"no-backlog", "prioritized-backlog"}),
        # a short cue word is only read for a real word: "procs" (procedures) is not "pocs"
        ("warehouse app in vb6 with stored procs everywhere", {"unclear-product"}),
        # two words run together that no cue writes together stay one word ("glass door")
        ("glassdoor reviews are mostly from 2019", {"no-code-review", "code-review-required"}),
    ],
)
def test_a_real_word_a_name_or_an_ambiguous_typo_is_not_read(matcher, text, absent):
    check(matcher, text, set(), absent)


def test_the_real_word_still_reads(matcher):
    """The minimal pairs' other halves: the words themselves read their flags."""
    assert "high-turnover" in found(matcher, "ppl keep leaving, 3 devs gone this quarter")
    assert "no-tests" in found(matcher, "nobody writes tests here")
    assert "no-backlog" in found(matcher, "there is no product backlog, just whatever sales wants")


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("tests r not required here, features get checked by hand", "no-tests"),
        ("weekends r normal b4 every release", "overtime-expected"),
    ],
)
def test_note_shorthand_reads_as_its_words(matcher, text, flag):
    """ "r" for "are" and "b4" for "before" (context.yaml's abbreviations)."""
    assert flag in found(matcher, text), (text, found(matcher, text))
