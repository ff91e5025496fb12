"""Loading and validating question banks: every schema error, with its line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from prepbot import bank_loader, locations
from prepbot import catalogue as catalogue_module
from prepbot.bank import BankError
from prepbot.catalogue import load_catalogue, validate

VALID_QUESTION = """\
category:
  id: extra
  title: Extra
questions:
  - id: ex-one
    ask: Do you ship on Fridays?
    why: It shows how confident the team is in its releases.
    personas: [engineer]
    priority: 2
    minutes: 1
    flags: {red: [no-ci], green: [has-ci]}
    listen_for: [calm answers]
    follow_ups: ["Why?"]
"""


def write(tmp_path: Path, text: str, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_for(path: Path) -> list[str]:
    _, _, problems = validate([path])
    return [str(p) for p in problems]


def test_builtin_bank_is_valid_and_big_enough(bank):
    assert len(bank.questions) >= 80
    assert len(bank.categories) >= 10
    for question in bank.questions.values():
        assert question.ask[-1] in "?.", question.id
        assert 1 <= len(question.follow_ups) <= 3
        assert question.category in bank.categories


def test_builtin_flag_catalogue_holds_every_contract_id(bank):
    contract = {
        "no-code-review",
        "bugs-untracked",
        "tickets-afterthought",
        "no-backlog",
        "no-tests",
        "poor-code-quality",
        "features-over-bugs",
        "long-standups",
        "agile-unfamiliar",
        "unclear-product",
        "interviewer-new",
        "no-ci",
        "on-call-burden",
        "overtime-expected",
        "high-turnover",
        "trivia-interview",
        "code-review-required",
        "bugs-tracked",
        "has-tests",
        "has-ci",
        "prioritized-backlog",
        "realistic-deadlines",
        "no-after-hours-contact",
        "equipment-budget",
    }
    assert set(bank.flags) == contract
    assert all(bank.flags[f].kind == "green" for f in ("has-ci", "equipment-budget"))
    assert bank.flags["no-tests"].kind == "red"


def test_a_valid_user_bank_adds_its_category_and_question(tmp_path):
    merged = load_catalogue([write(tmp_path, VALID_QUESTION)]).bank
    assert "extra" in merged.categories
    assert merged.questions["ex-one"].ask == "Do you ship on Fridays?"
    assert len(merged.questions) == len(load_catalogue().bank.questions) + 1


def test_user_bank_replaces_builtin_entries_with_the_same_id(tmp_path):
    path = write(
        tmp_path,
        """\
        category: code-review
        questions:
          - id: cr-how-changes-reviewed
            ask: Who reads my code before it ships?
            why: Replaced by the user.
            personas: [manager]
            priority: 3
            minutes: 1
            flags: {red: [no-code-review]}
            listen_for: [names]
            follow_ups: ["How?"]
        flags:
          - id: no-ci
            kind: red
            title: Hand-made releases
            explanation: Mine.
            severity: low
            follow_up: What is automated?
        """,
    )
    merged = load_catalogue([path]).bank
    builtin = load_catalogue().bank
    assert merged.questions["cr-how-changes-reviewed"].ask == "Who reads my code before it ships?"
    assert merged.questions["cr-how-changes-reviewed"].personas == ("manager",)
    assert merged.flags["no-ci"].title == "Hand-made releases"
    assert len(merged.questions) == len(builtin.questions)
    assert builtin.flags["no-ci"].title == "No continuous integration"  # built-in untouched


def test_unknown_key_points_at_the_key_and_suggests_the_right_one(tmp_path):
    path = write(tmp_path, VALID_QUESTION.replace("    follow_ups:", "    folow_ups:"))
    found = problems_for(path)
    assert f"{path}:13:5: unknown key 'folow_ups' in a question (did you mean 'follow_ups'?)" in found
    assert f"{path}:5:5: a question is missing required key 'follow_ups'" in found


def test_missing_field_points_at_the_question(tmp_path):
    path = write(tmp_path, VALID_QUESTION.replace("    why: It shows how confident the team is in its releases.\n", ""))
    assert problems_for(path) == [f"{path}:5:5: a question is missing required key 'why'"]


def test_mistyped_fields_point_at_the_value(tmp_path):
    text = VALID_QUESTION.replace("priority: 2", "priority: high").replace("minutes: 1", "minutes: [1]")
    text = text.replace("personas: [engineer]", "personas: [engineer, ceo]")
    path = write(tmp_path, text)
    found = problems_for(path)
    assert f"{path}:9:15: 'priority' must be an integer, got text 'high'" in found
    assert f"{path}:10:14: 'minutes' must be a number, got a list" in found
    assert f"{path}:8:26: 'personas' has 'ceo'; expected one of engineer, manager, executive, recruiter" in found
    assert len(found) == 3


def test_unknown_flag_id_is_reported_with_a_suggestion(tmp_path):
    path = write(tmp_path, VALID_QUESTION.replace("red: [no-ci]", "red: [no-cii]"))
    assert problems_for(path) == [f"{path}:5:5: question 'ex-one' refers to unknown flag id 'no-cii' (did you mean 'no-ci'?)"]


def test_flag_listed_under_the_wrong_kind(tmp_path):
    path = write(tmp_path, VALID_QUESTION.replace("red: [no-ci]", "red: [has-tests]"))
    assert problems_for(path) == [f"{path}:5:5: question 'ex-one' lists green flag 'has-tests' under 'red'"]


def test_unknown_category_reference(tmp_path):
    text = VALID_QUESTION.replace("category:\n  id: extra\n  title: Extra\n", "category: nowhere\n")
    path = write(tmp_path, text)
    assert problems_for(path) == [f"{path}:3:5: question 'ex-one' is in unknown category 'nowhere'"]


def test_duplicate_ids_across_files_name_both_places(tmp_path):
    first = write(tmp_path, VALID_QUESTION, "a.yaml")
    second = write(tmp_path, VALID_QUESTION.replace("id: extra", "id: extra-two"), "b.yaml")
    found = problems_for(tmp_path)
    assert found == [f"{second}:5:5: duplicate question id 'ex-one' (first defined at {first}:5:5)"]


def test_duplicate_key_in_one_mapping(tmp_path):
    path = write(tmp_path, VALID_QUESTION.replace("    minutes: 1\n", "    minutes: 1\n    minutes: 2\n"))
    assert f"{path}:11:5: duplicate key 'minutes' in a question" in problems_for(path)


def test_every_problem_is_reported_at_once(tmp_path):
    question = VALID_QUESTION.split("questions:\n")[1]
    text = VALID_QUESTION.replace("priority: 2", "priority: 9")
    text += question.replace("ex-one", "ex-two").replace("red: [no-ci]", "red: [nope]")
    text += question.replace("ex-one", "Bad Id")
    found = problems_for(write(tmp_path, text))
    assert len(found) == 3
    assert any("'priority' must be one of 1, 2, 3, got 9" in p for p in found)
    assert any("'id' 'Bad Id' is not a valid id" in p for p in found)
    assert any("unknown flag id 'nope'" in p for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("category: [unclosed\n", ":2:1: invalid YAML: "),
        ("flags:\n\t- id: x\n", ":2:1: invalid YAML: "),
        ("", ":1:1: file is empty"),
        ("- just\n- a list\n", ":1:1: a bank file must be a mapping (key: value), got a list"),
        ("title: x\n", ":1:1: unknown top-level key 'title'"),
        ("questions: []\n", ":1:1: 'questions' needs a 'category' in the same file"),
    ],
)
def test_file_level_problems(tmp_path, text, expected):
    path = write(tmp_path, text)
    found = problems_for(path)
    assert any(p.startswith(f"{path}{expected}") for p in found), found


def test_tab_indentation_gets_a_hint(tmp_path):
    path = write(tmp_path, "flags:\n\t- id: x\n")
    assert "not tabs" in problems_for(path)[0]


def test_alias_bomb_is_refused_without_expanding_it(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert problems_for(path) == [
        f"{path}:2:10: YAML aliases are not allowed in a bank file (found '*a0'); write the value out in full"
    ]


@pytest.mark.parametrize(
    "text, where",
    [
        ("questions: &a [*a]\n", "1:16"),  # a list that holds itself
        ("category: &c {id: x, title: T, more: *c}\n", "1:38"),  # a mapping that holds itself
        ("a: &a [&b [*a, *b]]\n", "1:12"),  # two anchors pointing at each other
        ("category: &c code-review\nquestions: []\nflags: *c\n", "3:8"),  # a harmless-looking scalar alias
    ],
)
def test_any_alias_is_refused_at_its_place_even_a_recursive_one(tmp_path, text, where):
    path = write(tmp_path, text)
    found = problems_for(path)
    assert len(found) == 1 and found[0].startswith(f"{path}:{where}: YAML aliases are not allowed in a bank file"), found


def test_no_built_in_bank_file_uses_an_anchor_or_alias():
    for path in sorted(Path(locations.builtin_bank_dir()).glob("*.yaml")):
        events = yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        assert not [e for e in events if getattr(e, "anchor", None)], path.name


def test_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch):
    # A limit under the user's file but over the built-in files (questions/flags.yaml is ~120 KiB).
    monkeypatch.setattr(bank_loader, "MAX_FILE_BYTES", 512 * 1024)
    path = write(tmp_path, "# padding\n" * 80_000)
    assert problems_for(path) == [f"{path}:1:1: file is 0.8 MiB; a bank file may be at most 0.5 MiB"]


def test_unsafe_tags_are_not_constructed(tmp_path):
    path = write(
        tmp_path, VALID_QUESTION.replace("ask: Do you ship on Fridays?", "ask: !!python/object/apply:os.system [echo hi]")
    )
    found = problems_for(path)
    assert len(found) == 1 and "invalid YAML" in found[0] or "'ask' must be text" in found[0]


def test_paths_that_cannot_be_used(tmp_path):
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    _, _, problems = validate([tmp_path / "missing.yaml", empty_dir, binary])
    assert [p.message for p in problems] == [
        "no such file or directory",
        "directory holds no .yaml or .yml files",
        "binary file (contains NUL bytes), not YAML",
    ]


def test_load_bank_raises_one_error_with_every_problem(tmp_path):
    question = VALID_QUESTION.split("questions:\n")[1]
    text = VALID_QUESTION.replace("priority: 2", "priority: x") + question.replace("ex-one", "ex-2").replace("[no-ci]", "[zzz]")
    path = write(tmp_path, text)
    with pytest.raises(BankError) as caught:
        load_catalogue([path]).bank
    assert len(caught.value.problems) == 2


def test_bank_is_parsed_once_per_process(monkeypatch):
    load_catalogue().bank
    calls = []
    monkeypatch.setattr(catalogue_module, "validate", lambda *a: calls.append(a))
    load_catalogue().bank
    assert calls == []


def test_bad_cue_syntax_points_at_the_cue(tmp_path):
    path = write(
        tmp_path,
        """\
        flags:
          - id: my-flag
            kind: red
            title: Mine
            explanation: x
            severity: low
            follow_up: y
            cues:
              - fine cue
              - broken @7
        """,
    )
    assert problems_for(path) == [f"{path}:10:9: cue 'broken @7': weight must be between 0 and 1"]


def _load_in_new_process(*paths):
    import subprocess
    import sys

    code = (
        "import sys; from prepbot.catalogue import load_catalogue; b = load_catalogue(sys.argv[1:]).bank; "
        "print('yaml' in sys.modules, b.questions.get('ex-one').ask if 'ex-one' in b.questions else '-')"
    )
    proc = subprocess.run([sys.executable, "-c", code, *map(str, paths)], capture_output=True, text=True, check=True)
    return proc.stdout.split(maxsplit=1)


def test_parsed_bank_is_cached_across_processes_and_invalidated_by_edits(tmp_path):
    path = write(tmp_path, VALID_QUESTION)
    assert _load_in_new_process(path) == ["True", "Do you ship on Fridays?\n"]
    # Second start: the cache answers, no YAML parsing at all.
    assert _load_in_new_process(path) == ["False", "Do you ship on Fridays?\n"]
    path.write_text(VALID_QUESTION.replace("Do you ship on Fridays?", "Do you deploy on Fridays?"))
    assert _load_in_new_process(path) == ["True", "Do you deploy on Fridays?\n"]
