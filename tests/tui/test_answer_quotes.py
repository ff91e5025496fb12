"""The chat's flag panel quotes, for each flag heard in the note under the current question, the words of its
own clause: a dropped review and a planned CI in one note are two flags with two quotes, in the panel while typing and in
what prepbot says it heard once the note is kept (issue 18, round 13)."""

from __future__ import annotations


async def test_the_panel_quotes_each_flag_by_its_own_clause_under_the_question(make_app):
    from textual.widgets import TextArea

    from prepbot.tui.widgets.chat_log import ChatLog
    from prepbot.tui.widgets.chat_message import ChatMessage
    from prepbot.tui.widgets.flag_panel import FlagPanel
    from tests.tui.conftest import text_of
    from tests.tui.test_in_charge import start

    note = "they used to do code review but stopped last year; CI is 'on the roadmap'"
    async with make_app().run_test(size=(120, 40)) as pilot:
        chat = await start(pilot)
        assert chat.current_question.id == "cr-how-changes-reviewed"
        chat.query_one("#note", TextArea).load_text(note)
        for _ in range(40):
            await pilot.pause(0.05)
            live = text_of(chat.query_one(FlagPanel).query_one("#live-flags"))
            if "continuous integration" in live:
                break
        assert "No code review" in live and "No continuous integration" in live
        lines = [line.strip() for line in live.splitlines()]
        review = lines.index(next(line for line in lines if "No code review" in line))
        ci = lines.index(next(line for line in lines if "No continuous integration" in line))
        assert lines[review + 1].startswith("“they used to do code review")  # the words that triggered it
        assert "roadmap" not in lines[review + 1] and "CI" not in lines[review + 1]
        assert lines[ci + 1] == "“CI is 'on the roadmap'”"
        await pilot.press("ctrl+n")  # the note is kept: prepbot says what it heard, with the same words
        await pilot.pause()
        said = "\n".join(text_of(m) for m in chat.query_one("#log", ChatLog).query_children(ChatMessage))
        assert "No code review — “they used to do code review but stopped last year”" in said
        assert "No continuous integration — “CI is 'on the roadmap'”" in said
