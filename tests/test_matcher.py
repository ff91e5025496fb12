"""The flag matcher: negation, typos, quantities, several flags, offsets, odd input."""

from __future__ import annotations

import pytest

from prepbot.matching.cues import CueError, Vocabulary, compile_cue


def flags(matcher, text):
    return {m.id for m in matcher.match(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # code review, both ways
        ("There is no code review.", {"no-code-review"}),
        ("Nobody reviews code here, people just push to main.", {"no-code-review"}),
        ("Every PR needs an approval before it can be merged.", {"code-review-required"}),
        ("We do code reviews on every pull request.", {"code-review-required"}),
        ("Code isn't reviewed, we ship straight to prod.", {"no-code-review"}),
        ("Reviews are optional when we're in a hurry.", {"no-code-review"}),
        ("They asked whether I write tests.", set()),
        ("Do you have code review?", set()),
        # typos, slang, abbreviations
        ("evry PR gets reveiwed by a teammate", {"code-review-required"}),
        ("no CR process at all, devs merge their own stuff to master", {"no-code-review"}),
        ("we got a solid CI pipline, all tests run on each push", {"has-ci", "has-tests"}),
        # quantities
        ("Standups take 30 minutes most days.", {"long-standups"}),
        ("We have 10-minute standups.", set()),
        ("Our daily standup is about 5 minutes.", set()),
        ("the daily stand-up regularly runs over an hour", {"long-standups"}),
        # bugs
        ("Bugs get reported in Slack and then they're forgotten.", {"bugs-untracked"}),
        ("We don't have a bug tracker.", {"bugs-untracked"}),
        ("Every bug goes into Jira and gets triaged on Mondays.", {"bugs-tracked"}),
        # process and planning
        ("Honestly there's no process, we just wing it.", {"agile-unfamiliar"}),
        ("There is no backlog, the CEO decides every morning what we do.", {"no-backlog"}),
        ("The product owner keeps a prioritized backlog.", {"prioritized-backlog"}),
        ("Tickets get written after the work is done, if at all.", {"tickets-afterthought"}),
        # quality
        ("There are no unit tests and QA tests everything manually.", {"no-tests"}),
        ("The codebase is a total mess of spaghetti code.", {"poor-code-quality"}),
        ("We never have time to fix bugs, new features always come first.", {"features-over-bugs"}),
        # deploys
        ("Deployments are done by hand over FTP.", {"no-ci"}),
        ("Merges to main deploy automatically through GitHub Actions.", {"has-ci"}),
        # hours
        ("You're expected to answer Slack messages on weekends and on vacation.", {"on-call-burden"}),
        ("Nobody is expected to answer messages in the evening.", {"no-after-hours-contact"}),
        ("On-call is a paid rotation, one week in six.", {"no-after-hours-contact"}),
        ("Crunch before every release, 60 hour weeks are normal.", {"overtime-expected"}),
        # people and product
        ("Half the team quit last year.", {"high-turnover"}),
        ("The interviewer said she joined two weeks ago and couldn't answer questions about the culture.", {"interviewer-new"}),
        ("We pivoted three times this year and we're still figuring out who our customers are.", {"unclear-product"}),
        ("The interview was all trivia, nothing to do with the actual job.", {"trivia-interview"}),
        ("When engineers push back on a deadline, management negotiates the scope.", {"realistic-deadlines"}),
        ("You get a budget for a laptop and a home office setup.", {"equipment-budget"}),
        # real-world phrasing
        ("Cons: - No code reviews, anyone can push to production at any time", {"no-code-review"}),
        ("Code review is mostly a formality, people approve without reading.", {"no-code-review"}),
        ("Code reviews happen sometimes, but mostly people merge their own PRs.", {"no-code-review"}),
        ("The lead reviews every single merge request before it lands.", {"code-review-required"}),
        ("bugs are mostly tracked in a google sheet that nobody updates", {"bugs-untracked"}),
        ("Customers report issues by emailing the CEO, who forwards them to whoever is around.", {"bugs-untracked"}),
        ("There was basically no QA and no automated testing whatsoever.", {"no-tests"}),
        ("QA is done manually by the PM the day before release.", {"no-tests"}),
        ("We have 90% test coverage and CI blocks merges when tests fail.", {"has-tests", "has-ci"}),
        ("Deploys are done by SSHing into the server and running git pull.", {"no-ci"}),
        ("The daily meeting is basically an hour-long status report for the CTO.", {"long-standups"}),
        ("Standups are short, 10 min max.", set()),
        ("There is no real agile process, just a manager assigning tasks in an Excel sheet.", {"agile-unfamiliar"}),
        ("They had no idea what Scrum was.", {"agile-unfamiliar"}),
        ("There isn't really a backlog, we just do whatever sales asks for.", {"no-backlog"}),
        ("We have a kanban board and the PO orders it every week.", {"prioritized-backlog"}),
        ("Bug fixes always get pushed to next sprint because features are the priority.", {"features-over-bugs"}),
        ("The legacy codebase is held together with duct tape.", {"poor-code-quality"}),
        ("Expect to work 50-60 hour weeks, especially near deadlines.", {"overtime-expected"}),
        ("Management constantly moves the goalposts and expects us to stay until 9pm to hit the date.", {"overtime-expected"}),
        ("Weekend on-call is unpaid and mandatory for everyone.", {"on-call-burden"}),
        ("They respect your time off; no one messages you on vacation.", {"no-after-hours-contact"}),
        ("Within my first year, 6 of the 8 engineers on my team had quit.", {"high-turnover"}),
        ("The team lost half its members in the last reorg.", {"high-turnover"}),
        ("The hiring manager had only been with the company for three weeks.", {"interviewer-new"}),
        ("They asked me to define polymorphism and recite SOLID principles.", {"trivia-interview"}),
        ("We have no idea who the target customer is yet.", {"unclear-product"}),
        ("If we say a date is unrealistic, the PM cuts scope instead.", {"realistic-deadlines"}),
        ("Deadlines come from sales and are non-negotiable.", set()),
        ("Each new hire gets $1000 to set up their home office.", {"equipment-budget"}),
        ("Automated tests? They don't exist.", set()),
        ("We do scrum by the book: planning, daily standup, review, retro.", set()),
        # handbooks, reviews and forum posts
        (
            "All code changes must be reviewed and approved by at least one other engineer before they are merged to the main branch.",
            {"code-review-required"},
        ),
        ("We use GitHub Actions to run our test suite and linters on every pull request.", {"has-tests", "has-ci"}),
        ("Every production deploy goes through our CD pipeline; nobody deploys by hand.", {"has-ci"}),
        ("Incoming bug reports are triaged daily by the on-duty engineer and labelled by severity.", {"bugs-tracked"}),
        ("The product team maintains a ranked roadmap that engineers can comment on.", {"prioritized-backlog"}),
        ("Each employee receives a yearly budget of $1,500 for hardware and office equipment.", {"equipment-budget"}),
        ("On-call engineers receive an on-call allowance and a day off after a rough night.", {"no-after-hours-contact"}),
        ("We never expect anyone to reply to messages outside their working hours.", {"no-after-hours-contact"}),
        ("We write unit tests for all new code and aim for meaningful coverage of critical paths.", {"has-tests"}),
        ("Cons: zero documentation, zero tests, zero code review.", {"no-code-review", "no-tests"}),
        ("Expect regular late nights and working on weekends to meet unrealistic deadlines.", {"overtime-expected"}),
        ("Upper management has no clear vision and the product direction changes every quarter.", {"unclear-product"}),
        ("People leave constantly, I've seen 4 managers in 2 years.", {"high-turnover"}),
        ("The codebase is a nightmare of copy-pasted code and nobody is allowed time to refactor.", {"poor-code-quality"}),
        ("There's no process whatsoever; everything is ad hoc and chaotic.", {"agile-unfamiliar"}),
        ("You are on call 24/7 with no compensation.", {"on-call-burden"}),
        ("The so-called daily standup routinely takes 45 minutes.", {"long-standups"}),
        ("Features are prioritized over stability every single time.", {"features-over-bugs"}),
        ("There are no tickets, tasks are assigned verbally and nobody knows who is doing what.", {"tickets-afterthought"}),
        ("No bug tracker - bugs are passed around in WhatsApp groups.", {"bugs-untracked"}),
        ("Management decides what to build on a whim; there is no backlog or planning.", {"no-backlog"}),
        ("They still deploy by copying files to the server over FTP.", {"no-ci"}),
        ("The interview was a series of trick questions and brain teasers unrelated to the job.", {"trivia-interview"}),
        (
            "The person interviewing me had started the week before and could not answer basic questions about the team.",
            {"interviewer-new"},
        ),
        ("At my last job we didn't do code reviews at all, people just merged whenever they felt like it.", {"no-code-review"}),
        ("Our PM creates the Jira tickets after the sprint is over so the burndown chart looks right.", {"tickets-afterthought"}),
        ("Honestly our test suite is pretty solid, it catches most regressions before they hit prod.", {"has-tests"}),
        ("The standups were over 30 minutes because everyone discussed their problems in detail.", {"long-standups"}),
        ("We spend maybe 5% of our time on bugs, the rest is new features demanded by sales.", {"features-over-bugs"}),
        ("I got paged at 2am three times last week and there's no extra pay for it.", {"on-call-burden"}),
        ("We have a daily standup at 9:30.", set()),
        ("Engineers take turns being on call for a week at a time.", set()),
        ("The interview included a pair programming session on a realistic problem.", set()),
        ("Occasionally we work a bit later before a big launch, but it's rare.", set()),
        ("We use Jira for planning and Confluence for documentation.", set()),
        ("The team is small, about six engineers and a designer.", set()),
        ("Deadlines exist, like anywhere else.", set()),
        ("I asked whether they have a QA team.", set()),
        ("What does your code review process look like?", set()),
        ("Senior engineers are expected to mentor juniors and review their pull requests.", {"code-review-required"}),
        ("There's no formal code review; the lead glances at things occasionally.", {"no-code-review"}),
        ("Testing is an afterthought and there is no QA environment.", {"no-tests"}),
        ("The release process involves a 20-step manual checklist and takes a full day.", {"no-ci"}),
        ("Priorities are set by whoever shouts the loudest.", {"no-backlog"}),
        ("We groom the backlog every Tuesday and the PM stack-ranks it.", {"prioritized-backlog"}),
        ("Managers routinely promise clients features without asking the developers how long they take.", {"features-over-bugs"}),
        (
            "The job ad and the actual job had nothing in common, and the interviewer didn't seem to know the role.",
            {"interviewer-new"},
        ),
        ("I was quizzed on Big-O of obscure algorithms and the exact syntax of Java generics.", {"trivia-interview"}),
        (
            "They've been building three different products in parallel and none of them has paying customers.",
            {"unclear-product"},
        ),
        ("Overtime is unpaid and basically mandatory during 'crunch season', which is most of the year.", {"overtime-expected"}),
        ("My team had a 50% attrition rate last year.", {"high-turnover"}),
        ("We get a MacBook Pro, two monitors and a yearly learning budget.", {"equipment-budget"}),
        ("Work-life balance is great, nobody emails you after 6pm.", {"no-after-hours-contact"}),
        ("When engineering says a feature needs more time, product adjusts the timeline.", {"realistic-deadlines"}),
        ("Standups drag on forever because the manager uses them to micromanage.", {"long-standups"}),
        ("They don't write tickets, work is assigned in Slack DMs.", {"tickets-afterthought"}),
        (
            "The main service is a 15-year-old PHP monolith with no tests and lots of dead code.",
            {"no-tests", "poor-code-quality"},
        ),
        ("Our on-call rotation is shared across eight engineers.", set()),
        ("The team does a short standup and then gets to work.", set()),
        ("We discussed their CI setup for a while.", set()),
        ("He told me about the tech stack: Python, Postgres and React.", set()),
        ("Do they pay for on-call?", set()),
        ("The recruiter was friendly and explained the process clearly.", set()),
        (
            "Half the work we do never has a ticket; the board is updated at the end of the month to make it look right.",
            {"tickets-afterthought"},
        ),
        ("Please remember to log your Jira tickets retroactively by Friday for the timesheet.", {"tickets-afterthought"}),
        ("We don't bother with user stories, we just start coding.", {"tickets-afterthought"}),
        ("Every piece of work starts as a ticket with acceptance criteria before anyone writes code.", set()),
        (
            "The hiring manager admitted he had joined only a month ago and was still learning how things work.",
            {"interviewer-new"},
        ),
        ("My interviewer couldn't describe what a typical day in the role looks like.", {"interviewer-new"}),
        ("None of the panel could tell me how performance reviews work.", {"interviewer-new"}),
        (
            "The technical interview was just a list of textbook questions like 'what is a closure' and 'explain REST'.",
            {"trivia-interview"},
        ),
        ("They asked random trivia questions about the history of JavaScript.", {"trivia-interview"}),
        ("Questions were mostly things you could Google in 10 seconds.", {"trivia-interview"}),
        (
            "Leadership trusts engineering estimates and will cut scope rather than push the team to work weekends.",
            {"realistic-deadlines"},
        ),
        ("Our PMs negotiate timelines with engineers instead of dictating them.", {"realistic-deadlines"}),
        ("We are given a generous allowance to set up a comfortable workspace at home.", {"equipment-budget"}),
        ("Company provides top-of-the-line laptops and a $50 monthly internet stipend.", {"equipment-budget"}),
        ("You'll have to bring your own laptop.", set()),
        ("The startup is still searching for its market and the product changes every month.", {"unclear-product"}),
        ("We built a dozen prototypes last year and shipped none of them.", {"unclear-product"}),
        ("The founders can't agree on what the product should be.", {"unclear-product"}),
        ("There is no defined development process, everyone does things their own way.", {"agile-unfamiliar"}),
        ("They say they're agile but it's really just waterfall with daily meetings.", {"agile-unfamiliar"}),
        ("Nobody on the team had heard of Scrum or Kanban.", {"agile-unfamiliar"}),
        ("Bugs reported by customers are written on sticky notes on the CTO's monitor.", {"bugs-untracked"}),
        ("We log every defect in Bugzilla and review them in a weekly triage meeting.", {"bugs-tracked"}),
        ("There's no prioritization; everything is top priority.", {"no-backlog"}),
        ("The backlog is ordered by business value and reviewed with stakeholders every two weeks.", {"prioritized-backlog"}),
        ("Quality is an afterthought, we are always rushing to ship the next feature.", {"features-over-bugs"}),
        ("There's a massive amount of tech debt and no plan to address it.", {"poor-code-quality"}),
        ("Our morning scrum easily runs 40 minutes with 15 people talking.", {"long-standups"}),
        ("Deployments require a senior engineer to manually run scripts on the production box.", {"no-ci"}),
        ("Builds and deployments are automated with Jenkins pipelines.", {"has-ci"}),
        (
            "Engineering Handbook: Every merge request requires approval from a code owner. Merge requests must pass the pipeline before they can be merged.",
            {"code-review-required", "has-ci"},
        ),
        (
            "Our QA process is mostly manual, with a spreadsheet of test cases that someone runs before each release.",
            {"no-tests"},
        ),
        (
            "If you find a bug, open an issue in the tracker with steps to reproduce; the triage rotation will label and prioritize it.",
            {"bugs-tracked"},
        ),
        (
            "Pros: smart people. Cons: no work life balance, constant firefighting, managers expect replies at midnight.",
            {"on-call-burden", "overtime-expected"},
        ),
        ("The product roadmap is public and prioritized by customer impact.", {"prioritized-backlog"}),
        ("Management overrules engineering estimates and sets arbitrary deadlines.", set()),
        ("- Zero onboarding\n- No documentation\n- People quit every other month", {"high-turnover"}),
        ("We work in two-week sprints with planning, review and retrospective; standups are timeboxed to 15 minutes.", set()),
        (
            "I've been here 3 years and I'm still amazed how much tech debt we carry; the core module is untouchable spaghetti.",
            {"poor-code-quality"},
        ),
        ("During the interview they asked me to name all the HTTP status codes I know.", {"trivia-interview"}),
        ("The engineer I spoke to had joined two weeks earlier and kept saying 'I'm not sure yet'.", {"interviewer-new"}),
        (
            "We don't have a product manager; the CEO changes priorities daily based on whichever customer called last.",
            {"no-backlog"},
        ),
        ("No one tests anything before it goes live, customers are the QA team.", {"no-tests"}),
        ("Employees get a home office stipend and a new laptop every three years.", {"equipment-budget"}),
        (
            "Our on-call is light: a handful of pages per month, and you get a day off after your week.",
            {"no-after-hours-contact"},
        ),
        ("Hotfixes are applied directly in production and nobody reviews them.", {"no-code-review"}),
        ("The team has been rebuilt twice in the last 18 months after most engineers left.", {"high-turnover"}),
        ("We keep changing what we're building based on whatever investors say.", {"unclear-product"}),
        ("There's no CI; tests, when they exist, are run by hand on developers' machines.", {"no-ci"}),
        (
            "I joined a startup where the 'senior' dev had been committing straight to master for two years. There were no branches, no PRs, nothing.",
            {"no-code-review"},
        ),
        ("My first week I asked where the bug list was. The answer: 'we just remember them'.", {"bugs-untracked"}),
        (
            "Our Jira board is a fiction; tickets get created after the fact so management can see numbers.",
            {"tickets-afterthought"},
        ),
        (
            "The 'daily standup' was a one-hour meeting where the manager went through everyone's tasks one by one.",
            {"long-standups"},
        ),
        ("Nobody at the company could explain what Scrum was, yet they called everything a sprint.", {"agile-unfamiliar"}),
        (
            "We have spent the last year building features nobody asked for while we figure out our customers.",
            {"unclear-product"},
        ),
        (
            "The VP interviewing me had been there for a week and openly said he didn't know how the team worked.",
            {"interviewer-new"},
        ),
        ("They release by having someone build the app on their laptop and upload it to the store.", {"no-ci"}),
        ("My manager called me on my honeymoon because a server went down.", {"on-call-burden"}),
        ("Crunch is a way of life here; 70-hour weeks before every milestone.", {"overtime-expected"}),
        ("In my two years there the entire original team left, some after only months.", {"high-turnover"}),
        ("The interview was 45 minutes of 'what does this keyword do in C++' questions.", {"trivia-interview"}),
        ("Our pipeline runs unit, integration and end-to-end tests on every merge request.", {"has-ci", "has-tests"}),
        ("The product owner maintains a prioritized backlog and the team pulls from the top.", {"prioritized-backlog"}),
        ("Management listens when we say something will take longer and adjusts plans accordingly.", {"realistic-deadlines"}),
        ("We have a strict no-contact policy during vacations and evenings.", {"no-after-hours-contact"}),
        ("Every developer gets a $3000 equipment budget on day one.", {"equipment-budget"}),
        ("Bugs are logged in our tracker and reviewed weekly in a triage meeting.", {"bugs-tracked"}),
        ("Nobody has time to fix the bugs; we're told to focus on the roadmap features.", {"features-over-bugs"}),
        ("The code is a tangled mess of legacy PHP that nobody wants to touch.", {"poor-code-quality"}),
        (
            "We deliberately don't keep a backlog. Ideas that matter will come back; everything else can be forgotten.",
            {"no-backlog"},
        ),
        ("Backlogs are where ideas go to die, so we threw ours away.", {"no-backlog"}),
        (
            "Each team keeps its own backlog, ordered by the product manager according to impact and effort.",
            {"prioritized-backlog"},
        ),
        (
            "Engineers often fix small things without creating an issue first; we only ask for a ticket when the change is user-facing.",
            {"tickets-afterthought"},
        ),
        ("At the end of each week, update Jira to reflect what you actually worked on.", {"tickets-afterthought"}),
        (
            "A good interviewer should be able to describe the team's working style; if they can't, that's a warning sign.",
            {"interviewer-new"},
        ),
        ("The recruiter couldn't tell me who I would report to or what the team was working on.", {"interviewer-new"}),
        (
            "When deadlines are unrealistic, we talk openly about what can be dropped rather than asking people to stay late.",
            {"realistic-deadlines"},
        ),
        ("Dates are estimates, not promises, and the team owns its estimates.", {"realistic-deadlines"}),
        (
            "Instead of asking how I would approach real problems, they asked me to recite definitions from a textbook.",
            {"trivia-interview"},
        ),
        (
            "The questions were the kind you could answer by memorizing a list of interview questions from the internet.",
            {"trivia-interview"},
        ),
        ("We offer a one-time $1,000 home office stipend and cover a monthly co-working membership.", {"equipment-budget"}),
        ("Your laptop, monitor and headset are provided on day one.", {"equipment-budget"}),
        (
            "We respect asynchronous work: you are never required to respond outside your own working hours.",
            {"no-after-hours-contact"},
        ),
        ("On-call shifts are compensated with extra pay and a free day after each weekend shift.", {"no-after-hours-contact"}),
        ("Team members are expected to keep Slack on their phones and respond to pings at night.", {"on-call-burden"}),
        ("The company has gone through three reorganizations and lost most of its senior engineers.", {"high-turnover"}),
        ("We ship code without tests when we're in a rush, which is most of the time.", {"no-tests"}),
        ("Reviews are a rubber stamp; nobody actually reads the diff.", {"no-code-review"}),
        ("Everything is deployed by a CI/CD pipeline after the automated tests pass.", {"has-ci", "has-tests"}),
        ("Our engineers participate in an on-call rotation after their first three months.", set()),
        ("We hold a short daily sync over video for the distributed team.", set()),
        ("Some weeks are busier than others, but it evens out.", set()),
        ("We ask candidates to complete a small take-home project that mirrors our day-to-day work.", set()),
        ("We have a Jira ticket for every change, which some developers find tedious.", set()),
        ("The team discussed whether to adopt Scrum or stay with Kanban.", set()),
        ("Code is reviewed by peers, and we are experimenting with pair programming.", {"code-review-required"}),
        ("I estimated the project at three months and was asked whether it could be done in two.", set()),
        ("Our company works in six-week cycles followed by a two-week cooldown.", set()),
        ("Standups are async in Slack, so there's no meeting at all.", set()),
        ("Managers routinely ignore engineering estimates and commit to dates with customers.", set()),
        ("The team is constantly understaffed because people keep quitting.", {"high-turnover"}),
        ("When something breaks at night, the whole team gets woken up.", {"on-call-burden"}),
        ("People are afraid to touch the billing code because nobody understands it.", {"poor-code-quality"}),
        ("We release to production whenever the lead feels like it, by running a script on his machine.", {"no-ci"}),
        ("Product asks for features faster than we can build them and bugs pile up.", {"features-over-bugs"}),
        ("There's no QA and no automated tests, so customers find the bugs.", {"no-tests"}),
        ("All new hires get a budget to choose their own hardware.", {"equipment-budget"}),
        ("The interviewer was very new and kept deferring to 'the team' for every question.", {"interviewer-new"}),
        ("Our roadmap changes every week depending on which investor the CEO talked to.", {"unclear-product"}),
        # neutral text
        ("The office is near the station and the coffee is good.", set()),
        ("", set()),
        ("   \n\t ", set()),
    ],
)
def test_examples(matcher, text, expected):
    assert flags(matcher, text) == expected


def test_several_flags_at_once_red_first(matcher):
    text = (
        "Nobody reviews code. Bugs live in people's heads. Standups take 45 minutes. "
        "On the plus side every bug is triaged in Linear and CI runs on each commit."
    )
    result = matcher.match(text)
    ids = [m.id for m in result]
    assert set(ids) >= {"no-code-review", "bugs-untracked", "long-standups", "bugs-tracked", "has-ci"}
    kinds = [m.kind for m in result]
    assert kinds == sorted(kinds, key=lambda k: k != "red")


def test_evidence_offsets_slice_the_exact_input(matcher):
    text = "Intro line.\n  We   had ZERO code review 🙈 and people pushed straight to production!"
    [found] = [m for m in matcher.match(text) if m.id == "no-code-review"]
    assert found.evidence
    for evidence in found.evidence:
        assert text[evidence.start : evidence.end] == evidence.text
    assert any("code review" in e.text for e in found.evidence)
    assert 0 < found.score <= 1


def test_scores_are_between_zero_and_one_and_deterministic(matcher):
    text = "no code review, no tests, no CI, 40 minute standups, everyone quit"
    first = matcher.match(text)
    assert first == matcher.match(text)
    assert all(0 < m.score <= 1 for m in first)


def test_emoji_and_markup_characters(matcher):
    text = "[bold]no code review[/] <script>alert(1)</script> 🚀🚀 a[0] [b"
    result = matcher.match(text)
    assert [m.id for m in result] == ["no-code-review"]
    ev = result[0].evidence[0]
    assert text[ev.start : ev.end] == "no code review"


def test_one_megabyte_input(matcher):
    paragraph = "We push straight to production and nobody writes tests. The weather was nice. 🌧️ " * 12
    text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
    result = matcher.match(text)
    assert {"no-code-review", "no-tests"} <= {m.id for m in result}
    for m in result:
        for e in m.evidence[:5]:
            assert text[e.start : e.end] == e.text


def test_user_cues_extend_the_matcher(tmp_path):
    from prepbot.catalogue import load_catalogue

    path = tmp_path / "mine.yaml"
    path.write_text(
        "flags:\n  - id: no-ci\n    kind: red\n    title: No CI\n    explanation: x\n"
        "    severity: high\n    follow_up: y\n    cues: ['yolo_deploy*']\n"
    )
    custom = load_catalogue([path]).matcher
    assert {m.id for m in custom.match("we yolo deploy on fridays")} == {"no-ci"}


@pytest.mark.parametrize("cue", ["", "@0.5", "a @2", "a @x", "*", "a||b"])
def test_bad_cues_are_rejected(cue):
    with pytest.raises(CueError):
        compile_cue(Vocabulary(), "no-ci", cue)


def test_hyphens_in_cues_and_text_are_word_breaks(tmp_path):
    from prepbot.catalogue import load_catalogue

    path = tmp_path / "mine.yaml"
    path.write_text(
        "flags:\n  - id: no-ci\n    kind: red\n    title: No CI\n    explanation: x\n"
        "    severity: high\n    follow_up: y\n    cues: ['hand-rolled deploy*']\n"
    )
    custom = load_catalogue([path]).matcher
    assert {m.id for m in custom.match("a hand-rolled deployment")} == {"no-ci"}
    assert {m.id for m in custom.match("a hand rolled deployment")} == {"no-ci"}


def test_nobody_tracks_bugs_is_the_negation_of_tracking(matcher):
    assert flags(matcher, "nobody tracks bugs") == {"bugs-untracked"}
    assert flags(matcher, "we track bugs in Jira") == {"bugs-tracked"}
