"""Context rules as data: what `context.yaml` holds, loaded and indexed for the engine in `context.py`.

The bank loader validates the file; `ContextRules.from_mapping` reads it into immutable tables, and
the cached properties build the lookups the scan uses (phrases by first word, by length).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from prepbot.matching.answer_words import AnswerWords

CONTEXT_FILE = Path(__file__).with_name("context.yaml")
DIRECTIONS = (
    "forward",
    "backward",
    "both",
    "earlier_clauses",
    "next_clause",
    "earlier_past_clauses",
    "holding",
    "later_clauses",
    "next_sentences",  # the sentences after the trigger's (`window` of them), read in neighbours.py
)
# What a modifier does to a cue in its scope: "nothing" (the cue states no fact: a hypothetical, a
# question, advice to a candidate), "opposite" (what held then no longer holds: a dropped practice,
# a fixed problem), "red" (the practice is not really there: "in name only", a proposal to start it),
# "past" (a practice of the past is gone: a green cue reads its red opposite, a red one nothing),
# "fixed" (a problem of the past is gone: a red cue says nothing, a green one stands), "keep" (the
# words change nothing a cue says, but the sentence is ruled by them: "not a thing anymore").
EFFECTS = ("nothing", "opposite", "red", "green", "past", "fixed", "keep")
# What `conditionals` in context.yaml holds (validated by the bank loader): see `ContextRules.condition_openers`.
CONDITIONALS_SHAPE = {
    "window": "int",
    **dict.fromkeys(
        ("openers", "subjects", "not_after", "not_before", "unreal", "contrary", "contrary_not_after", "contrary_openers"),
        "words",
    ),
}
# What `scare_quotes` in context.yaml holds (validated by the bank loader).
# context.yaml `grammar`: the closed classes of words the mechanisms around a cue look for, each named.
GRAMMAR = tuple(
    """
    determiners list_articles list_joiners list_item_tails auxiliaries pronouns adverbs prepositions rule_conditions
    rule_gates held single_articles gap_stops gap_breakers gap_referents situation_pronouns both_parts changes change_verbs
    until_words without_openers refusing later_words later_openers chain_later until_events denying lasting_decay undoing
    inserted_subjects insertion_openers since_words since_because since_series count_flags count_spans without_harms
    without_gains absent_heads absent_verbs undercut_fillers ending_verbs answer_dating quoted_rule_openers
    """.split()
)
GRAMMAR_SHAPE = dict.fromkeys(GRAMMAR, "words")

SCARE_QUOTES_SHAPE = {
    "pairs": "words",
    "verbs": "words",
    **dict.fromkeys(("max_words", "near_words", "near_window", "near_sentence_words"), "int"),
}
# The parts of context.yaml whose shape is kept beside the fields they fill.
PART_SHAPES = {
    "conditionals": CONDITIONALS_SHAPE,
    "scare_quotes": SCARE_QUOTES_SHAPE,
    "grammar": GRAMMAR_SHAPE,
    "spared_triggers": "word_map",
    "other_domains": "word_map",
    "other_topics": {"words": "words", "anchors": "words"},
    "number_abbreviations": "words",
    "spellings": {"suffixes": "word_text_map", "words": "word_text_map"},
    "unanswered_next": "words",
    "norm_figures": {
        **dict.fromkeys(("norm", "real", "held", "contrary"), "words"),
        "units": "word_map",
        "long": "word_map",
        "ranges": "word_map",
    },
}


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(item).lower().replace("'", "").replace("’", "").split()) for item in items)


def _norm_figures(spec) -> dict[str, Any]:
    """context.yaml `norm_figures`, its phrases split into words (and the norm phrases as text, looked for first)."""
    if not spec:
        return {}
    norm = _phrases(spec["norm"])
    return {
        "norm": norm,
        "real": _phrases(spec["real"]),
        "held": _phrases(spec["held"]),
        "contrary": _phrases(spec.get("contrary") or ()),
        "units": {str(f): frozenset(str(w) for w in units) for f, units in spec["units"].items()},
        "long": {str(f): float(str(v[0])) for f, v in spec["long"].items()},
        "ranges": {str(f): (float(str(v[0])), float(str(v[1]))) for f, v in (spec.get("ranges") or {}).items()},
        "norm_texts": tuple(sorted({" ".join(p) for p in norm})),
    }


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


@dataclass(frozen=True)
class Modifier:
    """Trigger phrases that make a cue in their scope say nothing (hypothetical, advice, ...)."""

    name: str
    direction: str  # forward: applies to cues after the trigger; backward: before it; both
    window: int
    triggers: tuple[tuple[str, ...], ...]
    effect: str = "nothing"  # one of EFFECTS


@dataclass(frozen=True)
class ContextRules:
    negation_before: frozenset[str]
    negation_window: int
    negation_after: frozenset[str]
    be_words: frozenset[str]
    pseudo_negation: tuple[tuple[str, ...], ...]
    modifiers: tuple[Modifier, ...]
    clause_breakers: frozenset[str]
    scope_breakers: frozenset[str]
    rare_after: tuple[tuple[str, ...], ...]
    rare_window: int
    reported_questions: tuple[tuple[str, ...], ...]
    question_starts: frozenset[str]
    short_question_words: int
    common_words: frozenset[str]
    abbreviations: dict[str, tuple[str, ...]]
    numbers: dict[str, float]
    answer_yes: tuple[tuple[str, ...], ...] = ()
    answer_no: tuple[tuple[str, ...], ...] = ()
    # Answers that say the practice is not really there whichever way the question was asked
    # ("kinda", "used to", "we're working on it"): they read the question's red flag.
    answer_red: tuple[tuple[str, ...], ...] = ()
    answer_unknown: tuple[tuple[str, ...], ...] = ()  # "no idea", "not sure": no answer at all
    answer_fillers: frozenset[str] = frozenset()  # "lol no", "honestly, no": words before the answer
    # Answer cues any question probing a flag reads, beside its own: "two left in March" under any
    # question about turnover. Flag id -> cues (the bank's cue syntax).
    answer_families: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # What a terse answer's words name: flag id -> phrases (a flag names its opposite too), see `answer_topics`.
    answer_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The word lists of the answer readings' rules (`answers: words`), see `answer_words`.
    answer_words: AnswerWords = AnswerWords()
    # Bare topics a shorthand note answers ("tests: none", "CI? someday"): phrase -> the flag it names.
    topics: dict[tuple[str, ...], str] = field(default_factory=dict)
    contractions: dict[str, str] = field(default_factory=dict)
    negation_prefixes: frozenset[str] = frozenset()  # "un", "non": split off a cue word, they negate only it
    negation_cancelling: frozenset[str] = frozenset()  # "without": after another negation, the two cancel
    negation_conditions: frozenset[str] = frozenset()  # "until": "can't merge until the tests pass" is a rule
    negation_parallel: frozenset[str] = frozenset()  # "no": "no pager, no weekend calls" is a list of two negations
    # "two people who didn't write the PR must approve it": a negation right after a relative pronoun stays in its
    # relative clause, which ends at the main clause's verb
    negation_relative: frozenset[str] = frozenset()
    negation_main_verbs: frozenset[str] = frozenset()
    # Verbs of losing ("lose", "forgot"): a negation right before a cue ("we lose track of bugs"); after
    # another negation they cancel it ("you never lose track of a bug").
    negation_verbs: frozenset[str] = frozenset()
    answered_yes: tuple[tuple[str, ...], ...] = ()  # how the sentence after a reported question answers it
    answered_no: tuple[tuple[str, ...], ...] = ()
    scare_quote_pairs: tuple[str, ...] = ()  # opening and closing mark, e.g. '""', "“”"
    scare_quote_words: int = 0  # at most this many words between them
    # A quote of at most `scare_quote_near_words` other words, within `scare_quote_near_window` words of a cue in its
    # clause, hedges it too: 'reviews happen "capacity permitting"' (0: off).
    scare_quote_near_words: int = 0
    scare_quote_near_window: int = 0
    scare_quote_near_tokens: int = 0  # ...in a sentence of at most this many words (a note, not prose)
    # The candidate's own questions and to-dos in notes ("ask: do they have CI?", "q - who decides
    # priorities?", "? tests"): phrases that open such a sentence; a phrase of marks is read off the text.
    own_question_starts: tuple[tuple[str, ...], ...] = ()
    # ...and phrases that close one, after a comma, dash or bracket: "length of dailies unknown, ask", "on-call pay (tbd)".
    own_question_ends: tuple[tuple[str, ...], ...] = ()
    # Flags whose subject is what the candidate was asked ("I was asked about polymorphism"): read in a
    # question put to the candidate; in any other question (the candidate's own, "I asked whether...") not.
    asked_flags: frozenset[str] = frozenset()
    asked_passive: frozenset[str] = frozenset()  # "was", "got": "I was asked about ..." is put to the candidate
    # Per flag, phrases that give a cue's words another sense ("customer churn", "left comments"): a
    # reading of that flag whose words overlap one says nothing.
    other_senses: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # Words that put a clause in the past ("was", "used", "ago"): an earlier_past_clauses trigger
    # ("..., now ...") only reaches a cue in a clause that holds one.
    past_words: frozenset[str] = frozenset()
    # A sentence that opens with one of these takes back the practice of the sentence before:
    # "We have a backlog. Nobody looks at it." (a green reading there reads its red opposite).
    undercut_next: tuple[tuple[str, ...], ...] = ()
    unanswered_next: tuple[tuple[str, ...], ...] = ()  # no answer came to a reported question (unanswered.py)
    # A word in scare quotes before a cue says the practice is there in name only: "they 'have' tests".
    scare_quote_verbs: frozenset[str] = frozenset()
    # A condition and the rule it sets ("if you get paged at night you take the morning off"): the
    # words that open a condition, the subjects that open the rule after it (not right after a word of
    # `conditionals.not_after`: "if anyone asks whether we ..."), and the modals that make the rule a
    # hypothetical ("if we had more people we could ...").
    condition_openers: frozenset[str] = frozenset()
    condition_subjects: frozenset[str] = frozenset()
    condition_not_after: frozenset[str] = frozenset()
    condition_not_before: frozenset[str] = frozenset()  # "if the boss asks you to ...": "you" is no subject there
    condition_unreal: frozenset[str] = frozenset()
    condition_window: int = 0  # at most this many words of condition before the rule's subject
    # Past forms that make an "if" condition with a modal after it contrary to fact (counterfactual.py):
    # "if they had tests the outage wouldn't have happened" says there are none.
    condition_contrary: frozenset[str] = frozenset()
    condition_contrary_not_after: frozenset[str] = frozenset()  # "if you had ...", "if I had ...": not the team's facts
    condition_contrary_openers: frozenset[str] = frozenset()  # "if", "had they": the openers of such a condition
    # A sentence whose subject is a pronoun ("It hasn't run in a year.") read with the topic the
    # sentence before names in its place: pronoun -> what replaces it, "~" standing for the topic.
    pronoun_subjects: dict[str, str] = field(default_factory=dict)
    # Per red flag, phrases (the bank's cue syntax) that state its absence ("standups are short", "nobody
    # quits"): they report nothing, but the classifier may not read that flag into their sentence.
    absences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # `grammar`: name (GRAMMAR) -> its words ("determiners": the, a, those...).
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)
    # `spared_triggers`: per flag, modifier triggers that say nothing of its cues ("never fixed" after logged bugs).
    spared: dict[str, frozenset[str]] = field(default_factory=dict)
    # `other_domains`: per flag, words of another trade or pastime ("firefighter", "sailing") that make the
    # flag's readings of their sentence say nothing, the classifier's too.
    other_domains: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # `other_topics`: words of weather, sport, cooking or medicine ("wind", "striker", "recipe"), and the words of
    # work ("team", "product") that anchor a sentence in it: a sentence with the first and none of the second, nor a
    # cue reading, is no matter for the classifier ("no idea which way the wind blows").
    other_topics: frozenset[str] = frozenset()
    topic_anchors: frozenset[str] = frozenset()
    # `norm_figures`: a stated norm against the real figure (norms.py): its words, per flag its units and least figure.
    norm_figures: dict[str, Any] = field(default_factory=dict)
    # `number_abbreviations`: abbreviations that read as their expansion only after a number ("40 hr"): else
    # the word is another one as written ("ask HR"), and a cue's "hr" reads that one, never "hours".
    number_abbreviations: frozenset[str] = frozenset()
    # `spellings`: British and American spellings, read both ways (forms.other_spellings): suffixes, whole words.
    spellings: dict[str, dict[str, str]] = field(default_factory=dict)

    @cached_property
    def domain_index(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """The `other_domains` phrases by their first word: (flag, phrase)."""
        index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for flag, phrases in self.other_domains.items():
            for phrase in phrases:
                index.setdefault(phrase[0], []).append((flag, phrase))
        return index

    @cached_property
    def advice_firsts(self) -> frozenset[str]:
        """The first words of the triggers that rule the sentences after theirs ("here is my advice")."""
        # (a trigger held to the start of its sentence, "^ things i want", opens with its first word, not "^")
        return frozenset(
            p[1] if p[0] == "^" and len(p) > 1 else p[0]
            for m in self.modifiers
            if m.direction == "next_sentences"
            for p in m.triggers
        )

    @cached_property
    def yes_no_starts(self) -> frozenset[str]:
        """The first words of a direct question that a yes or a no answers ("do", "is"; not "how", "what")."""
        return self.question_starts - {"how", "what", "when", "who", "where", "which", "whats", "hows", "whos", "whose"}

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> ContextRules:
        """Rules from the parsed YAML (already validated by `prepbot.bank_loader.read_context`)."""
        negation, rare, questions = data["negation"], data["rare"], data["questions"]
        before = frozenset(str(w) for w in negation["before"])
        return cls(
            negation_before=before,
            negation_window=int(negation["window"]),
            negation_after=frozenset(str(w) for w in negation["after"]),
            be_words=frozenset(str(w) for w in negation["be"]),
            pseudo_negation=_phrases(data["pseudo_negation"]),
            modifiers=tuple(
                Modifier(
                    str(m["name"]),
                    str(m["direction"]),
                    int(m["window"]),
                    _phrases(m["triggers"]),
                    str(m.get("effect", "nothing")),
                )
                for m in data["modifiers"]
            ),
            clause_breakers=frozenset(str(w) for w in data["clause_breakers"]),
            scope_breakers=frozenset(str(w) for w in data["scope_breakers"]),
            rare_after=_phrases(rare["after"]),
            rare_window=int(rare["window"]),
            reported_questions=_phrases(questions["reported"]),
            question_starts=frozenset(str(w) for w in questions["direct_start"]),
            short_question_words=int(questions["short_question_words"]),
            common_words=frozenset(str(w) for w in data["common_words"]) | before,
            abbreviations={str(k): tuple(str(w) for w in v) for k, v in data["abbreviations"].items()},
            numbers={str(k): float(v) for k, v in data["numbers"].items()},
            answer_yes=_phrases(data["answers"]["yes"]),
            answer_no=_phrases(data["answers"]["no"]),
            answer_red=_phrases(data["answers"].get("red", ())),
            answer_unknown=_phrases(data["answers"].get("unknown", ())),
            answer_fillers=frozenset(str(w) for w in data["answers"].get("fillers", ())),
            answer_families={str(k): tuple(str(c) for c in v) for k, v in (data["answers"].get("families") or {}).items()},
            answer_names={str(k): tuple(str(w) for w in v) for k, v in (data["answers"].get("names") or {}).items()},
            answer_words=AnswerWords.from_mapping(data["answers"].get("words"), data["answers"].get("reasons")),
            topics={p: str(flag) for flag, words in data.get("topics", {}).items() for p in _phrases(words)},
            contractions={str(k): str(v) for k, v in data["contractions"].items()},
            negation_prefixes=frozenset(str(w) for w in negation.get("prefixes", ())),
            negation_cancelling=frozenset(str(w) for w in negation.get("cancelling", ())),
            negation_conditions=frozenset(str(w) for w in negation.get("conditions", ())),
            negation_parallel=frozenset(str(w) for w in negation.get("parallel", ())),
            negation_relative=frozenset(str(w) for w in negation.get("relative", ())),
            negation_main_verbs=frozenset(str(w) for w in negation.get("main_verbs", ())),
            negation_verbs=frozenset(str(w) for w in negation.get("verbs", ())),
            answered_yes=_phrases(questions.get("answered_yes", ())),
            answered_no=_phrases(questions.get("answered_no", ())),
            scare_quote_pairs=tuple(str(p) for p in data.get("scare_quotes", {}).get("pairs", ()) if len(str(p)) == 2),
            scare_quote_words=int(data.get("scare_quotes", {}).get("max_words", 0)),
            scare_quote_near_words=int(data.get("scare_quotes", {}).get("near_words", 0)),
            scare_quote_near_window=int(data.get("scare_quotes", {}).get("near_window", 0)),
            scare_quote_near_tokens=int(data.get("scare_quotes", {}).get("near_sentence_words", 0)),
            own_question_starts=_phrases(questions.get("own_start", ())),
            own_question_ends=_phrases(questions.get("own_end", ())),
            asked_flags=frozenset(str(f) for f in questions.get("asked_flags", ())),
            asked_passive=frozenset(str(w) for w in questions.get("asked_passive", ())),
            other_senses={str(flag): _phrases(words) for flag, words in data.get("other_senses", {}).items()},
            past_words=frozenset(str(w) for w in data.get("past_words", ())),
            undercut_next=_phrases(data.get("undercut_next", ())),
            unanswered_next=_phrases(data.get("unanswered_next", ())),
            scare_quote_verbs=frozenset(str(w) for w in data.get("scare_quotes", {}).get("verbs", ())),
            condition_openers=frozenset(" ".join(p) for p in _phrases(data.get("conditionals", {}).get("openers", ()))),
            condition_subjects=frozenset(str(w) for w in data.get("conditionals", {}).get("subjects", ())),
            condition_not_after=frozenset(str(w) for w in data.get("conditionals", {}).get("not_after", ())),
            condition_not_before=frozenset(str(w) for w in data.get("conditionals", {}).get("not_before", ())),
            condition_unreal=frozenset(str(w) for w in data.get("conditionals", {}).get("unreal", ())),
            condition_window=int(data.get("conditionals", {}).get("window", 0)),
            condition_contrary=frozenset(str(w) for w in data.get("conditionals", {}).get("contrary", ())),
            condition_contrary_not_after=frozenset(str(w) for w in data.get("conditionals", {}).get("contrary_not_after", ())),
            condition_contrary_openers=frozenset(
                " ".join(p) for p in _phrases(data.get("conditionals", {}).get("contrary_openers", ()))
            ),
            pronoun_subjects={str(k): str(v) for k, v in data.get("pronoun_subjects", {}).items()},
            absences={str(k): tuple(str(c) for c in v) for k, v in (data.get("absences") or {}).items()},
            grammar={name: frozenset(str(w) for w in (data.get("grammar") or {}).get(name, ())) for name in GRAMMAR},
            spared={str(f): frozenset(" ".join(p) for p in _phrases(v)) for f, v in (data.get("spared_triggers") or {}).items()},
            other_domains={str(f): _phrases(v) for f, v in (data.get("other_domains") or {}).items()},
            other_topics=frozenset(str(w) for w in (data.get("other_topics") or {}).get("words", ())),
            topic_anchors=frozenset(str(w) for w in (data.get("other_topics") or {}).get("anchors", ())),
            norm_figures=_norm_figures(data.get("norm_figures")),
            number_abbreviations=frozenset(str(w) for w in data.get("number_abbreviations") or ()),
            spellings={str(k): {str(a): str(b) for a, b in (v or {}).items()} for k, v in (data.get("spellings") or {}).items()},
        )

    @cached_property
    def triggers_by_first_word(self) -> dict[str, list[tuple[str, tuple[str, ...], str, int, str]]]:
        """(kind, phrase, direction, window, effect) of every modifier trigger, by the phrase's first word."""
        index: dict[str, list[tuple[str, tuple[str, ...], str, int, str]]] = {}
        for modifier in self.modifiers:
            for phrase in modifier.triggers:
                index.setdefault(phrase[0], []).append(
                    (modifier.name, phrase, modifier.direction, modifier.window, modifier.effect)
                )
        return index

    @cached_property
    def topic_words(self) -> frozenset[str]:
        """Every word of a bare topic (`topics`) but everyday ones: "tests", "backlog", "issue"..."""
        everyday = self.common_words | self.negation_before
        return frozenset(word for phrase in self.topics for word in phrase if word not in everyday)

    @cached_property
    def plain_names(self) -> dict[str, str]:
        """Each topic flag's first topic ("tests", "ci"): the practice's plain name (neighbours.py)."""
        return {flag: names[0] for flag, names in self._topics_by_flag().items()}

    def _topics_by_flag(self) -> dict[str, list[str]]:
        by_flag: dict[str, list[str]] = {}
        for phrase, flag in self.topics.items():
            by_flag.setdefault(flag, []).append(" ".join(phrase))
        return by_flag

    @cached_property
    def word_table(self) -> dict[str, tuple[str, bool, int, tuple[str, ...] | None]]:
        """What each raw word of a text reads as under these rules, filled by `text.tokenize`."""
        return {}

    @cached_property
    def own_question_index(self) -> tuple[tuple[str, ...], dict[str, list[tuple[str, ...]]]]:
        """The marks that open an own question ("?"), and its opening phrases by their first word."""
        marks = tuple(p[0] for p in self.own_question_starts if not p[0][:1].isalnum())
        return marks, _by_first_word(tuple(p for p in self.own_question_starts if p[0][:1].isalnum()))

    @cached_property
    def own_question_ends_by_last_word(self) -> dict[str, list[tuple[str, ...]]]:
        """`own_question_ends` by their last word, in the list's order: a note tries only those it ends with."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.own_question_ends:
            index.setdefault(phrase[-1], []).append(phrase)
        return index

    @cached_property
    def other_sense_firsts(self) -> dict[str, frozenset[str]]:
        """Per flag, the first words of its `other_senses`: a sentence holding none of them holds none of the phrases."""
        return {flag: frozenset(p[0] for p in phrases) for flag, phrases in self.other_senses.items()}

    @cached_property
    def scan_index(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """What `scan` looks up: pseudo-negations and modifier triggers by their first word ("^"
        for those that only count at the start of a sentence, indexed by the words after it)."""
        pseudo = {w: _phrase_index([(p, p) for p in phrases]) for w, phrases in self.pseudo_by_first_word.items()}
        modifiers = {
            w: _phrase_index([(e[1], e) for e in entries], skip=1 if w == "^" else 0)
            for w, entries in self.triggers_by_first_word.items()
        }
        return pseudo, modifiers

    @cached_property
    def negating(self) -> frozenset[str]:
        """The words `scan` reads as negations: a negation word, a split-off prefix ("un", "non") or a verb of losing."""
        return self.negation_before | self.negation_prefixes | self.negation_verbs

    @cached_property
    def now_openers(self) -> dict[str, list[tuple[str, ...]]]:
        """Phrases that say what holds now of a past told before them ("now", "moved to"), by first word."""
        return _by_first_word(tuple(p for m in self.modifiers if m.direction == "earlier_past_clauses" for p in m.triggers))

    @cached_property
    def scare_quote_marks(self) -> frozenset[str]:
        """Every opening and closing mark of `scare_quote_pairs`."""
        return frozenset(mark for pair in self.scare_quote_pairs for mark in pair)

    @cached_property
    def undercut_firsts(self) -> frozenset[str]:
        """The raw first words an `undercut_next` sentence can open with (its phrases' first words, and
        the abbreviations and contractions that read as one): any other sentence is not tokenized for it."""
        firsts = {p[0] for p in self.undercut_next}
        short = {k for k, v in self.abbreviations.items() if v and v[0] in firsts}
        return frozenset(firsts | short | {k for k, v in self.contractions.items() if v.split()[:1] and v.split()[0] in firsts})

    @cached_property
    def pseudo_by_first_word(self) -> dict[str, list[tuple[str, ...]]]:
        return _by_first_word(self.pseudo_negation)

    @cached_property
    def reported_by_first_word(self) -> dict[str, list[tuple[str, ...]]]:
        return _by_first_word(self.reported_questions)

    def as_mapping(self) -> dict[str, Any]:
        """The inverse of `from_mapping`: plain data."""
        return {
            "negation": {
                "window": self.negation_window,
                "before": sorted(self.negation_before),
                "after": sorted(self.negation_after),
                "be": sorted(self.be_words),
                "prefixes": sorted(self.negation_prefixes),
                "cancelling": sorted(self.negation_cancelling),
                "conditions": sorted(self.negation_conditions),
                "parallel": sorted(self.negation_parallel),
                "relative": sorted(self.negation_relative),
                "main_verbs": sorted(self.negation_main_verbs),
                "verbs": sorted(self.negation_verbs),
            },
            "pseudo_negation": [" ".join(p) for p in self.pseudo_negation],
            "modifiers": [
                {
                    "name": m.name,
                    "direction": m.direction,
                    "effect": m.effect,
                    "window": m.window,
                    "triggers": [" ".join(t) for t in m.triggers],
                }
                for m in self.modifiers
            ],
            "clause_breakers": sorted(self.clause_breakers),
            "scope_breakers": sorted(self.scope_breakers),
            "rare": {"window": self.rare_window, "after": [" ".join(p) for p in self.rare_after]},
            "questions": {
                "reported": [" ".join(p) for p in self.reported_questions],
                "direct_start": sorted(self.question_starts),
                "short_question_words": self.short_question_words,
                "answered_yes": [" ".join(p) for p in self.answered_yes],
                "answered_no": [" ".join(p) for p in self.answered_no],
                "own_start": [" ".join(p) for p in self.own_question_starts],
                "own_end": [" ".join(p) for p in self.own_question_ends],
                "asked_flags": sorted(self.asked_flags),
                "asked_passive": sorted(self.asked_passive),
            },
            "common_words": sorted(self.common_words - self.negation_before),
            "abbreviations": {k: list(v) for k, v in self.abbreviations.items()},
            "numbers": dict(self.numbers),
            "answers": {
                "yes": [" ".join(p) for p in self.answer_yes],
                "no": [" ".join(p) for p in self.answer_no],
                "red": [" ".join(p) for p in self.answer_red],
                "unknown": [" ".join(p) for p in self.answer_unknown],
                "fillers": sorted(self.answer_fillers),
                "names": {k: list(v) for k, v in self.answer_names.items()},
                "families": {k: list(v) for k, v in self.answer_families.items()},
                "words": self.answer_words.as_mapping(),
                "reasons": {k: list(v) for k, v in self.answer_words.reasons.items()},
            },
            "topics": self._topics_by_flag(),
            "contractions": dict(self.contractions),
            "scare_quotes": {
                "pairs": list(self.scare_quote_pairs),
                "max_words": self.scare_quote_words,
                "near_words": self.scare_quote_near_words,
                "near_window": self.scare_quote_near_window,
                "near_sentence_words": self.scare_quote_near_tokens,
                "verbs": sorted(self.scare_quote_verbs),
            },
            "past_words": sorted(self.past_words),
            "undercut_next": [" ".join(p) for p in self.undercut_next],
            "unanswered_next": [" ".join(p) for p in self.unanswered_next],
            "pronoun_subjects": dict(self.pronoun_subjects),
            "other_senses": {flag: [" ".join(p) for p in phrases] for flag, phrases in self.other_senses.items()},
            "absences": {flag: list(cues) for flag, cues in self.absences.items()},
            "conditionals": {
                "window": self.condition_window,
                "openers": sorted(self.condition_openers),
                "subjects": sorted(self.condition_subjects),
                "not_after": sorted(self.condition_not_after),
                "not_before": sorted(self.condition_not_before),
                "unreal": sorted(self.condition_unreal),
                "contrary": sorted(self.condition_contrary),
                "contrary_not_after": sorted(self.condition_contrary_not_after),
                "contrary_openers": sorted(self.condition_contrary_openers),
            },
            "grammar": {name: sorted(words) for name, words in self.grammar.items()},
            "spared_triggers": {flag: sorted(words) for flag, words in self.spared.items()},
            "other_domains": {flag: [" ".join(p) for p in phrases] for flag, phrases in self.other_domains.items()},
            "other_topics": {"words": sorted(self.other_topics), "anchors": sorted(self.topic_anchors)},
            "number_abbreviations": sorted(self.number_abbreviations),
            "spellings": {k: dict(v) for k, v in self.spellings.items()},
            "norm_figures": {
                "norm": [" ".join(p) for p in self.norm_figures.get("norm", ())],
                "real": [" ".join(p) for p in self.norm_figures.get("real", ())],
                "held": [" ".join(p) for p in self.norm_figures.get("held", ())],
                "contrary": [" ".join(p) for p in self.norm_figures.get("contrary", ())],
                "units": {f: sorted(u) for f, u in self.norm_figures.get("units", {}).items()},
                "long": {f: [f"{v:g}"] for f, v in self.norm_figures.get("long", {}).items()},
                "ranges": {f: [f"{v:g}" for v in r] for f, r in self.norm_figures.get("ranges", {}).items()},
            },
        }


_PhraseIndex = dict[str, Any]  # a trie of words; "" (no word is empty) holds the phrases ending there
_END = ""


def _phrase_index(entries: list[tuple[tuple[str, ...], Any]], skip: int = 0) -> _PhraseIndex:
    """Phrases that share a first word, for `_starting`: a trie of their words (less the first
    `skip`), each phrase's node holding (its place in the list, its entry)."""
    root: _PhraseIndex = {}
    for place, (phrase, entry) in enumerate(entries):
        node = root
        for word in phrase[skip:]:
            node = node.setdefault(word, {})
        node.setdefault(_END, []).append((place, entry))
    return root


def _starting(index: _PhraseIndex | None, words: list[str], i: int) -> list[Any]:
    """The entries of `index` whose phrase the words from `i` on start with, in the list's order:
    one step down the trie per word, not one comparison per phrase ("until" opens a hundred)."""
    if index is None:
        return []
    found: list[tuple[int, Any]] = []
    node: _PhraseIndex | None = index
    end = len(words)
    while node is not None:
        here = node.get(_END)
        if here is not None:
            found.extend(here)
        if i >= end:
            break
        node = node.get(words[i])
        i += 1
    if len(found) > 1:
        found.sort(key=lambda pair: pair[0])
    return [entry for _, entry in found]
