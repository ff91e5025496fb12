"""Time boxes that are not a number of minutes: refused in one line (CLI) or on the form (TUI)."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, Static

from prepbot.store import Store
from prepbot.tui.screens.new_interview import NewInterviewScreen
from tests.tui.conftest import make_app, text_of  # noqa: F401  (make_app is a fixture)

BAD = ["nan", "NaN", "inf", "-inf", "Infinity", "1e309", "0", "-5", "1441", "abc", ""]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("command", [("questions",), ("questions", "-f", "json"), ("prep", "--company", "Acme")])
def test_bad_minutes_are_refused_in_one_line(run_cli, command, value):
    result = run_cli(*command, f"--minutes={value}")
    assert result.code == 2, result
    assert result.err.startswith("prepbot: error: Invalid value for '--minutes'"), result.err
    assert result.err.count("\n") == 1 and result.out == ""


def test_zero_is_not_described_as_in_range(run_cli):
    assert "above 0 and at most 1440" in run_cli("questions", "--minutes", "0").err


@pytest.mark.parametrize("value", ["0.5", "1440", "20"])
def test_questions_json_never_has_nan_or_infinity(run_cli, value):
    result = run_cli("questions", "-f", "json", "--minutes", value)
    assert result.code == 0
    assert "NaN" not in result.out and "Infinity" not in result.out
    json.loads(result.out, parse_constant=lambda name: pytest.fail(f"non-standard JSON constant {name}"))


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e309", "0", "-5", "1441", "Infinity"])
async def test_new_interview_form_refuses_bad_minutes(make_app, value):  # noqa: F811
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        screen = pilot.app.screen
        assert isinstance(screen, NewInterviewScreen)
        screen.query_one("#company", Input).value = "Acme"
        screen.query_one("#minutes", Input).value = value  # as if pasted: type="number" lets e/inf-like text in
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen  # still on the form
        assert "Minutes must be a number above 0 and at most 1440" in text_of(screen.query_one("#form-error", Static))
        assert Store().rows() == []
