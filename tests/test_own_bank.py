"""The candidate's own bank file (F4's 'save to my bank file'): appended questions stay valid."""

from __future__ import annotations

import pytest

from prepbot.bank import PERSONAS
from prepbot.catalogue import validate
from prepbot.own_bank import OwnBankError, append_own_question


def test_an_own_question_is_asked_of_every_persona_and_the_file_stays_valid(tmp_path):
    path = tmp_path / "mine.yaml"
    question_id = append_own_question(path, "Do you ship on Fridays?")
    bank, _, problems = validate([path])
    assert not problems, problems
    assert bank.questions[question_id].personas == PERSONAS  # the recruiter included


@pytest.mark.parametrize("text", ["category: own\nquestions: &a [*a]\n", "category: &c own\nquestions: []\nx: *c\n"])
def test_a_file_with_an_alias_is_refused_and_left_as_it_was(tmp_path, text):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OwnBankError, match="uses YAML aliases"):
        append_own_question(path, "Do you ship on Fridays?")
    assert path.read_text(encoding="utf-8") == text
