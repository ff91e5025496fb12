"""Scare quotes: a practice named in quotes ("we have 'code review'") is there in name only.

Which marks pair up, how many words a scare quote holds and which verbs are quoted back are data
(`scare_quotes:` in context.yaml); this module finds the quote a cue reading sits in, if any.
"""

from __future__ import annotations

from prepbot.matching.context_rules import ContextRules
from prepbot.matching.text import Token


def scare_quoted(sentence: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> str:
    """The quoted words when a cue reading sits inside a few words in quotes ("we have 'code
    review'"): quoted like that, the practice is there in name only. Else ""."""
    if rules.scare_quote_marks.isdisjoint(sentence):  # (marks are single characters: pairs are two)
        return ""  # most sentences hold no quote mark at all
    start, end = tokens[matched[0]].start, tokens[matched[-1]].end
    for pair in rules.scare_quote_pairs:
        opening, closing = pair[0], pair[1]
        left = sentence.rfind(opening, 0, start)
        if left < 0 or (left > 0 and sentence[left - 1].isalnum()):
            continue  # an apostrophe inside a word ("team's") opens nothing
        right = sentence.find(closing, end)
        if right < 0 or (right + 1 < len(sentence) and sentence[right + 1].isalnum()):
            continue
        inside = sentence[left + 1 : right]
        if opening in inside or closing in inside or not inside.strip():
            continue
        # The quotes hold the cue's words and at most one more: "'on the roadmap'" hedges the roadmap, not CI.
        if _named_rule(inside, sentence[right + 1 :], rules):
            return ""  # "'every change reviewed' settled one": a rule named, the subject of what follows
        if len(inside.split()) <= min(rules.scare_quote_words, len(matched) + 1):
            return inside.strip()
    # In a note, the cue's last words in a short quote opening after its first word: the qualifier quoted back,
    # 'tests get written "for the important bits"'.
    for pair in rules.scare_quote_pairs if len(tokens) <= rules.scare_quote_near_tokens else ():
        left = sentence.rfind(pair[0], tokens[matched[0]].end, tokens[matched[-1]].start)
        right = sentence.find(pair[1], end) if left > 0 and not sentence[left - 1].isalnum() else -1
        inside = sentence[left + 1 : right] if right > 0 and not sentence[right + 1 : right + 2].isalnum() else ""
        if inside.strip() and pair[0] not in inside and pair[1] not in inside and len(inside.split()) <= rules.scare_quote_words:
            return inside.strip()
    # "they 'have' unit tests", "code review is 'encouraged'": one of a few words in quotes, close
    # to the cue in its clause.
    clause = tokens[matched[0]].clause
    near = [*range(matched[0] - 1, max(-1, matched[0] - 5), -1), *range(matched[-1] + 1, min(len(tokens), matched[-1] + 5))]
    # ...or inside the cue's span, between its words: 'deploys are "mostly automated"'.
    near += [i for i in range(matched[0] + 1, matched[-1]) if i not in matched]
    # ...or one of the cue's own words alone in quotes: 'on-call is "voluntary"', 'a "prioritised" backlog'.
    own = matched if len(matched) > 1 else []
    for i in [*near, *own]:
        token = tokens[i]
        if token.clause != clause or (token.word not in rules.scare_quote_verbs and i not in own):
            continue
        left = token.start - 1
        right = token.end
        # "'supposed to'": the quote may hold one more word after it
        if right < len(sentence) and sentence[right] == " " and i + 1 < len(tokens) and tokens[i + 1].start == right + 1:
            right = tokens[i + 1].end if sentence[tokens[i + 1].end : tokens[i + 1].end + 1] in "'\"’”" else right
        if 0 <= left and right < len(sentence) and sentence[left] + sentence[right] in rules.scare_quote_pairs:
            if left == 0 or not sentence[left - 1].isalnum():
                return sentence[token.start : right]
    return _near_quote(sentence, tokens, matched, rules)


def _named_rule(inside: str, after: str, rules: ContextRules) -> bool:
    """Whether a quote of three words or more opening on a rule word, with words after it, names a rule."""
    words = inside.lower().split()
    openers = rules.grammar.get("quoted_rule_openers", frozenset())
    return len(words) >= 3 and words[0] in openers and any(c.isalpha() for c in after)


def _near_quote(sentence: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> str:
    """A short quote of other words close to the cue in its clause, in notes a hedge quoted back: 'reviews
    happen "capacity permitting"', 'they're "getting there" with automated deploys'. Else ""."""
    window, most = rules.scare_quote_near_window, rules.scare_quote_near_words
    if len(tokens) > rules.scare_quote_near_tokens:
        return ""  # a note, not prose: in prose, quotes name things ('the "ready" column', 'an "e2e" test')
    clause = tokens[matched[0]].clause
    topical = rules.topic_words
    for pair in rules.scare_quote_pairs if window and most else ():
        opening, closing = pair[0], pair[1]
        at = sentence.find(opening)
        while at >= 0:
            right = sentence.find(closing, at + 1)
            if right < 0:
                break
            inside = [i for i, t in enumerate(tokens) if at < t.start and t.end <= right]
            words_ok = (at == 0 or not sentence[at - 1].isalnum()) and (
                right + 1 == len(sentence) or not sentence[right + 1].isalnum()
            )
            # 'a "known issues page"' names a thing
            named = any(tokens[i].word in topical or tokens[i].word.removesuffix("s") in topical for i in inside)
            # (One quoted word is a name or one of `verbs`: "the 'platform' team".)
            if words_ok and 2 <= len(inside) <= most and not set(inside) & set(matched) and not named:
                near = min(abs(i - j) for i in inside for j in (matched[0], matched[-1]))
                if near <= window and all(tokens[i].clause == clause for i in inside):
                    return sentence[at + 1 : right]
            at = sentence.find(opening, right + 1)
    return ""


def denied_name(sentence: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> bool:
    """'no "always on" culture': a negation right before the quote the cue opens in denies a thing named in
    quotes; it is no scare quote hedging the negation ('"mostly" no weekend work' is)."""
    first = matched[0]
    if first == 0 or tokens[first - 1].word not in rules.negation_before:
        return False
    before = sentence[tokens[first - 1].end : tokens[first].start].strip()
    return len(before) == 1 and any(before == pair[0] for pair in rules.scare_quote_pairs)
