"""Real-text wording for the people and process flags (standups, process, product direction, the
interviewer, on-call, overtime, turnover, trivia interviews, deadlines, after-hours contact,
equipment), on sentences of our own: the wording families a cue should know, the other senses of
its words it should not read, and the context that changes what it says.

What is asserted is what `prepbot analyze` shows a user: the flags read from the text.
"""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue
from tests.conftest import found

# -- wording families: many people say the same thing in these ways


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # long standups: a length written before the meeting, long-winded, turning into deep dives
        ("Our team runs 2-hour daily standups.", "long-standups"),
        ("The longwinded standups eat the first hour of every day.", "long-standups"),
        ("Our standups always turn into deep dives on one person's bug.", "long-standups"),
        # no defined process
        ("We don't adhere to any methodology here.", "agile-unfamiliar"),
        ("There is no defined process to follow at all.", "agile-unfamiliar"),
        ("It is pure cowboy coding.", "agile-unfamiliar"),
        ("Our scrum master has no training at all.", "agile-unfamiliar"),
        # unclear product direction
        ("The company direction seems to change weekly.", "unclear-product"),
        ("Leadership keeps changing plans almost every week.", "unclear-product"),
        ("The founders had no idea what they were doing.", "unclear-product"),
        ("The cofounders couldn't agree on what we were building.", "unclear-product"),
        ("There is no focus on the core product.", "unclear-product"),
        ("The CEO does not have a long term plan.", "unclear-product"),
        ("We never talk to customers.", "unclear-product"),
        # an interviewer who cannot speak to the job
        ("The recruiter couldn't answer any of my questions.", "interviewer-new"),
        # on-call burden
        ("The on-call engineer is responsible for fixing outages outside of normal business hours.", "on-call-burden"),
        ("I was on a week-on, week-off rotation.", "on-call-burden"),
        ("We get regular out of hours calls.", "on-call-burden"),
        ("Support is on call 24/7 with a pager.", "on-call-burden"),
        ("I kept getting up at 3 in the morning to restart the server.", "on-call-burden"),
        ("The on-call rotation is a recipe for burnout.", "on-call-burden"),
        # overtime expected
        ("Overtime is no longer optional on this team.", "overtime-expected"),
        ("The job ad says we work 6 days a week in the office.", "overtime-expected"),
        ("Most of us end up working weekends before a release.", "overtime-expected"),
        ("Everyone stays until midnight before a launch.", "overtime-expected"),
        ("They want someone willing to work long hours.", "overtime-expected"),
        ("I get called in after 6 pm and on weekends.", "overtime-expected"),
        # high turnover
        ("Both of my teammates quit within a month.", "high-turnover"),
        ("People are leaving the team in droves.", "high-turnover"),
        ("The company is haemorrhaging talent.", "high-turnover"),
        ("Of the six people hired with me, only 1 is still there.", "high-turnover"),
        ("There has been a string of departures this year.", "high-turnover"),
        # trivia interviews
        ("They asked me to explain OOP concepts.", "trivia-interview"),
        # realistic deadlines
        ("We always include buffer time in our estimates.", "realistic-deadlines"),
        ("Leadership chose to descope instead of slipping the date.", "realistic-deadlines"),
        ("We flex scope when the date is fixed.", "realistic-deadlines"),
        ("We never ship features until they're ready.", "realistic-deadlines"),
        # evenings and holidays protected
        ("We get an extra day off for every week on call.", "no-after-hours-contact"),
        ("The on-call comes with a bit of extra money.", "no-after-hours-contact"),
        ("Our managers respect our family time.", "no-after-hours-contact"),
        # equipment budget
        ("Everyone gets a stipend for home office furniture.", "equipment-budget"),
        ("The company bought my laptop and two monitors.", "equipment-budget"),
        ("New hires are issued a MacBook on day one.", "equipment-budget"),
        ("HR offered help with work-from-home equipment.", "equipment-budget"),
        ("They will buy you a new laptop when you join.", "equipment-budget"),
        ("We can expense any hardware we need.", "equipment-budget"),
        # more ways people put the same things
        ("Everything is ad hoc.", "agile-unfamiliar"),
        ("Nobody knows who the customer is.", "unclear-product"),
        ("Leadership has no vision.", "unclear-product"),
        ("Management can't decide what the product should be.", "unclear-product"),
        ("We're building a solution looking for a problem.", "unclear-product"),
        ("The interviewer had no idea what the role involved.", "interviewer-new"),
        ("I got paged three times last night.", "on-call-burden"),
        ("I had to take my laptop on my honeymoon.", "on-call-burden"),
        ("I haven't had a vacation without being contacted in years.", "on-call-burden"),
        ("No one goes home before 8pm.", "overtime-expected"),
        ("I'm the last one left from my original team.", "high-turnover"),
        ("They keep losing people.", "high-turnover"),
        ("Good engineers leave after a year.", "high-turnover"),
        ("The technical interview was basically a vocabulary test.", "trivia-interview"),
        ("They grilled me on design pattern names.", "trivia-interview"),
        ("Our PM protects us from unrealistic deadlines.", "realistic-deadlines"),
        ("Leadership is fine with slipping a release if quality needs it.", "realistic-deadlines"),
        ("They never impose deadlines without asking the team.", "realistic-deadlines"),
        ("On call pay is generous.", "no-after-hours-contact"),
        ("We get a comp day after every on-call week.", "no-after-hours-contact"),
        ("We don't do after-hours support.", "no-after-hours-contact"),
        ("Our morning standups have become hour-long meetings.", "long-standups"),
        ("People ramble in standup for ages.", "long-standups"),
        ("Our standups are long and pointless.", "long-standups"),
        ("Our standup always runs over.", "long-standups"),
        ("Each engineer is on call every other weekend.", "on-call-burden"),
        ("I'm the only one on the on-call rotation.", "on-call-burden"),
        ("The pager wakes me up most nights.", "on-call-burden"),
        ("My phone has to be on at all times.", "on-call-burden"),
        ("The on-call load is crushing.", "on-call-burden"),
        ("The support phone is forwarded to my cell on weekends.", "on-call-burden"),
        ("I had to cancel my vacation because of a production issue.", "on-call-burden"),
        ("Whoever covers nights is compensated and given time to rest afterwards.", "no-after-hours-contact"),
        ("Our manager asks us how long things will take before promising anything.", "realistic-deadlines"),
        ("Product listens when engineering says something will take longer.", "realistic-deadlines"),
        ("Dates are set after engineering sizes the work.", "realistic-deadlines"),
        ("We ship when it's ready, not on an arbitrary date.", "realistic-deadlines"),
        ("We don't have on-call.", "no-after-hours-contact"),
        ("Laptop and monitor of your choice.", "equipment-budget"),
        ("A top-spec laptop on day one.", "equipment-budget"),
        ("They sent a junior developer who knew nothing about the role.", "interviewer-new"),
    ],
)
def test_wording_family_is_read(matcher, text, flag):
    assert flag in found(matcher, text)


# -- other senses of a cue's words, and words that name a consequence, not the practice


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("I've done a fair bit of on-call in my career.", "no-after-hours-contact"),  # "fair" as in "a fair amount"
        ("Let's figure out ways to reduce that time.", "realistic-deadlines"),  # time spent, not a schedule
        ("Burnout is a real risk in any job.", "overtime-expected"),  # burnout alone names no long hours
        ("My boss sometimes makes late night phone calls to me.", "overtime-expected"),  # calls at night: on-call
        ("They will give us an idea of how you work.", "equipment-budget"),  # "give us" without equipment
        ("Our direction is clear and it has not changed in years.", "unclear-product"),
        ("I had to buy my own monitor.", "equipment-budget"),  # the employee pays
        ("Everyone leaves at 5pm.", "high-turnover"),  # leaving for the day
        ("People rarely leave; our average tenure is six years.", "high-turnover"),
        ("Only 2 of us stayed late on Friday.", "high-turnover"),  # staying late, not staying on
        ("I canceled my trip because of a family issue.", "on-call-burden"),
        ("No one person is on call more than half the time.", "no-after-hours-contact"),  # a rule, not an absence
        ("Our standup is short and nobody rambles.", "long-standups"),
        ("We don't have any on-call documentation.", "no-after-hours-contact"),
        ("I knew nothing about the role before applying.", "interviewer-new"),  # the candidate, not the interviewer
        ("Deadlines are arbitrary and imposed by sales.", "realistic-deadlines"),
    ],
)
def test_other_sense_is_not_read(matcher, text, flag):
    assert flag not in found(matcher, text)


def test_late_night_calls_read_as_on_call_not_overtime(matcher):
    flags = found(matcher, "My boss sometimes makes late night phone calls to me.")
    assert "on-call-burden" in flags and "overtime-expected" not in flags


# -- feelings about a practice are not its absence


def test_not_missing_on_call_is_not_a_protected_evening(matcher):
    assert "no-after-hours-contact" not in found(matcher, "I don't miss being on call.")


def test_not_minding_a_paid_on_call_reads_the_green_flag(matcher):
    flags = found(matcher, "I don't mind the on-call since it pays a bit of extra money.")
    assert "no-after-hours-contact" in flags and "on-call-burden" not in flags


def test_no_backup_is_not_a_negated_on_call(matcher):
    flags = found(matcher, "Small company, so no backup (on call 24/7 even on holiday).")
    assert "on-call-burden" in flags and "no-after-hours-contact" not in flags


# -- hypotheticals and the candidate's own questions state nothing


@pytest.mark.parametrize(
    "text",
    [
        "If the standups ever ran for an hour, I would quit.",
        "Imagine a team where people quit in droves.",
        "I asked whether the interviewer had trivia questions.",
    ],
)
def test_hypotheticals_and_questions_state_nothing(matcher, text):
    assert found(matcher, text) == set()


# -- a question put to the candidate is the finding for a flag about interview questions


@pytest.mark.parametrize(
    "text",
    [
        "I was asked about singletons, dependency injection, and Big O notation.",
        "They asked me whether I could define polymorphism.",
    ],
)
def test_question_put_to_the_candidate_reads_trivia(matcher, text):
    assert "trivia-interview" in found(matcher, text)


@pytest.mark.parametrize(
    "text",
    [
        "I asked whether the interviewer had trivia questions.",  # the candidate's own question
        "I asked them about trivia questions in their process.",
        "They asked me if I write tests.",  # a question put to the candidate reads no other flag
        "I was asked about my last project.",
    ],
)
def test_other_questions_state_nothing(matcher, text):
    assert found(matcher, text) == set()


def test_asked_flags_survive_the_catalogue_cache():
    from prepbot.matching.context_rules import ContextRules

    rules = load_catalogue().matcher.rules
    again = ContextRules.from_mapping(rules.as_mapping())
    assert again.asked_flags == rules.asked_flags == frozenset({"trivia-interview"})
    assert again.asked_passive == rules.asked_passive


# -- a condition the cue spells out itself is not a hypothetical


def test_even_if_it_means_overtime_is_a_demand(matcher):
    assert "overtime-expected" in found(matcher, "My manager wants the feature this sprint even if it means a lot of overtime.")


def test_a_plain_condition_still_says_nothing(matcher):
    assert "overtime-expected" in found(matcher, "They expect overtime.")
    assert "overtime-expected" not in found(matcher, "If they expect overtime, I would leave.")


# -- the trade as a whole, a generic subject, a scenario: not this team


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Crunch is common in the industry and means months of long hours.", "overtime-expected"),
        ("Asking people to work 60 hours a week is a recipe for failure.", "overtime-expected"),
        ("Let's say you join a team where everyone works weekends.", "overtime-expected"),
        ("On-call pay is modest at most companies.", "no-after-hours-contact"),
    ],
)
def test_general_statements_read_nothing(matcher, text, flag):
    assert flag not in found(matcher, text)


def test_the_same_words_about_this_team_are_read(matcher):
    assert "overtime-expected" in found(matcher, "Our team works weekends every month.")


# -- recency is the interviewer's, not the writer's or a colleague's


@pytest.mark.parametrize(
    "text",
    [
        "I just joined a startup and the codebase is a mess.",
        "I'm new here, so bear with me.",
        "I only started two weeks ago.",
        "Our whole leadership team was recently hired.",
    ],
)
def test_the_writers_own_recency_is_not_the_interviewers(matcher, text):
    assert "interviewer-new" not in found(matcher, text)


@pytest.mark.parametrize(
    "text",
    [
        "The interviewer had just joined the company.",
        "The hiring manager had only been there for three weeks.",
        "My interviewer was new to the team herself.",
        "The interviewer joined last month.",
    ],
)
def test_the_interviewers_recency_is_read(matcher, text):
    assert "interviewer-new" in found(matcher, text)


def test_a_reporting_verb_does_not_wake_the_reader(matcher):
    # "said" is an everyday word: the sentence after a bare topic question is not read on its own account
    assert "no-tests" not in {m.id for m in matcher.match("no tests? they said they have plenty")}


# -- other senses, per flag (context.yaml `other_senses`), and everyday words that are not the topic


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Many people left the meeting early.", "high-turnover"),
        ("Most developers left comments on the design doc.", "high-turnover"),
        ("Customer churn is high this quarter.", "high-turnover"),
        ("I don't know who the customer success manager is.", "unclear-product"),
        ("Turnover of inventory is high in retail.", "high-turnover"),
        ("We pivoted the table in the spreadsheet.", "unclear-product"),
        ("Support only takes calls during business hours.", "on-call-burden"),
        ("You can message the team during working hours.", "on-call-burden"),
        ("Our customers are online 24/7, so the service must be available around the clock.", "on-call-burden"),
        ("The office is open 7 days a week.", "overtime-expected"),
        ("We adjusted the deadline reminder emails.", "realistic-deadlines"),
        # "daily" as an adverb is not the daily meeting
        ("We deploy daily and each build takes about 25 minutes.", "long-standups"),
        ("I spend 30 minutes daily reviewing pull requests.", "long-standups"),
        # words inside longer words, and everyday technical phrases
        ("We build a desktop app with a monitoring dashboard.", "equipment-budget"),
        ("Adjust your build scripts accordingly.", "realistic-deadlines"),
        ("Here is a list of all configuration options.", "trivia-interview"),
        ("The function reads from a file and returns no answers when it is empty.", "interviewer-new"),
        ("You don't need to read the whole manual.", "no-after-hours-contact"),
        ("They provide a setup script for new repos.", "equipment-budget"),
        ("Our CI works every night.", "overtime-expected"),
        ("We know exactly what problem we're solving for our customers.", "unclear-product"),
        ("We built three products that customers love.", "unclear-product"),
        ("We discussed the time complexity of our algorithm at lunch.", "trivia-interview"),
        ("The app supports the latest hardware.", "equipment-budget"),
        ("I left my company laptop at the office.", "equipment-budget"),
        ("Our unit tests give good coverage of the parser.", "equipment-budget"),  # coverage is not "covered"
        ("The company has a clear direction.", "unclear-product"),
        ("People keep leaving comments on my PRs.", "high-turnover"),
        ("Turnover is not a problem here; people stay for years.", "high-turnover"),
        ("You shouldn't be expected to attend calls on days you're not working.", "overtime-expected"),
        ("Our CI pipeline runs daily and takes over an hour.", "long-standups"),
    ],
)
def test_another_sense_reads_nothing(matcher, text, flag):
    assert flag not in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Half the team left.", "high-turnover"),
        ("Turnover is high.", "high-turnover"),
        ("They call me on weekends.", "on-call-burden"),
        ("Must be available for on-call on weekends.", "on-call-burden"),
        ("Our daily takes 45 minutes.", "long-standups"),
        ("Daily standups take 45 minutes.", "long-standups"),
        ("We work 6 days a week.", "overtime-expected"),
        ("The company gave me a new monitor and a standing desk.", "equipment-budget"),
        ("They made me list all HTTP status codes.", "trivia-interview"),
        ("Nobody is expected to check Slack on weekends.", "no-after-hours-contact"),
        ("The company provides a full home office setup.", "equipment-budget"),
        ("The interviewer read off a list of questions and my questions went unanswered.", "interviewer-new"),
        ("There is a strong hustle culture here.", "overtime-expected"),
        ("Weekends are often sacrificed for releases.", "overtime-expected"),
        ("We were forced to work over Christmas.", "overtime-expected"),
        ("I worked every weekend for a month to ship the feature.", "overtime-expected"),
        ("Everyone is burnt out from the hours.", "overtime-expected"),
        ("My manager emails at midnight and expects a response by morning.", "on-call-burden"),
        ("People are constantly leaving for better pay.", "high-turnover"),
        ("In the past year we lost our CTO, two team leads and four engineers.", "high-turnover"),
        ("Staff turnover is a real problem.", "high-turnover"),
        ("New hires rarely make it past six months.", "high-turnover"),
        ("There's a constant stream of goodbye emails.", "high-turnover"),
        ("The team has no idea what a sprint is.", "agile-unfamiliar"),
        ("Management thinks agile means no planning.", "agile-unfamiliar"),
        ("We've built three different products in two years, none of them sold.", "unclear-product"),
        ("Nobody can say who our target users are.", "unclear-product"),
        ("The product strategy changes with every new executive.", "unclear-product"),
        ("We don't really know what problem we're solving.", "unclear-product"),
        ("The company is in search of a business model.", "unclear-product"),
        ("We spent a year building something nobody wanted.", "unclear-product"),
        ("The technical round was pure memorization.", "trivia-interview"),
        ("I was asked what the time complexity of quicksort is.", "trivia-interview"),
        # benefit lists in job ads
        ("- MacBook Pro or Linux laptop, your choice", "equipment-budget"),
        ("- Top-notch equipment", "equipment-budget"),
        ("- New laptop every 3 years", "equipment-budget"),
        ("- We never expect responses outside working hours", "no-after-hours-contact"),
        ("- We plan in quarters and adjust when needed", "realistic-deadlines"),
        # review cons and pros
        ("Cons: on-call is rough", "on-call-burden"),
        ("Cons: no direction", "unclear-product"),
        ("Cons: lack of vision", "unclear-product"),
        ("Pros: good equipment", "equipment-budget"),
    ],
)
def test_the_flag_sense_is_still_read(matcher, text, flag):
    assert flag in found(matcher, text)


def test_another_sense_also_keeps_the_classifier_off_the_flag(matcher):
    reading = matcher.reading("Customer churn is high this quarter.")
    assert "high-turnover" in reading.blocked and not any(h.flag_id == "high-turnover" for h in reading.hits)


def test_other_senses_name_real_flags_and_survive_the_cache():
    from prepbot.matching.context_rules import ContextRules

    catalogue = load_catalogue()
    rules = catalogue.matcher.rules
    assert set(rules.other_senses) <= set(catalogue.bank.flags)
    assert ContextRules.from_mapping(rules.as_mapping()).other_senses == rules.other_senses


# -- "in practice" in the clause after a green cue: the practice is there in name only


def test_in_practice_in_the_next_clause_takes_the_green_back(matcher):
    assert "realistic-deadlines" in found(matcher, "Deadlines here are flexible.")
    assert "realistic-deadlines" not in found(matcher, "They say deadlines are flexible, but in practice they never move.")
