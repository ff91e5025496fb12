"""Context rules: what the words around a cue do to its meaning (ConText/NegEx style).

The rules are data (`context.yaml` beside this file, validated by the bank loader); this module
is the small engine that applies them. A sentence is scanned once for trigger phrases
(negations, pseudo-negations, modifiers such as hypotheticals or advice); each cue reading is
then decided from the triggers in its scope and direction. A decision names the rule and the
trigger that produced it, so every flag can say why it was (or was not) read.
"""

from __future__ import annotations

from dataclasses import dataclass

from prepbot.matching.conditions import condition_word, far_subject, rule_after_condition, unreal_rule
from prepbot.matching.context_rules import _END, ContextRules, _starting
from prepbot.matching.counterfactual import contrary, turned
from prepbot.matching.dating import dated
from prepbot.matching.ellipsis import elliptical
from prepbot.matching.lists import list_reach
from prepbot.matching.rule_text import Rule
from prepbot.matching.text import Token
from prepbot.matching.until import KIND as UNTIL_KIND
from prepbot.matching.until import WINDOW as UNTIL_WINDOW
from prepbot.matching.until import until_events, until_reading
from prepbot.matching.without import WISH, consequence, harm_reading, opener


@dataclass(frozen=True)
class Trigger:
    kind: str  # "negation" or a modifier's name
    start: int  # token positions, end exclusive
    end: int
    words: str
    direction: str = "forward"
    window: int = 0
    effect: str = "nothing"


@dataclass(frozen=True)
class Decision:
    """What the context made of one cue reading."""

    flag_id: str | None  # the flag the cue states once context is counted; None: it says nothing
    trigger: int | None  # first token of the words that changed it (quoted with the evidence)
    rule: str  # "" when nothing changed it, else e.g. "negation before: 'no'"


def _find(words: list[str], phrase: tuple[str, ...]) -> list[int]:
    size = len(phrase)
    first = phrase[0]
    return [i for i, w in enumerate(words) if w == first and tuple(words[i : i + size]) == phrase]


# Hedges a negation right before them denies ("don't change on a whim"; not a wish: "didn't want to join on-call").
_DENIABLE = frozenset({"in name only", "broken or stale"})
PSEUDO = "pseudo-negation"  # a negation word inside a pseudo-negation ("never skip")
SENTENCE_END = "$"  # no token is written so: a trigger phrase ending in it only counts at the end of a sentence
NO_OPPOSITE = "(the flag has no opposite)"  # ends the rule of a negated reading with nothing to turn round to


def own_contractions(source: str, rules: ContextRules) -> frozenset[str]:
    """The negated short forms a cue spells out as words of its own ("didnt_show", "isnt|not testable"), not
    as another form of a verb its slot also lists ("is|isnt tangled"): inside the cue they negate nothing."""
    own: set[str] = set()
    for slot in source.rpartition(" @")[0 if " @" in source else 2].split():
        alternatives = slot.split("|")
        verbs = {a for a in alternatives if "_" not in a}
        for alternative in alternatives:
            own.update(w for w in alternative.split("_") if w in rules.contractions and rules.contractions[w] not in verbs)
    return frozenset(own)


def scan(tokens: list[Token], rules: ContextRules) -> list[Trigger]:
    """Every negation and modifier trigger in a sentence, pseudo-negations masked out.

    One pass over the words: phrases are looked up by their first word.
    """
    # A trigger written "it isnt $" only counts where it ends the sentence: "$" stands past its last word.
    words = [t.word for t in tokens] + [SENTENCE_END]
    masked: set[int] = set()
    phrase_end: dict[int, int] = {}  # where the pseudo-negation starting at a word ends
    pseudo, modifiers = rules.scan_index
    found: list[Trigger] = []
    last = len(words) - 1
    for i in [i for i, word in enumerate(words) if word in pseudo or word in modifiers]:  # most words start no phrase
        word = words[i]
        after = words[i + 1] if i < last else _END  # a phrase of one word, or one the next word goes on
        if (index := pseudo.get(word)) is not None and (_END in index[word] or after in index[word]):
            for phrase in _starting(index, words, i):
                masked.update(range(i, i + len(phrase)))
                phrase_end.setdefault(i, i + len(phrase))
        if i not in masked and (index := modifiers.get(word)) is not None and (_END in index[word] or after in index[word]):
            for kind, phrase, direction, window, effect in _starting(index, words, i):
                end = min(i + len(phrase), len(tokens))
                found.append(Trigger(kind, i, end, " ".join(phrase), direction, window, effect))
    # A trigger written "^ when" only counts at the start of the sentence (and not inside a
    # pseudo-negation there: "when we push back, ..." is a habit, not a condition).
    anchored = [
        Trigger(kind, 0, len(phrase) - 1, " ".join(phrase[1:]), direction, window, effect)
        for kind, phrase, direction, window, effect in _starting(modifiers.get("^"), words, 0)
        if 0 not in masked
    ]
    found = anchored + found
    negating = rules.negating
    negations = [Trigger("negation", i, i + 1, w) for i, w in enumerate(words) if w in negating and i not in masked]
    # "priorities don't change on a whim": a hedge right after a negation of its clause is denied, not said.
    denied = {i + step for i, w in enumerate(words) if w in negating for step in (1, 2)}
    found = [
        t for t in found if not (t.kind in _DENIABLE and t.start in denied and tokens[t.start].scope == tokens[t.start - 1].scope)
    ]
    # "nothing ships unless it is tested", "can't merge unless CI is green": a cancelling word
    # (`negation.cancelling`) that is not itself a negation, after a negation in its clause, states
    # the rule's condition. It is no hypothetical, and the negation before it does not reach past it.
    conditions = [
        i
        for i, w in enumerate(words)
        if w in rules.negation_cancelling
        and w not in negating
        and any(n.start < i and tokens[n.start].scope == tokens[i].scope for n in negations)
    ]
    if conditions:
        found = [t for t in found if t.start not in conditions]
        for i in conditions:
            for token in tokens[i:]:
                token.scope += 1
    # A pseudo-negation keeps its negation for a cue that starts inside it: "we never skip reviews"
    # says nothing against a review cue, but it does negate the cue "skip ... review".
    # (`window` holds where the phrase ends: the cue must cover its last word, so "no tests, no merge"
    # stays a rule.)
    negations += [Trigger(PSEUDO, i, i + 1, words[i], window=end) for i, end in phrase_end.items() if words[i] in negating]
    if not rules.grammar["until_words"].isdisjoint(words):  # "two approvals until the team shrank" (until.py)
        for s, e in until_events(tokens, words, negations, found, rules):
            found.append(Trigger(UNTIL_KIND, s, e, " ".join(words[s:e]), "backward", UNTIL_WINDOW, "opposite"))
    return negations + found


def _contrast_opens(tokens: list[Token], at: int, rules: ContextRules) -> bool:
    """Whether the clause of `at` opens with a clause breaker ("but") at most four words before it."""
    clause = tokens[at].clause
    start = next(i for i in range(at + 1) if tokens[i].clause == clause)
    return tokens[start].word in rules.clause_breakers and at - start <= 4


def other_sense(flag_id: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> str:
    """The phrase of `other_senses` that the cue's matched words fall in, or "": "customer churn" is not
    the team's churn, "left comments" not people leaving."""
    phrases = rules.other_senses.get(flag_id)
    words = [t.word for t in tokens]
    if not phrases or rules.other_sense_firsts[flag_id].isdisjoint(words):
        return ""  # (most sentences hold no phrase's first word: none is tried)
    present = set(words)
    hit = set(matched)
    for phrase in phrases:
        if phrase[0] not in present:  # most phrases are not in the sentence at all
            continue
        for start in _find(words, phrase):
            if hit.intersection(range(start, start + len(phrase))):
                return " ".join(phrase)
    return ""


def decide(
    flag_id: str,
    opposite: str | None,
    tokens: list[Token],
    matched: list[int],
    rules: ContextRules,
    triggers: list[Trigger],
    red: bool = True,
    own: frozenset[str] = frozenset(),
) -> Decision:
    """The flag a cue reading states once the triggers around it are counted (`red`: the cue's
    flag is a red one; `own`: the negated short forms the cue spells out itself, `own_contractions`).
    A modifier's effect applies after negation: "nobody should push to main" is advice that shows
    the state it would fix."""
    sense = other_sense(flag_id, tokens, matched, rules)
    if sense:
        return Decision(None, None, f"another sense: '{sense}'")
    first, last = matched[0], matched[-1]
    if (until := until_reading(tokens, first, last, rules)) is not None:  # "until the crunch", "isn't closed until"
        return Decision(flag_id if until[0] else None, None, until[1])
    if (dating := dated(flag_id, tokens, matched, rules)) is not None:  # "since the layoffs, ...", "two left in six years"
        return Decision(None, None, dating)
    if (harm := harm_reading(red, tokens, first, last, rules)) is not None:  # "we'd ship bugs without reviews"
        return Decision((opposite if red else flag_id) if harm[0] else None, harm[2] if harm[0] else None, harm[1])
    if (said := consequence(tokens, first, last, rules)) is not None:  # "without Jira, bugs would slip through the cracks"
        # what the practice prevents does not happen: a red state there reads its green opposite
        return Decision(opposite if red else None, None, Rule("counterfactual consequence", said))
    if (without := opener(tokens, first, rules)) is not None:  # "without the tests, refactoring would ..."
        kind, start, end, words = without
        if kind == WISH:
            return Decision(None, None, f"{kind}: '{words}'")
        if start not in matched:  # "without the tests, ...": the practice, its opener and its consequence aside
            modal = next(i for i in range(first + 1, len(tokens)) if tokens[i].word in rules.condition_unreal)
            if last > modal:  # "without the pipeline, nobody would notice broken builds": the practice named is there
                return Decision(flag_id if not red else opposite, start, Rule(kind, words))
            kept = [t for t in triggers if not start <= t.start < end]
            stated = _polarity(flag_id, opposite, tokens, matched, rules, kept, red, own)
            return Decision(stated.flag_id, stated.trigger, Rule(kind, words, stated.rule))
        stated = _polarity(flag_id, opposite, tokens, matched, rules, triggers, red, own)
        trigger = Trigger(kind, start, end, words)
        return Decision(*turned((stated.flag_id, stated.rule), flag_id, opposite, red, trigger, NO_OPPOSITE))
    if tokens[first].word in rules.negation_before and last - first > 2:
        # "nobody writes code before a ticket exists": a cue that opens with its own negation word and ends
        # in the condition after it states a rule, not an absence.
        condition = next(
            (i for i in range(first + 1, last) if tokens[i].word in rules.grammar["rule_conditions"] and i not in matched), None
        )
        if condition is not None and condition + 1 < last:
            return Decision(None, None, f"a rule's condition: '{tokens[condition].word}'")
    if tokens[first].word in rules.negation_before and first in matched and red:
        # "no PR goes in without a second person reading it": a red cue of its own "no" and a noun, then a verb
        # and the condition of a rule in its clause, says no absence (the rule is read by its own cues); not
        # "no code review unless the lead is around", whose condition hedges the absence itself.
        after = range(last + 2, min(len(tokens), last + 1 + rules.negation_window))
        condition = next((i for i in after if tokens[i].word in rules.grammar["rule_gates"]), None)
        if condition is not None and tokens[condition].clause == tokens[last].clause and condition + 1 < len(tokens):
            return Decision(None, None, f"a rule's condition: '{tokens[condition].word}'")
    clause_first, clause_last = tokens[first].clause, tokens[last].clause
    # The clause right after the cue's (", but in practice ..." skips the empty clause between comma and "but").
    next_clause = next((t.clause for t in tokens[last + 1 :] if t.clause > clause_last), -1)
    for trigger in triggers:
        # "no ticket, no work": the cue "no ticket" holds the first half of a rule, not an absence.
        if trigger.kind == PSEUDO and trigger.start in matched and last < trigger.window - 1:
            return Decision(None, None, f"pseudo-negation: '{trigger.words}'")
        # "no review no merge": a cue inside the rule, across its second "no", states the rule, not its negation
        if (
            trigger.kind == PSEUDO
            and trigger.start < first
            and last < trigger.window
            and rules.negating & {t.word for t in tokens[first:last]}
        ):
            return Decision(flag_id, None, f"a rule: '{trigger.words}'")
        # "nobody ever skips review": the cue "nobody ... review" borrows the negation of a pseudo-negation
        # whose own verb stands between its words; it says nothing (the cue "skips ... review" says it).
        if (
            trigger.kind == PSEUDO
            and trigger.start == matched[0]
            and last >= trigger.window
            and trigger.window - 1 not in matched
        ):
            return Decision(None, None, f"pseudo-negation: '{trigger.words}'")
    modifier: Trigger | None = None
    changed: Trigger | None = None  # a later clause that says what holds now ("..., now ...")
    spared = rules.spared.get(flag_id, ())
    # "the test suite rotted away years ago": a red cue naming a decay whose result lasts is the state now
    decayed = red and any(tokens[i].word in rules.grammar["lasting_decay"] for i in matched)
    for trigger in triggers:
        if trigger.kind in ("negation", PSEUDO) or trigger.effect == "keep" or trigger.words in spared:
            continue
        if decayed and trigger.effect == "past" or trigger.words in rules.grammar["undoing"] and _denied(tokens, trigger, rules):
            continue  # (and "never rebuilt" undoes nothing)
        now_scope = tokens[trigger.start].scope
        if (
            trigger.direction == "earlier_past_clauses"
            and first < trigger.start
            and tokens[first].scope < now_scope
            and (trigger.start <= last or tokens[last].scope == now_scope)
        ):
            # "deployed by hand -> now automated", "bugs in email threads -> jira now": a cue that
            # reaches into the part that says what holds now reads the now; what was said of the past
            # before that part does not apply. (A cue that ends inside the trigger, "lost many ...
            # nobody left since", says nothing of the now.)
            if trigger.start <= last < trigger.end:
                return Decision(None, None, f"{trigger.kind}: '{trigger.words}'")
            start = next(i for i in range(first, len(tokens)) if tokens[i].scope == now_scope)
            later = [t for t in triggers if t.start >= start and t is not trigger]
            decision = decide(flag_id, opposite, tokens, matched, rules, later, red, own)
            said = f"{trigger.kind}: '{trigger.words}'"
            return Decision(decision.flag_id, decision.trigger, f"{decision.rule}; {said}" if decision.rule else said)
        forward = trigger.direction in ("forward", "both") and trigger.end <= first and first - trigger.end < trigger.window
        forward = forward and tokens[trigger.start].clause == clause_first == clause_last
        # ("turned off and releases are manual": a change with no object after it reaches no cue past the "and")
        forward = forward and not (
            trigger.effect == "opposite" and trigger.end < first and tokens[trigger.end].word in rules.scope_breakers
        )
        # "no time for the fancy stuff like unit tests, linting or CI": the later items of a list it opens
        forward = forward or (
            trigger.direction in ("forward", "both")
            and trigger.effect in ("red", "nothing")  # a wish, a hypothetical: not a change told of the past
            and not red
            and trigger.end <= first
            and list_reach(tokens, trigger.end, first, last, rules, trigger.window)
        )
        # "they abandoned scrum and now there's no process": what follows "now" is what holds now.
        forward = forward and not any(
            t.direction == "earlier_past_clauses" and trigger.end <= t.start < first and t.effect == "fixed" for t in triggers
        )
        # (A trigger may open on the cue's last word and run past it: "the hour-long daily is gone".)
        overlaps = trigger.start == last and trigger.end > last + 1 and len(matched) > 1
        backward = trigger.direction in ("backward", "both") and (trigger.start > last or overlaps)
        backward = backward and trigger.start - last <= trigger.window
        backward = backward and tokens[trigger.start].clause == clause_last
        # "we had reviews for a while, then stopped": a later clause of the sentence takes it back.
        # (A change reaches its own clause, or the one before when it opens its clause: not "zero tests, no
        # pipeline, and a wiki that stopped being updated".)
        at = tokens[trigger.start].clause
        opens = at == clause_last or trigger.effect != "opposite" or sum(t.clause == at for t in tokens[: trigger.start]) <= 1
        # "..., but the new lead cut them to 10 minutes": a contrast whose subject comes before the trigger
        opens = opens or _contrast_opens(tokens, trigger.start, rules)
        backward = backward or (trigger.direction == "earlier_clauses" and trigger.start > last and opens)
        # "standups ran an hour back then, now 10 min": a later clause says what holds now; it only
        # reaches a cue whose clause is told in the past.
        backward = backward or (
            trigger.direction == "earlier_past_clauses"
            and trigger.start > last
            and tokens[trigger.start].scope > tokens[last].scope
            and any(t.word in rules.past_words for t in tokens if t.clause == clause_last)
        )
        # Shorthand: "TDD tried, dropped", "reviews, in theory": the next clause opens with the trigger.
        backward = backward or (
            trigger.direction == "next_clause"
            and trigger.start > last
            and tokens[trigger.start].clause == next_clause
            and trigger.start - last <= trigger.window
            and all(tokens[i].clause == clause_last for i in range(last + 1, max(last + 1, trigger.start - 1)))
            # ...but "tests, dropped the flaky ones" drops something else
            and not (trigger.end < len(tokens) and tokens[trigger.end].word in rules.grammar["determiners"])
        )
        # "tests existed once, got commented out": a clause with no subject tells of the one before.
        backward = backward or elliptical(tokens, trigger, last, next_clause, rules)
        # "holding": the trigger is a phrase that holds some of the cue's words but not all of its
        # own: the cue read one word of a phrase that means something else ("pivot tables", "customer
        # orders", "nobody stays late" for a cue "nobody ... stays").
        if trigger.direction == "holding":
            held = [i for i in range(trigger.start, trigger.end) if i in matched]
            one_clause = tokens[trigger.start].clause == tokens[trigger.end - 1].clause  # "manual, tests" is no phrase
            if held and len(held) < trigger.end - trigger.start and one_clause:
                if trigger.effect == "nothing":
                    return Decision(None, None, f"{trigger.kind}: '{trigger.words}'")
                modifier = modifier or trigger
            continue
        # A trigger among the cue's own words ("the daily used to drag on for an hour") applies too.
        # (Not in a cue that spans clauses: "deployed by hand until last year, now automatic" — the
        # "until" belongs to the first clause, not to "deploy ... automatic".)
        # (Not a trigger made of the cue's own words: "is gone" in "most of the team is gone".)
        inside = (
            first < trigger.start < last
            and trigger.end <= last
            and trigger.direction
            not in (
                "earlier_clauses",
                "next_clause",
                "earlier_past_clauses",
                "next_sentences",
            )
        )
        inside = inside and clause_first == clause_last
        # ...nor one the cue spells out itself: "even if it means overtime" names the condition it states.
        inside = inside and not all(i in matched for i in range(trigger.start, trigger.end))
        # ...nor one that shares a word with the cue: "never run" in "standups never run over" is the cue's "run over".
        inside = inside and not (trigger.kind != "negation" and any(i in matched for i in range(trigger.start, trigger.end)))
        # ...but not a change that ends what comes before it, inside a cue whose words run on past it:
        # "weekend releases stopped after they automated deploys" ends the weekend releases.
        inside = inside and not (trigger.direction == "backward" and trigger.effect == "opposite" and trigger.end < last)
        # "If you're hiring, ...", "In the games industry, ...": the trigger opens the sentence and reaches all of it.
        sentence_wide = trigger.direction == "later_clauses" and trigger.end <= first and first - trigger.end < trigger.window
        if not (forward or backward or inside or sentence_wide):
            if unreal_rule(tokens, trigger, first, rules):
                return Decision(None, None, f"hypothetical: '{trigger.words}'")  # "if we had more people, we could ..."
            continue
        if forward and trigger.words in rules.condition_openers and rule_after_condition(tokens, trigger.end, first, last, rules):
            continue  # "if you get paged at night you take the morning off": the rule the condition sets, read as stated
        if trigger.effect == "nothing":
            if forward and contrary(tokens, trigger, first, last, rules):  # "if they had tests, it wouldn't have ..."
                stated = _polarity(flag_id, opposite, tokens, matched, rules, triggers, red, own)
                return Decision(*turned((stated.flag_id, stated.rule), flag_id, opposite, red, trigger, NO_OPPOSITE))
            # A hypothetical, a question or advice to a candidate says nothing about the team now.
            return Decision(None, None, f"{trigger.kind}: '{trigger.words}'")
        if trigger.direction == "earlier_past_clauses":
            changed = changed or trigger
        # (of two triggers opening on one word the longer says more: "now skipped" over "now")
        longer = modifier is not None and trigger.start == modifier.start and trigger.end > modifier.end
        modifier = trigger if longer else modifier or trigger
    decision = _polarity(flag_id, opposite, tokens, matched, rules, triggers, red, own)
    if modifier is None or decision.flag_id is None and not decision.rule.endswith(NO_OPPOSITE):
        return decision
    rule = Rule(modifier.kind, modifier.words, decision.rule)
    if modifier.effect == "opposite" and f"negation before: '{tokens[modifier.start].word}'" in decision.rule:
        return Decision(decision.flag_id, decision.trigger, rule)  # "never seen ...": its own negation counted already
    flipped = decision.flag_id != flag_id
    if decision.flag_id is None:  # negated and no opposite: the flag itself held before it was dropped
        current, current_red, other = flag_id, red, None
    else:
        current, current_red, other = decision.flag_id, red != flipped, (opposite if not flipped else flag_id)
    if decision.flag_id is None:
        if modifier.effect == "red" and red:
            # "in theory nobody works weekends": the absence is the hedged claim; the red flag stands.
            return Decision(flag_id, modifier.start, rule)
        return Decision(None, None, rule)  # negated, and the flag has no opposite: nothing to turn round
    if modifier.effect == "opposite":
        if changed is not None and changed.start > modifier.end and not current_red and changed.words in rules.grammar["undoing"]:
            # "the bug tracker died in 2020 and they moved to Linear": what replaced it says what holds now
            return Decision(None, None, f"{rule}; {changed.kind}: '{changed.words}'")
        return Decision(other, modifier.start, rule)
    if modifier.effect == "fixed":
        # "deploys were manual, a pipeline since then": the problem is gone and its green opposite
        # holds; a green one stands ("tests were added, now ...").
        if current_red:
            return Decision(other, modifier.start, rule) if other is not None else Decision(None, None, rule)
        if any(t.word in rules.grammar["held"] and t.clause == clause_first for t in tokens[: last + 1]):
            return Decision(None, None, rule)  # "we had a bug tracker once; now chat": the old state, not the now
        return Decision(current, decision.trigger, rule)
    if modifier.effect == "past":
        # "we used to have a backlog" is gone now; "back then nobody reviewed code" may be fixed: no red...
        if changed is not None:
            # ...unless a later clause says what holds now: "used to have no tests; now mandatory" is
            # the problem gone, its green opposite in place; "used to track bugs in a sheet, moved to
            # X" leaves what holds now to the later clause.
            said = f"{rule}; {changed.kind}: '{changed.words}'"
            return Decision(other, modifier.start, said) if current_red and other is not None else Decision(None, None, said)
        return Decision(None, None, rule) if current_red or decision.flag_id is None else Decision(other, modifier.start, rule)
    if modifier.effect == "green":  # a rule enforced: "the bot rejects any PR with failing tests" (a green one stands)
        return Decision(other, modifier.start, rule) if current_red else Decision(current, decision.trigger, rule)
    # "red": the practice is not really there; a red reading stands.
    if current_red:
        return Decision(current, decision.trigger, rule)
    return Decision(other, modifier.start, rule)


def _denied(tokens: list[Token], trigger: Trigger, rules: ContextRules) -> bool:
    """A negation right before a trigger: "never brought back"."""
    return any(tokens[i].word in rules.negation_before for i in range(max(0, trigger.start - 2), trigger.start))


def _relative_only(tokens: list[Token], t: Trigger, last: int, rules: ContextRules) -> bool:
    """A negation right after a relative pronoun ("who didn't", "which does not") that a main clause's verb
    follows before the cue ends: "two people who didn't write the PR must approve it" negates the writing only."""
    if not rules.negation_relative or not any(
        tokens[i].word in rules.negation_relative
        for i in range(max(1, t.start - 2), t.start)  # after a noun
    ):
        return False
    return any(tokens[i].word in rules.negation_main_verbs for i in range(t.end + 1, last + 1))


def _polarity(
    flag_id: str,
    opposite: str | None,
    tokens: list[Token],
    matched: list[int],
    rules: ContextRules,
    triggers: list[Trigger],
    red: bool = True,
    own: frozenset[str] = frozenset(),
) -> Decision:
    """The flag a cue reading states once negations and frequencies are counted."""
    first, last = matched[0], matched[-1]
    scope = tokens[first].scope
    matched_set = set(matched)
    before = [
        t
        for t in triggers
        if (t.kind == "negation" or (t.kind == PSEUDO and t.end <= first < t.window and last >= t.window - 1))
        and t.end <= first
        and (
            first - t.start <= rules.negation_window
            and tokens[t.start].scope == scope
            and tokens[t.start].clause == tokens[last].clause  # a negation reaches only its own clause...
            or t.kind == "negation"
            and not red  # a green practice among the items: a red one ("no tests, shoddy error handling") is its own
            and list_reach(tokens, t.end, first, last, rules, rules.negation_window)  # ...and the list it opens
        )
        and (t.words not in rules.negation_prefixes or t.end == first)  # "unexpected purchase" negates only "expected"
        and not _relative_only(tokens, t, last, rules)
        # a verb of losing only right before a green cue, or its article: "lose track of bugs", "never lost a bug"
        # (not "lost their tracker in a migration, but ...", "lost 6 of 10")
        and (
            t.words not in rules.negation_verbs
            or (
                not red
                and (
                    t.end == first < len(tokens)
                    and tokens[first].word not in rules.grammar["determiners"]
                    or first - t.end == 1
                    and tokens[t.end].word in rules.grammar["single_articles"]
                )
            )
        )
    ]
    reasons: list[str] = []
    negations = 0
    earliest: int | None = None
    if before:
        earliest = before[0].start
        negations = 1  # "no QA and no tests" is one negation, not two that cancel out
        reasons.append(f"negation before: '{before[0].words}'")
        # ...but "no merge without a green build": a negation, then one that states a condition.
        # "no untriaged bugs": a negative prefix on the cue's first word, after a negation, cancels it.
        if len(before) > 1 and before[-1].words in rules.negation_prefixes and before[-1].end == first:
            if before[0].words not in rules.negation_prefixes:
                negations = 2
                reasons.append(f"negation before: '{before[-1].words}'")
        elif len(before) > 1 and before[-1].words in rules.negation_verbs and before[0].words not in rules.negation_verbs:
            negations = 2  # "you'll never lose track of a bug"
            reasons.append(f"negation before: '{before[-1].words}'")
        elif len(before) > 1 and before[-1].words in rules.negation_cancelling and before[0].words != before[-1].words:
            negations = 2
            reasons.append(f"negation before: '{before[-1].words}'")
        elif before[-1].words in rules.negation_cancelling and (
            (subject := far_subject(tokens, triggers, rules, before[0].start, first, last)) is not None or red
        ):  # (with no subject of its own, a green rule's condition may still follow: "a build doesn't ship until tests pass")
            if subject is not None:
                negations = 2
                reasons.insert(0, f"negation before: '{subject.words}'")
        elif not red and (held_in := condition_word(tokens, rules, range(first + 1, last), tokens[last].clause, matched_set)):
            negations = 2  # "no bug is handled outside the tracker" (in a red cue it is the cue's own: "outside hours")
            reasons.append(f"condition: '{held_in}'")
        else:
            # "you can't merge until the tests pass": the cue is the condition of a negated action.
            condition = next((t.word for t in tokens[before[-1].end : first] if t.word in rules.negation_conditions), None)
            if condition is None:  # "no bug is fixed before it's logged": the cue ends in the condition, a clause of its own
                inner = [
                    i for i in range(first + 1, last - 1) if i not in matched_set and tokens[i].word in rules.negation_conditions
                ]
                subjects = rules.condition_subjects | {"its", "theyre", "theres"}
                condition = next((tokens[i].word for i in inner if tokens[i + 1].word in subjects), None)
            if condition is not None:
                negations = 2
                reasons.append(f"condition: '{condition}'")
    elif (held := next((i for i in matched if tokens[i].word in rules.negation_cancelling), None)) is not None:
        # A red cue that holds its own condition ("without review", "merged without anyone reading it") is a rule:
        # "nobody on the platform team merges without review", "not one PR here gets merged without someone reading it".
        subject = far_subject(tokens, triggers, rules, held, first, last)
        if subject is not None:
            earliest, negations = subject.start, 1
            reasons.append(f"negation before: '{subject.words}'")
    # "code is not reviewed": a negation between the cue's words. When a negation before the cue
    # governs another clause ("not on call, not contacted on holiday"), the two run in parallel.
    inside = [
        t
        for t in triggers
        if (t.kind == "negation" or (t.kind == PSEUDO and t.end in matched_set and last >= t.window - 1))
        and first < t.start < last
        # (a short form read as its verb, "code isnt reviewed" for "code is reviewed", keeps its "nt"; one the cue
        # spells out is the cue's own sense: "the hiring manager didnt show", "bugs arent a priority")
        and (t.start not in matched_set or t.words in rules.contractions and t.words not in own)
        # ...in the clause of the cue word it precedes: "pager duty, no comp, every other week" negates nothing of the cue
        and tokens[t.start].clause == tokens[min(i for i in matched if i > t.start)].clause
        # ...and in its scope: "peer review culture, nothing merged unseen and feedback is constructive" negates nothing of it
        and tokens[t.start].scope == tokens[min(i for i in matched if i > t.start)].scope
        and (t.words not in rules.negation_prefixes or t.end in matched_set)  # "non-author developer": not the cue
        and not _relative_only(tokens, t, last, rules)  # "issues which couldn't be fixed fast were lost": not negated
        and t.words not in rules.negation_verbs  # "bugs get lost in chat" is the cue's own sense
    ]
    # ...and so do a cue's own first word and a negation of a later scope inside it that opens a list
    # item the same way (`negation.parallel`): "No pager, no weekend calls", "nobody is on call and nobody ...".
    parallel = rules.negation_parallel
    governing = (
        before[0].start
        if before
        else first
        if tokens[first].word in parallel and any(tokens[t.start].word in parallel for t in triggers if first < t.start < last)
        else None
    )
    if inside and not (governing is not None and tokens[inside[0].start].scope != tokens[governing].scope):
        # "review is solid: nothing merges without approval": a negated action inside a green cue, its condition
        # after it, is the practice as a rule (a red cue's is the practice already: "can't push to main without a PR").
        after_cue = range(last + 1, min(len(tokens), last + 1 + rules.negation_window))
        condition = "" if red else condition_word(tokens, rules, after_cue, tokens[inside[0].start].clause, negating=True)
        negations += 2 if condition else 1
        reasons.append(f"negation inside: '{inside[0].words}'")
        if condition:
            reasons.append(f"condition: '{condition}'")
    # "a build server was not used", "code review isn't done": a negated verb right after the cue;
    # "weekend work happens once a year": a frequency that says it hardly happens.
    after = [t for t in tokens[last + 1 : last + 1 + rules.rare_window] if t.scope == tokens[last].scope]
    pseudo_at = {t.start for t in triggers if t.kind == PSEUDO}
    words = [t.word for t in after]
    if tokens[last].word in rules.contractions and tokens[last].word not in own and not inside and len(matched) > 1:
        negations += 1  # "reviews arent" read as "reviews are" ends with its negation
        reasons.append(f"negation inside: '{tokens[last].word}'")
    elif words and (
        (words[0] in rules.negation_after and last + 1 not in pseudo_at)
        or (words[0] in rules.be_words and len(words) > 1 and words[1] in rules.negation_before and last + 2 not in pseudo_at)
    ):  # ...but not a pseudo-negation: "code review is never skipped"
        negations += 1
        reasons.append(f"negation after: '{' '.join(words[:2]) if words[0] in rules.be_words else words[0]}'")
    else:
        present = set(words)
        for phrase in rules.rare_after:
            if phrase[0] in present and _find(words, phrase):
                return Decision(None, None, "rare: '" + " ".join(phrase) + "'")
    if negations % 2 == 0:
        return Decision(flag_id, None, "double negation: " + "; ".join(reasons) if reasons else "")
    if opposite is None:
        return Decision(None, earliest, "; ".join(reasons) + " " + NO_OPPOSITE)
    return Decision(opposite, earliest, "; ".join(reasons))
