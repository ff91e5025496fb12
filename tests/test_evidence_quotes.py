"""The words quoted as evidence never open or close a pair of quote marks they do not hold: a quote
that starts or ends inside "scare quotes" is widened to the whole pair, as a careful reader would
quote it, and apostrophes are left alone."""

from __future__ import annotations

import pytest

from prepbot.matching.text import quote_span


def _quote(text: str, words: str) -> str:
    start = text.index(words)
    s, e = quote_span(text, start, start + len(words))
    return text[s:e]


@pytest.mark.parametrize(
    ("text", "found", "quoted"),
    [
        ("They 'aim to' write tests when there is time.", "aim to' write tests", "'aim to' write tests"),
        ("They aim to 'write tests' but nobody does.", "aim to 'write tests", "aim to 'write tests'"),
        ('Our so-called "code review" is a rubber stamp.', 'code review" is a rubber stamp', '"code review" is a rubber stamp'),
        ("We ‘do agile’ in the sense that there is a board.", "do agile’ in the sense", "‘do agile’ in the sense"),
    ],
)
def test_a_quote_mark_inside_the_evidence_brings_its_partner(text, found, quoted):
    assert _quote(text, found) == quoted


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We don't review code at all here.", "don't review code"),
        ("The teams' code isn't reviewed by anyone.", "code isn't reviewed by anyone"),
        ("It’s a team where nobody writes tests.", "nobody writes tests"),
    ],
)
def test_apostrophes_are_not_quote_marks(text, found):
    assert _quote(text, found) == found


def test_an_unpaired_mark_far_away_leaves_the_quote_as_it_is():
    text = "x' " + "filler words " * 10 + "and the build is red every day."
    assert _quote(text, "the build is red every day") == "the build is red every day"


def test_the_report_quotes_the_whole_scare_quote(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PREPBOT_MODEL", "off")
    path = tmp_path / "notes.txt"
    path.write_text("They 'aim to' write tests when there is time.\n", encoding="utf-8")
    result = run_cli("analyze", str(path))
    assert result.code == 0, result.err
    assert "Heard: \"'aim to' write tests\"" in result.out
