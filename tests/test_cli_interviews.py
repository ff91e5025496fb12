"""The candidate stays in charge, from the shell: `flags`, `import`, `new`, `edit`, `note`,
`sessions import`, and `analyze` reading a paste on a terminal. All through the real entry point."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import textwrap
import time

import pytest

from prepbot.store import Store
from tests.conftest import run_process

REVIEW = "Reviews say there is no code review and mandatory overtime on weekends.\n"


def new(run_cli, *args: str) -> str:
    result = run_cli("new", "--company", "Acme", "--persona", "engineer", "--minutes", "20", *args)
    assert result.code == 0, result.err
    return result.out.strip()


def write_note(interview_id: str, index: int, text: str) -> None:
    """A note written the way the chat writes it: through the store."""
    store = Store()
    try:
        interview = store.load(interview_id)
        interview.set_note(interview.question_ids[index], text)
        store.save(interview)
    finally:
        store.close()


def flags_json(run_cli, session: str) -> dict:
    result = run_cli("flags", session, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def report(run_cli, session: str) -> dict:
    result = run_cli("export", session, "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def assert_one_line_error(result, start: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith(f"prepbot: error: {start}"), result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err


# --------------------------------------------------------------------------- new


def test_new_prints_only_the_id_on_stdout_and_a_friendly_line_on_stderr(run_cli):
    result = run_cli(
        "new",
        "--company",
        "Acme",
        "--role",
        "Backend",
        "--persona",
        "manager",
        "--minutes",
        "15",
        "-c",
        "code-review",
        "-c",
        "testing",
        "--date",
        "2026-12-01",
    )
    assert result.code == 0, result.err
    assert re.fullmatch(r"[0-9a-f]{12}\n", result.out)
    assert result.err.startswith("Started an interview with Acme on 2026-12-01: ")
    data = report(run_cli, result.out.strip())["interview"]
    assert (data["company"], data["role"], data["date"], data["persona"], data["minutes"]) == (
        "Acme",
        "Backend",
        "2026-12-01",
        "manager",
        15,
    )
    assert data["categories"] == ["code-review", "testing"]


def test_new_id_works_in_a_shell_substitution(tmp_path):
    script = textwrap.dedent(f"""\
        set -e
        id=$({sys.executable} -m prepbot new --company "Acme Corp" 2>/dev/null)
        {sys.executable} -m prepbot note "$id" "Met Dana"
        {sys.executable} -m prepbot note "$id"
        """)
    proc = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=60, env=os.environ.copy())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Met Dana\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--company", "  "], "Company name is required"),
        (["--company", "A", "--minutes", "nan"], "Invalid value for '--minutes'"),
        (["--company", "A", "--persona", "ceo"], "Invalid value for '--persona'"),
        (["--company", "A", "-c", "nope"], "Unknown category 'nope'"),
        (["--company", "A", "--date", "tomorrow"], "Date must look like 2026-12-01."),
        (["--role", "x"], "Missing option '--company'"),
    ],
)
def test_new_refuses_bad_details_in_one_line(run_cli, args, message):
    assert_one_line_error(run_cli("new", *args), message)
    assert run_cli("sessions", "list", "-f", "json").out.strip() == "[]"


# --------------------------------------------------------------------------- flags


def test_flags_lists_every_flag_once_with_status_kind_severity_weight_where_evidence(run_cli, tmp_path):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    write_note(session, 2, "Honestly nobody reviews code, ever.")
    review = tmp_path / "glassdoor-review.txt"
    review.write_text(REVIEW)
    assert run_cli("import", session, str(review)).code == 0

    result = run_cli("flags", session)
    assert result.code == 0, result.err
    assert result.out.count("no-code-review") == 1  # once, with all its evidence
    block = result.out.split("no-code-review", 1)[1].split("\n\n", 1)[0]
    assert "[detected]" in block and "severity high, weight -3" in block
    assert "where: Q1, Q3, from: glassdoor-review.txt" in block
    assert block.count("heard: ") == 3
    assert '"Nobody reviews code"' in block
    assert "✗ RED  overtime-expected  [detected]" in result.out

    data = flags_json(run_cli, session)
    assert data["schema"] == "prepbot.flags" and data["version"] == 1
    [flag] = [f for f in data["flags"] if f["id"] == "no-code-review"]
    assert (flag["kind"], flag["status"], flag["severity"], flag["weight"]) == ("red", "detected", "high", -3)
    assert flag["where"] == "Q1, Q3, from: glassdoor-review.txt"
    assert len(flag["evidence"]) == 3
    assert data["verdict"]["score"] == -6


def test_flags_with_nothing_heard_says_what_to_do(run_cli):
    session = new(run_cli)
    result = run_cli("flags", session)
    assert result.code == 0
    assert "No flags yet" in result.out


def test_a_dismissed_flag_stays_listed_and_counts_for_nothing(run_cli):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    assert report(run_cli, session)["verdict"]["score"] == -3

    result = run_cli("flags", session, "--dismiss", "no-code-review", "--reason", "they meant the intern project")
    assert result.code == 0, result.err
    assert "Dismissed no-code-review." in result.err
    assert "no-code-review  [dismissed]" in result.out
    assert "weight +0 (dismissed: counts for nothing)" in result.out
    assert "your reason: they meant the intern project" in result.out

    data = report(run_cli, session)
    assert data["verdict"]["score"] == 0
    [flag] = [f for f in data["flags"] if f["id"] == "no-code-review"]
    assert (flag["status"], flag["weight"], flag["reason"]) == ("dismissed", 0, "they meant the intern project")
    assert data["corrections"][0]["evidence"] == ["Nobody reviews code"]


def test_re_matching_after_an_unrelated_note_never_resurrects_a_dismissed_flag(run_cli):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    assert run_cli("flags", session, "--dismiss", "no-code-review").code == 0
    write_note(session, 1, "The office has a nice kitchen and the coffee is good.")
    write_note(session, 0, "Nobody reviews code here. Lunch is at noon.")  # the same words, edited around

    [flag] = [f for f in flags_json(run_cli, session)["flags"] if f["id"] == "no-code-review"]
    assert flag["status"] == "dismissed"
    assert report(run_cli, session)["verdict"]["score"] == 0

    write_note(session, 3, "Pull requests get merged without review.")  # new words: heard again
    [flag] = [f for f in flags_json(run_cli, session)["flags"] if f["id"] == "no-code-review"]
    assert flag["status"] == "detected"


def test_confirm_add_and_undo(run_cli):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    questions = report(run_cli, session)["questions"]

    result = run_cli("flags", session, "--confirm", "no-code-review", "--add", "overtime-expected", "--question", "Q2")
    assert result.code == 0, result.err
    assert result.err == "Confirmed no-code-review.\nAdded overtime-expected.\n"
    result = run_cli("flags", session, "--add", "equipment-budget", "--reason", "said so at lunch")
    assert result.code == 0, result.err
    data = {f["id"]: f for f in flags_json(run_cli, session)["flags"]}
    assert data["no-code-review"]["status"] == "confirmed"
    assert (data["overtime-expected"]["status"], data["overtime-expected"]["where"]) == ("added", "Q2")
    assert data["overtime-expected"]["question_id"] == questions[1]["id"]
    assert (data["equipment-budget"]["status"], data["equipment-budget"]["where"]) == ("added", "")  # the interview
    assert data["equipment-budget"]["reason"] == "said so at lunch"
    assert data["overtime-expected"]["weight"] == -3

    assert run_cli("flags", session, "--undo", "no-code-review").code == 0
    result = run_cli("flags", session, "--add", "no-code-review")
    assert result.err.endswith("Added no-code-review (it was heard already: now confirmed).\n")
    assert {f["id"]: f for f in flags_json(run_cli, session)["flags"]}["no-code-review"]["status"] == "confirmed"

    # a question id works as well as its number
    assert run_cli("flags", session, "--undo", "overtime-expected").code == 0
    assert run_cli("flags", session, "--add", "overtime-expected", "-q", questions[2]["id"]).code == 0
    assert {f["id"]: f for f in flags_json(run_cli, session)["flags"]}["overtime-expected"]["where"] == "Q3"

    result = run_cli("flags", session, "--undo", "overtime-expected", "--undo", "no-code-review")
    assert result.code == 0, result.err
    data = {f["id"]: f for f in flags_json(run_cli, session)["flags"]}
    assert "overtime-expected" not in data
    assert data["no-code-review"]["status"] == "detected"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dismiss", "no-code-reveiw"], "no flag with id 'no-code-reveiw' (did you mean 'no-code-review'?)"),
        (["--add", "no-tests", "--question", "Q99"], "question 'Q99' is not in this interview"),
        (["--add", "no-tests", "--question", "not-a-question"], "question 'not-a-question' is not in this interview"),
        (["--dismiss", "has-ci"], "flag 'has-ci' was not heard in this interview; nothing to dismiss"),
        (["--confirm", "has-ci"], "flag 'has-ci' was not heard in this interview; use --add to add it"),
        (["--undo", "has-ci"], "flag 'has-ci' has no correction of yours to undo"),
        (["--dismiss", "no-code-review", "--confirm", "no-code-review"], "flag 'no-code-review' is given twice"),
    ],
)
def test_bad_corrections_are_one_line_and_change_nothing(run_cli, args, message):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    before = report(run_cli, session)
    # a valid correction first in the same call: nothing is half-done
    assert_one_line_error(run_cli("flags", session, "--add", "no-ci", *args), message)
    assert report(run_cli, session) == before


def test_question_and_reason_need_a_correction(run_cli):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    assert_one_line_error(
        run_cli("flags", session, "--confirm", "no-code-review", "--question", "Q1"), "--question goes with --add"
    )
    assert_one_line_error(run_cli("flags", session, "--reason", "why"), "--reason goes with")
    assert report(run_cli, session)["corrections"] == []


def test_flags_of_an_unknown_session_is_one_line(run_cli):
    assert_one_line_error(run_cli("flags", "nobody"), "no saved interview matches 'nobody'")


def test_flags_never_print_raw_escapes_from_user_text(run_cli):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    assert run_cli("flags", session, "--dismiss", "no-code-review", "--reason", "\x1b]0;pwned\x07 fine").code == 0
    out = run_cli("flags", session).out
    assert "\x1b" not in out and "\\x1b]0;pwned\\x07 fine" in out


# --------------------------------------------------------------------------- import (sources)


def test_import_a_file_its_flags_join_the_summary_from_its_label(run_cli, tmp_path):
    session = new(run_cli)
    review = tmp_path / "glassdoor-review.txt"
    review.write_text(REVIEW)
    result = run_cli("import", session, str(review))
    assert result.code == 0, result.err
    source_id = result.out.strip()
    assert re.fullmatch(r"src-[0-9a-f]{8}", source_id)
    assert "Imported glassdoor-review.txt into Acme: 2 red flags and 0 green flags in it" in result.err

    flags = {f["id"]: f for f in flags_json(run_cli, session)["flags"]}
    assert flags["no-code-review"]["where"] == "from: glassdoor-review.txt"
    assert flags["no-code-review"]["sources"] == [source_id]
    txt = run_cli("export", session, "-f", "txt").out
    assert "from: glassdoor-review.txt" in txt
    data = report(run_cli, session)
    assert data["sources"][0]["label"] == "glassdoor-review.txt" and data["sources"][0]["text"] == REVIEW


def test_import_from_stdin_is_pasted_text_and_label_overrides(run_cli):
    session = new(run_cli)
    assert run_cli("import", session, stdin="Code is never tested.\n").code == 0
    assert run_cli("import", session, "-", "--label", "recruiter e-mail", stdin="We have CI on every PR.\n").code == 0
    labels = [s["label"] for s in report(run_cli, session)["sources"]]
    assert labels == ["pasted text", "recruiter e-mail"]


def test_import_list_and_remove(run_cli, tmp_path):
    session = new(run_cli)
    empty = run_cli("import", session, "--list")
    assert empty.code == 0 and "No sources yet" in empty.out
    review = tmp_path / "glassdoor-review.txt"
    review.write_text(REVIEW)
    first = run_cli("import", session, str(review)).out.strip()
    second = run_cli("import", session, stdin="Code is never tested.\n").out.strip()

    listing = run_cli("import", session, "--list")
    assert listing.code == 0
    lines = listing.out.splitlines()
    assert lines[0].split() == ["ID", "ADDED", "CHARS", "RED", "GREEN", "LABEL"]
    assert lines[1].startswith(first) and lines[1].endswith("glassdoor-review.txt")
    assert lines[2].startswith(second) and lines[2].endswith("pasted text")
    as_json = json.loads(run_cli("import", session, "--list", "-f", "json").out)
    assert [s["id"] for s in as_json] == [first, second]
    assert as_json[0]["red"] == ["no-code-review", "overtime-expected"]

    result = run_cli("import", session, "--remove", first)
    assert result.code == 0, result.err
    assert [s["id"] for s in report(run_cli, session)["sources"]] == [second]
    assert "overtime-expected" not in {f["id"] for f in flags_json(run_cli, session)["flags"]}
    assert_one_line_error(run_cli("import", session, "--remove", first), f"no source '{first}' in this interview")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"a\x00b", "<stdin>: looks like a binary file"),
        (b"caf\xe9", "<stdin>: not valid UTF-8"),
        (b"x" * (4 * 1024 * 1024 + 1), "<stdin>: input is larger than 4 MiB"),
        (b"  \n", "Nothing to import: the text is empty."),
    ],
    ids=["nul", "latin1", "too-large", "empty"],
)
def test_import_refuses_bad_input_in_one_line(run_cli, data, message):
    session = new(run_cli)
    assert_one_line_error(run_cli("import", session, stdin=data), message)
    assert report(run_cli, session)["sources"] == []


def test_import_of_a_missing_file_and_bad_option_mixes(run_cli, tmp_path):
    session = new(run_cli)
    assert_one_line_error(run_cli("import", session, str(tmp_path / "nope.txt")), f"{tmp_path / 'nope.txt'}: no such file")
    assert_one_line_error(run_cli("import", session, "x.txt", "--list"), "--list and --remove take no FILE")
    assert_one_line_error(run_cli("import", session, "--list", "--remove", "src-1"), "give either --list or --remove")


# --------------------------------------------------------------------------- sessions import


def rich_interview(run_cli, tmp_path) -> str:
    """An interview with everything a report holds: notes, statuses, corrections, sources, own questions."""
    session = new(run_cli, "--role", "Backend | dev", "--date", "2026-12-01", "-c", "code-review", "-c", "testing")
    write_note(session, 0, "Nobody reviews code here.\nSecond line, ünïcödé 🙈.")
    write_note(session, 1, "Every bug is triaged in Jira.")
    store = Store()
    interview = store.load(session)
    interview.set_status(interview.question_ids[2], "skipped")
    own = interview.add_question("Do you ship on Fridays?", after=0)
    interview.set_note(own, "Never, it always breaks.")
    interview.current = 2
    store.save(interview)
    store.close()
    assert run_cli("flags", session, "--dismiss", "no-code-review", "--reason", "intern project").code == 0
    assert run_cli("flags", session, "--add", "overtime-expected", "-q", "Q3").code == 0
    review = tmp_path / "glassdoor-review.txt"
    review.write_text(REVIEW)
    assert run_cli("import", session, str(review)).code == 0
    assert run_cli("note", session, "Met Dana (EM).\nOffice felt quiet.").code == 0
    return session


def test_a_report_exported_imported_into_an_empty_home_and_exported_again_is_the_same_document(run_cli, tmp_path, monkeypatch):
    session = rich_interview(run_cli, tmp_path)
    first = run_cli("export", session, "-f", "json")
    assert first.code == 0
    exported = tmp_path / "acme-report.json"
    exported.write_text(first.out, encoding="utf-8")
    data = json.loads(first.out)
    assert data["version"] == 2 and data["interview"]["general_note"] == "Met Dana (EM).\nOffice felt quiet."
    assert data["sources"] and data["corrections"] and any(q["own"] for q in data["questions"])

    other_home = tmp_path / "empty-home"
    monkeypatch.setenv("PREPBOT_HOME", str(other_home))
    assert run_cli("sessions", "list", "-f", "json").out.strip() == "[]"
    result = run_cli("sessions", "import", str(exported))
    assert result.code == 0, result.err
    assert result.out == f"{session}\n"
    assert result.err.startswith("Restored the interview with Acme (2026-12-01)")

    again = run_cli("export", session, "-f", "json")
    assert again.code == 0
    assert again.out.encode("utf-8") == first.out.encode("utf-8")


def test_a_version_1_report_still_imports(run_cli, tmp_path, monkeypatch):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    data = report(run_cli, session)
    v1 = {
        "schema": "prepbot.report",
        "version": 1,
        "interview": {k: v for k, v in data["interview"].items() if k != "general_note"},
        "verdict": data["verdict"]["label"],
        "score": data["verdict"]["score"],
        "flags": [
            {k: f[k] for k in ("id", "kind", "title", "explanation", "severity", "score", "question_id", "evidence")}
            for f in data["flags"]
        ],
        "follow_ups": data["follow_ups"],
        "questions": [{k: q[k] for k in ("id", "category", "ask", "status", "note", "updated_at")} for q in data["questions"]],
        "unanswered": data["unanswered"],
    }
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(v1))
    monkeypatch.setenv("PREPBOT_HOME", str(tmp_path / "other"))
    assert run_cli("sessions", "import", str(path)).code == 0
    restored = report(run_cli, session)
    assert restored["questions"] == data["questions"]
    assert restored["verdict"] == data["verdict"]


def test_import_over_a_saved_interview_needs_replace(run_cli, tmp_path):
    session = new(run_cli)
    write_note(session, 0, "Nobody reviews code here.")
    path = tmp_path / "r.json"
    path.write_text(run_cli("export", session, "-f", "json").out)
    write_note(session, 0, "Changed my mind.")
    assert_one_line_error(run_cli("sessions", "import", str(path)), f"an interview with id {session} is already saved")
    assert report(run_cli, session)["questions"][0]["note"] == "Changed my mind."
    assert run_cli("sessions", "import", str(path), "--replace").code == 0
    assert report(run_cli, session)["questions"][0]["note"] == "Nobody reviews code here."


def test_sessions_import_reads_standard_input(run_cli, tmp_path, monkeypatch):
    session = new(run_cli)
    text = run_cli("export", session, "-f", "json").out
    monkeypatch.setenv("PREPBOT_HOME", str(tmp_path / "other"))
    result = run_cli("sessions", "import", "-", stdin=text)
    assert result.code == 0, result.err
    assert run_cli("export", session, "-f", "json").out == text


def _broken(mutate):
    def build(run_cli):
        data = report(run_cli, new(run_cli))
        mutate(data)
        return json.dumps(data)

    return build


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda run_cli: "{", "r.json: not valid JSON (line 1, column 2"),
        (lambda run_cli: "", "r.json: not valid JSON"),
        (lambda run_cli: "[1, 2]", "r.json: not a prepbot report"),
        (lambda run_cli: '{"schema": "prepbot.checklist", "version": 1}', "r.json: not a prepbot report"),
        (lambda run_cli: '{"schema": "prepbot.report", "version": 3}', "r.json: not a prepbot report"),
        (lambda run_cli: '{"schema": "prepbot.report", "version": 2}', "r.json: the report is incomplete: missing 'interview'"),
        (_broken(lambda d: d["questions"][0].update(note=5)), "r.json: not a valid prepbot report: question"),
        (_broken(lambda d: d["questions"][0].update(status="done", note="x")), "r.json: not a valid prepbot report: question"),
        (_broken(lambda d: d["interview"].update(company="")), "r.json: not a valid prepbot report: interview.company"),
        (_broken(lambda d: d["interview"].update(date="soon")), "r.json: not a valid prepbot report: interview.date"),
        (
            lambda run_cli: json.dumps(report(run_cli, new(run_cli))).replace('"minutes": 20.0', '"minutes": NaN'),
            "r.json: not valid JSON (NaN is not a number JSON allows)",
        ),
    ],
    ids=["truncated", "empty", "list", "checklist", "future", "incomplete", "note-type", "status", "company", "date", "nan"],
)
def test_a_bad_report_is_one_line_and_saves_nothing(run_cli, tmp_path, monkeypatch, build, message):
    path = tmp_path / "r.json"
    path.write_text(build(run_cli))
    monkeypatch.setenv("PREPBOT_HOME", str(tmp_path / "other"))
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run_cli("sessions", "import", "r.json"), message)
    assert run_cli("sessions", "list", "-f", "json").out.strip() == "[]"


def test_sessions_import_refuses_binary_and_missing_files(run_cli, tmp_path):
    binary = tmp_path / "r.json"
    binary.write_bytes(b"{\x00}")
    assert_one_line_error(run_cli("sessions", "import", str(binary)), f"{binary}: looks like a binary file")
    assert_one_line_error(run_cli("sessions", "import", str(tmp_path / "nope.json")), f"{tmp_path / 'nope.json'}: no such file")


# --------------------------------------------------------------------------- edit


def test_edit_changes_the_details(run_cli):
    session = new(run_cli, "--role", "Backend", "--date", "2026-12-01")
    before = report(run_cli, session)
    result = run_cli("edit", session, "--company", "Beta Corp", "--role", "", "--date", "2026-12-03")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Updated {session}: Beta Corp, 2026-12-03.")
    after = report(run_cli, "Beta Corp")
    assert (after["interview"]["company"], after["interview"]["role"], after["interview"]["date"]) == (
        "Beta Corp",
        "",
        "2026-12-03",
    )
    assert after["questions"] == before["questions"]  # details alone never replan


def test_replanning_keeps_every_note_already_written(run_cli):
    session = new(run_cli, "--minutes", "40")
    ids = [q["id"] for q in report(run_cli, session)["questions"]]
    notes = {0: "Nobody reviews code here.", 5: "Every bug is triaged in Jira.", len(ids) - 1: "Standups take 45 minutes."}
    for index, text in notes.items():
        write_note(session, index, text)
    store = Store()
    interview = store.load(session)
    own = interview.add_question("Do you ship on Fridays?")
    store.save(interview)
    store.close()

    result = run_cli("edit", session, "--persona", "executive", "--minutes", "5")
    assert result.code == 0, result.err
    assert "Planned again for executive, 5 min:" in result.out and "every note kept" in result.out
    data = report(run_cli, session)
    assert (data["interview"]["persona"], data["interview"]["minutes"]) == ("executive", 5)
    kept = {q["id"]: q["note"] for q in data["questions"]}
    for index, text in notes.items():
        assert kept[ids[index]] == text
    assert own in kept
    assert [q["id"] for q in data["questions"]][: len(notes) + 1] == [ids[i] for i in sorted(notes)] + [own]

    result = run_cli("edit", session, "--replan", "-c", "testing")
    assert result.code == 0, result.err
    data = report(run_cli, session)
    assert data["interview"]["categories"] == ["testing"] and data["interview"]["persona"] == "executive"
    assert all(kept[ids[i]] == text for i, text in notes.items())
    assert {q["id"]: q["note"] for q in data["questions"]}.items() >= {ids[i]: t for i, t in notes.items()}.items()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "nothing to change"),
        (["--date", "2026-13-01"], "Date must look like 2026-12-01."),
        (["--company", " "], "Company name is required"),
        (["-c", "nope"], "Unknown category 'nope'"),
        (["--minutes", "0"], "Invalid value for '--minutes'"),
    ],
)
def test_bad_edits_are_one_line_and_change_nothing(run_cli, args, message):
    session = new(run_cli)
    before = report(run_cli, session)
    assert_one_line_error(run_cli("edit", session, *args), message)
    assert report(run_cli, session) == before


# --------------------------------------------------------------------------- note


def test_general_note_show_set_append_stdin_and_clear(run_cli):
    session = new(run_cli)
    empty = run_cli("note", session)
    assert empty.code == 0 and empty.out == "" and "No general note yet" in empty.err

    assert run_cli("note", session, "Met Dana (EM).").code == 0
    assert run_cli("note", session).out == "Met Dana (EM).\n"
    assert run_cli("note", session, "--append", "Offer by Friday.").code == 0
    assert run_cli("note", session).out == "Met Dana (EM).\nOffer by Friday.\n"
    assert report(run_cli, session)["interview"]["general_note"] == "Met Dana (EM).\nOffer by Friday."

    assert run_cli("note", session, "-", stdin="From a paste\nover two lines\n").code == 0
    assert run_cli("note", session).out == "From a paste\nover two lines\n"
    assert report(run_cli, session)["questions"][0]["note"] == ""  # not tied to a question

    cleared = run_cli("note", session, "")
    assert cleared.code == 0 and "Cleared" in cleared.err
    assert report(run_cli, session)["interview"]["general_note"] == ""


def test_general_note_is_shown_safely_and_bad_input_refused(run_cli):
    session = new(run_cli)
    assert run_cli("note", session, "a \x1b[2J b").code == 0
    assert run_cli("note", session).out == "a \\x1b[2J b\n"
    assert_one_line_error(run_cli("note", session, "-", stdin=b"\xff"), "<stdin>: not valid UTF-8")
    assert_one_line_error(run_cli("note", session, "--append"), "--append needs TEXT")


# --------------------------------------------------------------------------- every command

NEW_COMMANDS = [["flags"], ["import"], ["new"], ["edit"], ["note"], ["sessions", "import"]]


@pytest.mark.parametrize("command", NEW_COMMANDS, ids=" ".join)
def test_each_new_command_help_shows_an_example(run_cli, command):
    result = run_cli(*command, "--help")
    assert result.code == 0
    assert "Example" in result.out
    assert "prepbot" in result.out.split("Example", 1)[1]


def test_the_new_commands_do_not_import_textual(tmp_path):
    code = textwrap.dedent("""\
        import sys
        from prepbot.cli import main

        def run(*args):
            try:
                main(list(args))
            except SystemExit:
                pass

        run("new", "--company", "Acme")
        run("note", "Acme", "hello")
        run("flags", "Acme", "--add", "no-ci")
        run("import", "Acme", "--list")
        run("edit", "Acme", "--replan")
        run("export", "Acme", "-f", "json", "-o", sys.argv[1])
        run("sessions", "import", sys.argv[1], "--replace")
        leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        print("LEAKED" if leaked else "CLEAN", leaked[:3], file=sys.stderr)
        """)
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "r.json")], capture_output=True, text=True, timeout=60, env=os.environ.copy()
    )
    assert proc.stderr.strip().splitlines()[-1].startswith("CLEAN"), proc.stderr


def test_importing_the_cli_loads_no_service_store_or_export():
    """Start-up stays lazy: the new commands import their machinery inside the functions."""
    code = (
        "import sys, prepbot.cli; print(sorted(m for m in sys.modules if m.startswith(('prepbot.service', "
        "'prepbot.store', 'prepbot.export', 'prepbot.matching', 'jinja2', 'sqlite3'))))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr


def test_the_new_commands_work_as_a_separate_process(tmp_path):
    result = run_process("new", "--company", "Acme")
    assert result.code == 0, result.err
    session = result.out.strip()
    result = run_process("import", session, "-", stdin=REVIEW.encode())
    assert result.code == 0, result.err
    result = run_process("flags", session)
    assert result.code == 0 and "from: pasted text" in result.out


# --------------------------------------------------------------------------- analyze on a terminal


def test_analyze_on_a_terminal_asks_for_a_paste_and_reads_until_ctrl_d():
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: prepbot analyze with the pty as its terminal
        env = {**os.environ, "PREPBOT_MODEL": "off", "NO_COLOR": "1"}
        os.execvpe(sys.executable, [sys.executable, "-m", "prepbot", "analyze"], env)
    output = bytearray()

    def read_until(predicate, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate() and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the child has exited and closed the terminal
                    return
                if not chunk:
                    return
                output.extend(chunk)

    try:
        read_until(lambda: b"press Ctrl-D" in output)
        assert b"Paste or type the text, then press Ctrl-D on a new line" in output, bytes(output)
        os.write(fd, b"Nobody reviews code here.\nWe have no tests at all.\n")
        time.sleep(0.2)
        os.write(fd, b"\x04")  # Ctrl-D on a new line: end of input
        read_until(lambda: False)  # until the child closes the terminal
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    text = output.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    report_text = text.split("We have no tests at all.", 1)[1]  # after the echo of what was typed
    assert "No code review" in report_text
    assert "Little or no automated testing" in report_text
