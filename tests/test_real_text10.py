"""Real-text reading, eleventh pass: idioms and indirect statements (bench/sets/real11.jsonl and the
"no wording" class of bench.fn_table on the non-held real rows), each family as a minimal pair: the
idiom about a team reads its flag, the same words in another sense or as advice read none.

What a user sees is the set of flags `prepbot analyze` reports (here with the cues alone). Every
sentence is our own.
"""

from __future__ import annotations

import pytest

from tests.conftest import found

# (text, flag it states): the idiom or indirect wording of each family.
STATED = [
    # a long day given as its hours: "nine to nine", "whatever hours it takes", evenings in the office
    ("The job is nine to nine most days, whatever the contract says.", "overtime-expected"),
    ("Be ready to put in whatever hours it takes before each launch.", "overtime-expected"),
    ("Long evenings at the office are how releases get done here.", "overtime-expected"),
    # a standup called a marathon or a sit-down, or a report to the manager
    ("Our daily sync has turned into a marathon nobody can leave.", "long-standups"),
    ("The standup is really a sit-down, grab a chair.", "long-standups"),
    ("The morning scrum is basically a status report to the manager.", "long-standups"),
    # dates from the people doing the work; a slip moves the date, not the hours
    ("Deadlines are set by the engineers, and sales has to live with them.", "realistic-deadlines"),
    ("When a task takes longer than estimated, the release date simply moves.", "realistic-deadlines"),
    ("Sales checks with the developers first before promising a date to a client.", "realistic-deadlines"),
    # nobody of a former team still there
    ("Of my original team, only one still works here.", "high-turnover"),
    # holidays that are work, weekends that are free unless something breaks, nights without sleep
    ("Holidays are basically working from the beach.", "on-call-burden"),
    ("Sleeping through the night is a luxury when you carry the pager.", "on-call-burden"),
    # nobody knows what comes next; the week's work is learnt that morning
    ("Nobody on the team knows what we will build next.", "no-backlog"),
    ("We find out what we are working on each morning at the coffee machine.", "no-backlog"),
    ("Tasks go to whoever grabs a developer in the hallway first.", "no-backlog"),
    # debt work asked for and refused; the push to the next feature
    ("We begged for time to refactor the billing module and were turned down again.", "features-over-bugs"),
    ("Leadership only cares about new features, never about the bugs customers hit.", "features-over-bugs"),
    ("We are always pushed to move on to the next feature before the last one works.", "features-over-bugs"),
    # coverage of zero; QA that is one person poking at it
    ("Test coverage is at zero and nobody is worried.", "no-tests"),
    ("QA here means the CEO clicking through the app on his phone.", "no-tests"),
    # merge clicked once the build is green; approvals faster than reading; nobody looks before it ships
    ("People hit merge as soon as the build is green.", "no-code-review"),
    ("PRs get approved faster than anyone could read them.", "no-code-review"),
    ("No one ever comments on my pull requests, they just get merged.", "no-code-review"),
    ("Nobody else looks at it before it goes live.", "no-code-review"),
    # a test suite given by its size
    ("We have over 3000 automated tests covering the core.", "has-tests"),
    # the same logic copied
    ("There are five copies of the same pricing code scattered around the repo.", "poor-code-quality"),
    # blank looks at the words of a process
    ("When I mentioned a retro they looked at me blankly.", "agile-unfamiliar"),
    # the tracker as a record of work already done
    ("We log what we already did in Jira at the end of the month.", "tickets-afterthought"),
    # interviewers on their way out
    ("Two of my interviewers were in their notice period when they interviewed me.", "interviewer-new"),
    # second pass: a diff read by another engineer before it lands; bug tracking that is shouting; checks
    # that run when someone remembers; a week no one works less than; the clock at night while coding;
    # a manual publish or a many-step build; a directly pushed commit; email answered by unwritten rule;
    # nights under house arrest; equipment the employer paid for; a suite given by its size
    ("Each change is read by another developer before it can land on main.", "code-review-required"),
    ("Bug tracking means shouting across the room until someone hears you.", "bugs-untracked"),
    ("On paper the week is 37 hours; nobody on the team works under 50.", "overtime-expected"),
    ("It was 1 am and I was still debugging the release.", "overtime-expected"),
    ("Every release someone has to upload the package to PyPI by hand.", "no-ci"),
    ("The deployment procedure involves 9 manual steps.", "no-ci"),
    ("The outage came from a directly pushed commit on Friday.", "no-code-review"),
    ("Replying to Slack messages at night is an unspoken rule here.", "on-call-burden"),
    ("On-call weeks mean nights under house arrest with the laptop.", "on-call-burden"),
    ("My employer bought me a standing desk and a good chair.", "equipment-budget"),
    ("The library ships with about 400 unit tests.", "has-tests"),
    # third pass, people leaving said without "left" or "turnover": the nth person in a role, the nth time
    # hiring for it, tenure counted in months, a team that moved on, notices handed in, a count of
    # goodbyes, backfilling again, the last few who quit, retention called bad, hands changed many times
    ("She would be the fifth manager of this team since 2022.", "high-turnover"),
    ("It is the third time this year they have advertised the same job.", "high-turnover"),
    ("The longest-serving developer on the team joined nine months ago.", "high-turnover"),
    ("The people who designed the system have all moved on.", "high-turnover"),
    ("Three of the testers handed in their notice in the same week.", "high-turnover"),
    ("There have been so many farewells this spring that we stopped buying cake.", "high-turnover"),
    ("We are backfilling the platform role yet again.", "high-turnover"),
    ("The previous three leads quit within a year.", "high-turnover"),
    ("Employee retention is awful in the support group.", "high-turnover"),
    ("The billing service has changed hands four times since launch.", "high-turnover"),
    ("The company just cannot keep engineers.", "high-turnover"),
    # fourth pass, fixing put off for features: a debt week cancelled, "always another launch", fixes
    # "when there's time", no room for maintenance, bugs parked for the roadmap, "customers pay for
    # features", refactoring a dirty word
    ("Our stability sprint got cancelled for the second quarter running.", "features-over-bugs"),
    ("The crash fixes can wait, product says; there is always another release.", "features-over-bugs"),
    ("Small bugs get fixed when there's time, which is never.", "features-over-bugs"),
    ("The plan leaves zero capacity for tech debt this year.", "features-over-bugs"),
    ("The memory leak fix was parked until after the feature freeze.", "features-over-bugs"),
    ("Management keeps saying customers pay for features.", "features-over-bugs"),
    ("Here refactoring is a dirty word.", "features-over-bugs"),
    # on-call said by its shape: a laptop on holiday, replies wanted at night, a call on a Sunday, a
    # rotation of one or two, paged many times, reachable around the clock
    ("You are told to take the work phone with you on holiday.", "on-call-burden"),
    ("Answers are expected at 11pm if the client writes.", "on-call-burden"),
    ("The director texted me on a Saturday about a font size.", "on-call-burden"),
    ("The pager rotation is only two people for forty services.", "on-call-burden"),
    ("I was paged nine times in one week.", "on-call-burden"),
    ("Support engineers must be reachable around the clock.", "on-call-burden"),
    # fifth pass, a product without a direction said indirectly: nobody can say who it is for, a strategy
    # that changes every quarter, a new direction at each all-hands, several different directions,
    # still exploring which market, imaginary users
    ("No one at the company could explain who the customer is.", "unclear-product"),
    ("Our strategy changes every quarter.", "unclear-product"),
    ("Each all-hands brings a new direction.", "unclear-product"),
    ("The founders pitched me four different directions in one hour.", "unclear-product"),
    ("They are still exploring which market to go after.", "unclear-product"),
    ("We design for imaginary users.", "unclear-product"),
    # code quality said by its symptoms: a huge function, people afraid to touch it, every fix breaking
    # something, an apology for the code, the hardest part being the code, "and it shows", many ways to
    # do one thing
    ("The checkout controller has a method of 2000 lines.", "poor-code-quality"),
    ("Everyone is afraid to touch the pricing module.", "poor-code-quality"),
    ("Every fix in that service introduces a new bug.", "poor-code-quality"),
    ("The lead apologised for the state of the code before showing it.", "poor-code-quality"),
    ("The hardest part of the job is the legacy code.", "poor-code-quality"),
    ("The app was written by students in a hurry, and it shows.", "poor-code-quality"),
    ("There are four ways to format a price in the repo.", "poor-code-quality"),
    ("One function in the importer is over a thousand lines.", "poor-code-quality"),
    # sixth pass: a standup that runs past half an hour or longer than planning, a grilling, a place to
    # solve every problem; an interviewer who started days ago or is too new to say; the day ending when
    # the boss leaves, home at eleven again, extra hours expected; agile as an excuse, a process for
    # big companies, nobody knowing what a sprint means, a process per developer
    ("The daily sync regularly runs past half an hour.", "long-standups"),
    ("Our standup takes longer than sprint planning.", "long-standups"),
    ("The standup is a grilling by the director, one by one.", "long-standups"),
    ("Every standup turns into solving everything in detail.", "long-standups"),
    ("The engineer interviewing me had started on Tuesday.", "interviewer-new"),
    ("The hiring manager said she was too new to know how reviews work.", "interviewer-new"),
    ('About the culture, my interviewer said "ask me again in six months".', "interviewer-new"),
    ("Nobody goes home until the boss leaves.", "overtime-expected"),
    ("Got home at midnight again, third time this week.", "overtime-expected"),
    ("Staff are expected to work extra hours as needed before releases.", "overtime-expected"),
    ("We stayed the whole weekend to finish the migration.", "overtime-expected"),
    ("Agile here is an excuse for having no plan.", "agile-unfamiliar"),
    ("The CTO thinks processes are for big companies.", "agile-unfamiliar"),
    ("Nobody in the team knew what a retro was for.", "agile-unfamiliar"),
    ("Each developer invents their own workflow.", "agile-unfamiliar"),
    # seventh pass: the tracker as fiction or a diary, cards that appear once it is deployed, "Jira it"
    # afterwards, code first then the ticket, a ticket created and closed at once, tickets made up;
    # a release moved rather than rushed, a boss fine with moving dates, estimates taken as real, the
    # extra month asked for and given, scope cut instead of hours; bug reports by word of mouth, lost,
    # never written down, a tracker dropped, "ping me if you find a bug"
    ("Our Trello board is a work of fiction.", "tickets-afterthought"),
    ("Cards only show up in Jira once the code is merged.", "tickets-afterthought"),
    ("We code first and then open a ticket for the timesheet.", "tickets-afterthought"),
    ("The PM makes a ticket and marks it done right away.", "tickets-afterthought"),
    ("Half my Friday goes to making up Jira stories for the week.", "tickets-afterthought"),
    ("We are moving the launch by a month rather than rushing the migration.", "realistic-deadlines"),
    ("My manager is fine with shifting dates when the work needs it.", "realistic-deadlines"),
    ("The director takes our estimates seriously.", "realistic-deadlines"),
    ("We said the redesign needed another month and the VP agreed.", "realistic-deadlines"),
    ("When a date is at risk they cut scope instead of adding hours.", "realistic-deadlines"),
    ("Crashes are passed along by word of mouth.", "bugs-untracked"),
    ("The team keeps losing bug reports.", "bugs-untracked"),
    ("That crash was reported twice on the forum and never written down.", "bugs-untracked"),
    ("The bug tracker was dropped after the reorganisation.", "bugs-untracked"),
    ("The lead says just ping me if you find a bug.", "bugs-untracked"),
    # a cue word must not change how another sentence reads ("unused" once did, as a tracker's state)
    ("Yes, we get an equipment stipend every year, and unused money rolls over.", "equipment-budget"),
    # eighth pass: an interview of definitions, acronyms or port numbers, lists to recite, googleable
    # questions; hardware bought or approved on request, a laptop refresh, a machine of your choice,
    # internet reimbursed; reviews stopped or suspended, approvals that are instant
    ("The technical round was a quiz on acronyms.", "trivia-interview"),
    ("They asked me the default port of Redis and nothing about the job.", "trivia-interview"),
    ("I had to recite all the SQL joins in order.", "trivia-interview"),
    ("Every question was googleable.", "trivia-interview"),
    ("IT buys whatever engineers need within a week.", "equipment-budget"),
    ("Hardware requests are approved within a day.", "equipment-budget"),
    ("Laptops are replaced every three years.", "equipment-budget"),
    ("You get a laptop of your choice.", "equipment-budget"),
    ("Home internet is reimbursed for remote staff.", "equipment-budget"),
    ("We stopped doing code reviews after the reorg.", "no-code-review"),
    ("The review policy was suspended for the launch.", "no-code-review"),
    ("Approvals are instant, nobody reads the diff.", "no-code-review"),
    # ninth pass: a testing strategy of hope or customers, clicking around before a release, an empty
    # test folder; a build that only works on one machine, a release document of many steps; a roadmap
    # that is empty or in someone's head, "too agile for a backlog", lurching from request to request;
    # notifications muted after hours, incidents routed to an ops team, "on leave you're off", no
    # out-of-hours calls
    ("Our testing strategy is basically the customers.", "no-tests"),
    ("We click around for an hour before each release and hope.", "no-tests"),
    ("The test folder is empty apart from a placeholder.", "no-tests"),
    ("Builds only succeed on the lead's laptop.", "no-ci"),
    ("Shipping means following a 25-step wiki page.", "no-ci"),
    ("The roadmap lives in the CEO's head.", "no-backlog"),
    ("Our manager says we are too agile for a backlog.", "no-backlog"),
    ("The team lurches from one urgent request to the next.", "no-backlog"),
    ("Slack notifications are muted after 6 pm for everyone.", "no-after-hours-contact"),
    ("Incidents at night go to a dedicated ops team, not the developers.", "no-after-hours-contact"),
    ("On holiday you're really off.", "no-after-hours-contact"),
    ("I have never had an out-of-hours call in three years.", "no-after-hours-contact"),
    # tenth pass, green flags said by their traces: a nightly job or runner that caught a failure, the
    # checks on a PR; two LGTMs, a Reviewed-by line; a triaged report with a severity, a bug SLA,
    # support reports turned into tickets; the top of the backlog, work ranked by the PM, a roadmap
    # shared with everyone
    ("The nightly build caught the regression on the ARM runner.", "has-ci"),
    ("The checks on your pull request failed, please have a look.", "has-ci"),
    ("Every change needs 2 LGTMs before it lands.", "code-review-required"),
    ("Patches need a Reviewed-by line from a maintainer.", "code-review-required"),
    ("Triaged: confirmed, severity medium, assigned to the sync team.", "bugs-tracked"),
    ("Our bug SLA is two days for critical issues.", "bugs-tracked"),
    ("Support turns customer reports into Jira tickets.", "bugs-tracked"),
    ("We always take the next task from the top of the backlog.", "prioritized-backlog"),
    ("Upcoming work is ranked by the product owner every week.", "prioritized-backlog"),
    ("The roadmap is shared with the whole company.", "prioritized-backlog"),
]


@pytest.mark.parametrize(("text", "flag"), STATED)
def test_an_idiom_about_the_team_reads_its_flag(matcher, text, flag):
    assert flag in found(matcher, text), (text, found(matcher, text))


# The same words in another sense, as advice, or about something that is not the team's way of working.
UNSTATED = [
    ("The pharmacy is open nine to five on weekdays.", "overtime-expected"),
    ("Training for a marathon takes months.", "long-standups"),
    ("Our standup is ten minutes and then everyone gets on with it.", "long-standups"),
    ("The release date is set by the marketing team for the trade fair.", "realistic-deadlines"),
    ("Nobody still uses the old printer.", "high-turnover"),
    ("Holidays are a great time to read.", "on-call-burden"),
    ("Nobody knows what comes next in the film, that's the fun of it.", "no-backlog"),
    ("Test coverage is at 85 percent and rising.", "no-tests"),
    ("Reviewers approve once they have read the whole diff.", "no-code-review"),
    ("We have over 3000 customers in Europe.", "has-tests"),
    ("I built three sheds in my garden this summer.", "unclear-product"),
    ("We log every bug in Jira as soon as it is reported.", "tickets-afterthought"),
    ("Each chapter of the novel is read by another editor before it goes to print.", "code-review-required"),
    ("Our bug tracker is Jira and support files every report there.", "bugs-untracked"),
    ("Our linters run on every push in the pipeline.", "no-ci"),
    ("It was 11 pm and the party was still going.", "overtime-expected"),
    ("The pipeline uploads the package to PyPI when a tag is pushed.", "no-ci"),
    ("Replying to Slack messages at night is not expected here.", "on-call-burden"),
    ("She finished fifth in the race this year.", "high-turnover"),
    ("We have moved on to a new version of the framework.", "high-turnover"),
    ("Data retention is 30 days for logs.", "high-turnover"),
    ("The house changed hands once, in 1990.", "high-turnover"),
    ("The longest-serving developer joined nine years ago.", "high-turnover"),
    ("The football match got cancelled because of the rain.", "features-over-bugs"),
    ("I read novels when there's time on the train.", "features-over-bugs"),
    ("The band's tour was parked until after the album.", "features-over-bugs"),
    ("I take my camera with me on holiday.", "on-call-burden"),
    ("The rotation of the crops is every three years.", "on-call-burden"),
    ("Nobody could tell me where the station was.", "unclear-product"),
    ("The poem is 900 lines long.", "poor-code-quality"),
    ("My cat is afraid to go near the vacuum.", "poor-code-quality"),
    ("She was tired after the hike, and it shows.", "poor-code-quality"),
    ("The movie runs past two hours.", "long-standups"),
    ("The new intern started on Tuesday.", "interviewer-new"),
    ("I got home at eleven in the morning after the flight.", "overtime-expected"),
    ("Agile teams work in short iterations.", "agile-unfamiliar"),
    ("The novel is a work of fiction.", "tickets-afterthought"),
    ("I lost my keys on the bus.", "bugs-untracked"),
    ("Lost badges must be reported to security.", "bugs-untracked"),
    ("Most newcomers give up before their first pull request.", "high-turnover"),
    ("That song gives me flashbacks from my school days.", "high-turnover"),
    ("The board approved the new chair of the committee.", "equipment-budget"),
    ("We thought about dropping code review, but decided against it.", "no-code-review"),
    ("The cake recipe has 12 steps.", "no-ci"),
    ("The fridge is empty again.", "no-backlog"),
    ("The nightly news covered the election.", "has-ci"),
    ("The top of the list is milk and eggs.", "prioritized-backlog"),
]


@pytest.mark.parametrize(("text", "flag"), UNSTATED)
def test_the_same_words_in_another_sense_read_no_flag(matcher, text, flag):
    assert flag not in found(matcher, text), (text, found(matcher, text))


# A practice the next sentence takes back reads its red opposite ("There is a rule. Nobody sticks to it.");
# the same next sentence after something that is no practice of the team changes nothing.
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Every pull request needs two approvals. Nobody sticks to it.", "no-code-review"),
        ("There is a prioritised backlog. It's always out of date.", "no-backlog"),
        ("We have a bug tracker. No one bothers with it.", "bugs-untracked"),
    ],
)
def test_a_practice_taken_back_by_the_next_sentence_reads_red(matcher, text, flag):
    assert flag in found(matcher, text), (text, found(matcher, text))


def test_the_same_next_sentence_after_something_else_reads_nothing(matcher):
    text = "The gym has a strict dress code. Nobody sticks to it."
    assert not found(matcher, text), (text, found(matcher, text))
