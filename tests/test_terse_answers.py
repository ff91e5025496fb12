"""Terse answers read under the question they answer (issue 18, fourth pass)."""

from __future__ import annotations

import re

import pytest

from prepbot.catalogue import load_catalogue
from tests.conftest import with_classifier


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_under_a_question_the_classifier_reads_only_the_flags_the_question_probes(catalogue):
    # "couple hours" under "how long does a review take?" is about reviews, whatever a classifier
    # trained on reviews of employers makes of "hours".
    matcher = with_classifier(catalogue, {"couple hours": {"overtime-expected": 0.9, "code-review-required": 0.8}})
    question = catalogue.bank.questions["cr-review-turnaround"]
    assert {m.id for m in matcher.match("couple hours usually")} == {"overtime-expected", "code-review-required"}
    assert {m.id for m in matcher.match("couple hours usually", question=question)} == {"code-review-required"}


def test_the_opposite_of_a_probed_flag_is_on_topic_too(catalogue):
    matcher = with_classifier(catalogue, {"decent shape": {"bugs-tracked": 0.9}})
    question = catalogue.bank.questions["bt-who-reports"]  # probes bugs-untracked (not bugs-tracked itself)
    assert "bugs-tracked" in {m.id for m in matcher.match("the bug list is in decent shape", question=question)}
    question = catalogue.bank.questions["pr-standup-length"]  # probes long-standups only
    # (eighth pass: words that name another practice, "the bug list", are read for it, so this answer names none)
    assert "bugs-tracked" not in {m.id for m in matcher.match("it's all in decent shape", question=question)}


def test_the_cues_still_report_what_an_off_topic_answer_says(catalogue):
    # A terse answer that states another flag in so many words keeps it: only classifier guesses are limited.
    matcher = with_classifier(catalogue, {})
    question = catalogue.bank.questions["pr-standup-length"]
    assert "no-code-review" in {m.id for m in matcher.match("we push straight to main", question=question)}


def test_a_long_note_under_a_question_is_not_limited(catalogue):
    note = (
        "The standup is short, ten minutes at most, but afterwards the lead keeps everyone on a call for "
        "another hour about whatever came up, and people stay late most evenings to catch up on the real work."
    )
    matcher = with_classifier(catalogue, {"stay late": {"overtime-expected": 0.9}})
    question = catalogue.bank.questions["pr-standup-length"]
    assert "overtime-expected" in {m.id for m in matcher.match(note, question=question)}


def found(catalogue, question: str, text: str) -> set[str]:
    return {m.id for m in catalogue.matcher.match(text, question=catalogue.bank.questions[question], model="off")}


def test_a_weak_reading_on_another_topic_does_not_stop_the_answer(catalogue):
    # "CI" alone is too little to report has-ci, so it cannot make the note "about something else".
    assert found(catalogue, "bt-who-reports", "CI catches most") == {"has-tests"}


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("ci-pipeline", "jenkins, sorta", {"no-ci"}),
        ("ci-pipeline", "jenkins", {"has-ci"}),
        ("bt-where-bugs-go", "linear, sorta", {"bugs-untracked"}),
        ("te-automated-tests", "some, when there's time", {"no-tests"}),
        ("to-tracker", "jira mostly", {"bugs-tracked"}),  # mostly Jira is Jira
    ],
)
def test_a_hedge_after_the_answer_makes_it_the_red_flag(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no change merges without tests", {"has-tests"}),  # a rule, not a plain "no": its own words read
        ("no we don't", {"no-tests"}),
        ("no, never", {"no-tests"}),
        ("nope", {"no-tests"}),
    ],
)
def test_no_before_a_noun_is_not_a_plain_no(catalogue, text, expected):
    assert found(catalogue, "te-tests-with-changes", text) == expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        # on the way, on paper or in part: the question's red flag
        ("te-automated-tests", "we're getting there", {"no-tests"}),
        ("te-tests-with-changes", "mostly", {"no-tests"}),
        ("ho-messages-evening", "officially no", {"on-call-burden"}),
        ("cr-how-changes-reviewed", "technically yes", {"no-code-review"}),
        ("pl-backlog", "soon", {"no-backlog"}),
        ("pr-tickets", "we're supposed to write them first", {"tickets-afterthought"}),
        # ...but "mostly" before an answer is a filler, not a hedge
        ("pl-backlog", "mostly yes", {"prioritized-backlog"}),
        # a practice dropped, or a problem that stopped: the state now
        ("te-automated-tests", "phased out", {"no-tests"}),
        ("ho-messages-evening", "not since the new VP", {"no-after-hours-contact"}),
        ("ho-messages-evening", "not expected, no", {"no-after-hours-contact"}),
        ("te-tests-with-changes", "not required", {"no-tests"}),
    ],
)
def test_hedges_and_a_fixed_past_in_terse_answers(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


# -- the whole bank: every question says what its terse answers mean, and the matcher reads them so

_YES_NO = re.compile(r"(Is|Are|Do|Does|Did|Has|Have|Can|Could|Would|Will|Was|Were)\b")
# Yes/no questions where neither a plain yes nor a plain no states a flag (their answer cues still read replies).
NEITHER = {
    "bu-profitable": "not earning yet is normal for a young company; the plan behind it is what counts",
    "bu-last-target": "missing a target is no flag; what the teams went through is",
    "ca-promotion-criteria": "no written levels says nothing about the interviewer",
    "ca-manager-or-expert": "a flat ladder is no flag of its own",
    "do-onboarding-docs": "a setup guide is documentation, not CI",
    "do-principles": "no written principles is no flag of its own",
    "pb-bonus": "an unpaid bonus is no flag; what it depended on may be",
    "te-qa-role": "having QA or not says nothing about automated tests",
    "tf-parental": "nobody becoming a parent says nothing",
    "tm-why-open": "a new seat or a replacement: the answer is the reason, not the yes",
    "wp-meeting-free": "no meeting-free time is not long standups",
    "wp-remote-fairness": "unfair promotion is no flag of its own",
}


def test_every_yes_no_question_says_what_a_plain_yes_or_no_means(catalogue):
    missing, stale = [], []
    for question in catalogue.bank.questions.values():
        if not question.flags or not _YES_NO.match(question.ask):
            continue
        key = question.answers
        if question.id in NEITHER:
            if key.if_yes or key.if_no:
                stale.append(question.id)
        elif not (key.if_yes or key.if_no):
            missing.append(question.id)
    assert not missing, f"yes/no questions with neither if_yes nor if_no: {missing}"
    assert not stale, f"listed as saying nothing, but they do: {stale}"
    assert set(NEITHER) <= set(catalogue.bank.questions)


def test_every_question_that_probes_a_flag_gives_answer_cues_or_a_plain_answer(catalogue):
    bare = [q.id for q in catalogue.bank.questions.values() if q.flags and not q.answers]
    assert not bare


def _red_of(catalogue, *flag_ids):
    reds = {f for f in flag_ids if f and catalogue.bank.flags[f].kind == "red"}
    reds |= {catalogue.bank.flags[f].opposite for f in flag_ids if f and catalogue.bank.flags[f].kind == "green"} - {None}
    return next(iter(reds)) if len(reds) == 1 else None


def test_plain_hedged_and_dropped_answers_read_under_every_question(catalogue):
    wrong = []
    for question in catalogue.bank.questions.values():
        key = question.answers
        expected = {"yep": key.if_yes, "nope": key.if_no, "used to, not anymore": key.if_no}
        red = _red_of(catalogue, key.if_yes, key.if_no)
        if red:
            expected.update({"working on it": red, "kinda": red, "in theory": red})
        for text, flag_id in expected.items():
            if flag_id is None:
                continue
            got = {m.id for m in catalogue.matcher.match(text, question=question, model="off")}
            if got != {flag_id}:
                wrong.append(f"{question.id}: {text!r} -> {sorted(got)}, expected {flag_id}")
    assert not wrong, "\n".join(wrong)


_NUMERIC = re.compile(r"#(>=|<=|<|>)(\d+(?:\.\d+)?) (\S+)$")


def test_numbers_with_units_read_under_every_question_that_expects_them(catalogue):
    """ "like 45 min" under a standup-length question: each numeric answer cue reads a terse reply
    with a number on its side of the bound and the cue's first unit."""
    wrong, checked = [], 0
    for question in catalogue.bank.questions.values():
        for flag_id, cue in question.answers.cues:
            found = _NUMERIC.match(cue)
            if not found:
                continue
            op, bound, units = found.group(1), float(found.group(2)), found.group(3)
            value = {">=": bound * 2, ">": bound * 2, "<=": bound / 2, "<": bound / 2}[op]
            unit = units.split("|")[0].rstrip("*").replace("_", " ")
            text = f"like {value:g} {unit}"
            checked += 1
            if flag_id not in {m.id for m in catalogue.matcher.match(text, question=question, model="off")}:
                wrong.append(f"{question.id}: {text!r} does not read {flag_id}")
    assert checked >= 40 and not wrong, wrong


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        # the past is said first, the present after "now" / "anymore": only the present answers
        ("pr-standup-length", "it was an hour, now it's 10 min", set()),
        ("ci-deploy-steps", "we moved off FTP last year, it's all pipelines now", {"has-ci"}),
        ("cr-how-changes-reviewed", "we used to push straight to main, now every PR needs a review", {"code-review-required"}),
        ("ho-messages-evening", "used to be fine, now they expect replies", {"on-call-burden"}),
        ("ho-messages-evening", "that was the old CEO, not anymore", {"no-after-hours-contact"}),
        # after a "but", a practice dropped or gone
        ("bt-where-bugs-go", "jira, but we stopped using it", {"bugs-untracked"}),
        ("te-automated-tests", "we had a suite but it got deleted", {"no-tests"}),
        # ...while a "but" that drops nothing keeps the answer
        ("bt-where-bugs-go", "jira, but it's a mess", {"bugs-tracked"}),
        ("ci-pipeline", "now we have github actions", {"has-ci"}),
    ],
)
def test_a_terse_answer_that_tells_a_change_is_read_as_it_is_now(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        # a practice named, then nobody doing it: in name only
        ("bt-where-bugs-go", "jira exists, nobody files anything", {"bugs-untracked"}),
        ("ci-pipeline", "a jenkins box nobody looks at", {"no-ci"}),
        ("pl-backlog", "there's a backlog nobody's opened in a year", {"no-backlog"}),
        # hedges at the end: when there is time, unless it is urgent
        ("cr-how-changes-reviewed", "reviews happen when people have time", {"no-code-review"}),
        ("cr-how-changes-reviewed", "mostly, unless it's urgent", {"no-code-review"}),
        ("te-tests-with-changes", "ideally yes", {"no-tests"}),
    ],
)
def test_in_name_only_and_hedged_terse_answers(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


def test_a_nobody_clause_the_cues_read_themselves_is_not_in_name_only(catalogue):
    # "nobody pushes to main" is itself the green reading, not a practice nobody follows
    assert "no-code-review" not in found(catalogue, "cr-how-changes-reviewed", "PRs, nobody pushes to main")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more automated tests", {"no-tests"}),
        ("I'd make everyone do code review", {"no-code-review"}),
    ],
)
def test_under_a_question_about_what_is_wrong_a_practice_named_is_the_missing_one(catalogue, text, expected):
    # "If you could change one thing about how the team builds software tomorrow, what would it be?"
    assert found(catalogue, "cd-change-first", text) == expected
    # the same words under a question about the practice itself read the practice
    assert found(catalogue, "te-automated-tests", "more automated tests") == {"has-tests"}


def test_not_sure_yet_is_not_taken_back_by_its_yet(catalogue):
    assert found(catalogue, "pd-customer", "not sure yet") == {"unclear-product"}


def test_in_a_terse_answer_the_classifier_never_adds_the_opposite_of_what_the_words_read(catalogue):
    matcher = with_classifier(catalogue, {"pipeline": {"has-ci": 0.95}})
    question = catalogue.bank.questions["ci-build-time"]
    assert {m.id for m in matcher.match("what pipeline", question=question)} == {"no-ci"}
    # where the words read nothing, the classifier still speaks on the question's topic
    assert {m.id for m in matcher.match("the pipeline is ok I guess", question=question)} == {"has-ci"}


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("te-automated-tests", "oh sure, in production", {"no-tests"}),
        ("te-automated-tests", "define tests", {"no-tests"}),
        ("ci-build-time", "what pipeline", {"no-ci"}),
        ("pr-retros", "what's a retro", {"agile-unfamiliar"}),
        ("te-automated-tests", "oh yes", {"has-tests"}),  # a filler before a plain yes is still a yes
        ("te-automated-tests", "what do you mean", set()),  # a real question back answers nothing
    ],
)
def test_sarcastic_terse_answers(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("cr-how-changes-reviewed", "officially two reviewers, in practice one glance", {"no-code-review"}),
        ("ci-pipeline", "we had jenkins, it's been off for a year", {"no-ci"}),
        ("ci-pipeline", "we're migrating to github actions, nothing yet", {"no-ci"}),
        ("te-automated-tests", "we're adding them slowly", {"no-tests"}),
        ("te-tests-with-changes", "it's encouraged", {"no-tests"}),
        ("te-automated-tests", "only unit tests, no integration", {"has-tests"}),
        # "sometimes" says how often, so the note's own words still stand after it
        ("cr-pairing", "sometimes, and it still goes through review", {"code-review-required"}),
    ],
)
def test_a_later_clause_that_drops_or_hedges_the_practice(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("ci-pipeline", "used to be none, we added CI in the spring", {"has-ci"}),
        ("te-automated-tests", "there's a test folder, it's mostly empty", {"no-tests"}),
        ("ho-messages-evening", "absolutely not", {"no-after-hours-contact"}),
        ("ho-crunch", "not in the two years I've been here", {"realistic-deadlines"}),
        ("ho-messages-evening", "only on release days", {"on-call-burden"}),
    ],
)
def test_what_was_done_about_it_and_emphatic_or_partial_answers(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


def test_none_before_a_time_word_is_still_the_answer(catalogue):
    assert found(catalogue, "in-pages-per-week", "none last quarter") == {"no-after-hours-contact"}
    assert found(catalogue, "cr-who-reviews", "nobody reviews the lead") == {"no-code-review"}


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("cr-how-changes-reviewed", "depends on the repo"),
        ("te-automated-tests", "good question, I'm not on that team"),
        ("pl-backlog", "we're figuring out the best way"),
        ("ho-messages-evening", "people are adults"),
        ("te-code-quality", "every codebase has its corners"),
        ("pd-customer", "B2B"),
    ],
)
def test_vague_terse_answers_read_no_flag_from_their_words(catalogue, question, text):
    assert found(catalogue, question, text) == set()


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("cr-how-changes-reviewed", '"reviews" lol', {"no-code-review"}),  # scare quotes: in name only
        ("cr-how-changes-reviewed", "we had reviews until the lead left", {"no-code-review"}),  # a state that ended
        ("pl-missed-deadline", "weekends until it shipped", {"overtime-expected"}),  # "until" of an action ends nothing
        ("ho-messages-evening", "nope, and nobody minds if you don't reply", {"no-after-hours-contact"}),
    ],
)
def test_scare_quotes_a_state_that_ended_and_a_nobody_after_a_no(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


def test_a_hedge_after_a_comma_keeps_what_the_answer_named(catalogue):
    # "mostly" after the answer says how much, it does not take the answer back
    assert found(catalogue, "bt-who-reports", "QA and automated tests, mostly") == {"has-tests"}
