"""Escape sequences in notes, company names, bank text and file names are shown, never obeyed.

Every terminal path of the CLI gets each payload; no ESC, C1 CSI or BEL may reach stdout or
stderr (the text is still there, in escaped form), and JSON carries it only as \\u escapes.
"""

from __future__ import annotations

import json

import pytest

from prepbot.export import md_inline
from prepbot.interview import start_interview
from prepbot.store import Store
from prepbot.textsafe import safe

PAYLOADS = {
    "clear-screen": "\x1b[2J",
    "osc-title": "\x1b]0;title\x07",
    "osc-52-clipboard": "\x1b]52;c;Zm9v\x07",
    "c1-csi": "\x9b31m",
    "bell": "\x07",
}
RAW = ("\x1b", "\x9b", "\x07")


def assert_harmless(result, payload: str, visible: bool = True, markdown: bool = False) -> None:
    text = result.out + result.err
    for char in RAW:
        assert char not in text, (char, text[:500])
    assert "Traceback" not in text
    if visible:  # in Markdown, escaped for Markdown too ("\\x1b\\[2J")
        shown = safe(md_inline(payload) if markdown else payload, keep_layout=False)
        assert shown in text, text[:2000]


def yaml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar: \u001b is an escape there


@pytest.fixture(params=sorted(PAYLOADS))
def payload(request) -> str:
    return PAYLOADS[request.param]


@pytest.fixture
def evil_bank(tmp_path, payload):
    p = yaml_string(payload)
    path = tmp_path / "evil.yaml"
    path.write_text(
        f"""\
flags:
  - id: evil-flag
    kind: red
    title: {yaml_string("Evil " + payload)}
    explanation: {yaml_string("Explained " + payload)}
    severity: low
    follow_up: {yaml_string("Follow " + payload)}
    cues: [zorblax]
category:
  id: evil
  title: {yaml_string("Category " + payload)}
questions:
  - id: evil-one
    ask: {yaml_string("Ask " + payload + "?")}
    why: {p}
    personas: [engineer]
    priority: 1
    minutes: 1
    flags: {{red: [evil-flag]}}
    listen_for: [{p}]
    follow_ups: [{p}]
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def saved(bank, payload):
    interview = start_interview(bank, "Acme " + payload, "Dev " + payload, "2026-12-01")
    interview.set_note(interview.question_ids[0], "nobody reviews code " + payload)
    Store().save(interview)
    return interview


def test_the_bank_file_is_valid(run_cli, evil_bank):
    result = run_cli("bank", "validate", str(evil_bank))
    assert result.code == 0, result.err


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_questions(run_cli, evil_bank, payload, fmt):
    result = run_cli("questions", "--bank", str(evil_bank), "-c", "evil", "-f", fmt)
    assert result.code == 0, result.err
    assert_harmless(result, payload)
    assert safe("Ask " + payload + "?") in result.out and safe("Category " + payload) in result.out


def test_questions_json(run_cli, evil_bank, payload):
    result = run_cli("questions", "--bank", str(evil_bank), "-c", "evil", "-f", "json")
    assert_harmless(result, payload, visible=False)
    assert json.loads(result.out)["questions"][0]["ask"] == "Ask " + payload + "?"


def test_analyze_text_and_json(run_cli, evil_bank, payload, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("zorblax everywhere " + payload, encoding="utf-8")
    result = run_cli("analyze", "--bank", str(evil_bank), str(notes))
    assert result.code == 0, result.err
    assert_harmless(result, payload)
    assert safe("Evil " + payload) in result.out and safe("Follow " + payload) in result.out
    explained = run_cli("analyze", "--bank", str(evil_bank), "--explain", "--question", "evil-one", str(notes))
    assert explained.code == 0, explained.err
    assert_harmless(explained, payload)
    as_json = run_cli("analyze", "--bank", str(evil_bank), "-f", "json", str(notes))
    assert_harmless(as_json, payload, visible=False)
    assert any(f["title"] == "Evil " + payload for f in json.loads(as_json.out)["flags"])


def test_analyze_file_names(run_cli, payload, tmp_path):
    named = tmp_path / f"notes {payload}.txt"
    named.write_text("nobody reviews code", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("", encoding="utf-8")
    result = run_cli("analyze", str(named), str(other))  # two inputs: a "== name ==" header each
    assert result.code == 0, result.err
    assert_harmless(result, payload)
    missing = run_cli("analyze", str(tmp_path / f"missing {payload}.txt"))
    assert missing.code == 2 and missing.err.count("\n") == 1
    assert_harmless(missing, payload)


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_prep_to_stdout(run_cli, evil_bank, payload, fmt):
    result = run_cli(
        "prep", "--company", "Acme " + payload, "--role", "Dev " + payload, "--bank", str(evil_bank), "-c", "evil", "-f", fmt
    )
    assert result.code == 0, result.err
    assert_harmless(result, payload, markdown=fmt == "md")


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_export_to_stdout(run_cli, saved, payload, fmt):
    result = run_cli("export", saved.id, "-f", fmt)
    assert result.code == 0, result.err
    assert_harmless(result, payload, markdown=fmt == "md")


def test_export_json_and_sessions_json_hold_no_raw_escape(run_cli, saved, payload):
    exported = run_cli("export", saved.id, "-f", "json")
    assert exported.code == 0
    assert_harmless(exported, payload, visible=False)
    assert json.loads(exported.out)["interview"]["company"] == "Acme " + payload
    checklist = run_cli("prep", "--company", "Acme " + payload, "-f", "json")
    assert_harmless(checklist, payload, visible=False)
    assert json.loads(checklist.out)["company"] == "Acme " + payload
    listed = run_cli("sessions", "list", "-f", "json")
    assert_harmless(listed, payload, visible=False)
    assert json.loads(listed.out)[0]["company"] == "Acme " + payload


def test_sessions_list(run_cli, saved, payload):
    result = run_cli("sessions", "list")
    assert result.code == 0
    assert_harmless(result, payload)


def test_bank_validate_problems(run_cli, payload, tmp_path):
    path = tmp_path / f"bad {payload}.yaml"
    path.write_text(f"{yaml_string('key ' + payload)}: 1\nflags: []\n", encoding="utf-8")
    result = run_cli("bank", "validate", str(path))
    assert result.code == 2
    assert_harmless(result, payload)
    assert safe("key " + payload) in result.err


def test_error_messages_with_user_text(run_cli, saved, payload, tmp_path):
    for args in (
        ("questions", "--bank", str(tmp_path / f"missing {payload}.yaml")),
        ("export", "nobody " + payload),
        ("sessions", "delete", "nobody " + payload, "--yes"),
        ("prep", "--company", "Acme", "-o", str(tmp_path / f"no-such-dir {payload}" / "x.md")),
        ("questions", "-c", "cat " + payload),
        ("questions", "--minutes", payload),
        ("nosuchcommand " + payload,),
    ):
        result = run_cli(*args)
        assert result.code == 2, (args, result.err)
        assert result.err.count("\n") == 1, result.err
        assert_harmless(result, payload, visible=False)
        assert "\\x" in result.err or "\\u" in result.err, result.err  # still visible, escaped
