"""The authors' own training texts (training/sentences*.jsonl) stay well-formed: every row parses,
ids are unique, every flag is one of the contract's ids, and every flag keeps own examples of it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from training.common import FLAG_IDS, load_note_sets, load_own

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "training" / "sentences.jsonl", *sorted((ROOT / "training" / "sentences").glob("*.jsonl"))]
FIELDS = {"id", "text", "flags", "source", "kind", "style"}


def rows():
    for path in FILES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield path.name, n, json.loads(line)


def test_every_row_has_its_fields_and_known_flags():
    for name, n, row in rows():
        assert {"id", "text", "flags", "source"} <= set(row), (name, n)
        assert row["text"].strip(), (name, n)
        assert set(row["flags"]) <= set(FLAG_IDS), (name, n, row["flags"])
        assert len(row["flags"]) == len(set(row["flags"])), (name, n)


def test_ids_and_texts_are_unique():
    ids = Counter(row["id"] for _, _, row in rows())
    assert [i for i, c in ids.items() if c > 1] == []
    # load_own is what training reads; it refuses duplicates too
    assert len(load_own(with_note_sets=False)) == sum(ids.values())


def test_training_also_reads_every_candidate_note_set_once():
    """The candidate notes written for the rule passes (bench/sets/notes*.jsonl) join the training
    texts by default, each row once, named by its file (ids repeat across files)."""
    sets = sorted((ROOT / "bench" / "sets").glob("notes*.jsonl"))
    in_sets = sum(1 for path in sets for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    notes = load_note_sets()
    assert len(sets) >= 10 and len(notes) == in_sets
    assert len({r.id for r in notes}) == len(notes)
    assert {r.source for r in notes} == {f"set:{path.stem}" for path in sets}
    assert len(load_own()) == len(load_own(with_note_sets=False)) + len(notes)


def test_gap5_rows_name_their_style_and_kind():
    gap5 = [row for name, _, row in rows() if name.startswith("gap5-")]
    assert len(gap5) >= 1500
    for row in gap5:
        assert set(row) == FIELDS, row["id"]
        assert row["id"].startswith("gap5-")
        assert row["kind"] == ("hard-negative" if not row["flags"] else "positive" if len(row["flags"]) == 1 else "multi")
    texts = Counter(row["text"].strip().lower() for row in gap5)
    assert [t for t, c in texts.items() if c > 1] == []


def test_every_flag_has_own_positives_in_the_gap5_texts():
    counts = Counter(f for name, _, row in rows() if name.startswith("gap5-") for f in row["flags"])
    assert {f for f in FLAG_IDS if counts[f] < 15} == set()


def test_every_labelled_set_in_bench_uses_only_the_contracts_flag_ids():
    """The bench's own sets score the matcher; a label that is not a flag id (an abbreviation such as
    "OC") would count every right reading of its row as a miss and a wrong one."""
    for path in sorted((ROOT / "bench" / "sets").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                flags = json.loads(line)["flags"]
                assert set(flags) <= set(FLAG_IDS), (path.name, n, flags)
