"""A note pasted from a terminal can hold colour and title escape sequences. They are read as blank
space: the flag beside them is still heard, and the evidence quote carries none of their remains
("[0m", "0;title")."""

from __future__ import annotations

import json

import pytest

from prepbot.matching.text import blank_escapes


@pytest.mark.parametrize(
    "text",
    [
        "\x1b[1;31mred\x1b[0m text",
        "a title \x1b]0;my window\x07 after",
        "a link \x1b]8;;https://example.com\x1b\\here\x1b]8;;\x1b\\ end",
        "a lone \x1b and a C1 \x9b32m csi",
    ],
)
def test_escapes_become_spaces_of_the_same_length(text):
    blanked = blank_escapes(text)
    assert len(blanked) == len(text)
    assert "\x1b" not in blanked and "\x9b" not in blanked
    assert "[0m" not in blanked and "0;my window" not in blanked and "example.com" not in blanked


def test_text_without_escapes_is_untouched():
    text = "plain [bold] text with a[0] and [/] in it"
    assert blank_escapes(text) is text


def test_the_quote_holds_no_escape_remains(run_cli, monkeypatch):
    monkeypatch.setenv("PREPBOT_MODEL", "off")
    note = "Notes: \x1b[1mthe\x1b[0m standups take an hour. \x1b]0;title\x07No code review at all."
    result = run_cli("analyze", "-f", "json", stdin=note)
    assert result.code == 0, result.err
    flags = {flag["id"]: flag for flag in json.loads(result.out)["flags"]}
    assert {"long-standups", "no-code-review"} <= flags.keys()
    quotes = [evidence["text"] for flag in flags.values() for evidence in flag["evidence"]]
    assert "standups take an hour" in quotes
    for quote in quotes:
        assert "0m" not in quote and "[1m" not in quote and "title" not in quote and "\x1b" not in quote
