"""The bad-input catalogue: every case gets one clear line, exit 2, no traceback, nothing lost."""

from __future__ import annotations

import os
import sqlite3

import pytest

from prepbot.interview import start_interview
from prepbot.store import SCHEMA_VERSION, Store
from tests.conftest import run_as_unprivileged


def assert_one_line_error(result, starts_with: str) -> None:
    assert result.code == 2, (result.code, result.err)
    assert result.err.startswith(starts_with), result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err + result.out


def alias_bomb() -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


BANK_CASES = {
    "malformed": ("flags: [unclosed\n", "invalid YAML: "),
    "tabs": ("flags:\n\t- id: x\n", "invalid YAML: "),
    "empty": ("", "file is empty"),
    "list": ("- a\n- b\n", "a bank file must be a mapping (key: value), got a list"),
    "bomb": (alias_bomb(), ":2:10: YAML aliases are not allowed in a bank file (found '*a0')"),
    "recursive-alias": ("questions: &a [*a]\n", ":1:16: YAML aliases are not allowed in a bank file (found '*a')"),
    "unknown-flag": (
        "category: code-review\nquestions:\n  - id: q1\n    ask: Who?\n    why: w\n    personas: [engineer]\n"
        "    priority: 1\n    minutes: 1\n    flags: {red: [no-reviews]}\n    listen_for: [x]\n    follow_ups: [y]\n",
        "question 'q1' refers to unknown flag id 'no-reviews'",
    ),
    "duplicate": (
        "flags:\n" + "  - {id: dup, kind: red, title: t, explanation: e, severity: low, follow_up: f}\n" * 2,
        "duplicate flag id 'dup'",
    ),
}


@pytest.mark.parametrize("case", sorted(BANK_CASES))
def test_bad_bank_files(run_cli, tmp_path, case):
    text, message = BANK_CASES[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(text)
    result = run_cli("questions", "--bank", str(path))
    assert_one_line_error(result, f"prepbot: error: invalid bank: {path}:")
    assert message in result.err
    validated = run_cli("bank", "validate", str(path))
    assert validated.code == 2 and message in validated.err and "Traceback" not in validated.err


def test_fifty_megabyte_bank_file_is_refused_without_reading_it(run_cli, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"flags: []\n")
        handle.truncate(50 * 1024 * 1024)
    result = run_cli("questions", "--bank", str(path))
    assert_one_line_error(
        result, f"prepbot: error: invalid bank: {path}:1:1: file is 50.0 MiB; a bank file may be at most 2.0 MiB"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"\x7fELF\x00\x01\x02binary"), "binary file (contains NUL bytes), not YAML"),
        (lambda p: p.mkdir(), "directory holds no .yaml or .yml files"),
        (lambda p: None, "no such file or directory"),
    ],
    ids=["binary", "empty-dir", "missing"],
)
def test_unusable_bank_paths(run_cli, tmp_path, make, message):
    path = tmp_path / "thing.yaml"
    make(path)
    assert_one_line_error(run_cli("questions", "--bank", str(path)), f"prepbot: error: invalid bank: {path}:1:1: {message}")


def test_unreadable_bank_file(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text("flags: []\n")
    path.chmod(0o000)
    result = run_as_unprivileged("bank", "validate", str(path), env={"PREPBOT_HOME": str(tmp_path / "home")})
    assert result.code == 2
    assert result.err.splitlines()[0] == f"{path}:1:1: permission denied: cannot read this file"


def test_unreadable_analyze_input(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("no tests")
    path.chmod(0o000)
    result = run_as_unprivileged("analyze", str(path), env={"PREPBOT_HOME": str(tmp_path / "home")})
    assert_one_line_error(result, f"prepbot: error: {path}: permission denied")


def test_read_only_data_directory_is_reported_and_keeps_what_is_saved(bank, tmp_path):
    home = tmp_path / "home"
    store = Store(home / "prepbot.sqlite3")
    interview = start_interview(bank, "Acme", "Dev", "2026-12-01")
    interview.set_note(interview.question_ids[0], "precious note")
    store.save(interview)
    store.close()
    os.chmod(home / "prepbot.sqlite3", 0o444)  # a read-only database in a read-only folder
    os.chmod(home, 0o555)
    result = run_as_unprivileged("sessions", "list", env={"PREPBOT_HOME": str(home)})
    assert_one_line_error(
        result, f"prepbot: error: cannot open {home / 'prepbot.sqlite3'}: the database or its folder is read-only"
    )
    # Whatever happened, the note is still there.
    os.chmod(home, 0o755)
    assert Store(home / "prepbot.sqlite3").load(interview.id).answers[interview.question_ids[0]].note == "precious note"


def test_new_data_directory_in_a_read_only_place(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = run_as_unprivileged("sessions", "list", env={"PREPBOT_HOME": str(locked / "home")})
    assert_one_line_error(result, f"prepbot: error: cannot create the data directory {locked / 'home'}")


def test_corrupt_database_through_the_cli(run_cli, private_home):
    (private_home / "prepbot.sqlite3").write_bytes(b"garbage, not a database" * 50)
    result = run_cli("sessions", "list")
    assert result.code == 0
    assert result.err.startswith("prepbot: warning: the database was damaged; it was moved to ")
    moved = list(private_home.glob("prepbot.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"garbage")


def test_newer_database_through_the_cli(run_cli, private_home):
    connection = sqlite3.connect(private_home / "prepbot.sqlite3")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.close()
    result = run_cli("sessions", "list")
    assert_one_line_error(result, "prepbot: error: ")
    assert "written by a newer prepbot" in result.err


def test_export_to_an_unwritable_folder(bank, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = run_as_unprivileged("prep", "--company", "Acme", "-o", str(locked / "x.md"), env={"PREPBOT_HOME": str(home)})
    assert_one_line_error(result, f"prepbot: error: cannot write {locked / 'x.md'}: Permission denied")


def test_company_full_of_separators_and_reserved_names(run_cli, tmp_path):
    result = run_cli("prep", "--company", "../../../etc/passwd/CON", "-o", str(tmp_path))
    assert result.code == 0
    [written] = list(tmp_path.iterdir())
    assert written.name == "etc-passwd-con-checklist.md"
    result = run_cli("prep", "--company", "NUL", "-o", str(tmp_path))
    assert (tmp_path / "company-nul-checklist.md").exists()


def test_stdin_closed_and_no_input_on_a_terminal():
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "prepbot", "analyze"], capture_output=True, preexec_fn=lambda: os.close(0), timeout=60
    )
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1


def test_interrupted_process_prints_no_traceback():
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "prepbot", "analyze"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err
