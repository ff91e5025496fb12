"""Real-text wording of the engineering-process flags (reviews, bugs, tickets, backlog, tests, CI,
code quality, features over fixes), on sentences of our own written the way people post them.

What a user sees is the set of flags `prepbot analyze` reports; the tests read the flags of this
group only, so that wording for the other flags can change without touching them.
"""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue

PROCESS = {
    "no-code-review",
    "code-review-required",
    "bugs-untracked",
    "bugs-tracked",
    "tickets-afterthought",
    "no-backlog",
    "prioritized-backlog",
    "features-over-bugs",
    "no-tests",
    "has-tests",
    "poor-code-quality",
    "no-ci",
    "has-ci",
}


def found(matcher, text: str) -> set[str]:
    return {m.id for m in matcher.match(text, model="off")} & PROCESS


# -- wording families: other ways people say the same thing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reviews skipped: self-review, exemptions, pushing without a pull request, editing production
        ("Maintainers self-review and then merge their own branches when nobody else is around.", {"no-code-review"}),
        ("The two founders are exempted from the approval rule on the main repo.", {"no-code-review"}),
        ("He keeps pushing commits without opening a PR first.", {"no-code-review"}),
        ("Most fixes are made directly on the production box over SSH.", {"no-code-review"}),
        ("Review is opt-in for anything the author considers small.", {"no-code-review"}),
        # reviews required: approvals counted, not only the word "review"
        ("A change lands only after two core developers approve it.", {"code-review-required"}),
        ("Every merge into the release branch requires one approval from the owning team.", {"code-review-required"}),
        ("Nobody here checks in an unreviewed patch.", {"code-review-required"}),
        # bugs reported by mail or in a sheet are not tracked; a triage ritual is
        ("Our QA folks send their bug lists via an Excel sheet every Friday.", {"bugs-untracked"}),
        ("Bug triage happens every Tuesday with the support lead.", {"bugs-tracked"}),
        # tickets not written at all
        ("We honestly do not use tickets for most of the day-to-day work.", {"tickets-afterthought"}),
        # no backlog: decided by word of mouth, no list, a roadmap refused
        ("The owner decides what to build next verbally, in the hallway.", {"no-backlog"}),
        ("They don't have a written list of features for the next release.", {"no-backlog"}),
        ("Management is reluctant to make a roadmap at all.", {"no-backlog"}),
        # a backlog kept in order
        ("Each Monday the leads set priorities for the week and hand out the tasks.", {"prioritized-backlog"}),
        ("The product folks maintain a ranked list of requests that customers can vote on.", {"prioritized-backlog"}),
        ("Last spring the PM built a public roadmap for the whole year.", {"prioritized-backlog"}),
        # features win over fixes
        ("There is little appetite for cleanup work here.", {"features-over-bugs"}),
        ("Leadership treats tech debt as not customer facing, so it never gets scheduled.", {"features-over-bugs"}),
        ("The team has a strong bias towards new features.", {"features-over-bugs"}),
        ("The culture rewarded speed over correctness at every turn.", {"features-over-bugs"}),
        ("We were told to stop fixing bugs on the old app until the rewrite ships.", {"features-over-bugs"}),
        # code quality
        ("The place runs at a deliberately high tech-debt level.", {"poor-code-quality"}),
        ("Honestly our tech stack is a dumpster fire.", {"poor-code-quality"}),
        # tests: their sorry state, and tests that must pass or that a pipeline runs
        ("Our integration tests are in sorry shape after the migration.", {"no-tests"}),
        ("When I joined, no unittests had ever been written.", {"no-tests"}),
        ("All the unit tests must pass before anything is merged.", {"has-tests"}),
        ("Jenkins runs the unit tests on every branch.", {"has-tests", "has-ci"}),
        # CI: checks that gate merges, analysis run in the build; tests run by hand
        ("All status checks must pass before the merge button turns green.", {"has-ci"}),
        ("Linters and static analysis are run as part of every build.", {"has-ci"}),
        ("The browser tests are run locally by whoever remembers.", {"no-ci"}),
    ],
)
def test_wording_families(matcher, text, expected):
    assert found(matcher, text) == expected


# -- senses and limits that are not the practice


@pytest.mark.parametrize(
    "text",
    [
        # a number is not a count of reviewers
        "About 90 percent of what people call a review is arguing about style.",
        # "not a feature" is a bug report, not a verdict on priorities
        "I forwarded it to the developers and wrote that this is not a feature request.",
        # checks that must pass are CI, not a test suite
        "All status checks must pass before merging.",
    ],
)
def test_other_senses_read_nothing_of_the_kind(matcher, text):
    got = found(matcher, text)
    assert "bugs-untracked" not in got
    assert "code-review-required" not in got
    assert "features-over-bugs" not in got
    assert "has-tests" not in got


def test_a_deadline_does_not_negate_triage(matcher):
    assert found(matcher, "Support triages new bug reports no later than noon.") == {"bugs-tracked"}


# -- statements about the industry, and no time found for a practice


@pytest.mark.parametrize(
    "text",
    [
        "Many organizations still deploy by hand over SSH.",
        "It is a common belief that every change must be reviewed before it ships.",
        "Continuous integration is a practice that runs the build and tests on every commit.",
        "Peer review matters for any team that ships software.",
        "You should always write a test before fixing a bug.",
    ],
)
def test_statements_about_organisations_in_general_state_no_flag(matcher, text):
    assert found(matcher, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As the only developer I don't have the time to do fancy things like unit tests.", {"no-tests"}),
        ("We never found the time to set up a CI pipeline.", {"no-ci"}),
    ],
)
def test_no_time_for_a_practice_shows_it_missing(matcher, text, expected):
    assert found(matcher, text) == expected


# -- a rule and its condition, further apart than the negation window


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nobody on the team is allowed to check in code without a code review.", {"code-review-required"}),
        ("Nobody on the platform team is ever allowed to merge without review.", {"code-review-required"}),
        ("No one on this team ever deploys anything to production without running the tests first.", {"has-tests"}),
        # ...but a scope breaker ends the first negation: this is a team that ships untested code
        ("Nobody cared much and people kept shipping code without tests.", {"no-tests"}),
    ],
)
def test_a_far_subject_negation_cancels_a_condition(matcher, text, expected):
    assert found(matcher, text) == expected


def test_push_as_a_verb_is_not_a_push_for_fixes(matcher):
    assert found(matcher, "No PRs here, we push to main and fix forward.") == {"no-code-review"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "manual" that qualifies something else near a release is not a manual release
        ("Before every release we also do a round of manual exploratory testing on the tablets.", set()),
        ("Releases are still manual and take an afternoon.", {"no-ci"}),
        ("Our deploys are never manual.", {"has-ci"}),
        ("Production releases happen manually from the lead's laptop.", {"no-ci"}),
    ],
)
def test_manual_reads_the_release_only_when_it_qualifies_the_release(matcher, text, expected):
    assert found(matcher, text) - {"no-tests", "has-tests"} == expected


# -- plain wording families people use in reviews and forums


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We stopped using pull requests, everyone commits to trunk.", {"no-code-review"}),
        ("Code reviews are basically nonexistent on the data team.", {"no-code-review"}),
        ("Most merge requests get approved within seconds without comments.", {"no-code-review"}),
        ("Seniors push to prod whenever they want.", {"no-code-review"}),
        ("Clients email bugs directly to the account manager.", {"bugs-untracked"}),
        ("Nobody ever writes the bugs down anywhere.", {"bugs-untracked"}),
        ("Support opens a ticket for every customer reported bug.", {"bugs-tracked"}),
        ("Most of what we do never makes it onto the board.", {"tickets-afterthought"}),
        ("Tasks are handed out ad hoc every morning.", {"no-backlog"}),
        ("The CEO decides what we work on each morning.", {"no-backlog"}),
        ("There is no plan beyond the next sprint.", {"no-backlog"}),
        ("All the work items are ranked by business value.", {"prioritized-backlog"}),
        ("Refactoring is never scheduled.", {"features-over-bugs"}),
        ("Known bugs sit open for months.", {"features-over-bugs"}),
        ("We keep piling features on top of a shaky legacy core.", {"features-over-bugs"}),
        ("The end-to-end suite has been failing for months and nobody cares.", {"no-tests"}),
        ("Our only testing happens in production.", {"no-tests"}),
        ("The payments service is thoroughly tested.", {"has-tests"}),
        ("They still deploy by copying zip files over SFTP.", {"no-ci"}),
        ("The app only builds on one guy's laptop.", {"no-ci"}),
        ("Every release goes out through the pipeline.", {"has-ci"}),
        ("Each pull request gets its own preview environment.", {"has-ci"}),
        ("The modules are tightly coupled.", {"poor-code-quality"}),
    ],
)
def test_plain_wording_families(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # handbook wording of a tracked bug
        ("New issues are assigned an owner and a severity label by the triage lead.", {"bugs-tracked"}),
        ("Every unhandled exception creates a ticket in the support queue.", {"bugs-tracked"}),
        ("Every Thursday we hold a bug review meeting.", {"bugs-tracked"}),
        ("Incoming reports are tagged as bugs or feature requests.", {"bugs-tracked"}),
        # features win, said in other words
        ("Refactoring gets whatever is left over at the end of the sprint.", {"features-over-bugs"}),
        ("When a deadline looms, testing and cleanup are the first thing to go.", {"features-over-bugs"}),
        ("We were explicitly told to ignore the bugs until after launch.", {"features-over-bugs"}),
        ("Sales always wants the next shiny feature.", {"features-over-bugs"}),
        ("Maintenance is seen as a waste of time by the directors.", {"features-over-bugs"}),
        ("Our open bugs keep growing because everyone is on feature work.", {"features-over-bugs"}),
        ("Every year they promise to pay down the tech debt and it gets dropped.", {"features-over-bugs"}),
        # code quality, said in other words
        ("The code has no coding standards whatsoever.", {"poor-code-quality"}),
        ("It's full of god classes.", {"poor-code-quality"}),
        ("Every change breaks something else.", {"poor-code-quality"}),
        ("Years of quick fixes have left the code in bad shape.", {"poor-code-quality"}),
        ("The billing system is fifteen years old and it shows.", {"poor-code-quality"}),
        # builds and deploys by hand, and automatically
        ("Shipping a release means working through a manual release checklist.", {"no-ci"}),
        ("Each deploy needs someone to babysit it.", {"no-ci"}),
        ("Patches are applied live on the server.", {"no-ci"}),
        ("Every commit is built and tested automatically.", {"has-ci"}),
        ("A branch cannot be merged until the checks go green.", {"has-ci"}),
        ("Release branches are cut automatically every two weeks.", {"has-ci"}),
        # reviews, said in other words
        ("Two LGTMs are required to merge.", {"code-review-required"}),
        ("The engineers here take automated testing seriously.", {"has-tests"}),
        ("We release several times a day.", {"has-ci"}),
        ("Your code will be reviewed by two seniors.", {"code-review-required"}),
        ("Pull requests get merged by their authors immediately.", {"no-code-review"}),
        ("There is no second person checking the code before it ships.", {"no-code-review"}),
        ("Reviews happen after the code is already in production.", {"no-code-review"}),
    ],
)
def test_more_wording_families(matcher, text, expected):
    assert found(matcher, text) == expected


# -- a negated action and its condition: a rule, not an absence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On this team you can't merge until the unit tests pass.", {"has-tests"}),
        ("Nobody deploys until the integration tests are green.", {"has-tests"}),
        # ...but a plan with a date is not a condition on a cue
        ("We won't have CI until next year.", {"no-ci"}),
    ],
)
def test_a_negated_action_with_the_cue_as_its_condition_is_a_rule(matcher, text, expected):
    assert found(matcher, text) - {"has-ci"} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Everything goes through merge requests rather than being pushed straight to main.", {"code-review-required"}),
        ("People just commit their stuff directly.", {"no-code-review"}),
        ("Every branch has to pass the unit tests and the linters before it can be merged.", {"has-ci", "has-tests"}),
        ("Somebody has to manually push each build to the app store.", {"no-ci"}),
        ("The tracker has 300 open bugs.", {"bugs-tracked"}),
        ("The support lead marks each report as confirmed or duplicate.", {"bugs-tracked"}),
        ("Every bug report is routed to the owning team.", {"bugs-tracked"}),
        ("We only fix things when a paying customer complains.", {"features-over-bugs"}),
        ("The team is drowning in regressions.", {"poor-code-quality"}),
        ("Our manager never plans anything in advance.", {"no-backlog"}),
        ("The whole roadmap lives in the founder's head.", {"no-backlog"}),
        ("The PM slots the accepted issues into the next milestone.", {"prioritized-backlog"}),
    ],
)
def test_wording_families_from_issue_threads_and_handbooks(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The platform repos require approvals from a code owner.", {"code-review-required"}),
        # a practice that used to be there is gone
        ("They used to require approvals on every repo.", {"no-code-review"}),
        ("We used to have tests.", {"no-tests"}),
    ],
)
def test_requiring_and_having_in_the_present_and_the_past(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At the moment nothing checks the pull requests.", {"no-ci"}),
        ("Patches are posted to the mailing list for review first.", {"code-review-required"}),
        ("New tickets are triaged and ranked by the maintainers each week.", {"prioritized-backlog"}),
        ("Check our roadmap to see what is coming next.", {"prioritized-backlog"}),
        ("They keep shipping features while hundreds of bugs stay open.", {"features-over-bugs"}),
        ("The auth module is a mess.", {"poor-code-quality"}),
        ("Honestly the scheduler needs a complete rewrite.", {"poor-code-quality"}),
        ("Most changes get merged without an associated issue.", {"tickets-afterthought"}),
        # "functionality" is not "functions", and a mess at the end of another clause is not the code's
        ("We keep as much functionality as possible, which is great, but this may end up in a mess.", set()),
    ],
)
def test_wording_of_issue_threads_and_mailing_lists(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quality is sacrificed for speed every single sprint.", {"features-over-bugs"}),
        ("The focus is never on fixing what's broken.", {"features-over-bugs"}),
        ("QA is nonexistent.", {"no-tests"}),
        ("Our customers are the testers.", {"no-tests"}),
        # no QA department alone says nothing about automated tests
        ("We have no dedicated QA team; developers own a big automated test suite.", {"has-tests"}),
    ],
)
def test_wording_of_review_sites(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "asked who/what" reports a question; the next sentence answers it
        ("I asked him who reviews pull requests before they are merged. He laughed.", {"no-code-review"}),
        ("I asked what their test coverage was. Blank stares.", {"no-tests"}),
        # the question alone states nothing
        ("I asked her who reviews pull requests before they are merged.", set()),
    ],
)
def test_questions_reported_with_who_and_what(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a claim about a practice in general, told after it
        ("Automated tests can give you confidence before a release.", set()),
        ("Honestly, writing unit tests slows you down early on.", set()),
        # a counterfactual says the practice was missing
        ("A simple unit test would have caught this regression.", {"no-tests"}),
        ("A second reviewer would have caught the typo before it hit production.", {"no-code-review"}),
        # ...while a test that did catch something is there
        ("Our unit tests caught the bug before release.", {"has-tests"}),
    ],
)
def test_claims_in_general_and_counterfactuals(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "anti-pattern" says something about code only when the code is named
        ("Creating one ticket per bug is an antipattern.", set()),
        ("Every anti-pattern you can name is somewhere in our codebase.", {"poor-code-quality"}),
        ("The CEO is reluctant to actually write a product roadmap.", {"no-backlog"}),
    ],
)
def test_anti_patterns_and_a_refused_roadmap(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We retroactively create tickets so the sprint report looks right.", {"tickets-afterthought"}),
        ("The board never reflects what people are actually doing.", {"tickets-afterthought"}),
        ("Most of the work happens outside of Jira.", {"tickets-afterthought"}),
        ("We keep our bugs in a shared Google Doc.", {"bugs-untracked"}),
        ("Known issues are tribal knowledge.", {"bugs-untracked"}),
        ("The only record of bugs is the support inbox.", {"bugs-untracked"}),
        ("Bugs come up at standup and are never written down.", {"bugs-untracked"}),
        ("To release we ssh into the box and git pull.", {"no-ci"}),
        ("The build has been red for weeks.", {"no-ci"}),
    ],
)
def test_tickets_bugs_and_builds_in_more_words(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Changes without a review will not be merged.", {"code-review-required"}),
        ("The backlog is reviewed and reprioritized every sprint.", {"prioritized-backlog"}),
        ("Tech debt only gets addressed when something breaks.", {"features-over-bugs"}),
        ("Minor bugs sit in the backlog forever.", {"features-over-bugs"}),
    ],
)
def test_rules_by_refusal_and_neglected_fixes(matcher, text, expected):
    assert found(matcher, text) == expected


# -- a practice taken back by the next sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We have a backlog. Nobody looks at it.", {"no-backlog"}),
        ("There is an integration test suite. Nobody runs it.", {"no-tests"}),
        ("There's a Jenkins box in the corner. It's been down since spring.", {"no-ci"}),
        # ...while a next sentence that does not take it back leaves it
        ("We have a backlog. It is groomed every Monday.", {"prioritized-backlog"}),
        # ...and a red practice stays red
        ("Bugs live in a spreadsheet. Nobody looks at it.", {"bugs-untracked"}),
    ],
)
def test_the_next_sentence_takes_a_practice_back(matcher, text, expected):
    assert found(matcher, text) == expected


def test_taken_back_with_the_classifier_on_too():
    matcher = load_catalogue().matcher
    got = {m.id for m in matcher.match("We have a backlog. Nobody looks at it.", model="auto")} & PROCESS
    assert got == {"no-backlog"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reported question answered after a comma of the same sentence
        ("I asked about code review, he laughed.", {"no-code-review"}),
        ("When I asked about code reviews, he said no, people push straight to main.", {"no-code-review"}),
        # ...and the answer's own words are read too
        ("When I asked about testing, she said of course, everything has unit tests.", {"has-tests"}),
        # a reported question with no answer still states nothing
        ("When I asked about code reviews, the call dropped.", set()),
    ],
)
def test_a_question_answered_in_the_same_sentence(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The lead said they rarely get time to fix bugs.", {"features-over-bugs"}),
        ("Bugs are just passed to whoever is around.", {"bugs-untracked"}),
    ],
)
def test_interview_report_wording(matcher, text, expected):
    assert found(matcher, text) == expected
