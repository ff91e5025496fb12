"""Sentences that ask rather than state: a reported question ("I asked whether they test"), the
answer to it in the next sentence ("He laughed."), and the candidate's own questions and to-dos in
notes ("ask: do they have CI?"). Their phrases are context rules (context.yaml, `questions`); a
sentence read as a question states no fact about the team.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token


def reported_question(tokens: list[Token], rules: ContextRules) -> tuple[str, int] | None:
    """(the reporting phrase, the token after it) when the sentence reports a question."""
    words = [t.word for t in tokens]
    index = rules.reported_by_first_word
    if index.keys().isdisjoint(words):
        return None  # most sentences hold no word a reporting phrase opens with
    for i, word in enumerate(words):
        for phrase in index.get(word, ()):
            # (a phrase ending in "?" reports only a direct question after it: "asked on the forum: do they ...")
            direct = phrase[-1] == "?"
            size = len(phrase) - direct
            if tuple(words[i : i + size]) == phrase[:size] and (
                not direct or (i + size < len(words) and words[i + size] in rules.question_starts)
            ):
                return " ".join(phrase[:size]), i + size
    return None


def put_to_candidate(tokens: list[Token], reported: tuple[str, int], rules: ContextRules) -> bool:
    """A reported question the candidate was asked: "I was asked about...", "they asked me whether...", "they
    wanted to know how I would define X" (the question is about the candidate)."""
    words = reported[0].split()
    start = reported[1] - len(words)
    before = [t.word for t in tokens[max(0, start - 2) : start]]
    about_me = reported[1] < len(tokens) and tokens[reported[1]].word in ("i", "id", "ive", "my")
    return bool({"me", "us"} & (set(words) | set(before))) or bool(before and before[-1] in rules.asked_passive) or about_me


def answer_to_question(tokens: list[Token], rules: ContextRules) -> tuple[str, str] | None:
    """("yes", "no" or "red", the words) when a sentence's first words answer the question before it:
    "I asked if they review code. He laughed." reads as a no; one that opens with a hedge of the
    terse answers ("Sometimes.", "In theory.") as the question's red flag."""
    words = [t.word for t in tokens[:8]]
    for phrases, said in ((rules.answered_no, "no"), (rules.answer_red, "red"), (rules.answered_yes, "yes")):
        for phrase in phrases:
            if said == "red" and tuple(words[: len(phrase)]) != phrase:
                continue  # a hedge only where the sentence opens with it
            for i in range(len(words)):
                if tuple(words[i : i + len(phrase)]) == phrase and (i == 0 or len(phrase) > 1 or i <= 2):
                    return said, " ".join(phrase)
    return None


_LEAD = " \t\r\n-*•>·–—([{"


def own_question(sentence: str, tokens: list[Token], rules: ContextRules) -> str:
    """The words that open the candidate's own question or to-do ("ask:", "q -", "need to ask",
    "?"), or "": such a sentence is what the candidate wants to find out, not a finding."""
    marks, by_first_word = rules.own_question_index
    opening = sentence.lstrip(_LEAD)
    for mark in marks:  # a mark ("?") opens the line
        if opening.startswith(mark):
            return mark
    if not tokens:
        return ""
    for phrase in by_first_word.get(tokens[0].word, ()):
        size = len(phrase)
        if size <= len(tokens) and all(tokens[i].word == phrase[i] for i in range(size)):
            after = sentence[tokens[size - 1].end : tokens[size - 1].end + 1]
            if not after.isalnum():  # "q: ..." is a question, "Q3 planning" is not
                return " ".join(phrase)
    return own_question_end(sentence, tokens, rules)


_TAG_MARKS = ",;:-–—(=/?"


def own_question_end(sentence: str, tokens: list[Token], rules: ContextRules) -> str:
    """The to-do tag that closes a note after a comma, dash or bracket ("length of dailies unknown,
    ask", "on-call pay (tbd)"), or "": the note is what the candidate means to find out."""
    if not tokens:
        return ""
    for phrase in rules.own_question_ends_by_last_word.get(tokens[-1].word, ()):  # most notes end in no tag's word
        size = len(phrase)
        if size >= len(tokens) or any(tokens[-size + i].word != phrase[i] for i in range(size)):
            continue
        before = sentence[: tokens[-size].start].rstrip()
        if before and before[-1] in _TAG_MARKS:
            return " ".join(phrase)
    return ""


def is_question(sentence: str, tokens: list[Token], rules: ContextRules) -> str:
    """Why a sentence only reports or asks a question (and so states no fact), or ""."""
    words = [t.word for t in tokens]
    own = own_question(sentence, tokens, rules)
    if own:
        return "the candidate's own question: '" + own + "'"
    reported = reported_question(tokens, rules)
    if reported is not None:
        return "reported question: '" + reported[0] + "'"
    span = sentence[tokens[0].start : tokens[-1].end + 1]
    # "Do you have CI?", or a bare topic like "Automated tests?": a question, not an answer.
    if span.endswith("?") and (words[0] in rules.question_starts or len(words) <= rules.short_question_words):
        return "question"
    return ""


def echo(topic: str, statement: str) -> bool:
    """ "tests? what tests", "CI? what CI": a statement that repeats the topic after "what" mocks it (a no)."""
    said = statement.lower().split()
    return said[:1] == ["what"] and bool(set(said[1:]) & set(topic.lower().rstrip("?:").split()))
