"""`prepbot --version`, `prepbot questions` and `prepbot bank validate` through the real entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

from prepbot import __version__
from tests.conftest import run_process


def test_version(run_cli):
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"prepbot, version {__version__}"


def test_help_lists_the_commands(run_cli):
    result = run_cli("--help")
    assert result.code == 0
    for command in ("questions", "bank", "tui"):
        assert command in result.out


@pytest.mark.parametrize(
    "command",
    [
        ["questions"],
        ["bank", "validate"],
        ["analyze"],
        ["prep"],
        ["export"],
        ["sessions", "list"],
        ["sessions", "delete"],
        ["tui"],
    ],
)
def test_each_command_help_shows_an_example(run_cli, command):
    result = run_cli(*command, "--help")
    assert result.code == 0
    assert "Example" in result.out
    assert "prepbot" in result.out.split("Example", 1)[1]


def test_questions_text_lists_a_time_boxed_plan(run_cli):
    result = run_cli("questions", "--persona", "engineer", "--minutes", "10")
    assert result.code == 0
    assert result.out.startswith("7 questions, about 10 min, for a conversation with an engineer (time box 10 min)")
    # Code review leads even a short plan (issue 21), then the team's process and bug tracking.
    assert " 1. What happens to a change between the moment I open a pull request and the moment it is merged?" in result.out
    assert " 2. When is a ticket written — before the work starts, or after?" in result.out
    assert " 3. When a customer reports a bug, where is it written down?" in result.out


def test_questions_json_is_stable_and_documented(run_cli, bank):
    result = run_cli("questions", "--format", "json", "--category", "code-review", "--minutes", "6")
    data = json.loads(result.out)
    assert set(data) == {
        "version",
        "persona",
        "minutes",
        "categories",
        "total_minutes",
        "questions",
        "flags_probed",
        "left_out",
    }
    assert data["version"] == 1 and data["categories"] == ["code-review"] and data["minutes"] == 6
    assert data["total_minutes"] <= 6
    first = data["questions"][0]
    assert set(first) == {
        "id",
        "category",
        "category_title",
        "ask",
        "why",
        "personas",
        "priority",
        "minutes",
        "flags",
        "listen_for",
        "follow_ups",
        "covers",
        "reason",
    }
    assert first["category_title"] == "Code review"
    assert first["ask"] == bank.questions[first["id"]].ask


def test_questions_markdown(run_cli):
    result = run_cli("questions", "--format", "md", "-c", "testing")
    assert result.out.startswith("# Questions\n")
    assert "1. **What kinds of automated tests do you have" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["questions", "--category", "nope"], "prepbot: error: unknown category 'nope'; known categories:"),
        (["questions", "--persona", "ceo"], "prepbot: error: Invalid value for '--persona' / '-p': 'ceo' is not one of"),
        (["questions", "--minutes", "-3"], "prepbot: error: Invalid value for '--minutes' / '-m'"),
        (["nonsense"], "prepbot: error: No such command 'nonsense'"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(run_cli, args, message):
    result = run_cli(*args)
    assert result.code == 2
    assert result.err.startswith(message)
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_bank_validate_builtin(run_cli):
    result = run_cli("bank", "validate")
    assert result.code == 0
    assert result.out.startswith("Bank is valid: 222 questions in 24 categories, 24 flags.")


def test_bank_validate_reports_every_problem_and_exits_2(run_cli, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        textwrap.dedent("""\
        category: code-review
        questions:
          - id: my-q
            ask: Who merges?
            why: Because.
            personas: [engineer]
            priority: 1
            minutes: 2
            flags: {red: [no-reviews]}
            listen_for: [names]
            folow_ups: [x]
        """)
    )
    result = run_cli("bank", "validate", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert f"{path}:11:5: unknown key 'folow_ups' in a question (did you mean 'follow_ups'?)" in lines
    assert f"{path}:3:5: a question is missing required key 'follow_ups'" in lines
    assert lines[-1] == "2 problems found."


def test_invalid_bank_option_is_one_line(run_cli, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("category: [\n")
    result = run_cli("questions", "--bank", str(path))
    assert result.code == 2
    assert result.err.startswith(f"prepbot: error: invalid bank: {path}:2:1: invalid YAML")
    assert result.err.count("\n") == 1


def test_cli_commands_do_not_import_textual():
    code = textwrap.dedent("""\
        import sys
        from prepbot.cli import main
        for args in (["questions", "--format", "json"], ["bank", "validate"], ["--help"]):
            try:
                main(args)
            except SystemExit:
                pass
        leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        print("LEAKED" if leaked else "CLEAN", leaked[:3], file=sys.stderr)
        """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().startswith("CLEAN"), proc.stderr


def test_python_dash_m_entry_point():
    result = run_process("bank", "validate")
    assert result.code == 0, result.err
    assert "Bank is valid" in result.out


def test_non_editable_install_finds_the_builtin_bank(tmp_path, monkeypatch):
    """A plain wheel install (no source checkout nearby) ships and finds questions/."""
    root = Path(__file__).resolve().parents[1]
    wheel_dir = tmp_path / "wheels"
    # The build runs tools (pip's cache, a compiler probe) that write to HOME: give them a fresh one.
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(root)],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    [wheel] = wheel_dir.glob("prepbot-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Dependencies come from this test environment (a plain path, so its .pth files, including an
    # editable install of the checkout, are not processed); prepbot itself only from the wheel.
    own_site = subprocess.run(
        [python, "-c", "import site; print(site.getsitepackages()[0])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    parent_site = [p for p in sys.path if p.endswith("site-packages")]
    Path(own_site, "_deps.pth").write_text("\n".join(parent_site) + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [python, "-c", "import prepbot.locations as l, prepbot; print(prepbot.__file__); print(l.builtin_bank_dir())"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    )
    package_file, bank_dir = proc.stdout.split()
    assert str(env_dir) in package_file  # the installed copy, not the checkout
    assert Path(bank_dir) == Path(package_file).parent / "questions"
    proc = subprocess.run(
        [python, "-m", "prepbot", "bank", "validate"], cwd=elsewhere, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "222 questions in 24 categories" in proc.stdout


def test_questions_explain_says_what_each_question_adds_and_what_was_left_out(run_cli):
    result = run_cli("questions", "--persona", "engineer", "--minutes", "20", "--explain")
    assert result.code == 0, result.err
    assert "adds to the plan:" in result.out
    assert "Flags probed: 24 of 24" in result.out
    assert "Left out for time (" in result.out
    data = json.loads(run_cli("questions", "--persona", "engineer", "--minutes", "20", "--format", "json").out)
    covered = {f for q in data["questions"] for f in q["covers"]}
    assert covered == set(data["flags_probed"])
    # Why each question is in, truthfully: the three headline topics first, then coverage, then the time left.
    reasons = [q["reason"] for q in data["questions"]]
    assert reasons[:3] == ["headline", "headline", "headline"] and set(reasons[3:]) <= {"coverage", "fill"}
    lines = result.out.splitlines()
    first = next(line for line in lines if "in because:" in line)
    assert "in because: a headline topic, Code review, leads every engineer plan" in first
    for q in data["questions"][3:]:
        at = next(i for i, line in enumerate(lines) if f"id: {q['id']}" in line)
        why = next(line for line in lines[at:] if "in because:" in line)
        if q["reason"] == "coverage":
            assert q["covers"] and "adds the most flags per minute" in why, why
        else:
            assert not q["covers"] and "taken to use the time left" in why, why


def test_prep_plans_thirty_minutes_by_default_and_says_so(run_cli):
    default = run_cli("prep", "--company", "Acme", "--format", "json")
    data = json.loads(default.out)
    assert data["minutes"] == 30 and data["total_minutes"] <= 30
    assert "30-minute conversation (the default)" in data["note"]
    assert "30-minute conversation (the default)" in run_cli("prep", "--company", "Acme", "--format", "txt").out
    everything = json.loads(run_cli("prep", "--company", "Acme", "--all", "--format", "json").out)
    assert everything["minutes"] is None and "note" not in everything
    assert sum(len(c["questions"]) for c in everything["categories"]) > sum(len(c["questions"]) for c in data["categories"])
    both = run_cli("prep", "--company", "Acme", "--all", "--minutes", "20")
    assert both.code == 2 and "--all and --minutes" in both.err


def test_the_chatbot_without_a_terminal_says_so_and_exits_2(tmp_path):
    """`prepbot </dev/null >out`: one line on stderr, exit 2, no escape codes in the file, no hang."""
    out = tmp_path / "out"
    with open(os.devnull) as stdin, open(out, "w") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "prepbot"], stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("prepbot: error: ") and "terminal" in done.stderr
    assert out.read_text() == ""
