"""Terse answers, fifth pass (issue 18): answer families shared by every question of a flag, bare
numbers read in the question's unit, a cue's own negation, and what the classifier may add."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from prepbot import bank_loader
from prepbot.catalogue import validate
from tests.conftest import read, with_classifier

# --- answer families: wording any question about a flag understands


def test_a_family_cue_reads_under_every_question_that_probes_its_flag(catalogue):
    # None of these questions lists "resigned" among its own answer cues.
    assert "high-turnover" in read(catalogue, "pe-complaint", "HR, though the woman who raised it resigned soon after")
    assert "high-turnover" in read(catalogue, "ca-manager-or-expert", "not really, the seniors resigned to get promoted")
    assert "on-call-burden" in read(catalogue, "in-escalation", "the architect, he is always on")
    assert "bugs-untracked" in read(catalogue, "in-last-incident", "friday, patched it and nothing was written")


def test_a_family_cue_reads_nothing_under_a_question_about_something_else(catalogue):
    assert "high-turnover" not in read(catalogue, "to-hardware", "an old dell, the last guy resigned so it's his")
    assert "on-call-burden" not in read(catalogue, "pr-standup-length", "always on time, ten minutes")


def test_a_tool_name_means_its_practice_only_under_a_question_about_it(catalogue):
    assert read(catalogue, "ci-deploy-steps", "tekton picks it up") == {"has-ci"}
    assert read(catalogue, "bt-where-bugs-go", "freshdesk, believe it or not") == {"bugs-tracked"}
    assert read(catalogue, "pr-standup-length", "tekton picks it up") == set()
    assert read(catalogue, "hi-next-steps", "a hackerrank test, then a chat") == {"trivia-interview"}
    assert read(catalogue, "pl-deadlines", "a hackerrank test, then a chat") == set()


def test_a_negated_family_cue_reads_the_opposite_or_nothing(catalogue):
    assert read(catalogue, "do-design-review", "no one reviews it, you just start") == {"no-code-review"}
    assert "high-turnover" not in read(catalogue, "tm-seniority-exits", "none of them quit, it was juniors")


def test_family_cues_say_where_they_come_from(catalogue):
    question = catalogue.bank.questions["ci-deploy-steps"]
    (match,) = catalogue.matcher.match("tekton picks it up", question=question, model="off")
    assert any(e.source.startswith("answer family cue of has-ci") for e in match.evidence)


def test_a_bad_family_cue_is_a_problem_with_its_place(tmp_path):
    rules = Path(bank_loader.__file__).parent / "matching" / "context.yaml"
    copy = tmp_path / "context.yaml"
    shutil.copy(rules, copy)
    text = copy.read_text(encoding="utf-8").replace("  families:\n", '  families:\n    no-ci: ["by_hand|"]\n', 1)
    copy.write_text(text.replace("    no-ci:\n      - ", "    no-ci-again:\n      - ", 1), encoding="utf-8")
    found, problems = bank_loader.read_context(copy)
    assert found is None and problems
    assert any("answer family cue 'by_hand|' of 'no-ci'" in str(p) for p in problems)


# --- a cue written with its own negation


def test_a_cue_written_with_a_negation_means_what_it_says(catalogue):
    # "there_isnt_one" is an answer cue of no-ci: its "isn't" is not a negation of it.
    assert read(catalogue, "ci-build-time", "there isnt one") == {"no-ci"}
    assert read(catalogue, "ci-build-time", "there isn't one, sadly") == {"no-ci"}


# --- bare numbers read in the question's unit


def test_a_bare_number_reads_in_the_questions_unit(catalogue):
    assert read(catalogue, "in-pages-per-week", "four") == {"on-call-burden"}
    assert read(catalogue, "in-pages-per-week", "2 or 3") == {"on-call-burden"}
    assert read(catalogue, "in-pages-per-week", "one") == {"no-after-hours-contact"}
    assert read(catalogue, "pr-standup-length", "35") == {"long-standups"}
    assert read(catalogue, "pr-standup-length", "8 or so") == set()
    assert read(catalogue, "pr-meetings-load", "30+") == {"long-standups"}
    assert read(catalogue, "tm-turnover", "7, mostly to one competitor") == {"high-turnover"}


def test_a_number_with_its_own_unit_or_under_a_question_without_one_is_left_alone(catalogue):
    assert read(catalogue, "pr-meetings-load", "4 days a month") == set()  # days, not hours
    assert read(catalogue, "tm-tenure", "five") == set()  # no unit: five what?
    assert "features-over-bugs" not in read(catalogue, "bt-bug-time", "a steady 30% each sprint")


def test_a_unit_must_be_one_word(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            category:
              id: extra
              title: Extra
            questions:
              - id: ex-pages
                ask: How many pages last week?
                why: It shows the on-call load.
                personas: [engineer]
                priority: 2
                minutes: 1
                flags: {red: [on-call-burden], green: [no-after-hours-contact]}
                listen_for: [a small number]
                follow_ups: ["Who fixes the noisy ones?"]
                answers:
                  unit: pages per week
                  cues:
                    on-call-burden: ["#>=3 pages"]
            """
        ),
        encoding="utf-8",
    )
    _, _, problems = validate([path])
    assert any("'answers: unit' must be one lower-case word" in str(p) for p in problems)
    path.write_text(path.read_text(encoding="utf-8").replace("unit: pages per week", "unit: pages"), encoding="utf-8")
    bank, _, problems = validate([path])
    assert not problems and bank.questions["ex-pages"].answers.unit == "pages"


# --- a hedge under a question with no yes or no


def test_a_hedge_reads_the_questions_one_paired_red_flag(catalogue):
    # "If the person on call cannot fix something at 3am, who do they wake next?" has no yes or no.
    assert read(catalogue, "in-escalation", "sort of") == {"on-call-burden"}
    assert read(catalogue, "do-runbooks", "unofficially") == {"on-call-burden"}
    # "Which part of the codebase are you least proud of?": a hedge says nothing there.
    assert read(catalogue, "te-code-quality", "sort of") == set()


# --- what the classifier may add to a terse answer


def test_the_classifier_does_not_add_a_flag_the_answer_negates(catalogue):
    matcher = with_classifier(catalogue, {"quit": {"high-turnover": 0.97}})
    question = catalogue.bank.questions["tm-turnover"]
    assert "high-turnover" not in {m.id for m in matcher.match("not a single person quit", question=question)}
    assert "high-turnover" in {m.id for m in matcher.match("three quit in spring", question=question)}


def test_the_classifier_does_not_add_the_counterpart_of_what_the_words_read(catalogue):
    # overtime-expected and realistic-deadlines have no opposites, but under "Who sets deadlines?" a
    # terse answer that reads one does not also state the other.
    matcher = with_classifier(catalogue, {"date holds": {"realistic-deadlines": 0.95}})
    question = catalogue.bank.questions["pl-deadlines"]
    found = {m.id for m in matcher.match("the date holds, we pull late nights", question=question)}
    assert found == {"overtime-expected"}
    # With nothing worded, the classifier's reading stands.
    assert {m.id for m in matcher.match("the date holds, mostly", question=question)} == {"realistic-deadlines"}


# --- the question decides which sense a word has


def test_words_the_questions_answer_cues_read_are_not_read_as_another_practice(catalogue):
    # "by hand ... release" reads no-ci anywhere else; under "What automated tests do you have?" it
    # is how they test, and the answer is read.
    assert read(catalogue, "te-automated-tests", "we check it all by hand before every release") == {"no-tests"}
    assert "no-ci" in read(catalogue, "pr-standup-length", "we check it all by hand before every release")
    # A note that states another practice in words of its own still says it.
    assert read(catalogue, "pl-backlog", "Each pull request needs two approvals before merging") == {"code-review-required"}


# --- how much, and how often


def test_a_plain_no_followed_by_the_little_there_is_stands(catalogue):
    assert read(catalogue, "te-automated-tests", "not really, just a couple of unit tests") == {"no-tests"}
    # ...but a no that the words overrule is still overruled: "nope, we have a full unit test suite" is not a no.
    assert read(catalogue, "te-automated-tests", "nope, we have a full unit test suite") == {"has-tests"}


def test_a_practice_in_a_clause_of_sometimes_is_the_practice_in_part(catalogue):
    assert read(catalogue, "bt-where-bugs-go", "slack mostly, occasionally a jira ticket") == {"bugs-untracked"}
    assert read(catalogue, "bt-where-bugs-go", "a jira ticket, always") == {"bugs-tracked"}


def test_a_no_that_names_who_it_is_not_for(catalogue):
    assert read(catalogue, "ho-on-call", "not on our team") == {"no-after-hours-contact"}


def test_a_hedge_of_someones_time_reads_the_questions_red_flag(catalogue):
    assert read(catalogue, "bt-triage", "the lead, when she has time") == {"bugs-untracked"}


def test_words_an_answer_cue_negates_are_not_read_as_another_practice(catalogue):
    # "nobody stays" reads high-turnover anywhere; under "When do people stop working?" it is about hours.
    assert read(catalogue, "ho-typical-hours", "8 to 4, and nobody stays late") == set()


def test_a_practice_frowned_upon_is_not_there(catalogue):
    assert read(catalogue, "ho-messages-evening", "messaging people after hours is frowned upon") == {"no-after-hours-contact"}


# --- the past, and sarcasm


def test_a_closing_clause_that_tells_what_came_before_is_the_past(catalogue):
    assert read(catalogue, "bt-where-bugs-go", "linear for a year now, before that a spreadsheet") == {"bugs-tracked"}
    assert read(catalogue, "ci-deploy-steps", "github actions does it, previously by hand") == {"has-ci"}


def test_a_practice_kept_until_it_stopped_is_read_as_stopped(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "we did reviews until the big launch, then stopped") == {"no-code-review"}


def test_a_laugh_alone_answers_with_the_questions_red_flag(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "code review? haha") == {"no-code-review"}
    assert read(catalogue, "te-automated-tests", "tests? what tests") == {"no-tests"}
    # ...but a laugh before an answer is a filler: the words answer.
    assert read(catalogue, "te-automated-tests", "haha, loads of unit tests actually") == {"has-tests"}


def test_nobody_after_the_practice_is_the_practice_in_name_only(catalogue):
    assert read(catalogue, "pl-backlog", "oh there is a backlog, 3000 tickets nobody opens") == {"no-backlog"}


def test_not_a_single_one_is_a_no(catalogue):
    assert read(catalogue, "in-pages-per-week", "not a single one") == {"no-after-hours-contact"}


def test_a_quantity_reads_the_practice_it_counts(catalogue):
    assert read(catalogue, "te-automated-tests", "a handful of cypress specs from years ago") == {"no-tests"}


def test_words_after_a_but_qualify_the_notes_own_reading(catalogue):
    assert read(catalogue, "ci-pipeline", "there is a jenkins server but deploys are by hand") == {"no-ci"}


def test_a_yes_that_opens_the_answer_is_read_whatever_else_it_names(catalogue):
    assert "has-tests" in read(catalogue, "te-tests-with-changes", "yes, the build won't pass without them")


def test_a_yes_that_closes_a_but_clause_turns_the_answer(catalogue):
    assert read(catalogue, "ho-vacation", "it's not supposed to, but it does") == {"on-call-burden"}
    assert read(catalogue, "ho-messages-evening", "nobody asks for it, but it happens a lot") == {"on-call-burden"}


def test_hedges_of_memory_and_aspiration_read_the_red_flag(catalogue):
    assert read(catalogue, "pr-retros", "when we remember") == {"agile-unfamiliar"}
    assert read(catalogue, "te-automated-tests", "we aspire to") == {"no-tests"}
    assert read(catalogue, "te-automated-tests", "yep, the users test it in production") == {"no-tests"}


def test_a_now_without_a_past_before_it_keeps_what_came_first(catalogue):
    # A "now" turns an answer only where a past is told before it, or for what it speaks of again.
    assert read(catalogue, "cr-how-changes-reviewed", "two approvals needed. now blocked") == {"code-review-required"}
    note = "nobody can approve their own PR, two approvals needed. used to push to main, now blocked"
    assert read(catalogue, "cr-how-changes-reviewed", note) == {"code-review-required"}
    # ...while a told change still drops the past: the pushes to main are over.
    assert read(catalogue, "cr-how-changes-reviewed", "we pushed to main, now PRs need an approval") == {"code-review-required"}


def test_a_plain_no_that_runs_on_into_another_practice_is_no_answer(catalogue):
    # "we dont" is a plain no to the tickets question only when it stands alone; run on, it says what it names.
    assert read(catalogue, "pr-tickets", "we dont do code reviews") == {"no-code-review"}
    assert read(catalogue, "pr-tickets", "standups take 45 min lol, we dont do code reviews") == {
        "long-standups",
        "no-code-review",
    }
    assert read(catalogue, "pr-tickets", "we dont") == {"tickets-afterthought"}
    assert read(catalogue, "pr-tickets", "no, after the fact") == {"tickets-afterthought"}
