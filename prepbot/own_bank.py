"""The candidate's own questions, saved to a bank file of theirs (category `own`).

The file stays valid for `prepbot bank validate`: it is read back, the question appended, and the
whole file written again atomically. No textual here: the TUI calls `append_own_question`.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from prepbot.bank import PERSONAS
from prepbot.errors import PrepbotError

OWN_CATEGORY = {"id": "own", "title": "My own questions", "description": "Questions I added during interviews.", "order": 99}


class OwnBankError(PrepbotError):
    """A one-line reason the file cannot be written."""


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:6]
    return "-".join(words) or "question"


def append_own_question(path: Path | str, ask: str) -> str:
    """Append `ask` as a question of category `own` to the bank file at `path` (created if missing);
    the new question's id."""
    path = Path(path).expanduser()
    ask = " ".join(ask.split())
    if not ask:
        raise OwnBankError("The question is empty.")
    if path.is_dir():
        path = path / "my-questions.yaml"
    data: dict = {}
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
            if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader)):
                # A bank file may hold no alias (bank_loader refuses them); writing one back would break the file.
                raise OwnBankError(f"{path} uses YAML aliases (*name), which a bank file may not; write the values out in full.")
            loaded = yaml.safe_load(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise OwnBankError(f"Cannot read {path}: {exc}".splitlines()[0]) from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise OwnBankError(f"{path} is not a bank file (a mapping with 'category' and 'questions').")
        category = loaded.get("category")
        category_id = category.get("id") if isinstance(category, dict) else category
        if category is not None and category_id != "own":
            raise OwnBankError(f"{path} holds category '{category_id}'; give another file for your own questions.")
        data = loaded
    data.setdefault("category", dict(OWN_CATEGORY))
    questions = data.setdefault("questions", [])
    if not isinstance(questions, list):
        raise OwnBankError(f"{path}: 'questions' is not a list.")
    taken = {q.get("id") for q in questions if isinstance(q, dict)}
    base = f"own-{_slug(ask)}"
    question_id, n = base, 2
    while question_id in taken:
        question_id, n = f"{base}-{n}", n + 1
    questions.append(
        {
            "id": question_id,
            "ask": ask,
            "why": "My own question.",
            "personas": list(PERSONAS),
            "priority": 1,
            "minutes": 2,
            "flags": {},
            "listen_for": ["a concrete, recent example"],
            "follow_ups": ["Can you give me a recent example?"],
        }
    )
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise OwnBankError(f"Cannot write {path}: {exc.strerror or exc}") from None
    return question_id
