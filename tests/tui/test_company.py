"""Rounds, the company file and the candidate's weights in the TUI (issue 22), driven by Pilot."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select, Static

from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.store import Store
from prepbot.tui.screens.chat import ChatScreen
from prepbot.tui.screens.company import CompanyExportScreen, CompanyScreen
from prepbot.tui.screens.compare import CompareScreen
from prepbot.tui.screens.home import HomeScreen
from prepbot.tui.screens.new_interview import ROUND_DELAY, NewInterviewScreen
from prepbot.tui.screens.prefs import PrefsScreen
from tests.tui.conftest import text_of
from tests.tui.test_journey import type_text

SIZES = [(80, 24), (120, 40)]
ON_CALL = "paged on weekends and unpaid"


async def new_round(pilot, company: str, persona: str) -> ChatScreen:
    await pilot.press("n")
    screen = pilot.app.screen
    assert isinstance(screen, NewInterviewScreen)
    screen.query_one("#company", Input).value = company
    screen.query_one("#persona", Select).value = persona
    screen.query_one("#date", Input).value = "2026-12-01" if persona == "manager" else "2026-12-08"
    await pilot.pause(ROUND_DELAY + 0.3)  # the form says which round once typing pauses
    await pilot.pause()
    return screen


async def test_two_rounds_then_the_company_screen(make_app):
    async with make_app().run_test(size=(120, 40)) as pilot:
        form = await new_round(pilot, "Acme Corp", "manager")
        assert text_of(form.query_one("#round-info", Static)) == ""  # a first round, no deal-breakers
        await pilot.press("ctrl+s")
        await pilot.pause()
        chat = pilot.app.screen
        assert isinstance(chat, ChatScreen)
        first_id = chat.current_question.id
        await type_text(pilot, ON_CALL)
        await pilot.press("escape")  # home; the note is saved on the way
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)

        # Round 2: the form says so before it starts, with what it will follow up.
        form = await new_round(pilot, "  ACME   corp", "engineer")
        info = text_of(form.query_one("#round-info", Static))
        assert info.startswith("Round 2 with ACME corp. Nothing answered in an earlier round is asked again.")
        assert "Follows up the red flag heard earlier (Heavy on-call burden)" in info
        await pilot.press("ctrl+s")
        await pilot.pause()
        second = pilot.app.screen
        assert isinstance(second, ChatScreen)
        assert first_id not in second.interview.question_ids
        lead = second.conversation.questions[0]
        assert {"on-call-burden", "no-after-hours-contact"} & set(lead.flags)
        assert "engineer" in lead.personas
        asks = [q.ask for q in second.conversation.questions]
        follow_up = load_catalogue().bank.flags["on-call-burden"].follow_up
        assert follow_up in asks
        assert any(n.title == "This round" for n in pilot.app._notifications)
        await pilot.press("escape")
        await pilot.pause()

        # Y on home: the company file of the highlighted interview's company.
        await pilot.press("y")
        await pilot.pause()
        company = pilot.app.screen
        assert isinstance(company, CompanyScreen)
        text = company.text()
        assert text.startswith("COMPANY FILE: ACME corp\n2 rounds")
        assert "Round 1 · 2026-12-01 · manager" in text and "Round 2 · 2026-12-08 · engineer" in text
        assert "✗ RED Heavy on-call burden   rounds: 1 ✗ RED" in text
        assert f'"{ON_CALL}"' in text
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CompanyExportScreen)
        assert pilot.app.screen.query_one("#export-path", Input).value.endswith("acme-corp-company.md")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_weights_screen_sets_a_deal_breaker_that_leads_the_verdict(make_app):
    bank = load_catalogue().bank
    interview = start_interview(bank, "Initech", "", "2026-12-01", "manager", 20)
    interview.set_note(interview.question_ids[0], "We get paged on weekends a lot and it's unpaid.")
    Store().save(interview)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PrefsScreen)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("on-call-burden"))
        await pilot.press("1")
        await pilot.pause()
        assert str(table.get_cell("on-call-burden", "weight")) == "deal-breaker"
        table.move_cursor(row=table.get_row_index("long-standups"))
        await pilot.press("enter")  # cycles: normal -> ignore
        await pilot.pause()
        assert str(table.get_cell("long-standups", "weight")) == "ignore"
        assert app.service.preferences().as_dict() == {"long-standups": "ignore", "on-call-burden": "deal-breaker"}
        summary = app.service.summary(app.service.load(interview.id))
        assert summary.verdict.label.startswith("deal-breaker: Heavy on-call burden")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)


def two_rounds_and_another():
    bank = load_catalogue().bank
    store = Store()
    first = start_interview(bank, "Acme <b>[bold]Corp[/]", "", "2026-12-01", "manager", 20)
    first.set_note(first.question_ids[0], "We get paged on weekends a lot and it's unpaid. 🙈")
    first.id, first.updated_at = "acme00000001", "2026-12-01T10:00:00+00:00"
    second = start_interview(bank, "acme <b>[bold]corp[/]", "", "2026-12-08", "engineer", 20)
    second.set_note(second.question_ids[0], "Every pull request needs two approvals before it merges.")
    second.id, second.updated_at = "acme00000002", "2026-12-08T10:00:00+00:00"
    globex = start_interview(bank, "Globex", "", "2026-12-09", "engineer", 20)
    globex.set_note(globex.question_ids[0], "Nobody reviews code, people push straight to prod.")
    globex.id, globex.updated_at = "globex000001", "2026-12-09T10:00:00+00:00"
    for interview in (first, second, globex):
        store.save(interview)
    return first, second, globex


async def test_the_comparison_by_company(make_app):
    first, second, globex = two_rounds_and_another()
    async with make_app().run_test(size=(120, 40)) as pilot:
        # Home lists Globex, then round 2, then round 1: mark Globex and round 2.
        await pilot.press("space", "down", "space", "c")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        assert [c.id for c in screen.comparison.columns] == [globex.id, second.id]
        await pilot.press("b")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen) and screen.by_company
        assert [c.id for c in screen.comparison.columns] == [globex.id, "company:acme <b>[bold]corp[/]"]
        grid = screen.query_one(DataTable)
        acme = screen.comparison.columns[1].id
        assert str(grid.get_cell("on-call-burden", acme)).startswith("✗ RED")  # heard in round 1
        assert str(grid.get_cell("code-review-required", acme)).startswith("✓ GREEN")  # round 2
        assert "companies (all rounds)" in text_of(screen.query_one("#compare-title", Static))
        assert "<b>[bold]corp[/]" in text_of(screen.query_one("#compare-title", Static))


@pytest.mark.parametrize("size", SIZES)
def test_company_screen_snapshot(snap_compare, make_app, size):
    two_rounds_and_another()

    async def open_company(pilot):
        await pilot.press("down", "y")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=size, run_before=open_company)


@pytest.mark.parametrize("size", SIZES)
def test_prefs_screen_snapshot(snap_compare, make_app, size):
    from prepbot.prefs import Preferences, save_preferences

    save_preferences(Preferences({"on-call-burden": "deal-breaker", "has-tests": "important", "long-standups": "ignore"}))

    async def open_prefs(pilot):
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=size, run_before=open_prefs)


async def test_a_contradiction_in_one_interview_is_shown_and_settled_in_the_chat(make_app):
    from prepbot.tui.screens.summary import SummaryScreen
    from tests.tui.test_in_charge import answer, start

    async with make_app().run_test(size=(120, 40)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "We don't do code reviews here.")
        await answer(pilot, chat, "Every pull request needs two approvals before it merges.")
        lines = chat.finding_list().lines()
        assert "No code review (Q1) [⚠ conflicting: confirm one]" in lines
        assert "Every change is reviewed (Q2) [⚠ conflicting: confirm one]" in lines
        assert pilot.app.service.summary(chat.interview).score == 0
        await pilot.press("f2")
        await pilot.pause()
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        text = summary.text()
        assert "Conflicting: heard both ways, counted neither way (1)" in text
        assert "“We don't do code reviews”" in text and "settle it: " in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+f")
        flags = chat.finding_list()
        flags.highlighted = next(
            i for i in range(flags.option_count) if flags.get_option_at_index(i).id == "code-review-required"
        )
        await pilot.press("c")
        await pilot.pause()
        lines = chat.finding_list().lines()
        assert "Every change is reviewed (Q2) [confirmed]" in lines
        assert "No code review (Q1) [overruled]" in lines
        assert pilot.app.service.summary(chat.interview).score == 3
