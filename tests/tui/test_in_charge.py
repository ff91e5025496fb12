"""The candidate stays in charge: corrections, the plan, details, notes, sources, and the fixes of
what new users tripped over. Driven by Pilot through the real app."""

from __future__ import annotations

import time

from textual.command import CommandPalette
from textual.widgets import Checkbox, DataTable, Footer, Input, OptionList, Select, Static, TextArea

from prepbot.bank_loader import validate
from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.locations import builtin_bank_dir
from prepbot.store import Store
from prepbot.tui.screens.chat import ChatScreen
from prepbot.tui.screens.confirm import ConfirmScreen
from prepbot.tui.screens.dialogs import (
    WHOLE_INTERVIEW,
    AddFlagDialog,
    DetailsDialog,
    ImportDialog,
    NoteDialog,
    OwnQuestionDialog,
    WhyDialog,
)
from prepbot.tui.screens.export import ExportScreen
from prepbot.tui.screens.home import HomeScreen
from prepbot.tui.screens.new_interview import NewInterviewScreen
from prepbot.tui.screens.summary import SummaryScreen
from prepbot.tui.widgets.chat_message import ChatMessage
from tests.tui.conftest import text_of

ODD = "[/ a[0] [b <script>alert(1)</script> 🙈"


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def start(pilot, company: str = "Acme") -> ChatScreen:
    await pilot.press("n")
    pilot.app.screen.query_one("#company", Input).value = company
    pilot.app.screen.query_one("#date", Input).value = "2026-12-01"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChatScreen)
    return pilot.app.screen


async def answer(pilot, chat: ChatScreen, text: str) -> None:
    chat.query_one("#note", TextArea).load_text(text)
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()


def saved(chat: ChatScreen):
    return Store().load(chat.interview.id)


# -- 1. corrections


async def test_dismiss_a_flag_in_the_chat_with_a_reason_it_stays_listed_and_counts_for_nothing(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "nobody reviews code")
        before = pilot.app.service.summary(chat.interview).score
        await pilot.press("ctrl+f")
        flags = chat.query_one("#all-flags", OptionList)
        assert flags.has_focus and flags.selected_flag() == "no-code-review"
        await pilot.press("d")
        await pilot.pause()
        await type_text(pilot, "old team [/b]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChatScreen)
        line = flags.get_option_at_index(0).prompt
        assert "No code review (Q1) [dismissed]" in str(line)
        assert any("strike" in str(span.style) for span in line.spans)  # struck through, and the word
        assert pilot.app.service.summary(chat.interview).score > before
        correction = saved(chat).corrections["no-code-review"]
        assert (correction.status, correction.reason) == ("dismissed", "old team [/b]")
        await pilot.press("f2")
        summary = pilot.app.screen.text()
        assert "Dismissed by you (1)" in summary and "your note: old team [/b]" in summary
        assert "Red flags (0)" in summary


async def test_confirm_and_undo_from_the_flag_list(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "nobody reviews code")
        await pilot.press("ctrl+f", "c")
        await pilot.pause()
        assert "[confirmed]" in chat.finding_list().lines()
        assert saved(chat).corrections["no-code-review"].status == "confirmed"
        await pilot.press("u")
        await pilot.pause()
        assert "[confirmed]" not in chat.finding_list().lines()
        assert saved(chat).corrections == {}
        await pilot.press("ctrl+f")  # the same key again: back to the note
        assert chat.query_one("#note", TextArea).has_focus


async def test_add_a_flag_prepbot_missed_to_the_current_question(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await pilot.press("f5")
        dialog = pilot.app.screen
        assert isinstance(dialog, AddFlagDialog)
        choice = dialog.query_one("#flag-choice", OptionList)
        assert choice.option_count == 24
        wanted = next(i for i in range(choice.option_count) if choice.get_option_at_index(i).id == "long-standups")
        choice.highlighted = wanted
        await pilot.press("enter")  # chosen: on to the reason
        await type_text(pilot, "45 min daily")
        await pilot.press("ctrl+s")
        await pilot.pause()
        correction = saved(chat).corrections["long-standups"]
        assert (correction.status, correction.question_id) == ("added", chat.interview.question_ids[0])
        assert "Long standups (Q1) [added]" in chat.finding_list().lines()


async def test_add_a_flag_from_the_summary_belongs_to_the_interview(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await pilot.press("f2")
        assert isinstance(pilot.app.screen, SummaryScreen)
        await pilot.press("a")
        assert isinstance(pilot.app.screen, AddFlagDialog)
        # No current question in the summary: the interview is offered first (any question of the plan can be chosen)
        assert pilot.app.screen.query_one("#attach", Select).value == WHOLE_INTERVIEW
        await pilot.press("ctrl+s")
        await pilot.pause()
        [correction] = saved(chat).corrections.values()
        assert correction.status == "added" and correction.question_id is None
        assert "[added]" in pilot.app.screen.query_one("#summary-flags").lines()


async def test_why_shows_the_evidence_rule_and_context(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "nobody reviews code")
        await pilot.press("ctrl+f", "enter")
        assert isinstance(pilot.app.screen, WhyDialog)
        body = text_of(pilot.app.screen.query_one("#why-body", Static))
        assert "“nobody reviews code”" in body and "in: your note to Q1" in body
        assert "read by: cue" in body or "read by: answer" in body
        assert "context: " in body
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ChatScreen)


async def test_corrections_in_the_summary_change_the_verdict(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "nobody reviews code")
        await pilot.press("f2")
        summary = pilot.app.screen
        assert "Verdict: Some concerns" in summary.text()
        await pilot.press("d")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Verdict: Some concerns" not in summary.text()
        assert "dismissed" in summary.query_one("#summary-flags").lines()


# -- 2. the plan is theirs


async def test_plan_list_shows_status_and_jumps(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "nobody reviews code")
        await pilot.press("ctrl+s")  # skip Q2
        plan = chat.query_one("#plan", OptionList)
        lines = plan.lines().splitlines()
        assert lines[0].startswith(" Q1 ✓") and lines[1].startswith(" Q2 –") and lines[2].startswith("▶Q3 ·")
        await pilot.press("ctrl+l")
        assert plan.has_focus
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert chat.interview.current == 4
        assert chat.query_one("#note", TextArea).has_focus
        assert "Q5/" in text_of(chat.query_one("#progress", Static))


async def test_plan_move_remove_and_skip(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        ids = list(chat.interview.question_ids)
        await pilot.press("ctrl+l", "down", "shift+down")  # Q2 moves down
        await pilot.pause()
        assert chat.interview.question_ids[:3] == [ids[0], ids[2], ids[1]]
        assert chat.query_one("#plan", OptionList).highlighted == 2
        await pilot.press("shift+up", "shift+up")
        await pilot.pause()
        assert chat.interview.question_ids[0] == ids[1] and chat.interview.current == 1  # Q1 stays current
        await pilot.press("s")  # skip the selected one
        await pilot.pause()
        assert saved(chat).answers[ids[1]].status == "skipped"
        await pilot.press("x")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert ids[1] not in saved(chat).question_ids
        assert saved(chat).question_ids[0] == ids[0]


async def test_own_question_is_added_after_the_current_one_and_saved_to_a_bank_file(make_app, tmp_path):
    bank_file = tmp_path / "mine.yaml"
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await pilot.press("f4")
        dialog = pilot.app.screen
        assert isinstance(dialog, OwnQuestionDialog)
        await type_text(pilot, "Do you ship")
        dialog.query_one("#own-ask", Input).value = "Do you ship on Fridays? " + ODD
        dialog.query_one("#own-save", Checkbox).value = True
        dialog.query_one("#own-path", Input).value = str(bank_file)
        await pilot.press("ctrl+s")
        await pilot.pause()
        own_id = chat.interview.question_ids[1]
        assert own_id.startswith("own-")
        assert saved(chat).own_questions[own_id] == "Do you ship on Fridays? " + ODD
        assert "Q2 · Do you ship on Frid" in chat.query_one("#plan").lines()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert chat.current_question.ask == "Do you ship on Fridays? " + ODD
    _, problems = validate([builtin_bank_dir()], [bank_file])
    assert problems == []
    assert "Do you ship on Fridays?" in bank_file.read_text()


async def test_edit_details_replans_and_keeps_every_note(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await answer(pilot, chat, "nobody reviews code")
        first = chat.interview.question_ids[0]
        await pilot.press("f6")
        dialog = pilot.app.screen
        assert isinstance(dialog, DetailsDialog)
        dialog.query_one("#d-company", Input).value = ODD
        dialog.query_one("#d-role", Input).value = "SRE"
        dialog.query_one("#d-minutes", Input).value = "45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        interview = saved(chat)
        assert (interview.company, interview.role, interview.minutes) == (ODD, "SRE", 45)
        assert interview.answers[first].note == "nobody reviews code" and first in interview.question_ids
        assert len(interview.question_ids) > 9
        assert text_of(chat.query_one("#progress", Static)).startswith(ODD[:23])
        assert "/45 min" in text_of(chat.query_one("#clock", Static))


async def test_bad_details_are_refused_with_a_message(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await pilot.press("f6")
        pilot.app.screen.query_one("#d-date", Input).value = "soon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(chat).date == "2026-12-01"
        assert any("Date must look like" in n.message for n in pilot.app._notifications)


async def test_general_note_is_saved_and_in_the_summary(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await pilot.press("f7")
        assert isinstance(pilot.app.screen, NoteDialog)
        await type_text(pilot, "Friendly team ")
        pilot.app.screen.query_one(TextArea).insert(ODD)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(chat).general_note == "Friendly team " + ODD
        await pilot.press("f2")
        assert "General note\nFriendly team " + ODD in pilot.app.screen.text()


async def test_clock_and_question_estimate_in_the_header(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        assert text_of(chat.query_one("#clock", Static)) == "0/20 min, 20 left"
        assert f"~{chat.current_question.minutes:g} min" in text_of(chat.query_one("#progress", Static))
        chat._opened = time.monotonic() - 25 * 60
        chat.update_clock()
        assert text_of(chat.query_one("#clock", Static)) == "25/20 min, 5 over"
    async with make_app().run_test(size=(120, 40)) as pilot:
        chat = await start(pilot, "Other")
        assert text_of(chat.query_one("#clock", Static)) == "0 of 20 min since opened, 20 left"


# -- 3. what they read


async def test_paste_a_review_its_flags_join_the_summary_and_it_can_be_removed(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        await pilot.press("f8")
        dialog = pilot.app.screen
        assert isinstance(dialog, ImportDialog)
        await type_text(pilot, "Review ")
        dialog.query_one("#source-label", Input).insert_text_at_cursor(ODD)
        await pilot.press("enter")  # on to the text
        dialog.query_one("#source-text", TextArea).load_text("Nobody reviews code here. " + "x" * 10_000)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [source] = saved(chat).sources
        assert source.label == "Review " + ODD
        assert "No code review (read)" in chat.finding_list().lines()
        await pilot.press("f2")
        summary = pilot.app.screen
        assert "from: Review [/ a[0] [b" in summary.text()
        assert "Review [/ a[0] [b" in summary.query_one("#sources").lines()
        summary.query_one("#sources").focus()
        await pilot.press("x", "y")
        await pilot.pause()
        assert saved(chat).sources == []
        assert "Red flags (0)" in summary.text()


async def test_empty_paste_is_refused(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("f8", "ctrl+s")
        assert isinstance(pilot.app.screen, ImportDialog)
        assert "Paste some text first." in text_of(pilot.app.screen.query_one(".dialog-error", Static))


# -- 4. what a new user tripped over


async def test_jump_from_the_palette_scrolls_the_chat_to_the_question(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        chat = await start(pilot)
        for _ in range(4):
            await answer(pilot, chat, "nobody reviews code and there are no tests at all")
        target = chat.questions[1].category
        title = pilot.app.service.bank.categories[target].title
        await pilot.press("ctrl+p")
        await type_text(pilot, f"Jump to: {title}")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(pilot.app.screen, ChatScreen)
        assert chat.current_question.category == target
        log = chat.query_one("#log")
        assert log.max_scroll_y > 0 and log.scroll_y == log.max_scroll_y
        last = chat.query(ChatMessage).last()
        assert chat.current_question.ask in text_of(last)
        assert last.region.bottom <= log.region.bottom  # the question asked is in view


async def test_palette_opened_empty_lists_prepbots_commands(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        listed = palette.query_one(OptionList)
        shown = "\n".join(str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count))
        for command in (
            "Jump to:",
            "Show summary",
            "Export report",
            "Add my own question",
            "Add a flag prepbot missed",
            "Edit details",
            "General note",
            "Paste what I read",
            "Correct a flag",
        ):
            assert command in shown
        await pilot.press("escape", "f2", "ctrl+p")
        await pilot.pause(0.5)
        listed = pilot.app.screen.query_one(OptionList)
        shown = "\n".join(str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count))
        for command in ("Export report", "Paste what I read", "Add a flag prepbot missed", "Why was this flag read"):
            assert command in shown


async def test_enter_in_company_moves_on_and_does_not_start(make_app):
    async with make_app().run_test() as pilot:
        await pilot.press("n")
        await type_text(pilot, "Acme")
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, NewInterviewScreen)
        assert pilot.app.screen.query_one("#role", Input).has_focus
        await pilot.press("enter", "enter")
        assert isinstance(pilot.app.screen, NewInterviewScreen)
        assert Store().rows() == []


async def test_typing_fast_with_tab_fills_the_right_fields(make_app):
    async with make_app().run_test() as pilot:
        await pilot.press("n", *"Acme", "tab", *"Dev")  # no pause at all after N
        screen = pilot.app.screen
        assert screen.query_one("#company", Input).value == "Acme"
        assert screen.query_one("#role", Input).value == "Dev"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChatScreen)
        assert (pilot.app.screen.interview.company, pilot.app.screen.interview.role) == ("Acme", "Dev")


async def test_keys_arriving_in_one_burst_after_a_tab_land_in_the_next_field(make_app):
    """A terminal delivers fast typing (or a paste) as one burst of keys: the app reads them all
    before the company field has handled the Tab. Focus must move when the Tab arrives."""
    from textual import events

    async with make_app().run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, NewInterviewScreen)
        burst = [*"Acme", "tab", *"Dev"]
        for key in burst:  # posted all at once, no waiting in between
            pilot.app.post_message(events.Key(key, None if key == "tab" else key))
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#company", Input).value == "Acme"
        assert screen.query_one("#role", Input).value == "Dev"


async def test_ctrl_n_after_jumping_to_the_last_question_goes_to_the_next_open_one(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        chat.go_to(len(chat.questions) - 1)
        await answer(pilot, chat, "no tests")
        assert isinstance(pilot.app.screen, ChatScreen)
        assert chat.interview.current == 0
        log = "\n".join(text_of(m) for m in chat.query(ChatMessage))
        assert "last question" not in log and "No open question left" not in log


async def test_follow_ups_never_repeat_an_asked_question_nor_a_dismissed_flag(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        bank = pilot.app.service.bank
        # A flag whose follow-up is a question of the bank: once that question is asked, it is not suggested.
        asked = next(q for q in bank.questions.values() if q.ask == bank.flags["no-ci"].follow_up)
        chat.conversation.add_question("placeholder")
        chat.interview.question_ids[1] = asked.id
        chat.interview.own_questions.clear()
        chat.interview.set_note(asked.id, "someone copies files by hand")
        chat.interview.set_status(asked.id, "asked")
        await answer(pilot, chat, "deployments are manual, we deploy by hand")
        reaction = text_of([m for m in chat.query(ChatMessage) if m.kind == "reaction"][-1])
        assert "No continuous integration" in reaction
        assert asked.ask not in reaction
        assert asked.ask not in pilot.app.service.summary(chat.interview).follow_ups
        # A dismissed red flag: its follow-up is neither suggested nor listed for the next round.
        chat.go_to(0)
        pilot.app.service.correct(chat.interview, "no-ci", "dismissed")
        follow = chat.conversation.react(chat.current_question).follow_up
        assert follow != bank.flags["no-ci"].follow_up
        assert bank.flags["no-ci"].follow_up not in pilot.app.service.summary(chat.interview).follow_ups


async def test_home_at_80x24_keeps_the_progress_column(make_app):
    bank = load_catalogue().bank
    interview = start_interview(
        bank, "A very long company name " * 4, "Senior staff principal engineer", "2026-12-01", "engineer", 20
    )
    Store().save(interview)
    async with make_app().run_test(size=(80, 24)) as pilot:
        table = pilot.app.screen.query_one(DataTable)
        await pilot.pause()
        widths = sum(column.get_render_width(table) for column in table.columns.values())
        assert widths <= table.size.width
        assert "Progress" in [str(c.label) for c in table.columns.values()]


async def test_every_screen_is_usable_at_60x20(make_app):
    async with make_app().run_test(size=(60, 20)) as pilot:
        await pilot.press("n")
        screen = pilot.app.screen
        screen.query_one("#company", Input).value = "Acme"
        screen.query_one("#start").focus()
        await pilot.pause()
        start_button = screen.query_one("#start")
        assert start_button.region.bottom <= 19 and start_button.region.y >= 0  # in view, above the footer
        await pilot.press("enter")
        await pilot.pause()
        chat = pilot.app.screen
        assert isinstance(chat, ChatScreen)
        assert not chat.query_one("#side").display  # the side panel gives the chat the width
        note = chat.query_one("#note", TextArea)
        assert note.region.width >= 50 and note.region.bottom <= 19
        assert chat.query_one(Footer).compact
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert chat.query_one("#side").display and chat.query_one("#plan").has_focus
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert note.has_focus and not chat.query_one("#side").display
        await pilot.press("f2")
        await pilot.pause()
        assert pilot.app.screen.query_one("#summary-flags").region.width >= 50


async def test_focus_boxes_differ_without_colour(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        boxes = pilot.app.screen.query_one("#categories")
        boxes.select_all()
        boxes.deselect(boxes.get_option_at_index(1).value)
        await pilot.pause()
        lines = [boxes.render_line(y).text for y in range(2)]
        assert lines[0].startswith("[✓]") and lines[1].startswith("[ ]")
        await pilot.press("escape", "escape")  # back home: no interview started
    async with make_app().run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("f4")
        tick = pilot.app.screen.query_one("#own-save", Checkbox)
        assert str(tick.render()).startswith("[ ]")
        tick.value = True
        assert str(tick.render()).startswith("[✓]")


async def test_export_remembers_the_last_folder(make_app, tmp_path):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("f3")
        pilot.app.screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ExportScreen)
        await pilot.press("f3")
        assert pilot.app.screen.query_one("#export-path", Input).value.startswith(str(tmp_path))


async def test_ctrl_q_right_after_typing_still_saves_the_note(make_app):
    async with make_app().run_test() as pilot:
        chat = await start(pilot)
        interview_id, first = chat.interview.id, chat.interview.question_ids[0]
        await type_text(pilot, "no tests at all")
        await pilot.press("ctrl+q")
    assert Store().load(interview_id).answers[first].note == "no tests at all"


async def test_help_lists_every_key_of_every_screen(make_app):
    from prepbot.tui.screens.help import KEYS, HelpScreen
    from prepbot.tui.screens.summary import SummaryScreen as Summary
    from prepbot.tui.widgets.flag_panel import FindingList
    from prepbot.tui.widgets.plan_list import PlanList

    listed = " ".join(key for _, keys in KEYS for key, _ in keys).lower().replace(" / ", " ")
    for owner in (ChatScreen, Summary, HomeScreen, NewInterviewScreen, PlanList, FindingList):
        for binding in owner.BINDINGS:
            for key in binding.key.split(","):
                name = {"question_mark": "?", "escape": "esc"}.get(key, key)
                assert name in listed, f"{owner.__name__}: {key} missing from the help"
    async with make_app().run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
