"""A long text's later part is read in a forked process (prepbot/matching/halves.py): the readings
are exactly those of one process, across the cut too; the child never outlives the match; no fork
on the keystroke path nor beside another thread."""

from __future__ import annotations

import os
import threading

import pytest

from prepbot.matching import Matcher, halves
from prepbot.matching.text import pieces_of

# Statements made across two sentences: a bare topic and its answer, a practice taken back by the next one.
BLOCK = (
    "Round {i}: we talked about the roadmap and the office. Code review? Never. "
    "They have a backlog for team {i}. Nobody looks at it. "
    "On-call is one week in four, unpaid. The coffee in room {i} is good. "
)


def long_notes(shift: int = 0) -> str:
    text, i = "Notes. " * shift, 0
    while len(text) < halves.FORK_MIN_CHARS + 6000:
        text += BLOCK.format(i=i)
        i += 1
    return text


def readings(matches) -> list:
    return [(m.id, round(m.score, 9), [(e.start, e.end, e.text, e.source, e.context) for e in m.evidence]) for m in matches]


@pytest.fixture
def forks(monkeypatch):
    """The cut of every fork made, recorded."""
    made: list[int] = []
    real = halves.LaterHalf.__init__

    def spy(self, matcher, pieces, cut):
        made.append(cut)
        real(self, matcher, pieces, cut)

    monkeypatch.setattr(halves.LaterHalf, "__init__", spy)
    return made


def fresh(catalogue) -> Matcher:
    return Matcher.from_bank(catalogue.bank, catalogue.rules)


def read(matcher: Matcher, text: str) -> tuple[list, dict]:
    """What `match` reports, and every reading it combined (each with its offsets and context)."""
    seen: dict = {}
    combine = matcher.combine

    def keep(text, hits):
        seen.update({flag: sorted(found) for flag, found in hits.items()})
        return combine(text, hits)

    matcher.combine = keep  # type: ignore[method-assign]
    return readings(matcher.match(text, model="off")), seen


def one_process(catalogue, text: str, monkeypatch) -> tuple[list, dict]:
    with monkeypatch.context() as patch:
        patch.setattr(halves, "can_fork", lambda: False)
        return read(fresh(catalogue), text)


@pytest.mark.parametrize(("before", "after"), [("Code review?", "Never."), ("They have a backlog", "Nobody looks at it.")])
def test_a_cut_inside_a_statement_across_sentences_reads_as_one_process(catalogue, forks, monkeypatch, before, after):
    text = long_notes()
    pieces = list(pieces_of(text))
    # the cut where the child's share would begin, moved to the second sentence of the nearest such statement
    near = halves.cut_of(pieces, len(text))
    cut = next(
        i for i in range(near, len(pieces)) if pieces[i - 1][1].strip().startswith(before) and pieces[i][1].strip() == after
    )
    expected = one_process(catalogue, text, monkeypatch)
    monkeypatch.setattr(halves, "cut_of", lambda pieces, length: cut)
    forked = read(fresh(catalogue), text)
    assert forks == [cut]
    assert forked == expected
    # the statement across the cut was read: a reading spans the two pieces, or the next one turned it
    at = pieces[cut][0]
    readings_across = [
        (start, end, context)
        for found in forked[1].values()
        for _, start, end, _, context in found
        if start < at < end or (pieces[cut - 1][0] <= start < at and "next sentence" in context)
    ]
    assert readings_across


def test_the_child_is_gone_when_the_match_returns(catalogue, monkeypatch):
    children: list[int] = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(halves.os, "fork", fork)
    fresh(catalogue).match(long_notes(0), model="off")
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # already reaped: no zombie, no stray process


def test_a_child_that_fails_leaves_the_readings_to_the_parent(catalogue, forks, monkeypatch):
    text = long_notes(1)
    expected = one_process(catalogue, text, monkeypatch)
    monkeypatch.setattr(halves.pickle, "dumps", lambda *a, **k: 1 / 0)  # the child dies before it sends anything
    assert read(fresh(catalogue), text) == expected
    assert forks


def test_no_fork_on_the_keystroke_path_nor_beside_another_thread(catalogue, forks):
    matcher = fresh(catalogue)
    text = long_notes(0)
    matcher.match(text, model="cached")  # the TUI's path
    assert forks == []
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        matcher.match(text + " Once more.", model="off")
    finally:
        stop.set()
        thread.join()
    assert forks == []
    matcher.match(text + " And again.", model="off")
    assert len(forks) == 1
    matcher.match(text[:1000], model="off")  # short: no fork
    assert len(forks) == 1


def test_the_garbage_collector_is_paused_for_a_long_text_only_and_switched_back(catalogue, monkeypatch):
    import gc

    matcher = fresh(catalogue)
    seen: list[bool] = []
    reading = matcher.reading

    def spy(sentence):
        seen.append(gc.isenabled())
        return reading(sentence)

    monkeypatch.setattr(matcher, "reading", spy)
    monkeypatch.setattr(halves, "can_fork", lambda: False)  # the readings in this process, where the spy sees them
    assert gc.isenabled()
    matcher.match(long_notes(), model="off")
    assert seen and not any(seen)  # paused while it read
    assert gc.isenabled()  # and on again
    seen.clear()
    matcher.match("Code review? Never. Tests are run on each push.", model="off")
    assert seen and all(seen)  # a short text: untouched
    gc.disable()
    try:
        matcher.match(long_notes(1), model="off")
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_a_matcher_that_learns_another_ones_sentences_reads_the_text_as_that_one_does(catalogue, monkeypatch):
    # What the fork hands back (Matcher.sentence_caches -> learn_sentences): taken in, not read again.
    text = long_notes()
    sentences = [sentence for _, sentence in pieces_of(text)]
    teacher = fresh(catalogue)
    taught = [teacher.reading(s) for s in sentences]
    advice, topics = teacher.sentence_caches(sentences)
    learner = fresh(catalogue)
    learner.learn_sentences(sentences, taught, advice, topics)
    again: list[str] = []
    compute, topic = learner._compute, learner._topic_then_answer
    monkeypatch.setattr(learner, "_compute", lambda sentence, *rest: again.append(sentence) or compute(sentence, *rest))
    monkeypatch.setattr(learner, "_topic_then_answer", lambda sentence: again.append(sentence) or topic(sentence))
    assert read(learner, text) == one_process(catalogue, text, monkeypatch)
    assert not set(again) & set(sentences)  # (the rules across sentences read parts of some: not whole ones)
    assert sum(a is not None for a in advice) >= 1 and sum(t != (None, None) for t in topics) >= 1
