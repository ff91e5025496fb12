"""The closed classes of words the context mechanisms look for (determiners, list joiners, the words of a
rule's condition ...) are data, context.yaml's `grammar`, read and checked like the rest of it."""

from __future__ import annotations

import dataclasses

import pytest

from prepbot.bank_loader import read_context
from prepbot.matching.context_rules import CONTEXT_FILE, GRAMMAR, ContextRules
from prepbot.matching.engine import Matcher


def test_every_named_class_is_in_context_yaml_and_survives_the_cache():
    rules, problems = read_context(CONTEXT_FILE)
    assert problems == []
    assert set(rules.grammar) == set(GRAMMAR) and all(rules.grammar[name] for name in GRAMMAR)
    assert {"or", "nor", "and"} == rules.grammar["list_joiners"]
    assert ContextRules.from_mapping(rules.as_mapping()).grammar == rules.grammar


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("  list_joiners: [or, nor, and]\n", "", "missing required key 'list_joiners'"),
        ("  held: [had, once]", "  hold: [had, once]", "unknown key 'hold' in 'grammar' (did you mean 'held'?)"),
    ],
)
def test_a_missing_or_misspelt_class_is_a_clear_problem(tmp_path, old, new, said):
    text = CONTEXT_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    bad = tmp_path / "context.yaml"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    rules, problems = read_context(bad)
    assert rules is None
    assert any(said in p.message and p.line > 1 for p in problems), problems


def _without(catalogue, name: str, word: str) -> Matcher:
    grammar = {**catalogue.rules.grammar, name: catalogue.rules.grammar[name] - {word}}
    return Matcher.from_bank(catalogue.bank, dataclasses.replace(catalogue.rules, grammar=grammar))


def _read(matcher: Matcher, text: str) -> set[str]:
    return {m.id for m in matcher.match(text, model="off")}


def test_the_list_joiners_come_from_the_data(catalogue):
    # "or" joins the last item of the list the negation opens: each practice named is missing
    text = "we don't have code review, tests or a CI pipeline"
    assert _read(catalogue.matcher, text) == {"no-code-review", "no-tests", "no-ci"}
    assert _read(_without(catalogue, "list_joiners", "or"), text) != {"no-code-review", "no-tests", "no-ci"}


def test_the_determiners_come_from_the_data(catalogue):
    # "dropped the flaky ones" drops something else than the tests: a determiner after the trigger says so
    text = "they had tests once, dropped the flaky ones"
    assert _read(catalogue.matcher, text) == {"has-tests"}
    assert _read(_without(catalogue, "determiners", "the"), text) == {"no-tests"}
