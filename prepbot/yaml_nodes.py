"""YAML nodes checked against a small schema, each problem at its file:line:column.

Used by bank_loader for bank files and the context rules: PyYAML's node graph (safe composition,
no object construction) lets every problem point at the node it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from prepbot.bank import Problem

__all__ = ["INVALID", "Checker", "Field", "describe", "is_id", "number_of", "problem_at", "suggest"]


@dataclass(frozen=True)
class Field:
    kind: str  # str | int | number | str_list | enum_list | enum | id
    required: bool = True
    choices: tuple[Any, ...] = ()
    min_items: int = 0
    max_items: int | None = None
    minimum: float | None = None
    maximum: float | None = None


def problem_at(path: str, node: yaml.Node | None, message: str) -> Problem:
    if node is None:
        return Problem(path, 1, 1, message)
    mark = node.start_mark
    return Problem(path, mark.line + 1, mark.column + 1, message)


# --------------------------------------------------------------------------- node validation


class Checker:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def error(self, node: yaml.Node | None, message: str) -> None:
        self.problems.append(problem_at(self.path, node, message))

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping (key: value), got {describe(node)}")
            return None
        items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, f"keys of {what} must be plain strings")
                continue
            key = key_node.value
            if key in items:
                self.error(key_node, f"duplicate key '{key}' in {what}")
                continue
            items[key] = (key_node, value_node)
        return items

    def fields(self, node: yaml.Node, spec: dict[str, Field], what: str) -> dict[str, Any] | None:
        items = self.mapping(node, what)
        if items is None:
            return None
        values: dict[str, Any] = {}
        ok = True
        for key, (key_node, value_node) in items.items():
            if key not in spec:
                self.error(key_node, f"unknown key '{key}' in {what}{suggest(key, spec)}")
                ok = False
                continue
            value = self.value(value_node, spec[key], f"'{key}'")
            if value is INVALID:
                ok = False
            else:
                values[key] = value
        for key, rule in spec.items():
            if rule.required and key not in items:
                self.error(node, f"{what} is missing required key '{key}'")
                ok = False
        return values if ok else None

    def value(self, node: yaml.Node, rule: Field, name: str) -> Any:
        if rule.kind == "mapping":
            return node  # validated by the caller, which knows its shape
        if rule.kind in ("str_list", "enum_list"):
            if not isinstance(node, yaml.SequenceNode):
                self.error(node, f"{name} must be a list, got {describe(node)}")
                return INVALID
            items = []
            for item in node.value:
                text = self.string(item, f"each item of {name}")
                if text is INVALID:
                    return INVALID
                if rule.kind == "enum_list" and text not in rule.choices:
                    self.error(item, f"{name} has '{text}'; expected one of {', '.join(rule.choices)}")
                    return INVALID
                items.append(text)
            if len(items) < rule.min_items:
                self.error(node, f"{name} needs at least {rule.min_items} item(s)")
                return INVALID
            if rule.max_items is not None and len(items) > rule.max_items:
                self.error(node, f"{name} may have at most {rule.max_items} items, has {len(items)}")
                return INVALID
            return tuple(items)
        if rule.kind in ("int", "number"):
            number = number_of(node)
            if number is None or (rule.kind == "int" and not isinstance(number, int)):
                expected = "an integer" if rule.kind == "int" else "a number"
                if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:float":
                    expected = "a whole number" if rule.kind == "int" else "a finite number"  # .nan, .inf
                self.error(node, f"{name} must be {expected}, got {describe(node)}")
                return INVALID
            if rule.choices and number not in rule.choices:
                self.error(node, f"{name} must be one of {', '.join(map(str, rule.choices))}, got {number}")
                return INVALID
            if (rule.minimum is not None and number < rule.minimum) or (rule.maximum is not None and number > rule.maximum):
                self.error(node, f"{name} must be between {rule.minimum:g} and {rule.maximum:g}, got {number}")
                return INVALID
            return number
        text = self.string(node, name)
        if text is INVALID:
            return INVALID
        if rule.kind == "enum" and text not in rule.choices:
            self.error(node, f"{name} must be one of {', '.join(rule.choices)}, got '{text}'")
            return INVALID
        if rule.kind == "id" and not is_id(text):
            self.error(node, f"{name} '{text}' is not a valid id (lowercase letters, digits and dashes)")
            return INVALID
        return text

    def string(self, node: yaml.Node, name: str) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.error(node, f"{name} must be text, got {describe(node)}")
            return INVALID
        if not node.value.strip():
            self.error(node, f"{name} must not be empty")
            return INVALID
        return node.value.strip()


INVALID = object()


def is_id(text: str) -> bool:
    return bool(text) and text[0].isalnum() and all(c.islower() or c.isdigit() or c == "-" for c in text)


def number_of(node: yaml.Node) -> int | float | None:
    if not isinstance(node, yaml.ScalarNode):
        return None
    try:
        if node.tag == "tag:yaml.org,2002:int":
            return int(node.value.replace("_", ""), 0)
        if node.tag == "tag:yaml.org,2002:float":
            return float(node.value.replace("_", ""))
    except ValueError:
        return None
    return None


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = node.tag.rsplit(":", 1)[-1]
    names = {"str": "text", "int": "an integer", "float": "the number", "bool": "true/false", "null": "nothing"}
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"{names.get(kind, kind)} '{shown}'" if node.value else names.get(kind, kind)


def suggest(key: str, spec: dict[str, Field] | tuple[str, ...]) -> str:
    from rapidfuzz import process

    best = process.extractOne(key, list(spec), score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else ""
