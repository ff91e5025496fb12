"""The text of a context rule that decided a reading ("counterfactual: 'would catch'"), carrying what it names as
fields: the kind of trigger, its words and the rule text before it. Evidence shows the text; a later reader (the
answer's mood, answer_moods.py) reads the fields instead of parsing the text back."""

from __future__ import annotations


class Rule(str):
    """`"{before}; {kind}: '{words}'"` (or without `before`), a `str` like any rule text, with its parts kept."""

    kind: str
    words: str
    before: str

    def __new__(cls, kind: str, words: str, before: str = "") -> Rule:
        said = f"{kind}: '{words}'"
        self = super().__new__(cls, f"{before}; {said}" if before else said)
        self.kind, self.words, self.before = kind, words, before
        return self

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]  # pickled with its parts (halves.py)
        return self.kind, self.words, self.before
