"""The TUI counts a flag heard under two questions once: home list, chat panel, summary."""

from __future__ import annotations

from prepbot.store import Store
from tests.test_counting import twice_heard


async def test_home_chat_panel_and_summary_show_the_same_numbers(make_app, bank):
    from textual.widgets import DataTable, Static

    from tests.tui.conftest import text_of

    interview = twice_heard(bank)
    interview.move_to(2)
    Store().save(interview)
    async with make_app().run_test(size=(120, 40)) as pilot:
        table = pilot.app.screen.query_one(DataTable)
        row = table.get_row(interview.id)
        assert [str(c) for c in row if str(c) in ("0", "1", "2")][:2] == ["1", "1"]  # ✗ Red, ✓ Green

        await pilot.press("enter")
        await pilot.pause()
        heard = pilot.app.screen.query_one("#all-flags").lines()
        assert heard.count("No code review") == 1 and "(Q1, Q2)" in heard
        assert heard.count("✗ RED") == 1 and heard.count("✓ GREEN") == 1

        await pilot.press("f2")
        await pilot.pause()
        screen = pilot.app.screen
        body = text_of(screen.query_one("#summary-head", Static)) + text_of(screen.query_one("#summary-body", Static))
        assert "Red flags (1)" in body and "Green flags (1)" in body
        assert "(score -1)" in body


async def test_the_summary_screens_weights_add_up_to_its_score(make_app, bank):
    import re

    from textual.widgets import Static

    from prepbot.interview import SEVERITY_POINTS
    from tests.tui.conftest import text_of

    interview = twice_heard(bank)
    interview.set_note(interview.question_ids[2], "Standups take 45 minutes.")
    Store().save(interview)
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        screen = pilot.app.screen
        body = text_of(screen.query_one("#summary-head", Static)) + text_of(screen.query_one("#summary-body", Static))
    score = int(re.search(r"\(score ([+-]\d+)\)", body).group(1))
    lines = re.findall(r"^  ([+-]\d+)  (✗ RED|✓ GREEN) .*  (low|medium|high), ", body, re.M)
    assert len(lines) == 3
    for weight, label, severity in lines:
        assert int(weight) == (1 if label == "✓ GREEN" else -1) * SEVERITY_POINTS[severity]
    assert score == sum(int(w) for w, *_ in lines)
