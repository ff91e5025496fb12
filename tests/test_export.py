"""Exports: golden files for every format of both documents, safety of user text, files on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from prepbot.catalogue import load_catalogue
from prepbot.export import (
    ExportError,
    _environment,
    default_filename,
    interview_from_report,
    md_inline,
    render_checklist,
    render_report,
    resolve_target,
    slug,
    write_export,
)
from prepbot.interview import start_interview
from prepbot.planner import plan
from prepbot.store import Store

GOLDEN = Path(__file__).parent / "golden"
ODD = "<script>alert(1)</script> [bold]x[/] | pipes | 🙈 *stars* _under_ `tick` # hash"
LONG = "word " * 2000  # 10,000 characters


def odd_interview(bank):
    interview = start_interview(bank, f"Acme {ODD}", "Backend | dev", "2026-12-01", "engineer", 12)
    first, second, third = interview.question_ids[:3]
    interview.set_note(first, f"Nobody reviews code. {ODD}\n- people push straight to prod\n{LONG.strip()}")
    interview.set_note(second, "Every bug is triaged in Jira.\n1. second line")
    interview.set_status(third, "skipped")
    interview.id = "golden000001"
    interview.created_at = interview.updated_at = "2026-12-01T10:00:00+00:00"
    for answer in interview.answers.values():
        answer.updated_at = "2026-12-01T10:30:00+00:00"
    return interview


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PREPBOT_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with PREPBOT_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "json", "txt"])
def test_checklist_golden(bank, fmt):
    the_plan = plan(bank, persona="engineer", minutes=12)
    check_golden(f"checklist.{fmt}", render_checklist(bank, the_plan, f"Acme {ODD}", "Backend | dev", fmt))


@pytest.mark.parametrize("fmt", ["md", "html", "json", "txt"])
def test_report_golden(bank, fmt):
    check_golden(f"report.{fmt}", render_report(bank, load_catalogue().matcher, odd_interview(bank), fmt))


def test_html_escapes_every_user_string_and_has_no_scripts(bank):
    html = render_report(bank, load_catalogue().matcher, odd_interview(bank), "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html and "src=" not in html
    assert "@media print" in html and 'name="viewport"' in html
    assert LONG.strip() in html  # 10,000 characters survive whole


def test_markdown_keeps_lists_and_tables_intact(bank):
    md = render_report(bank, load_catalogue().matcher, odd_interview(bank), "md")
    assert "\\<script\\>alert(1)\\</script\\> \\[bold\\]x\\[/\\] \\| pipes \\| 🙈 \\*stars\\* \\_under\\_ \\`tick\\` # hash" in md
    assert "\n\\- people push straight to prod" in md  # a note line cannot start a new list item
    assert "\n1\\. second line" in md
    checklist = render_checklist(bank, plan(bank, minutes=12), f"Acme {ODD}", "x", "md")
    rows = [line for line in checklist.splitlines() if line.startswith("| ")]
    assert all(line.count(" | ") - line.count("\\| ") == 2 for line in rows)  # three cells in every row


def test_markdown_escaping_round_trips_as_the_same_text():
    import re

    for text in (ODD, "- leading dash", "12. numbered", "a\\b", "# heading"):
        unescaped = re.sub(r"\\(.)", r"\1", md_inline(text))
        assert unescaped == text


def test_plain_text_is_verbatim(bank):
    txt = render_report(bank, load_catalogue().matcher, odd_interview(bank), "txt")
    assert ODD in txt and LONG.strip() in txt


def test_json_report_round_trip_equals_the_interview(bank):
    interview = odd_interview(bank)
    data = json.loads(render_report(bank, load_catalogue().matcher, interview, "json"))
    assert data["schema"] == "prepbot.report" and data["version"] == 2
    assert [f["id"] for f in data["flags"]] == ["no-code-review", "bugs-tracked"]
    assert interview_from_report(data) == interview


def test_a_version_1_report_still_reads_back(bank):
    """Reports written by prepbot 0.1 (schema version 1) read into the same interview."""
    old = json.loads((Path(__file__).parent / "golden" / "report-v1.json").read_text(encoding="utf-8"))
    interview = interview_from_report(old)
    assert old["version"] == 1
    assert interview.company == old["interview"]["company"]
    assert [q["note"] for q in old["questions"]] == [interview.answer_for(q).note for q in interview.question_ids]
    assert interview.corrections == {} and interview.sources == []


def test_verdict_adds_up_by_hand(bank):
    interview = odd_interview(bank)
    data = json.loads(render_report(bank, load_catalogue().matcher, interview, "json"))
    verdict = data["verdict"]
    assert verdict["score"] == sum(r["weight"] for r in verdict["reasons"])
    points = {"low": 1, "medium": 2, "high": 3}
    for reason in verdict["reasons"]:
        sign = 1 if reason["kind"] == "green" else -1
        assert reason["weight"] == (0 if reason["status"] == "dismissed" else sign * points[reason["severity"]])
    assert "no-backlog" in verdict["unknown"]  # never asked: unknown, not green


def test_json_checklist_schema(bank):
    data = json.loads(render_checklist(bank, plan(bank, minutes=12), "Acme", "Dev", "json"))
    assert data["schema"] == "prepbot.checklist" and data["version"] == 1
    assert sum(len(c["questions"]) for c in data["categories"]) == len(plan(bank, minutes=12).questions)


def test_undefined_template_variables_fail_loudly():
    template = _environment().from_string("{{ nothing_here }}")
    with pytest.raises(UndefinedError):
        template.render()


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("Acme Corp", "acme-corp"),
        ("../../etc/x", "etc-x"),
        ("CON", "company-con"),
        ("lpt1 ltd", "company-lpt1-ltd"),
        ("🙈🙈", "interview"),
        ("Zürich Ågency", "zurich-agency"),
        ("a/b\\c:d*e?f", "a-b-c-d-e-f"),
        ("x" * 300, "x" * 60),
    ],
)
def test_safe_slugs(company, expected):
    assert slug(company) == expected


def test_default_name_stays_inside_the_chosen_folder(tmp_path):
    target = resolve_target(tmp_path, "../../etc/passwd", "report", "md")
    assert target.parent == tmp_path and target.name == "etc-passwd-report.md"
    assert default_filename("CON", "checklist", "html") == "company-con-checklist.html"


def test_atomic_write_never_overwrites_without_force(tmp_path):
    target = tmp_path / "r.md"
    write_export(target, "first")
    with pytest.raises(ExportError, match="already exists; use --force"):
        write_export(target, "second")
    assert target.read_text() == "first"
    write_export(target, "second", force=True)
    assert target.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary files left behind


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_export(tmp_path / "nope" / "r.md", "x")


# -- through the CLI


def test_prep_to_stdout_and_to_a_folder(run_cli, tmp_path):
    result = run_cli("prep", "--company", "Acme", "--persona", "engineer", "--minutes", "10")
    assert result.code == 0 and result.out.startswith("# Interview prep: Acme\n")
    assert "- [ ] **" in result.out
    result = run_cli("prep", "--company", "../../CON", "-f", "html", "-o", str(tmp_path))
    assert result.code == 0
    assert (tmp_path / "company-con-checklist.html").exists()
    assert result.err == f"Wrote {tmp_path / 'company-con-checklist.html'}\n"
    again = run_cli("prep", "--company", "../../CON", "-f", "html", "-o", str(tmp_path))
    assert again.code == 2 and "already exists; use --force" in again.err
    assert run_cli("prep", "--company", "../../CON", "-f", "html", "-o", str(tmp_path), "--force").code == 0


def test_export_a_saved_interview(run_cli, bank, tmp_path):
    interview = odd_interview(bank)
    Store().save(interview)
    result = run_cli("export", interview.id, "--format", "json")
    assert result.code == 0
    assert interview_from_report(json.loads(result.out)) == interview
    out = tmp_path / "report.html"
    assert run_cli("export", interview.id[:5], "-f", "html", "-o", str(out)).code == 0
    assert "&lt;script&gt;" in out.read_text()


def test_export_errors(run_cli, tmp_path):
    assert run_cli("export", "nobody").err.startswith("prepbot: error: no saved interview matches 'nobody'")
    result = run_cli("prep", "--company", "x", "-o", str(tmp_path / "missing" / "x.md"))
    assert result.code == 2 and result.err.count("\n") == 1
