"""Issue 20: a bad report never costs a saved interview; bad bytes, paths and homes are one line."""

from __future__ import annotations

import json
import os
import re

import pytest

from prepbot.locations import builtin_bank_dir
from tests.conftest import run_process
from tests.test_cli_interviews import assert_one_line_error, new, report, write_note


def _replace_with(run_cli, tmp_path, mutate) -> tuple[str, object]:
    """Save an interview, then `sessions import --replace` a broken copy of its report."""
    session = new(run_cli)
    write_note(session, 0, "nobody reviews code")
    before = run_cli("export", session, "-f", "json").out
    data = json.loads(before)
    mutate(data)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8", errors="surrogatepass")
    result = run_cli("sessions", "import", str(path), "--replace")
    after = run_cli("export", session, "-f", "json")
    assert after.code == 0 and after.out == before, "the saved interview changed"
    return session, result


def _source(text: str) -> dict:
    return {"id": "src-1", "label": "review", "text": text, "added_at": "2026-12-01T10:00:00+00:00"}


BROKEN = {
    "current-huge": (lambda d: d["interview"].update(current=10**30), "interview.current"),
    "current-out-of-plan": (lambda d: d["interview"].update(current=999), "interview.current"),
    "lone-surrogate-note": (lambda d: d["questions"][0].update(note="caf\udce9"), "question"),
    "lone-surrogate-company": (lambda d: d["interview"].update(company="\ud800"), "interview.company"),
    "minutes-huge": (lambda d: d["interview"].update(minutes=1e308), "interview.minutes"),
    "minutes-text": (lambda d: d["interview"].update(minutes="20"), "interview.minutes"),
    "week-date": (lambda d: d["interview"].update(date="2026-W49-1"), "interview.date"),
    "updated-at-garbage": (lambda d: d["interview"].update(updated_at="yesterday-ish"), "interview.updated_at"),
    "persona-unknown": (lambda d: d["interview"].update(persona="hacker"), "interview.persona"),
    "categories-string": (lambda d: d["interview"].update(categories="testing"), "interview.categories"),
    "id-newline": (lambda d: d["interview"].update(id="abc\ndef"), "interview.id"),
    "id-escape": (lambda d: d["interview"].update(id="abc\x1b[31m"), "interview.id"),
    "id-path": (lambda d: d["interview"].update(id="../../etc"), "interview.id"),
    "id-long": (lambda d: d["interview"].update(id="a" * 101), "interview.id"),
    "flag-unknown": (
        lambda d: d.update(
            corrections=[
                {"flag": "made-up", "status": "added", "reason": "", "question_id": None, "evidence": [], "updated_at": None}
            ]
        ),
        "the correction of flag 'made-up'",
    ),
    "source-too-large": (lambda d: d.update(sources=[_source("x" * (4 * 1024 * 1024 + 1))]), "the source"),
    "source-id-path": (lambda d: d.update(sources=[{**_source("a review"), "id": "a/b"}]), "a source id"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_bad_report_with_replace_keeps_the_saved_interview(run_cli, tmp_path, case):
    mutate, where = BROKEN[case]
    session, result = _replace_with(run_cli, tmp_path, mutate)
    assert_one_line_error(result, f"{tmp_path / 'r.json'}: not a valid prepbot report: {where}")


def test_a_good_report_replaces_in_one_go(run_cli, tmp_path):
    session = new(run_cli)
    data = report(run_cli, session)
    data["interview"]["general_note"] = "restored"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data))
    result = run_cli("sessions", "import", str(path), "--replace")
    assert result.code == 0, result.err
    assert report(run_cli, session)["interview"]["general_note"] == "restored"


# --------------------------------------------------------------------------- bytes that are not UTF-8

BAD = os.fsdecode(b"caf\xe9")  # what Python makes of the byte 0xE9 in an argument


@pytest.mark.parametrize(
    "args",
    [
        ("new", "--company", BAD),
        ("new", "--company", "Acme", "--role", BAD),
        ("note", "{id}", BAD),
        ("flags", "{id}", "--add", "no-ci", "--reason", BAD),
        ("import", "{id}", "-", "--label", BAD),
        ("import", "{id}", BAD + ".txt"),
        ("analyze", BAD + ".txt"),
    ],
    ids=["company", "role", "note", "reason", "label", "file-name", "analyze-file"],
)
def test_an_argument_that_is_not_utf8_is_one_line(run_cli, args):
    session = new(run_cli)
    before = run_cli("export", session, "-f", "json").out
    result = run_process(*(a.replace("{id}", session) for a in args), stdin=b"some text")
    assert_one_line_error(result, "an argument is not UTF-8 text: 'caf\\xe9")
    assert run_cli("export", session, "-f", "json").out == before


# --------------------------------------------------------------------------- homes and paths


def test_prepbot_home_set_to_a_file_is_one_clear_line(tmp_path, monkeypatch):
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    result = run_process("sessions", "list", env={"PREPBOT_HOME": str(home)})
    assert_one_line_error(result, f"the data directory {home} is a file, not a folder")


def test_an_export_name_over_255_bytes_is_one_line(run_cli, tmp_path):
    target = tmp_path / ("é" * 130 + ".md")  # 260 bytes
    assert_one_line_error(run_cli("prep", "--company", "Acme", "-o", str(target)), f"cannot write {target}: a name in it")


def test_an_export_name_of_255_bytes_is_written(run_cli, tmp_path):
    for length in (243, 255):
        target = tmp_path / ("b" * (length - 3) + ".md")
        result = run_cli("prep", "--company", "Acme", "-o", str(target))
        assert result.code == 0, result.err
        assert "Acme" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


def test_export_into_a_folder_that_does_not_exist_yet(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("prep", "--company", "Acme", "-o", "newdir/")
    assert result.code == 0, result.err
    assert (tmp_path / "newdir").is_dir()
    assert (tmp_path / "newdir" / "acme-checklist.md").is_file()
    assert_one_line_error(run_cli("prep", "--company", "Acme", "-o", "missing/newdir/"), "cannot create the folder")


# --------------------------------------------------------------------------- the Low items


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_called_utf16_not_binary(run_cli, tmp_path, encoding):
    # (with a byte-order mark it is simply read: tests/test_cli_analyze.py)
    path = tmp_path / "notes.txt"
    path.write_text("Nobody reviews code here.", encoding=encoding)
    assert_one_line_error(
        run_cli("analyze", str(path)), f"{path}: looks like UTF-16 text without a byte-order mark; save it as UTF-8"
    )


def test_a_bank_minutes_of_nan_says_what_is_wrong(run_cli, tmp_path):
    bank = tmp_path / "mine.yaml"
    builtin = builtin_bank_dir().glob("*.yaml")
    text = next(p for p in sorted(builtin) if "minutes:" in p.read_text(encoding="utf-8")).read_text(encoding="utf-8")
    bank.write_text(re.sub(r"minutes: [0-9.]+", "minutes: .nan", text, count=1), encoding="utf-8")
    result = run_cli("bank", "validate", str(bank))
    assert result.code == 2
    assert "'minutes' must be a finite number, got the number '.nan'" in result.err, result.err


def test_an_id_already_saved_with_escapes_is_shown_not_obeyed(run_cli):
    """A database written before ids were checked: `sessions list` and `flags` show the escape."""
    from prepbot.interview import Interview
    from prepbot.store import Store

    interview = Interview(company="Acme", id="evil\x1b]0;pwned\x07", question_ids=["au-tech-choice"])
    Store().save(interview)
    for result in (run_cli("sessions", "list"), run_cli("flags", "Acme")):
        assert result.code == 0, result.err
        assert "\x1b" not in result.out and "\x07" not in result.out
        assert "evil" in result.out


def test_the_chatbot_without_a_terminal_says_so_instead_of_writing_escapes(tmp_path):
    result = run_process(stdin=b"", timeout=60)  # `prepbot </dev/null >out`
    assert_one_line_error(result, "the interview chatbot needs a terminal")
    assert result.out == ""
