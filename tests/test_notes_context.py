"""Candidate notes read like a careful reader would (issue 18, fourth pass): the candidate's own
questions state nothing, and hedges, names only, fixed or dropped practices, negated negatives and
advice each read the state the team is really in. Sentences are our own.
"""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.matching import Matcher
from prepbot.matching.engine import ModelSlot
from tests.conftest import found


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def matcher(catalogue):
    return catalogue.matcher


class KeywordModel:
    """A stand-in classifier that reads whole notes: it reads has-ci wherever "CI" is written and
    on-call-burden wherever "paged" is, and remembers what it was given."""

    unit = "text"
    thresholds: dict[str, float] = {}

    def __init__(self):
        self.seen: list[str] = []

    def flags(self, texts):
        self.seen.extend(texts)
        out = []
        for text in texts:
            probs = {}
            if "CI" in text:
                probs["has-ci"] = 0.95
            if "paged" in text:
                probs["on-call-burden"] = 0.95
            out.append(probs)
        return out


def with_model(catalogue):
    model = KeywordModel()
    return Matcher.from_bank(catalogue.bank, catalogue.rules, ModelSlot(lambda: model)), model


# -- the candidate's own questions


@pytest.mark.parametrize(
    "text",
    [
        "ask: do they have CI?",
        "q - who decides priorities?",
        "Q: is every PR reviewed",
        "need to ask about oncall",
        "? tests",
        "TODO ask how bugs get tracked",
        "remember to ask about turnover and weekend work",
        "follow up: code review process?",
        "wonder how they prioritise bugs vs features",
        "any automated tests?",
        "how long are standups? forgot to ask",
        "is deploy automated? check w/ recruiter",
    ],
)
def test_the_candidates_own_question_is_not_a_finding(matcher, text):
    assert found(matcher, text) == set()


def test_a_word_that_only_starts_like_a_question_still_reads():
    matcher = load_catalogue().matcher
    assert found(matcher, "Q3 backlog is prioritised by the PM weekly") == {"prioritized-backlog"}
    assert found(matcher, "Asked around: deploys are done by hand") == {"no-ci"}
    assert found(matcher, "Checked the repo, there are no tests") == {"no-tests"}


def test_the_classifier_reads_nothing_into_the_question_but_still_reads_the_rest(catalogue):
    matcher, model = with_model(catalogue)
    assert {m.id for m in matcher.match("ask: do they have CI?\nq - does anyone get paged at night?")} == set()
    note = "ask: do they have CI?\nlead got paged twice last weekend, unpaid"
    result = {m.id for m in matcher.match(note)}
    assert "has-ci" not in result  # only the question says CI
    assert "on-call-burden" in result
    assert all("CI" not in seen for seen in model.seen)
    # the evidence still points into the note as written, on its second line
    [match] = [m for m in matcher.match(note) if m.id == "on-call-burden"]
    assert all(e.start > note.index("\n") and note[e.start : e.end] == e.text for e in match.evidence)


# -- hedges, names only, fixed or dropped practices, negated negatives, advice: each a general rule


def reasons(matcher, text: str) -> dict[str, list[str]]:
    return {m.id: [e.context for e in m.evidence] for m in matcher.match(text, model="off")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hedges: the practice is not really there
        ("integration tests are 'a goal' for this year", {"no-tests"}),
        ("peer reviews 'when possible'", {"no-code-review"}),
        ("code review happens... sometimes", {"no-code-review"}),
        ("bug triage is something they'd like to do eventually", {"bugs-untracked"}),
        ("it'd be great if they had a build server", {"no-ci"}),
        # in name only
        ("they 'have' unit tests, a dozen, all stale", {"no-tests"}),
        ("approvals required on paper, admins merge around them", {"no-code-review"}),
        ("PR reviews in name only", {"no-code-review"}),
        # advice and proposals to the team show the state they would fix
        ("they ought to automate the deploys", {"no-ci"}),
        ("someone should set up jira for the bugs", {"bugs-untracked"}),
        ("the team needs a proper backlog", {"no-backlog"}),
        ("suggest they keep a ranked backlog", {"no-backlog"}),
        ("my advice to them: track bugs somewhere other than email", {"bugs-untracked"}),
        # negated negatives
        ("no unreviewed code reaches prod", {"code-review-required"}),
        ("nothing ships w/o passing CI", {"has-ci"}),
        ("bugs never get lost, they all end up in the tracker", {"bugs-tracked"}),
        ("haven't been paged on a weekend since I joined, he said", {"no-after-hours-contact"}),
        # dropped
        ("used to have mandatory reviews, dropped them last year", {"no-code-review"}),
        ("e2e suite deleted, nobody kept it green", {"no-tests"}),
    ],
)
def test_each_class_reads_the_state_the_team_is_in(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the old state told in the past, the new one in a later clause: only the new one counts
        ("bugs were kept in email threads, moved to linear last year, triaged weekly", {"bugs-tracked"}),
        ("crunch was normal before the new VP, now nobody works late", set()),
        ("standups were status meetings, trimmed to 10 min", set()),
        ("was cowboy coding till last spring, now every PR gets reviewed", {"code-review-required"}),
        ("pushing straight to prod ended when they turned on branch protection", {"code-review-required"}),
        # ...but a present problem with a "now" after it stands, and a good thing told in the past stays
        ("there are no tests and now they want us to ship twice as fast", {"no-tests"}),
        ("unit tests were added last year, now every service has them", {"has-tests"}),
        # "now that" gives a reason, not a change
        ("pull requests require an approval now that the repo has owners", {"code-review-required"}),
    ],
)
def test_a_fixed_problem_reads_the_new_state(matcher, text, expected):
    assert found(matcher, text) == expected


def test_each_reading_names_the_rule_that_made_it(matcher):
    assert reasons(matcher, "the standup was an hour long, now 10 min") == {}
    said = reasons(matcher, "they 'have' unit tests")
    assert said == {"no-tests": ["scare quotes: 'have'"]}
    said = reasons(matcher, "peer reviews 'when possible'")
    assert said["no-code-review"][0].endswith("'when possible'")


def test_where_the_rules_turned_a_reading_round_the_classifier_cannot_put_it_back(catalogue):
    class Contrary:
        """Reads the practice itself wherever its words appear: what a careless reader would."""

        unit = "text"
        thresholds: dict[str, float] = {}

        def flags(self, texts):
            return [{"has-tests": 0.97} if "tests" in t else {} for t in texts]

    matcher = Matcher.from_bank(catalogue.bank, catalogue.rules, ModelSlot(lambda: Contrary()))
    for note in ("they 'try to' write tests when there's time", "TDD tried, dropped; unit tests deleted too"):
        assert {m.id for m in matcher.match(note)} == {"no-tests"}, note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("peer review is 'encouraged'", {"no-code-review"}),
        ("'mostly' automated deploys", {"no-ci"}),
        ("devs are 'supposed to' write unit tests", {"no-tests"}),
        ("linear for bugs, in principle", {"bugs-untracked"}),
        ("they claim 90% coverage, doubtful", {"no-tests"}),
        # a quoted name is not a hedge
        ("the 'platform' team owns the pipeline, CI runs on every push", {"has-ci"}),
    ],
)
def test_hedges_in_quotes_and_claims(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change of practice: the old state is gone, the new one reads from its own words
        ("went from manual deploys to full CD last year", {"has-ci"}),
        ("switched from email bug reports to linear", {"bugs-tracked"}),
        ("manual releases are history", {"has-ci"}),
        ("peer reviews got introduced after the outage", {"code-review-required"}),
        ("code reviews fell by the wayside last year", {"no-code-review"}),
        ("the monolith was spaghetti code, since rewritten", set()),
        # "anymore" leaves the negation to say what holds now
        ("nobody writes tests anymore", {"no-tests"}),
        ("overtime is not a thing anymore", set()),
        # a build that broke is still a build server
        ("the CI pipeline is broken on main again, someone is fixing it", {"has-ci"}),
    ],
)
def test_changes_of_practice(matcher, text, expected):
    assert found(matcher, text) == expected


def test_anymore_keeps_the_classifier_out_of_the_sentence(catalogue):
    class Overtime:
        unit = "text"
        thresholds: dict[str, float] = {}

        def flags(self, texts):
            return [{"overtime-expected": 0.95} for _ in texts]

    matcher = Matcher.from_bank(catalogue.bank, catalogue.rules, ModelSlot(lambda: Overtime()))
    assert {m.id for m in matcher.match("overtime not a thing anymore")} == set()


# -- plain notes: the shorthand people scribble during a call


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no PRs, devs push to master", {"no-code-review"}),
        ("merges happen w/o anyone looking at the diff", {"no-code-review"}),
        ("no reviewer on most changes", {"no-code-review"}),
        ("bug tracker = a shared google doc", {"bugs-untracked"}),
        ("jira gets backfilled at the end of the month", {"tickets-afterthought"}),
        ("most work untracked", {"tickets-afterthought"}),
        ("tracker is a graveyard of 3k tickets", {"no-backlog"}),
        ("plans get rewritten every sprint", {"no-backlog"}),
        ("unit test coverage ~8%", {"no-tests"}),
        ("codebase brittle, nobody understands the billing code", {"poor-code-quality"}),
        ("bugs only get fixed when a big customer yells", {"features-over-bugs"}),
        ("daily is ~1h", {"long-standups"}),
        ("55h weeks normal", {"overtime-expected"}),
        ("4 EMs in 2 yrs", {"high-turnover"}),
        ("screen was textbook definitions only", {"trivia-interview"}),
        ("always on call, no rotation", {"on-call-burden"}),
        ("pages most nights during the on-call week", {"on-call-burden"}),
        ("tests required on every PR", {"has-tests"}),
        ("clear roadmap for the year", {"prioritized-backlog"}),
        ("deadlines realistic, set together with the devs", {"realistic-deadlines"}),
        ("mgmt listens to eng estimates", {"realistic-deadlines"}),
        ("nobody expects replies after 6", {"no-after-hours-contact"}),
    ],
)
def test_shorthand_for_each_flag(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "test coverage for a new module is tracked in the dashboard",  # "a" is not a low number here
        "every push to main triggers the deploy workflow",  # a push that CI picks up says nothing about review
        "no PRs needed for docs, but code changes go through review",
    ],
)
def test_shorthand_cues_keep_their_sense(matcher, text):
    assert "no-tests" not in found(matcher, text)
    assert "no-code-review" not in found(matcher, text)


@pytest.mark.parametrize(
    "text",
    [
        "does the team do code review",  # a question written without its "?"
        "is there a backlog or just vibes",
        "q for the EM - how much time goes to bugs vs features",  # the question goes on past the dash
    ],
)
def test_more_of_the_candidates_own_questions(matcher, text):
    assert found(matcher, text) == set()


def test_a_question_that_goes_on_past_a_dash_is_not_read_by_the_classifier(catalogue):
    matcher, model = with_model(catalogue)
    assert {m.id for m in matcher.match("q for the lead - are people paged at night")} == set()
    assert all("paged" not in seen for seen in model.seen)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("needs CI asap", {"no-ci"}),
        ("they'd benefit from an actual backlog", {"no-backlog"}),
        ("if I join, first thing = set up CI", {"no-ci"}),
        ("crunch before the acquisition, not since", set()),
        ("manual deploys were replaced last quarter", {"has-ci"}),
        ("QA 'automation' is a few selenium scripts nobody runs", {"no-tests"}),
        ("integration tests were added after the outage", {"has-tests"}),
    ],
)
def test_more_advice_hedges_and_fixes(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a "no" before the practice is not lost because the cue's words run on past a comma
        ("no on call at all, ops team handles nights", {"no-after-hours-contact"}),
        ("nobody pings you after 6pm, laptops off on PTO", {"no-after-hours-contact"}),
        ("expected to be reachable on weekends", {"on-call-burden"}),
        ("roadmap is just a slide deck from last year", {"no-backlog"}),
    ],
)
def test_after_hours_and_name_only_shorthand(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they scp'd builds to the box by hand till 2022", {"has-ci"}),
        ("these days a merge ships itself", {"has-ci"}),
        ("self-merging was banned last year", {"code-review-required"}),
        ("not one manual step between merge and prod", {"has-ci"}),
        ("tests run on laptops if at all", {"no-tests"}),
        ("approvals are a formality, people approve w/o reading", {"no-code-review"}),
        ("priorities = whatever the loudest client wants", {"no-backlog"}),
        ("entire team turned over in 18 months", {"high-turnover"}),
    ],
)
def test_more_shorthand_for_changes_and_bans(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HM joined last month, deferred most answers", {"interviewer-new"}),
        ("my interviewer was on week 2", {"interviewer-new"}),
        ("PRs need sign-off from a senior", {"code-review-required"}),
        ("4-eyes principle on every change", {"code-review-required"}),
        ("anyone with commit rights can merge straight in", {"no-code-review"}),
        ("bug reports come in as DMs to whoever built it", {"bugs-untracked"}),
        ("CTO hands out tasks every morning, ad hoc", {"no-backlog"}),
        ("maintenance always gets bumped for new features", {"features-over-bugs"}),
        ("nobody could explain who the customer is", {"unclear-product"}),
        ("attrition ~40%/yr", {"high-turnover"}),
        ("most of the original team is gone", {"high-turnover"}),  # "is gone" is the cue's own word here
        ("releases via filezilla", {"no-ci"}),
        ("devs set the estimates and mgmt respects them", {"realistic-deadlines"}),
    ],
)
def test_shorthand_batch_three(matcher, text, expected):
    assert found(matcher, text) == expected


def test_someone_starting_recently_is_not_a_new_interviewer(matcher):
    assert found(matcher, "I recently started working on a Scrum team and enjoy it") == set()


def test_a_bare_topic_question_stays_with_its_answer_for_the_classifier(catalogue):
    matcher, model = with_model(catalogue)
    # "CI?" is the topic its answer goes with: the classifier reads both
    matcher.match("CI? lead said they have one, runs on every merge")
    assert any("CI" in seen for seen in model.seen)


def test_a_practice_nobody_uses_in_the_next_clause(matcher):
    assert found(matcher, "tests exist but nobody runs them") == {"no-tests"}
    assert found(matcher, "there's a roadmap, nobody looks at it") == {"no-backlog"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unit tests: few, mostly outdated", {"no-tests"}),
        ("approvals optional", {"no-code-review"}),
        ("qa = the PM clicking around before a release", {"no-tests"}),
        ("no more ssh deploys, everything goes through the pipeline", {"has-ci"}),
        ("nothing merges w/o review and green tests", {"code-review-required", "has-tests"}),
    ],
)
def test_shorthand_batch_four(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('TDD "when it makes sense" (it never does)', {"no-tests"}),
        ("they had a test suite, it rotted, nobody runs it now", {"no-tests"}),
        ("no code without tests, period", {"has-tests"}),
        ("stopped pushing to prod directly after an incident", {"code-review-required"}),
        ("now they gate merges on coverage", {"has-tests"}),
    ],
)
def test_hedges_rot_and_rules(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0 unit tests", {"no-tests"}),
        ("zero PR process", {"no-code-review"}),
        ("testing: manual only", {"no-tests"}),
        ("product direction unclear", {"unclear-product"}),
        ("still figuring out PMF", {"unclear-product"}),
        ("weekend pages common", {"on-call-burden"}),
        ("hw budget for everyone", {"equipment-budget"}),
    ],
)
def test_terse_fragments(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("biggest gap: automated tests", {"no-tests"}),
        ("they must start writing tests", {"no-tests"}),
        ("my 2c: they need a bug tracker", {"bugs-untracked"}),
        ("code reviews lasted a few weeks", {"no-code-review"}),
        ("TDD didn't stick", {"no-tests"}),  # the negation alone says it; no second turn
    ],
)
def test_advice_and_practices_that_did_not_last(matcher, text, expected):
    assert found(matcher, text) == expected


def test_a_negated_ban_is_turned_round_once(matcher):
    assert found(matcher, "self-merging isn't allowed") == {"code-review-required"}
    assert found(matcher, "merging your own PR is not allowed") == {"code-review-required"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they ship untested code all the time", {"no-tests"}),
        ("nothing ships that didn't pass the pipeline", set()),  # at least never the red side
        ("direct pushes to main are impossible", {"code-review-required"}),
        ("no one can push to main", {"code-review-required"}),
        ("anyone can push to main", {"no-code-review"}),
        ("bugs never go untracked", {"bugs-tracked"}),
    ],
)
def test_negated_negatives_batch_two(matcher, text, expected):
    assert found(matcher, text) == expected


def test_a_question_with_its_answer_after_a_dash_keeps_the_answer(matcher):
    # the answer is the candidate's finding; only a piece that opens like a question goes with the "q"
    assert found(matcher, "Q: deploys - manual deploys over ssh every friday") == {"no-ci"}
    assert found(matcher, "q for the lead - how much time goes to bugs vs features") == set()
