"""What a new user tripped over in their first hour (issue 21), each pinned through the real app."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Footer, Input, OptionList, Select, Static, TextArea

from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.store import Store
from prepbot.tui.screens.chat import ChatScreen
from prepbot.tui.screens.confirm import ConfirmScreen
from prepbot.tui.screens.dialogs import AddFlagDialog
from prepbot.tui.screens.new_interview import NewInterviewScreen
from prepbot.tui.screens.summary import SummaryScreen
from tests.tui.conftest import text_of
from tests.tui.test_in_charge import answer, saved, start, type_text


def palette_lines(pilot) -> list[str]:
    listed = pilot.app.screen.query_one(OptionList)
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


# -- S in the plan list


async def test_s_on_an_answered_question_asks_first_and_s_toggles(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "nobody reviews code")
        first = chat.questions[0].id
        await pilot.press("ctrl+l", "home", "s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "Q1" in text_of(pilot.app.screen.query_one("#question", Static))
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert saved(chat).answers[first].status == "asked"
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChatScreen)
        stored = saved(chat).answers[first]
        assert (stored.status, stored.note) == ("skipped", "nobody reviews code")  # the note is kept
        assert chat.plan_list().lines().splitlines()[0].startswith(" Q1 –")  # the plan agrees with the summary
        await pilot.press("s")  # again: no question, back to answered
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChatScreen)
        assert saved(chat).answers[first].status == "asked"
        assert chat.plan_list().lines().splitlines()[0].startswith(" Q1 ✓")


async def test_s_on_an_open_question_skips_at_once_and_s_again_reopens_it(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        third = chat.questions[2].id
        await pilot.press("ctrl+l", "down", "down", "s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChatScreen)
        assert saved(chat).answers[third].status == "skipped"
        await pilot.press("s")
        await pilot.pause()
        assert saved(chat).answers[third].status == "open"
        assert chat.plan_list().lines().splitlines()[2].startswith(" Q3 ·")


# -- F2 at 80x24


async def test_summary_at_80x24_opens_on_the_verdict_and_keys_scroll_back(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        chat = await start(pilot)
        for text in ("nobody reviews code", "there are no tests at all", "we work every weekend", "people keep quitting"):
            await answer(pilot, chat, text)
        await pilot.press("f2")
        await pilot.pause()
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        scroll = summary.query_one("#summary")
        assert scroll.max_scroll_y > 0  # the summary is longer than the screen
        assert scroll.scroll_y == 0
        head = summary.query_one("#summary-head", Static)
        assert "Verdict:" in text_of(head) and head.region.y < 24
        for back in ("home", "pageup", "up"):
            await pilot.press("pagedown", "pagedown")
            await pilot.pause()
            assert scroll.scroll_y > 0
            await pilot.press(back, back, back, back, back)
            await pilot.pause(0.3)
            assert scroll.scroll_y == 0, back


# -- a dismissed flag that comes back


async def test_a_dismissed_flag_that_comes_back_shows_the_new_words_and_the_dismissal_as_history(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "nobody reviews code")
        await pilot.press("ctrl+f", "d")
        await pilot.pause()
        await type_text(pilot, "old team")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+f")  # back to the note
        new_words = "honestly code review never happens, we just merge"
        assert "no-code-review" in {m.id for m in pilot.app.service.match(new_words)}
        await answer(pilot, chat, new_words)
        await pilot.press("f2")
        await pilot.pause()
        text = pilot.app.screen.text()
        block = text[text.index("Red flags") :]
        block = block[block.index("No code review") :]
        assert "your note: old team" not in text
        assert "Dismissed before" in block and "old team" in block
        new, history = block.index("“honestly code review never happens”"), block.index("Dismissed before")
        assert new < history
        assert "“nobody reviews code”" not in block[:history]  # the old words only as history
        assert "“nobody reviews code”" in block[history : block.index("\n", history)]


# -- the command palette


async def test_the_palette_on_home_offers_prepbots_actions(make_app):
    Store().save(start_interview(load_catalogue().bank, "Acme", date="2026-12-01"))
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert isinstance(pilot.app.screen, CommandPalette)
        shown = "\n".join(palette_lines(pilot))
        for command in ("New interview", "Open", "Compare", "Delete", "Export report"):
            assert command in shown, command
        lines = palette_lines(pilot)
        first_textual = next(i for i, line in enumerate(lines) if line.startswith(("Keys", "Quit", "Theme")))
        assert any(line.startswith("New interview") for line in lines[:first_textual])  # prepbot's first
        await type_text(pilot, "New interview")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(pilot.app.screen, NewInterviewScreen)


async def test_the_palette_in_the_chat_lists_actions_before_jumps(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        lines = palette_lines(pilot)
        first_jump = next(i for i, line in enumerate(lines) if line.startswith("Jump to:"))
        assert all(not line.startswith("Jump to:") for line in lines[:first_jump])
        assert any("Show summary" in line for line in lines[:first_jump])
        assert any("Export report" in line for line in lines[:first_jump])


# -- the plan list's footer


async def test_the_plan_lists_footer_shows_skip_move_and_enter(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        chat = await start(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        footer = chat.query_one(Footer)
        keys = [key for key in footer.query("FooterKey, FooterLabel") if key.region.right <= 80]
        descriptions = [str(key.render()) for key in keys]
        shown = descriptions
        for wanted in ("Skip", "Move", "Go to", "Remove", "Add"):
            assert any(wanted in d for d in descriptions), (wanted, shown)


# -- adding a missed flag


async def test_adding_a_missed_flag_offers_every_question_of_the_plan(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "fine")
        await answer(pilot, chat, "fine")
        await pilot.press("f5")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, AddFlagDialog)
        attach = dialog.query_one("#attach", Select)
        labels = [str(prompt) for prompt, _ in attach._options if _ is not Select.BLANK]
        assert len(labels) == len(chat.questions) + 1
        assert any(label.startswith("Q1") for label in labels) and any(
            label.startswith(f"Q{len(chat.questions)}") for label in labels
        )
        assert attach.value == chat.questions[2].id  # the current question first
        attach.value = chat.questions[0].id
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = saved(chat).corrections
        assert len(added) == 1 and next(iter(added.values())).question_id == chat.questions[0].id


# -- the new interview form


async def test_enter_on_talking_to_moves_on(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        form = pilot.app.screen
        form.query_one("#persona", Select).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not form.query_one("#persona", Select).expanded
        assert form.query_one("#minutes", Input).has_focus


async def test_the_company_field_asks_for_the_companys_name(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        placeholder = pilot.app.screen.query_one("#company", Input).placeholder.lower()
        assert "company" in placeholder and "name" in placeholder


# -- resuming


async def test_after_resume_a_wrapped_note_shows_whole_without_a_key(make_app):
    # Not reproduced here (in Pilot nor in tmux at 80x24 and 120x40): kept as a guard of what the issue expects.
    interview = start_interview(load_catalogue().bank, "Acme", date="2026-12-01")
    note = "the team reviews every change before it is merged and they pair on the hard parts THE-END"
    interview.set_note(interview.question_ids[0], note)
    Store().save(interview)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause(0.5)
        chat = pilot.app.screen
        assert isinstance(chat, ChatScreen)
        editor = chat.query_one("#note", TextArea)
        assert editor.wrapped_document.height > 1  # it wraps
        shown = " ".join(editor.render_line(y).text.strip() for y in range(editor.content_region.height))
        assert " ".join(shown.split()) == note


async def test_keys_typed_in_one_burst_after_enter_on_talking_to_land_in_minutes(make_app):
    from textual import events

    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#persona", Select).focus()
        await pilot.pause()
        for key in ["enter", "1", "5"]:  # posted all at once, as a terminal delivers fast typing
            pilot.app.post_message(events.Key(key, None if len(key) > 1 else key))
        await pilot.pause()
        await pilot.pause()
        assert form.query_one("#minutes", Input).value == "15"
