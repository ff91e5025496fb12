"""Real-text reading of the people, time and product flags, fifth pass: conditions and the rules they
set (handbook rules read as the rule they state; a plain hypothetical or the candidate's own
condition states nothing), other senses of the cue words, and wording families, on sentences of
our own.

What is asserted is what `prepbot analyze` shows a user: the flags read from the text.
"""

from __future__ import annotations

import pytest

from tests.conftest import found

# -- a condition and the rule it sets: the rule is read as stated


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # the rule after the condition, with or without a comma
        ("If you're on vacation, stay off Slack.", "no-after-hours-contact"),
        ("If you get paged at night you take the morning off.", "no-after-hours-contact"),
        ("If someone is paged overnight, they get the following day off.", "no-after-hours-contact"),
        ("If a deadline slips we cut scope.", "realistic-deadlines"),
        ("When a release is near we work weekends.", "overtime-expected"),
        ("Unless it is an emergency nobody calls you on vacation.", "no-after-hours-contact"),
        ("Even if you are on leave you are expected to answer the phone on vacation.", "on-call-burden"),
    ],
)
def test_the_rule_a_condition_sets_is_read(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # a hypothetical: a modal makes the rule unreal, with or without a comma
        ("If we had more people we could stop working weekends.", "overtime-expected"),
        ("If we had more people, we could stop working weekends.", "overtime-expected"),
        ("If the budget were bigger, we would cut scope instead of slipping.", "realistic-deadlines"),
        # the candidate's own condition: the cue sits in the condition
        ("If they ask me to work weekends I'd decline.", "overtime-expected"),
        # the cue in a reported question inside the condition, or "you" as an object
        ("If anyone asks whether we work weekends the answer is no.", "overtime-expected"),
        ("If the boss asks you to work weekends you can say no.", "overtime-expected"),
        ("If someone tells you we work weekends, they are wrong.", "overtime-expected"),
    ],
)
def test_a_hypothetical_or_own_condition_states_nothing(matcher, text, flag):
    assert flag not in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # the reader addressed as an employer or a job seeker, the trade as a whole: every clause
        ("If your employees work weekends, they will burn out.", "overtime-expected"),
        ("If you are hiring, don't ask people to work weekends.", "overtime-expected"),
        ("If your managers never value refactoring, you should leave.", "features-over-bugs"),
        ("In the games industry, crunch is considered normal.", "overtime-expected"),
        ("The modern technical interview is a test of rote memorization.", "trivia-interview"),
    ],
)
def test_general_openers_and_past_times_state_nothing_now(matcher, text, flag):
    assert flag not in found(matcher, text)


def test_the_state_found_on_joining_is_read(matcher):
    # "when I joined, ..." tells the state the writer found, not a condition
    assert "overtime-expected" in found(matcher, "When I joined, everyone worked weekends before each release.")


def test_a_rule_and_its_hypothetical_differ_by_the_modal(matcher):
    assert "overtime-expected" in found(matcher, "When a launch is close we work weekends.")
    assert "overtime-expected" not in found(matcher, "When a launch is close we might work weekends.")


# -- other senses and readings the wrong way round


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("The legacy billing module is riddled with bugs.", "trivia-interview"),
        ("We build the most important features first, as the customer ranks them.", "features-over-bugs"),
        ("We still have to decide what kind of compensation on-call gets.", "no-after-hours-contact"),
        ("You get a laptop but there is no choice of model.", "equipment-budget"),
        ("Please log off Slack and email while you are on holiday.", "on-call-burden"),
        ("Messages sent after hours can wait until the morning.", "on-call-burden"),
        ("Nobody should expect you to answer calls on days you're not working.", "on-call-burden"),
    ],
)
def test_other_senses_are_not_read(matcher, text, flag):
    assert flag not in found(matcher, text)


def test_a_judgement_negates_nothing(matcher):
    # "not cool to" judges what happens: the on-call load is there
    assert "on-call-burden" in found(matcher, "It is not cool to spend half your time on call.")
    assert "no-after-hours-contact" not in found(matcher, "It is not cool to spend half your time on call.")


# -- wording families


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Only two of us are on the rotation, so it comes round all the time.", "on-call-burden"),
        ("Texts from my manager arrive at all hours.", "on-call-burden"),
        ("Alerts go off at ungodly hours.", "on-call-burden"),
        ("The on-call pay is a joke for a whole week on standby.", "on-call-burden"),
        ("I got called in on Christmas Day to fix the checkout.", "on-call-burden"),
        ("I rarely sleep through the night during my on-call week.", "on-call-burden"),
        ("Weekends are sacred here.", "no-after-hours-contact"),
        ("Vacation means vacation: nobody will ping you.", "no-after-hours-contact"),
        ("I uninstalled Slack from my phone for the whole holiday.", "no-after-hours-contact"),
        ("After a night page, you get the next day off.", "no-after-hours-contact"),
        ("Leaving at five gets you dirty looks.", "overtime-expected"),
        ("Working just your contracted hours is seen as lazy.", "overtime-expected"),
        ("I was coding until 1am most nights that month.", "overtime-expected"),
    ],
)
def test_wording_families(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("We are constantly pushed to move on to the next feature.", "features-over-bugs"),
        ("Only new features get you promoted; bug fixes count for nothing.", "features-over-bugs"),
        ("Refactoring never makes it onto the roadmap.", "features-over-bugs"),
        ("The same date-parsing helper exists in four different places.", "poor-code-quality"),
        ("Nobody understands how the billing code works anymore.", "poor-code-quality"),
        ("Error handling differs from file to file.", "poor-code-quality"),
        ("Our standups are never under 20 minutes.", "long-standups"),
        ("Sales checks with the engineers before promising any dates.", "realistic-deadlines"),
        ("Our manager shields the team from pressure from above.", "realistic-deadlines"),
        ("Each employee can spend up to $500 per year on home office gear.", "equipment-budget"),
        ("We have a monthly credit for equipment.", "equipment-budget"),
        ("They asked which monitor I wanted and ordered it.", "equipment-budget"),
        ("Only one engineer is left of the original four.", "high-turnover"),
        ("There has been a wave of resignations on the ops team.", "high-turnover"),
        ("The hiring manager was nowhere to be seen.", "interviewer-new"),
        ("All the interviewers had left the company before I started.", "interviewer-new"),
        ("The interviewer couldn't say where the company would be in five years.", "unclear-product"),
    ],
)
def test_wording_families_of_the_other_people_flags(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("There are lots of departures from the airport every morning.", "high-turnover"),
        ("Everyone who can leave early on Friday does.", "high-turnover"),
        ("The difference between TCP and UDP matters for our game servers.", "trivia-interview"),
        ("You can spend up to $1000 per year on conferences.", "equipment-budget"),
        ("We have duplicate tickets everywhere.", "poor-code-quality"),
        ("I took the next day off to go to a wedding.", "no-after-hours-contact"),
        ("Most of the time the on-call week is quiet.", "on-call-burden"),
    ],
)
def test_new_wording_keeps_off_other_senses(matcher, text, flag):
    assert flag not in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # handbook rules: the condition names the case, the rule after it is read
        ("If you work on a weekend, you get a day off in lieu.", "no-after-hours-contact"),
        ("If you are paged outside working hours, you can claim the time back.", "no-after-hours-contact"),
        ("When you're on holiday, nobody will contact you.", "no-after-hours-contact"),
        ("If the site goes down at night, you are expected to fix it even on vacation.", "on-call-burden"),
        ("Whenever there's a release, we all work through the weekend.", "overtime-expected"),
        ("If the estimate doesn't fit the date, we move the date.", "realistic-deadlines"),
        ("If you need a monitor, just expense it.", "equipment-budget"),
    ],
)
def test_handbook_rules_after_a_condition(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("If we ever had to work weekends, we would get paid double.", "overtime-expected"),
        ("If I had known about the weekend work, I would not have joined.", "overtime-expected"),
        ("If management listened to estimates, we could hit our dates.", "realistic-deadlines"),
        ("If standups ran an hour I would quit.", "long-standups"),
        ("If I were on call, I would hate it.", "on-call-burden"),
    ],
)
def test_hypotheticals_and_generic_conditions_state_nothing(matcher, text, flag):
    assert flag not in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("The 15-minute standup routinely takes 45.", "long-standups"),
        ("The daily call often eats the whole first hour.", "long-standups"),
        ("We stand for half an hour every morning.", "long-standups"),
        ("Nothing in the interview related to the actual job.", "trivia-interview"),
        ("My interviewer had joined the company the week before.", "interviewer-new"),
        ("The hiring manager was only three weeks into the job.", "interviewer-new"),
        ("None of the interviewers had been there longer than a month.", "interviewer-new"),
        ("I'm the longest-serving developer after eight months.", "high-turnover"),
        ("Deadlines are set by the people doing the work.", "realistic-deadlines"),
        ("Our estimates are respected.", "realistic-deadlines"),
    ],
)
def test_more_wording_families(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # comedy, sport, food, quiz nights, doctors, another trade's equipment: other senses of the cue words
        ("We went to a two-hour stand-up comedy show after work.", "long-standups"),
        ("I take a daily 30 minute walk at lunch.", "long-standups"),
        ("The on-call doctor was exhausted after a brutal night shift.", "on-call-burden"),
        ("I wrote a one-pager over the weekend.", "on-call-burden"),
        ("I had jury duty every day last week.", "on-call-burden"),
        ("The game often goes to overtime.", "overtime-expected"),
        ("We won in double overtime.", "overtime-expected"),
        ("I always crunch the numbers before the meeting.", "overtime-expected"),
        ("The credit crunch hit the whole economy.", "overtime-expected"),
        ("The team committed lots of turnovers in the second half.", "high-turnover"),
        ("We have a trivia night every Friday.", "trivia-interview"),
        ("Our team won the pub trivia again.", "trivia-interview"),
        ("The gym provides all the equipment.", "equipment-budget"),
        ("We provide hardware and software solutions to hospitals.", "equipment-budget"),
        ("The help desk gives you a ticket number.", "equipment-budget"),
        ("She is the chair of the committee and gets a vote.", "equipment-budget"),
        ("We provide tools to monitor production.", "equipment-budget"),
        ("The company provides setup scripts for new projects.", "equipment-budget"),
        ("The team really kicked into gear after the launch.", "equipment-budget"),
        ("I got a degree in computer science.", "equipment-budget"),
        ("We had spaghetti for lunch at the offsite.", "poor-code-quality"),
        ("He was the MVP of the tournament three times.", "unclear-product"),
        ("We have flexible hours.", "realistic-deadlines"),
        ("The paid vacation is generous.", "no-after-hours-contact"),
        ("The weekend nurse is on call for the ward.", "on-call-burden"),
        ("The train left the station late.", "high-turnover"),
        ("The new interviewer training is next week.", "interviewer-new"),
        ("The new features are great.", "features-over-bugs"),
    ],
)
def test_other_senses_of_everyday_words(matcher, text, flag):
    assert flag not in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # legacies and debts of other kinds, habits given up, vehicles, forms' deadlines, work done for fun or in a
        # student job, nightly builds: none of them is the team's practice
        ("The founder left a legacy of kindness.", "poor-code-quality"),
        ("Student debt is a huge problem for young engineers.", "poor-code-quality"),
        ("The kitchen is a mess after the party.", "poor-code-quality"),
        ("Half the team left for lunch at noon.", "high-turnover"),
        ("Many people quit smoking this year.", "high-turnover"),
        ("Several people left early for the holidays.", "high-turnover"),
        ("Three people left comments on my pull request.", "high-turnover"),
        ("The bus changed direction twice.", "unclear-product"),
        ("We pivoted the spreadsheet to see totals by month.", "unclear-product"),
        ("Our customers love the new release.", "unclear-product"),
        ("The tax deadline moved to April.", "realistic-deadlines"),
        ("They extended the application deadline for the scholarship.", "realistic-deadlines"),
        ("We worked late into the night at the hackathon for fun.", "overtime-expected"),
        ("I worked weekends in college as a waiter.", "overtime-expected"),
        ("I check my email on vacation because I like to.", "on-call-burden"),
        ("We protect our customers' data at all times.", "no-after-hours-contact"),
        ("I bought a new laptop for myself.", "equipment-budget"),
        ("The customer bought a new laptop from our store.", "equipment-budget"),
        ("The bug bounty focuses on new features.", "features-over-bugs"),
        ("I asked the candidate what a closure is and he explained it well.", "trivia-interview"),
        ("The new CEO joined last month.", "interviewer-new"),
        ("Our daily backup takes an hour.", "long-standups"),
        ("The daily build takes 40 minutes.", "long-standups"),
    ],
)
def test_more_other_senses(matcher, text, flag):
    assert flag not in found(matcher, text)


def test_features_first_needs_more_than_a_focus(matcher):
    assert "features-over-bugs" not in found(matcher, "Next quarter focuses on new features for the mobile app.")
    assert "features-over-bugs" in found(matcher, "Management only cares about new features.")


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # other ways to state a condition and its rule: "should you ...", "whoever ...", "as long as ..."
        ("Should you be paged at night, you can take the next day off.", "no-after-hours-contact"),
        ("Whoever is on call gets a stipend.", "no-after-hours-contact"),
        ("As long as you are on vacation, nobody will contact you.", "no-after-hours-contact"),
        ("Anyone paged after midnight can start late the next day.", "no-after-hours-contact"),
        ("Whenever a deadline looms we all stay late.", "overtime-expected"),
        ("If you are on call you have to answer within five minutes, even at 3am.", "on-call-burden"),
    ],
)
def test_other_forms_of_a_rule(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Should we ever need weekend work, it would be paid double.", "overtime-expected"),
        ("Suppose we had to work weekends, would you?", "overtime-expected"),
        ("I'd quit if they made us work weekends.", "overtime-expected"),
        ("If I had to be on call every other week, I would quit.", "on-call-burden"),
    ],
)
def test_other_forms_of_a_hypothetical(matcher, text, flag):
    assert flag not in found(matcher, text)
