"""`prepbot analyze` through the real entry point: formats, exit codes, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import run_process

NOTES = "Nobody reviews code here. Standups take 40 minutes. Every bug is triaged in Jira."


def test_text_report_lists_red_then_green_with_evidence_and_follow_up(run_cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(NOTES)
    result = run_cli("analyze", str(path))
    assert result.code == 0
    out = result.out
    assert out.index("Red flags (2)") < out.index("Green flags (1)")
    assert "RED   No code review  [no-code-review, score 0.90]" in out
    assert 'Heard: "Nobody reviews code"' in out
    assert 'Heard: "Standups take 40 minutes"' in out
    assert "Ask next: What stops a change that nobody else has read from reaching production?" in out


def test_json_for_one_input_is_exactly_one_object(run_cli):
    result = run_cli("analyze", "--format", "json", stdin=NOTES)
    data = json.loads(result.out)
    assert list(data) == ["flags"]
    ids = [f["id"] for f in data["flags"]]
    assert set(ids) == {"no-code-review", "long-standups", "bugs-tracked"}
    for flag in data["flags"]:
        assert set(flag) == {"id", "kind", "title", "score", "evidence"}
        assert 0 < flag["score"] <= 1
        for evidence in flag["evidence"]:
            assert NOTES[evidence["start"] : evidence["end"]] == evidence["text"]


def test_json_for_several_files_is_one_line_each_with_path(run_cli, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("no tests at all")
    second.write_text("The office has plants.")
    result = run_cli("analyze", "-f", "json", str(first), str(second))
    lines = result.out.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["path"] for r in records] == [str(first), str(second)]
    assert [f["id"] for f in records[0]["flags"]] == ["no-tests"]
    assert records[1]["flags"] == []


def test_fail_on_red(run_cli):
    assert run_cli("analyze", "--fail-on", "red", stdin="We push straight to production.").code == 1
    assert run_cli("analyze", "--fail-on", "red", stdin="Every PR is reviewed.").code == 0
    assert run_cli("analyze", stdin="We push straight to production.").code == 0


def test_empty_input_finds_nothing_and_says_so(run_cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = run_cli("analyze", str(path))
    assert result.code == 0
    assert result.out.strip() == "No flags found."
    assert result.err == f"prepbot: warning: {path} is empty\n"
    assert json.loads(run_cli("analyze", "-f", "json", str(path)).out) == {"flags": []}


def test_emoji_and_markup_survive_in_json_evidence(run_cli):
    text = "🙈 [bold]no code review[/] <script>x</script>"
    data = json.loads(run_cli("analyze", "-f", "json", stdin=text).out)
    [flag] = data["flags"]
    assert flag["evidence"][0]["text"] == "no code review"
    assert text[flag["evidence"][0]["start"] : flag["evidence"][0]["end"]] == "no code review"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"caf\xe9 no tests", "not valid UTF-8 text (bad byte at offset 3)"),
        (b"no tests\x00\x01", "looks like a binary file (contains NUL bytes), not text"),
    ],
)
def test_undecodable_input_exits_2_with_one_line(run_cli, tmp_path, content, message):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    result = run_cli("analyze", str(path))
    assert result.code == 2
    assert result.err == f"prepbot: error: {path}: {message}\n"
    assert result.out == ""


def test_missing_file_and_directory(run_cli, tmp_path):
    result = run_cli("analyze", str(tmp_path / "nope.txt"))
    assert (result.code, result.err) == (2, f"prepbot: error: {tmp_path / 'nope.txt'}: no such file\n")
    result = run_cli("analyze", str(tmp_path))
    assert (result.code, result.err) == (2, f"prepbot: error: {tmp_path}: is a directory, not a text file\n")


def test_ten_megabyte_file_is_refused(run_cli, tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"no tests. " * 1_048_576)
    result = run_cli("analyze", str(path))
    assert result.code == 2
    assert result.err == f"prepbot: error: {path}: input is larger than 4 MiB; split it into smaller files\n"


def test_one_megabyte_file_is_analyzed(run_cli, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(("We push straight to prod. Lunch was fine. " * 30_000)[:1_000_000])
    result = run_cli("analyze", "-f", "json", str(path))
    assert result.code == 0
    assert [f["id"] for f in json.loads(result.out)["flags"]] == ["no-code-review"]


def test_invalid_bank_exits_2(run_cli, tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text("flags: {}\n")
    result = run_cli("analyze", "--bank", str(bank), stdin="no tests")
    assert result.code == 2
    assert result.err.startswith(f"prepbot: error: invalid bank: {bank}:1:8: 'flags' must be a list")
    assert result.err.count("\n") == 1


def test_closed_stdin_is_a_clear_error():
    proc = subprocess.run(
        [sys.executable, "-m", "prepbot", "analyze"],
        capture_output=True,
        preexec_fn=lambda: os.close(0),
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode() == "prepbot: error: standard input is closed; give a FILE or pipe some text in\n"


def test_piped_process_end_to_end():
    result = run_process("analyze", "-f", "json", stdin=b"nobody writes tests")
    assert result.code == 0, result.err
    assert [f["id"] for f in json.loads(result.out)["flags"]] == ["no-tests"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_saved_as_utf16_or_utf32_with_a_bom_is_read(run_cli, tmp_path, encoding):
    path = tmp_path / "notes.txt"
    text = "Nobody reviews code here; we push straight to main. Café ☕"
    bom = {"utf-16": b"", "utf-16-be": "\ufeff".encode("utf-16-be"), "utf-32": b""}[encoding]
    path.write_bytes(bom + text.encode(encoding))
    result = run_cli("analyze", "-f", "json", str(path))
    assert result.code == 0, result.err
    assert "no-code-review" in {flag["id"] for flag in json.loads(result.out)["flags"]}


def test_utf16_without_a_bom_is_named_not_called_binary(run_cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("We have no tests at all.".encode("utf-16-le"))
    result = run_cli("analyze", str(path))
    assert result.code == 2
    assert result.err == f"prepbot: error: {path}: looks like UTF-16 text without a byte-order mark; save it as UTF-8\n"


def test_analyze_imports_no_other_command_module_and_keeps_its_help():
    # `prepbot analyze` builds the group with its own command only: the other families' modules are not imported.
    script = (
        "import io, sys\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(b'nobody writes tests'), encoding='utf-8')\n"
        "from prepbot.cli import main\n"
        "main(['analyze', '-f', 'json'])\n"
        "others = ('app', 'bank', 'company', 'compare', 'interviews', 'sessions')\n"
        "print(sorted(m for m in sys.modules if m in {f'prepbot.cli.{o}' for o in others}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env={**os.environ, "PREPBOT_MODEL": "off"}
    )
    assert proc.returncode == 0, proc.stderr
    report, imported = proc.stdout.rstrip("\n").rsplit("\n", 1)
    assert [f["id"] for f in json.loads(report)["flags"]] == ["no-tests"]
    assert imported.strip() == "[]"
    shown = run_process("analyze", "--help")
    assert shown.code == 0 and shown.out.startswith("Usage: prepbot analyze [OPTIONS] [FILE|-]...")
    wrong = run_process("analyze", "--no-such-option")
    assert wrong.code == 2 and wrong.err == "prepbot: error: No such option '--no-such-option'. (see 'prepbot analyze --help')\n"


@pytest.mark.parametrize("argv", [[], ["tui"]])
def test_the_chatbot_imports_no_other_command_module_and_keeps_its_help(argv):
    # Bare `prepbot` and `prepbot tui` build the group with the tui command only (its first screen starts sooner).
    script = (
        "import sys\n"
        "from prepbot.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code)\n"
        "others = ('bank', 'company', 'compare', 'interviews', 'prep', 'sessions')\n"
        "print(sorted(m for m in sys.modules if m in {f'prepbot.cli.{o}' for o in others}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert "the interview chatbot needs a terminal" in proc.stderr  # no terminal here: its one-line error
    assert proc.stdout.splitlines() == ["exit 2", "[]"]
    shown = run_process("tui", "--help")
    assert shown.code == 0 and shown.out.startswith("Usage: prepbot tui [OPTIONS]")
    listed = run_process("--help")  # the group's own help still lists every command
    commands = {line.split()[0].rstrip("*") for line in listed.out.split("Commands:\n", 1)[1].splitlines() if line.strip()}
    assert listed.code == 0 and {"analyze", "compare", "export", "serve", "sessions", "tui"} <= commands


_INTERRUPTED = """
import signal, sys
from prepbot.cli import main

def ctrl_c(*_):
    raise KeyboardInterrupt  # what Python's own Ctrl-C handler raises, at a chosen moment
signal.signal(signal.SIGALRM, ctrl_c)
signal.setitimer(signal.ITIMER_REAL, float(sys.argv[1]))
main(["analyze"])
"""


@pytest.mark.parametrize("later", [0.001, 0.01, 0.03, 0.08, 0.2])
def test_ctrl_c_while_analyze_starts_is_quiet(later):
    # A Ctrl-C while prepbot is still importing, starting the classifier or reading its cues (stdin is left
    # open: it never gets to read) ends it as one during the command does: exit 130, no traceback.
    proc = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED, str(later)],
        stdin=subprocess.PIPE,
        capture_output=True,
        env={**os.environ, "PREPBOT_MODEL": "on"},
        timeout=60,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    assert proc.returncode == 130, proc.stderr.decode(errors="replace")


@pytest.mark.parametrize("argv", [[], ["tui"]])
def test_a_chatbot_that_cannot_start_leaves_the_garbage_collector_on(run_cli, argv):
    # The TUI's start pauses the collector until its first screen; without a terminal it never gets there,
    # and the process that called it (a script, a test run) goes on collecting.
    import gc

    assert gc.isenabled()
    result = run_cli(*argv, stdin="")
    assert result.code == 2 and "the interview chatbot needs a terminal" in result.err
    assert gc.isenabled()
