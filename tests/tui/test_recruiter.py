"""The recruiter persona in the TUI: chosen with the keyboard in the new-interview form, its plan
leads with the hiring process, pay and time off, and F6 (details) offers it too."""

from __future__ import annotations

from textual.widgets import Input, Select

from prepbot.bank import PERSONAS
from prepbot.tui.screens.chat import ChatScreen
from prepbot.tui.screens.dialogs import DetailsDialog
from prepbot.tui.screens.new_interview import NewInterviewScreen


async def test_new_interview_form_offers_every_persona_and_a_recruiter_plan_leads_with_pay_and_leave(make_app):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        screen = pilot.app.screen
        assert isinstance(screen, NewInterviewScreen)
        select = screen.query_one("#persona", Select)
        assert [value for _, value in select._options] == list(PERSONAS)
        assert ("A recruiter or HR", "recruiter") in select._options
        screen.query_one("#company", Input).value = "Acme"
        select.focus()
        await pilot.press("space")  # open the list (Enter moves on to the next field)
        await pilot.press("down", "down", "down", "enter")  # engineer -> manager -> executive -> recruiter
        await pilot.pause()
        assert select.value == "recruiter"
        await pilot.press("ctrl+s")
        await pilot.pause()
        chat = pilot.app.screen
        assert isinstance(chat, ChatScreen)
        assert chat.interview.persona == "recruiter"
        categories = [q.category for q in chat.interview.questions(chat.service.bank)]
        assert set(categories[:3]) == {"hiring", "pay-and-benefits", "time-off"}
        assert not {"code-review", "ci-cd", "testing", "bug-tracking"} & set(categories)


async def test_the_details_dialog_offers_the_recruiter_persona_too(make_app):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        pilot.app.screen.query_one("#company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, DetailsDialog)
        options = dialog.query_one("#d-persona", Select)._options
        assert [value for _, value in options] == list(PERSONAS)
