"""How much of a long text the classifier reads: all of a text up to MAX_TEXT_UNIT characters (read
whole), at most MODEL_BUDGET different pieces of a longer one, chosen deterministically, and the
cues always read everything. A stand-in classifier records what it was given."""

from __future__ import annotations

from prepbot.catalogue import load_catalogue
from prepbot.matching.engine import MAX_TEXT_UNIT, MODEL_BUDGET, Matcher, ModelSlot


class _Recorder:
    """Says `flag` wherever `words` appear; remembers every text it read."""

    def __init__(self, unit: str, words: str, flag: str):
        self.unit, self.words, self.flag = unit, words, flag
        self.thresholds: dict[str, float] = {}
        self.read: list[str] = []

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        self.read.extend(t.strip() for t in texts)
        return [{self.flag: 0.95} if self.words in text else {} for text in texts]


def _matcher(recorder: _Recorder) -> Matcher:
    catalogue = load_catalogue()
    return Matcher(catalogue.bank.flags.values(), catalogue.rules, ModelSlot(lambda: recorder))


def _reviewed(count: int) -> list[str]:
    return [f"Release {i} went out after the team reviewed every pull request." for i in range(count)]


def test_a_long_text_is_read_by_the_classifier_where_the_cues_read_nothing_first():
    recorder = _Recorder("text", "Folks keep quitting", "high-turnover")
    matcher = _matcher(recorder)
    text = " ".join([*_reviewed(MODEL_BUDGET + 50), "Folks keep quitting."])
    found = {m.id: m for m in matcher.match(text)}
    # the last sentence is past the first MODEL_BUDGET, but it is the one the cues could not read
    assert "Folks keep quitting." in recorder.read
    assert found["high-turnover"].evidence[0].source.startswith("classifier")
    assert len(set(recorder.read)) == MODEL_BUDGET
    assert matcher.last_unread == MODEL_BUDGET + 51 - MODEL_BUDGET
    assert "code-review-required" in found  # the cues read every sentence


def test_the_choice_is_the_same_every_time_and_a_repeated_sentence_costs_one_reading():
    runs = []
    for _ in range(2):
        recorder = _Recorder("text", "nothing", "high-turnover")
        matcher = _matcher(recorder)
        sentences = _reviewed(MODEL_BUDGET + 20)
        matcher.match("".join(" " + s for s in sentences + sentences[:30]))
        runs.append(recorder.read)
        assert len(recorder.read) == len(set(recorder.read)) == MODEL_BUDGET
        assert recorder.read == sentences[:MODEL_BUDGET]  # equal rank: in text order
        assert matcher.last_unread == 20
    assert runs[0] == runs[1]


def test_a_text_up_to_the_unit_size_is_read_whole_and_within_the_budget_all_of_it():
    recorder = _Recorder("text", "Folks keep quitting", "high-turnover")
    short = " ".join(_reviewed(12) + ["Folks keep quitting."])
    assert len(short) <= MAX_TEXT_UNIT
    _matcher(recorder).match(short)
    assert recorder.read == [short]
    recorder = _Recorder("text", "Folks keep quitting", "high-turnover")
    matcher = _matcher(recorder)
    longer = " ".join(_reviewed(40) + ["Folks keep quitting."])
    assert len(longer) > MAX_TEXT_UNIT
    matcher.match(longer)
    assert len(recorder.read) == 41 and matcher.last_unread == 0
