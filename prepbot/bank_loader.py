"""Reading and validating bank YAML, with file:line:column problems.

Each file is a mapping with any of these keys:

- ``category``: the category its questions belong to, as a mapping (``id``, ``title``,
  ``description``, ``order``) or as the id of a category defined elsewhere;
- ``questions``: a list of questions (needs ``category``);
- ``flags``: a list of flags (the built-in ``flags.yaml`` holds the catalogue).

Validation works on PyYAML's node graph (safe composition, no object construction) so that every
problem can point at the node it is about. A user bank is layered over the built-in one: entries
with the same id replace built-in ones, new ids are added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from prepbot.bank import KINDS, PERSONAS, PRIORITIES, SEVERITIES, AnswerKey, Bank, Category, Flag, Problem, Question
from prepbot.matching.answer_words import ANSWERS_SHAPE
from prepbot.matching.context_rules import DIRECTIONS, EFFECTS, PART_SHAPES, ContextRules
from prepbot.matching.cues import CueError, check_cue
from prepbot.reading import ReadError, read_file, yaml_files
from prepbot.yaml_nodes import INVALID as _INVALID
from prepbot.yaml_nodes import Checker as _Checker
from prepbot.yaml_nodes import Field as _Field
from prepbot.yaml_nodes import describe as _describe
from prepbot.yaml_nodes import number_of as _number
from prepbot.yaml_nodes import problem_at as _problem
from prepbot.yaml_nodes import suggest as _suggest

# libyaml's safe loader when PyYAML was built with it: 15x faster than the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000


# --------------------------------------------------------------------------- schema


_FLAG_FIELDS = {
    "id": _Field("id"),
    "kind": _Field("enum", choices=KINDS),
    "title": _Field("str"),
    "explanation": _Field("str"),
    "severity": _Field("enum", choices=SEVERITIES),
    "follow_up": _Field("str"),
    "cues": _Field("str_list", required=False),
    "opposite": _Field("id", required=False),
}

_CATEGORY_FIELDS = {
    "id": _Field("id"),
    "title": _Field("str"),
    "description": _Field("str", required=False),
    "order": _Field("int", required=False),  # position in plans and menus; lower comes first
    "lead_for": _Field("enum_list", required=False, choices=PERSONAS),  # plans for these personas open with it
    "skip_for": _Field("enum_list", required=False, choices=PERSONAS),  # plans for these leave it out unless chosen
}

_QUESTION_FIELDS = {
    "id": _Field("id"),
    "ask": _Field("str"),
    "why": _Field("str"),
    "personas": _Field("enum_list", choices=PERSONAS, min_items=1),
    "priority": _Field("int", choices=PRIORITIES),
    "minutes": _Field("number", minimum=0.5, maximum=30),
    "flags": _Field("mapping"),
    "listen_for": _Field("str_list", min_items=1),
    "follow_ups": _Field("str_list", min_items=1, max_items=3),
    "answers": _Field("mapping", required=False),
}

# What a short answer under the question means (see README, "Question banks").
_ANSWER_FIELDS = {
    "if_yes": _Field("id", required=False),
    "if_no": _Field("id", required=False),
    "cues": _Field("mapping", required=False),
    "unit": _Field("str", required=False),
}

_QUESTION_FLAG_FIELDS = {"red": _Field("str_list", required=False), "green": _Field("str_list", required=False)}

_FILE_KEYS = ("category", "questions", "flags")


# --------------------------------------------------------------------------- reading files


@dataclass
class _Entry:
    """A validated entry with the node it came from, before references are checked."""

    value: Any
    path: str
    node: yaml.Node


@dataclass
class _Layer:
    categories: dict[str, _Entry] = field(default_factory=dict)
    questions: dict[str, _Entry] = field(default_factory=dict)
    flags: dict[str, _Entry] = field(default_factory=dict)
    # (question entry, category id, node of the reference) for questions, checked after merging
    question_categories: list[tuple[_Entry, str, yaml.Node]] = field(default_factory=list)


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_text(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    try:
        return read_file(path, MAX_FILE_BYTES), None
    except ReadError as exc:
        message = {
            "binary": "binary file (contains NUL bytes), not YAML",
            "not-utf8": "file is not valid UTF-8 text",
            "permission": "permission denied: cannot read this file",
        }.get(exc.kind)
        if exc.kind == "too-large":
            size = path.stat().st_size
            message = f"file is {size / 1048576:.1f} MiB; a bank file may be at most {MAX_FILE_BYTES / 1048576:.1f} MiB"
        return None, Problem(shown, exc.line, 1, message or f"cannot read file: {exc}")


def _compose(text: str, shown: str) -> tuple[yaml.Node | None, Problem | None]:
    if not text.strip():
        return None, Problem(shown, 1, 1, "file is empty")
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.splitlines()
        if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            message += " (YAML indentation must use spaces, not tabs)"
        return None, Problem(shown, line, col, f"invalid YAML: {message}")
    except yaml.YAMLError as exc:
        return None, Problem(shown, 1, 1, f"invalid YAML: {exc}")
    except RecursionError:
        return None, Problem(shown, 1, 1, "invalid YAML: nesting is too deep")
    if node is None:
        return None, Problem(shown, 1, 1, "file holds no YAML document")
    distinct, shared = _node_count(node)
    if shared:
        return None, _alias_problem(text, shown)
    if distinct > MAX_NODES:
        return None, Problem(
            shown,
            1,
            1,
            f"refusing to load: the file holds {distinct:,} YAML nodes (each key, value, list and mapping counts); "
            f"a bank file may hold at most {MAX_NODES:,}",
        )
    return node, None


def _node_count(root: yaml.Node) -> tuple[int, bool]:
    """How many distinct nodes the document has, and whether one is reached twice. Only an alias
    makes PyYAML share a node (and only an alias can make the graph recursive, `&a [*a]`); banks
    need none, so any is refused. Each node is visited once: a cycle or a billion-laughs graph
    costs no more than its text."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return len(seen), True
        seen.add(id(node))
        stack.extend(_children(node))
    return len(seen), False


def _alias_problem(text: str, shown: str) -> Problem:
    """Where the first alias is, read from the event stream (no composition, so no expansion)."""
    try:
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                mark = event.start_mark
                return Problem(
                    shown,
                    mark.line + 1,
                    mark.column + 1,
                    f"YAML aliases are not allowed in a bank file (found '*{event.anchor}'); write the value out in full",
                )
    except yaml.YAMLError:
        pass
    return Problem(shown, 1, 1, "YAML aliases are not allowed in a bank file; write the value out in full")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _read_file(path: Path, layer: _Layer, problems: list[Problem]) -> None:
    shown = _display_path(path)
    text, problem = _read_text(path, shown)
    if problem is None and text is not None:
        root, problem = _compose(text, shown)
    if problem is not None:
        problems.append(problem)
        return
    check = _Checker(shown)
    top = check.mapping(root, "a bank file")
    if top is None:
        problems.extend(check.problems)
        return
    for key, (key_node, _) in top.items():
        if key not in _FILE_KEYS:
            check.error(
                key_node, f"unknown top-level key '{key}'{_suggest(key, _FILE_KEYS)}; expected category, questions or flags"
            )
    if not any(k in top for k in _FILE_KEYS):
        check.error(root, "a bank file needs 'questions' (with 'category') or 'flags'")

    category_id: str | None = None
    if "category" in top:
        _, cat_node = top["category"]
        if isinstance(cat_node, yaml.ScalarNode):
            category_id = check.value(cat_node, _Field("id"), "'category'")
            category_id = None if category_id is _INVALID else category_id
        else:
            values = check.fields(cat_node, _CATEGORY_FIELDS, "the category")
            if values is not None:
                category = Category(
                    values["id"],
                    values["title"],
                    values.get("description", ""),
                    values.get("order", 100),
                    values.get("lead_for", ()),
                    values.get("skip_for", ()),
                )
                _add(layer.categories, category.id, _Entry(category, shown, cat_node), "category", check)
                category_id = category.id

    if "questions" in top:
        key_node, list_node = top["questions"]
        if "category" not in top:
            check.error(key_node, "'questions' needs a 'category' in the same file")
        if not isinstance(list_node, yaml.SequenceNode):
            check.error(list_node, f"'questions' must be a list, got {_describe(list_node)}")
        else:
            for item in list_node.value:
                _read_question(item, category_id, layer, check)

    if "flags" in top:
        _, list_node = top["flags"]
        if not isinstance(list_node, yaml.SequenceNode):
            check.error(list_node, f"'flags' must be a list, got {_describe(list_node)}")
        else:
            for item in list_node.value:
                values = check.fields(item, _FLAG_FIELDS, "a flag")
                if values is None:
                    continue
                cue_nodes = _list_items(item, "cues")
                for index, cue in enumerate(values.get("cues", ())):
                    cue_problem = _cue_problem(cue)
                    if cue_problem:
                        check.error(cue_nodes[index] if index < len(cue_nodes) else item, cue_problem)
                flag = Flag(
                    id=values["id"],
                    kind=values["kind"],
                    title=values["title"],
                    explanation=values["explanation"],
                    severity=values["severity"],
                    follow_up=values["follow_up"],
                    cues=values.get("cues", ()),
                    opposite=values.get("opposite"),
                )
                _add(layer.flags, flag.id, _Entry(flag, shown, item), "flag", check)
    problems.extend(check.problems)


def _list_items(mapping: yaml.Node, key: str) -> list[yaml.Node]:
    for key_node, value_node in mapping.value:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return list(value_node.value)
    return []


def _cue_problem(cue: str) -> str | None:
    try:
        check_cue(cue)
    except CueError as exc:
        return str(exc)
    return None


def _read_question(node: yaml.Node, category_id: str | None, layer: _Layer, check: _Checker) -> None:
    values = check.fields(node, _QUESTION_FIELDS, "a question")
    if values is None:
        return
    flag_values = check.fields(values["flags"], _QUESTION_FLAG_FIELDS, "the question's 'flags'")
    if flag_values is None:
        return
    answers = AnswerKey()
    if "answers" in values:
        read = _read_answers(values["answers"], check)
        if read is None:
            return
        answers = read
    question = Question(
        id=values["id"],
        category=category_id or "",
        ask=values["ask"],
        why=values["why"],
        personas=values["personas"],
        priority=values["priority"],
        minutes=values["minutes"],
        red_flags=flag_values.get("red", ()),
        green_flags=flag_values.get("green", ()),
        listen_for=values["listen_for"],
        follow_ups=values["follow_ups"],
        answers=answers,
    )
    entry = _Entry(question, check.path, node)
    if _add(layer.questions, question.id, entry, "question", check) and category_id:
        layer.question_categories.append((entry, category_id, node))


def _read_answers(node: yaml.Node, check: _Checker) -> AnswerKey | None:
    values = check.fields(node, _ANSWER_FIELDS, "the question's 'answers'")
    if values is None:
        return None
    cues: list[tuple[str, str]] = []
    if "cues" in values:
        items = check.mapping(values["cues"], "'answers: cues'")
        if items is None:
            return None
        for flag_id, (_, list_node) in items.items():
            texts = check.value(list_node, _Field("str_list", min_items=1), f"the answer cues of '{flag_id}'")
            if texts is _INVALID:
                return None
            for index, cue in enumerate(texts):
                problem = _cue_problem(cue)
                if problem:
                    check.error(list_node.value[index], problem)
                    return None
                cues.append((flag_id, cue))
    unit = values.get("unit")
    if unit is not None and not re.fullmatch(r"[a-z]+", unit):
        check.error(node, "'answers: unit' must be one lower-case word, like 'minutes'")
        return None
    answers = AnswerKey(values.get("if_yes"), values.get("if_no"), tuple(cues), unit)
    if not answers:
        check.error(node, "'answers' needs at least one of if_yes, if_no or cues")
        return None
    return answers


def _add(table: dict[str, _Entry], key: str, entry: _Entry, what: str, check: _Checker) -> bool:
    if key in table:
        first = table[key]
        mark = first.node.start_mark
        check.error(
            entry.node,
            f"duplicate {what} id '{key}' (first defined at {first.path}:{mark.line + 1}:{mark.column + 1})",
        )
        return False
    table[key] = entry
    return True


def _read_layer(paths: Iterable[Path | str]) -> tuple[_Layer, list[Problem]]:
    files, problems = yaml_files(paths)
    layer = _Layer()
    for path in files:
        _read_file(path, layer, problems)
    return layer, problems


# --------------------------------------------------------------------------- merging and references


def _merge(layers: list[_Layer]) -> tuple[Bank, list[Problem]]:
    merged = _Layer()
    for layer in layers:
        merged.categories.update(layer.categories)
        merged.flags.update(layer.flags)
        merged.questions.update(layer.questions)
        merged.question_categories.extend(layer.question_categories)
    problems: list[Problem] = []
    flags = {k: e.value for k, e in merged.flags.items()}

    for entry in merged.flags.values():
        flag: Flag = entry.value
        if flag.opposite and flag.opposite not in flags:
            problems.append(_problem(entry.path, entry.node, f"flag '{flag.id}' names unknown opposite flag '{flag.opposite}'"))
        elif flag.opposite and flags[flag.opposite].kind == flag.kind:
            problems.append(
                _problem(entry.path, entry.node, f"flag '{flag.id}' and its opposite '{flag.opposite}' are both {flag.kind}")
            )

    for entry, category_id, node in merged.question_categories:
        if merged.questions.get(entry.value.id) is not entry:
            continue  # replaced by a later layer
        if category_id not in merged.categories:
            problems.append(_problem(entry.path, node, f"question '{entry.value.id}' is in unknown category '{category_id}'"))

    for entry in merged.questions.values():
        question: Question = entry.value
        for kind, ids in (("red", question.red_flags), ("green", question.green_flags)):
            for flag_id in ids:
                if flag_id not in flags:
                    hint = _suggest(flag_id, tuple(flags))
                    problems.append(
                        _problem(entry.path, entry.node, f"question '{question.id}' refers to unknown flag id '{flag_id}'{hint}")
                    )
                elif flags[flag_id].kind != kind:
                    problems.append(
                        _problem(
                            entry.path,
                            entry.node,
                            f"question '{question.id}' lists {flags[flag_id].kind} flag '{flag_id}' under '{kind}'",
                        )
                    )
        key = question.answers
        for answer_flag in dict.fromkeys([key.if_yes, key.if_no, *(f for f, _ in key.cues)]):
            if answer_flag and answer_flag not in question.flags:
                problems.append(
                    _problem(
                        entry.path,
                        entry.node,
                        f"question '{question.id}' gives answers for flag '{answer_flag}', which is not among its own flags",
                    )
                )

    by_order = sorted(merged.categories.values(), key=lambda e: e.value.order)  # stable: file order breaks ties
    bank = Bank(
        categories={e.value.id: e.value for e in by_order},
        questions={k: e.value for k, e in merged.questions.items()},
        flags=flags,
    )
    return bank, problems


def validate(builtin: list[Path | str], extra: list[Path | str]) -> tuple[Bank, list[Problem]]:
    layers = []
    problems: list[Problem] = []
    for source in (builtin, extra):
        if not source:
            continue
        layer, found = _read_layer(source)
        layers.append(layer)
        problems.extend(found)
    bank, found = _merge(layers)
    problems.extend(found)
    return bank, problems


# --------------------------------------------------------------------------- context rules


def _word_list(check: _Checker, node: yaml.Node, name: str) -> tuple[str, ...] | None:
    if not isinstance(node, yaml.SequenceNode):
        check.error(node, f"{name} must be a list, got {_describe(node)}")
        return None
    words = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            check.error(item, f"each item of {name} must be a word or phrase")
            return None
        words.append(item.value.strip().lower())
    return tuple(words)


_CONTEXT_SHAPE: dict[str, Any] = PART_SHAPES | {
    "negation": {"window": "int"}
    | dict.fromkeys("before after be prefixes cancelling conditions parallel relative main_verbs verbs".split(), "words"),
    "pseudo_negation": "words",
    "modifiers": "modifier_list",
    "clause_breakers": "words",
    "scope_breakers": "words",
    "rare": {"window": "int", "after": "words"},
    "questions": {
        "reported": "words",
        "direct_start": "words",
        "short_question_words": "int",
        "answered_yes": "words",
        "answered_no": "words",
        "own_start": "words",
        "own_end": "words",
        "asked_flags": "words",
        "asked_passive": "words",
    },
    "common_words": "words",
    "abbreviations": "word_map",
    "numbers": "number_map",
    "answers": ANSWERS_SHAPE,
    "topics": "word_map",
    "contractions": "word_text_map",
    "past_words": "words",
    "other_senses": "word_map",
    "undercut_next": "words",
    "pronoun_subjects": "word_text_map",
    "absences": "word_map",
}

_MODIFIER_SHAPE: dict[str, Any] = {"name": "text", "direction": "text", "effect": "text", "window": "int", "triggers": "words"}


def read_context(path: Path) -> tuple[Any, list[Problem]]:
    """The context rules file (matching/context.yaml), validated: (ContextRules or None, problems)."""
    shown = _display_path(path)
    text, problem = _read_text(path, shown)
    if problem is None and text is not None:
        root, problem = _compose(text, shown)
    if problem is not None:
        return None, [problem]
    check = _Checker(shown)
    data = _context_value(check, root, _CONTEXT_SHAPE, "the context rules")
    if check.problems or data is None:
        return None, check.problems
    for flag_id, cues in (data["answers"]["families"] or {}).items():
        for cue in cues:  # answer cues any question of the flag uses: the cue syntax of the bank
            wrong = _cue_problem(cue)
            if wrong:
                check.error(root, f"answer family cue '{cue}' of '{flag_id}': {wrong}")
    for flag_id, cues in (data["absences"] or {}).items():
        for cue in cues:  # phrases that state a red flag's absence: the cue syntax of the bank
            wrong = _cue_problem(cue)
            if wrong:
                check.error(root, f"absence cue '{cue}' of '{flag_id}': {wrong}")
    if check.problems:
        return None, check.problems
    return ContextRules.from_mapping(data), []


def _context_value(check: _Checker, node: yaml.Node, shape: Any, name: str) -> Any:
    if isinstance(shape, dict):
        items = check.mapping(node, name)
        if items is None:
            return None
        values = {}
        for key, (key_node, _) in items.items():
            if key not in shape:
                check.error(key_node, f"unknown key '{key}' in {name}{_suggest(key, tuple(shape))}")
        for key, rule in shape.items():
            if key not in items:
                check.error(node, f"{name} is missing required key '{key}'")
                continue
            values[key] = _context_value(check, items[key][1], rule, f"'{key}'")
        return values
    if shape == "words":
        return _word_list(check, node, name)
    if shape == "modifier_list":
        if not isinstance(node, yaml.SequenceNode):
            check.error(node, f"{name} must be a list, got {_describe(node)}")
            return None
        modifiers = []
        for item in node.value:
            value = _context_value(check, item, _MODIFIER_SHAPE, "a modifier")
            if value is None:
                continue
            if value.get("direction") not in DIRECTIONS:
                check.error(item, f"a modifier's direction must be one of {', '.join(DIRECTIONS)}")
            if value.get("effect") not in EFFECTS:
                check.error(item, f"a modifier's effect must be one of {', '.join(EFFECTS)}")
            modifiers.append(value)
        return modifiers
    if shape == "text":
        return check.string(node, name) if check.string(node, name) is not _INVALID else None
    if shape == "int":
        number = _number(node)
        if not isinstance(number, int) or number < 0:
            check.error(node, f"{name} must be a whole number, got {_describe(node)}")
            return None
        return number
    items = check.mapping(node, name)
    if items is None:
        return None
    result = {}
    for key, (_, value_node) in items.items():
        if shape == "word_text_map":
            text = check.string(value_node, f"the verb of '{key}'")
            result[key.lower()] = "" if text is _INVALID else text.lower()
        elif shape == "word_map":
            result[key.lower()] = _word_list(check, value_node, f"the expansion of '{key}'") or ()
        else:
            number = _number(value_node)
            if number is None:
                check.error(value_node, f"the value of '{key}' must be a number, got {_describe(value_node)}")
            result[key.lower()] = number or 0
    return result
