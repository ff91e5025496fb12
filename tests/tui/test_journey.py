"""The whole journey through the real app, driven by Pilot."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static, TextArea

from prepbot.store import Store
from prepbot.tui.screens.chat import ChatScreen
from prepbot.tui.screens.help import HelpScreen
from prepbot.tui.screens.home import HomeScreen
from prepbot.tui.screens.new_interview import NewInterviewScreen
from prepbot.tui.screens.summary import SummaryScreen
from prepbot.tui.widgets.chat_message import ChatMessage
from tests.tui.conftest import text_of

ODD = "[bold]x[/] [/ a[0] [b [link=x]y[/link] <script>alert(1)</script> 🙈"


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def start_interview(pilot, company: str = "Acme") -> None:
    await pilot.press("n")
    assert isinstance(pilot.app.screen, NewInterviewScreen)
    pilot.app.screen.query_one("#company", Input).value = company
    pilot.app.screen.query_one("#role", Input).value = "Backend"
    pilot.app.screen.query_one("#date", Input).value = "2026-12-01"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChatScreen)


async def test_home_empty_state_tells_what_to_do(make_app):
    async with make_app().run_test() as pilot:
        assert isinstance(pilot.app.screen, HomeScreen)
        assert pilot.app.screen.query_one("#empty").display
        assert "Press N to prepare your first one" in text_of(pilot.app.screen.query_one("#empty", Static))
        assert not pilot.app.screen.query_one(DataTable).display


async def test_full_journey_answer_flag_summary_quit_relaunch_resume(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        first_question = chat.current_question
        assert first_question.ask in text_of(chat.query(ChatMessage).last())

        # A note with a red flag: the live panel shows it while typing.
        await type_text(pilot, "nobody reviews code")
        await pilot.pause()
        live = text_of(chat.query_one("#live-flags", Static))
        assert "✗ RED No code review" in live and "“nobody reviews code”" in live

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert chat.interview.current == 1
        reaction = text_of(chat.query(ChatMessage)[-2])
        assert "I heard:" in reaction and "No code review" in reaction
        assert "No code review (Q1)" in chat.query_one("#all-flags").lines()

        # A second answer with a green flag, then an unfinished third note.
        await type_text(pilot, "every PR needs an approval")
        await pilot.press("ctrl+n")
        await type_text(pilot, "standups take 45 minutes")
        await pilot.pause(0.8)  # past the autosave delay, without moving on

        await pilot.press("f2")
        assert isinstance(pilot.app.screen, SummaryScreen)
        summary = pilot.app.screen.text()
        # "nobody reviews code" (Q1) and "every PR needs an approval" (Q2) contradict each other:
        # shown as a conflict, counted neither way until the candidate confirms one (issue 18.5).
        assert summary.index("Red flags (1)") < summary.index("Green flags (0)") < summary.index("Conflicting")
        assert "✗ RED Long standups  (Q3)" in summary
        assert "⚠ CONFLICT No code review / Every change is reviewed" in summary
        assert "“nobody reviews code”  (Q1)" in summary and "“every PR needs an approval”  (Q2)" in summary
        assert "Verdict: Some concerns" in summary
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ChatScreen)
        interview_id = chat.interview.id
        await pilot.press("ctrl+q")

    # Relaunch: the interview is listed and resumes where it was, notes intact.
    async with make_app().run_test(size=(100, 30)) as pilot:
        table = pilot.app.screen.query_one(DataTable)
        assert table.row_count == 1
        row = table.get_row_at(0)
        # "": not marked; 1 red, 0 green: the conflicting pair counts neither way
        assert [str(c) for c in row] == ["", "Acme", "Backend", "2026-12-01", "1", "0", "3/15"]
        await pilot.press("enter")
        await pilot.pause()
        chat = pilot.app.screen
        assert isinstance(chat, ChatScreen)
        assert chat.interview.id == interview_id
        assert chat.interview.current == 2
        assert chat.query_one("#note", TextArea).text == "standups take 45 minutes"
        log = "\n".join(text_of(m) for m in chat.query(ChatMessage))
        assert "nobody reviews code" in log and "every PR needs an approval" in log


async def test_autosave_within_a_second_of_the_last_keystroke(make_app):
    async with make_app().run_test() as pilot:
        await start_interview(pilot)
        await type_text(pilot, "no tests")
        interview = pilot.app.screen.interview
        await pilot.pause(1.0)
        saved = Store().load(interview.id)
        assert saved.answers[interview.question_ids[0]].note == "no tests"


async def test_navigation_skip_back_and_mark_asked(make_app):
    async with make_app().run_test() as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        await pilot.press("ctrl+s")  # skip
        assert chat.interview.current == 1
        assert chat.interview.answers[chat.interview.question_ids[0]].status == "skipped"
        await pilot.press("ctrl+o")  # asked, no notes
        assert chat.interview.answers[chat.interview.question_ids[1]].status == "asked"
        await pilot.press("ctrl+b")
        assert chat.interview.current == 1
        assert "2 answered" not in text_of(chat.query_one("#progress", Static))
        assert "Q2/" in text_of(chat.query_one("#progress", Static))


async def test_jump_to_category_through_the_palette(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        target = chat.questions[-1].category
        title = pilot.app.service.bank.categories[target].title
        chat.jump_to_category(target)
        await pilot.pause()
        assert chat.current_question.category == target
        first = 1 + next(i for i, q in enumerate(chat.questions) if q.category == target)  # the category's first question
        assert f"Q{first}/" in text_of(chat.query_one("#progress", Static))
        assert title[:20] in text_of(chat.query_one("#progress", Static))


async def test_copy_puts_the_question_on_the_clipboard_with_a_notice(make_app):
    async with make_app().run_test() as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        await pilot.press("ctrl+t")
        assert pilot.app.clipboard == chat.current_question.ask
        assert any("Copied the question" in n.message for n in pilot.app._notifications)


async def test_help_screen_lists_the_keys(make_app):
    async with make_app().run_test() as pilot:
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        body = text_of(pilot.app.screen.query_one(Static))
        for key in ("Ctrl+N", "Ctrl+B", "Ctrl+S", "Ctrl+O", "Ctrl+T", "F2", "Ctrl+P"):
            assert key in body
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_delete_asks_first(make_app):
    async with make_app().run_test() as pilot:
        await start_interview(pilot)
        await pilot.press("escape")
        assert pilot.app.screen.query_one(DataTable).row_count == 1
        await pilot.press("d")
        await pilot.press("n")  # changed my mind
        assert pilot.app.screen.query_one(DataTable).row_count == 1
        await pilot.press("d")
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.screen.query_one(DataTable).row_count == 0
        assert Store().rows() == []


async def test_new_interview_form_errors_are_shown(make_app):
    async with make_app().run_test() as pilot:
        await pilot.press("n")
        await pilot.press("ctrl+s")
        assert text_of(pilot.app.screen.query_one("#form-error", Static)) == "Company name is required"
        pilot.app.screen.query_one("#company", Input).value = "Acme"
        pilot.app.screen.query_one("#date", Input).value = "next week"
        await pilot.press("ctrl+s")
        assert text_of(pilot.app.screen.query_one("#form-error", Static)) == "Date must look like 2026-12-01."
        assert isinstance(pilot.app.screen, NewInterviewScreen)


async def test_user_text_is_shown_literally_everywhere(make_app):
    long_note = ODD + " " + "word " * 2000
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start_interview(pilot, company=ODD)
        chat = pilot.app.screen
        assert text_of(chat.query_one("#progress", Static)).startswith("[bold]x[/] [/ a[0] [b [… · Q1/15")
        chat.query_one("#note", TextArea).load_text(long_note + " nobody reviews code")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        notes = [text_of(m) for m in chat.query(ChatMessage) if m.kind == "user"]
        assert notes[-1] == "You\n" + long_note + " nobody reviews code"
        await pilot.press("f2")
        summary = pilot.app.screen.text()
        assert "Summary: [bold]x[/] [/ a[0] [b [link=x]y[/link] <script>al…" in summary
        assert "“nobody reviews code”" in summary
        await pilot.press("escape", "escape")
        cell = pilot.app.screen.query_one(DataTable).get_row_at(0)[1]  # [0] is the comparison mark
        assert str(cell).startswith("[bold]x[/] [/ a")  # cut to keep the Progress column at 80x24


async def test_the_last_question_leads_to_the_summary(make_app):
    async with make_app().run_test() as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        for question in chat.questions[:-1]:  # every other question answered: none is left open
            chat.interview.set_status(question.id, "asked")
        chat.go_to(len(chat.questions) - 1)
        chat.query_one("#note", TextArea).load_text("no tests")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SummaryScreen)
        assert "Little or no automated testing" in pilot.app.screen.text()
