"""The compiled cues in the catalogue cache: a warm start compiles nothing and reads the same."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys

from prepbot.matching import cue_cache
from prepbot.matching.cues import CueSet

SAMPLE = (
    "Every PR needs one approval, but people push straight to main when things are urgent. "
    "Nobody tracks bugs; they live in Slack. On-call is one week in four, unpaid. "
    "Unit tests run on each push and the deploys are unreviewed. Standups take 30 minutes."
)


def _state(cues: CueSet) -> dict:
    state = dict(vars(cues))
    state["vocabulary"] = cues.vocabulary.terms
    return state


def test_a_set_rebuilt_from_its_data_equals_the_compiled_one(catalogue):
    compiled = CueSet(((f.id, s) for f in catalogue.bank.flags.values() for s in f.cues), catalogue.rules)
    data = marshal.loads(marshal.dumps(cue_cache.as_data(compiled)))  # through marshal, as in the cache file
    rebuilt = cue_cache.from_data(data, catalogue.rules)
    assert _state(rebuilt).keys() == _state(compiled).keys()
    for name, value in _state(compiled).items():
        assert _state(rebuilt)[name] == value, name
    # cues sharing a slot share its index by first term, as when compiled
    assert len({id(index) for cue in rebuilt.cues for index in cue.slot_alternatives}) < sum(len(c.slots) for c in rebuilt.cues)


_PROBE = """
import json, sys
import prepbot.matching.cues as cues
compiled = []
original = cues.compile_cue
def counting(*args, **kwargs):
    compiled.append(1)
    return original(*args, **kwargs)
cues.compile_cue = counting
from prepbot.catalogue import load_catalogue
matcher = load_catalogue().matcher
found = [(m.id, round(m.score, 6), [(e.start, e.end, e.source) for e in m.evidence]) for m in matcher.match(sys.argv[1], model="off")]
print(json.dumps({"compiled": len(compiled), "found": found}))
"""


def _start(text: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _PROBE, text], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def _cache_files(home):
    return sorted((home / "cache").glob("catalogue-*.marshal"))


def test_a_warm_start_compiles_no_cue_and_reads_the_same(private_home):
    cold = _start(SAMPLE)
    assert cold["compiled"] > 1000 and cold["found"]
    warm = _start(SAMPLE)
    assert warm == {"compiled": 0, "found": cold["found"]}


def test_damaged_compiled_cues_are_compiled_again_not_trusted(private_home):
    cold = _start(SAMPLE)
    [cached] = _cache_files(private_home)
    data = marshal.loads(cached.read_bytes())
    data["cues"]["cues"] = data["cues"]["cues"][:10]  # requirements no longer match the cues
    cached.write_bytes(marshal.dumps(data))
    again = _start(SAMPLE)
    assert again["compiled"] > 1000 and again["found"] == cold["found"]  # compiled again, same reading
    assert _start(SAMPLE) == {"compiled": 0, "found": cold["found"]}  # and the cache was rewritten


def test_a_cue_edit_in_a_user_bank_rebuilds_the_compiled_cues(private_home, tmp_path):
    bank = tmp_path / "mine.yaml"
    flag = "flags:\n  - id: my-flag\n    kind: red\n    title: Mine\n    explanation: x\n    severity: low\n    follow_up: y\n"
    bank.write_text(flag + "    cues:\n      - purple elephants\n")
    probe = _PROBE.replace("load_catalogue()", f"load_catalogue([{str(bank)!r}])")

    def start(text: str) -> dict:
        proc = subprocess.run([sys.executable, "-c", probe, text], capture_output=True, text=True, check=True)
        return json.loads(proc.stdout)

    assert [f[0] for f in start("We saw purple elephants.")["found"]] == ["my-flag"]
    assert start("We saw purple elephants.")["compiled"] == 0
    bank.write_text(flag + "    cues:\n      - green giraffes\n")
    edited = start("We saw purple elephants and green giraffes.")
    assert edited["compiled"] > 0 and [f[0] for f in edited["found"]] == ["my-flag"]
    assert [e[2] for e in edited["found"][0][2]] == ["cue: green giraffes"]


_RULES_PROBE = """
import json
from prepbot import bank_loader, catalogue
from prepbot.matching.context_rules import CONTEXT_FILE
rules = catalogue.load_catalogue().rules
read, problems = bank_loader.read_context(CONTEXT_FILE)
assert not problems
print(json.dumps({
    "equal": rules == read,
    "prebuilt": [name in vars(rules) for name in catalogue._RULES_PREBUILT],
    "indexes": [getattr(rules, name) == getattr(read, name) for name in catalogue._RULES_PREBUILT],
}))
"""


def test_a_warm_start_has_the_context_rules_the_yaml_gives(private_home):
    def start() -> dict:
        proc = subprocess.run([sys.executable, "-c", _RULES_PROBE], capture_output=True, text=True, check=True)
        return json.loads(proc.stdout)

    cold, warm = start(), start()
    assert cold == {"equal": True, "prebuilt": [True] * 3, "indexes": [True] * 3}  # built and written
    assert warm == cold  # taken from the cache: its indexes too, equal to those the rules build
