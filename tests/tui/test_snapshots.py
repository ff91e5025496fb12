"""Snapshots of every screen at 80x24 and 120x40 (update with: pytest --snapshot-update)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.store import Store

SIZES = [(80, 24), (120, 40)]


def saved_interview():
    bank = load_catalogue().bank
    interview = start_interview(bank, "Acme <script>[bold]Corp[/]", "Backend 🙈", "2026-12-01", "engineer", 20)
    interview.set_note(interview.question_ids[0], "Nobody reviews code, people push straight to prod.")
    interview.set_note(interview.question_ids[1], "Every bug is triaged in Jira. Standups take 40 minutes.")
    interview.move_to(2)
    Store().save(interview)
    return interview


@pytest.fixture
def app(make_app):
    return make_app(cursor_blink=False)


@pytest.mark.parametrize("size", SIZES)
def test_home_empty(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_home_with_an_interview(snap_compare, make_app, size):
    saved_interview()
    assert snap_compare(make_app(cursor_blink=False), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_new_interview(snap_compare, app, size):
    async def fill(pilot):
        await pilot.press("n")
        pilot.app.screen.query_one("#company", Input).value = "Acme"
        pilot.app.screen.query_one("#date", Input).value = "2026-12-01"
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=fill)


@pytest.mark.parametrize("size", SIZES)
def test_chat_with_live_flags(snap_compare, make_app, size):
    saved_interview()

    async def resume_and_type(pilot):
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("#note", TextArea).load_text("no tests at all, [b]QA[/b] clicks through <script>")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=size, run_before=resume_and_type)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, make_app, size):
    saved_interview()

    async def open_summary(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=size, run_before=open_summary)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, press=["f1"])


def test_chat_in_a_16_colour_ansi_theme(snap_compare, make_app):
    """The terminal's own 16 colours; flags still carry their ✗ RED / ✓ GREEN labels."""
    saved_interview()

    async def resume(pilot):
        pilot.app.theme = "ansi-dark"
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("#note", TextArea).load_text("no tests at all; every PR needs an approval")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=(80, 24), run_before=resume)


def corrected_interview():
    """The saved interview with one flag dismissed (struck through, "dismissed") and one confirmed."""
    interview = saved_interview()
    interview.correct("long-standups", "dismissed", "they meant the old team", evidence=("Standups take 40 minutes",))
    interview.correct("no-code-review", "confirmed")
    Store().save(interview)
    return interview


@pytest.mark.parametrize("size", SIZES)
def test_chat_plan_and_correction_controls(snap_compare, make_app, size):
    """The plan beside the chat (status, current marked) and the flag list focused with its keys."""
    corrected_interview()

    async def resume_and_select_a_flag(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+f", "down")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=size, run_before=resume_and_select_a_flag)


@pytest.mark.parametrize("size", SIZES)
def test_summary_with_corrections(snap_compare, make_app, size):
    corrected_interview()

    async def open_summary(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=size, run_before=open_summary)


def test_why_a_flag_was_read(snap_compare, make_app):
    saved_interview()

    async def why(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+f", "enter")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=(80, 24), run_before=why)


def test_add_a_flag_dialog(snap_compare, make_app):
    saved_interview()

    async def add(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=(80, 24), run_before=add)


def test_chat_at_60x20(snap_compare, make_app):
    """Narrow: the chat takes the width; the plan and the flags are a key away (Ctrl+L / Ctrl+F)."""
    saved_interview()

    async def resume(pilot):
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=(60, 20), run_before=resume)


def test_new_interview_at_60x20(snap_compare, app):
    async def fill(pilot):
        await pilot.press("n")
        pilot.app.screen.query_one("#company", Input).value = "Acme"
        pilot.app.screen.query_one("#date", Input).value = "2026-12-01"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(60, 20), run_before=fill)


def test_corrections_without_colour(snap_compare, make_app, monkeypatch):
    """NO_COLOR: ✗ RED / ✓ GREEN, struck-through "dismissed", ▶ and ✓/–/· in the plan still tell it all."""
    corrected_interview()
    monkeypatch.setenv("NO_COLOR", "1")

    async def resume(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()

    assert snap_compare(make_app(cursor_blink=False), terminal_size=(80, 24), run_before=resume)
