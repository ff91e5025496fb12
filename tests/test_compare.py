"""Companies side by side: the comparison's domain, golden files in every format with hostile names
and notes, and `prepbot compare` on the command line."""

from __future__ import annotations

import json
import re

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.compare import LABELS, CompareError, compare
from prepbot.export import comparison_name, render_comparison
from prepbot.interview import start_interview
from prepbot.store import Store
from prepbot.summary import summarize
from tests.test_export import check_golden

ESC = "\x1b[2J\x1b]0;pwned\x07"
HOSTILE = f"<script>alert(1)</script> [bold]x[/] 🙈 {ESC}"
LONG = "word " * 2000  # 10,000 characters


def fixed(interview, number: int):
    interview.id = f"cmp{number:09d}"
    interview.created_at = interview.updated_at = "2026-12-01T10:00:00+00:00"
    for answer in interview.answers.values():
        answer.updated_at = "2026-12-01T10:30:00+00:00"
    return interview


def three_interviews(bank):
    """Acme (hostile name and notes, a flag heard twice), Globex (a dismissed flag) and Initech (nothing asked)."""
    acme = start_interview(bank, f"Acme {HOSTILE}", f"Backend {ESC}| dev", "2026-12-01", "engineer", 20)
    acme.set_note(acme.question_ids[0], f"Nobody reviews code. {HOSTILE}\n{LONG.strip()}")
    acme.set_note(acme.question_ids[1], f"Nobody reviews code here either [/]. Every bug is triaged in Jira. {ESC}")
    globex = start_interview(bank, "Globex [/] 🙈", "Platform", "2026-12-03", "manager", 15)
    globex.set_note(globex.question_ids[0], "Every PR needs an approval. Standups take 45 minutes.")
    globex.correct("long-standups", "dismissed", "they meant the monthly planning", evidence=["Standups take 45 minutes"])
    initech = start_interview(bank, "Initech", "", "2026-12-05", None, 10)
    return [fixed(acme, 1), fixed(globex, 2), fixed(initech, 3)]


def comparison_of(bank, interviews):
    matcher = load_catalogue().matcher
    return compare(bank, [(i, summarize(i, bank, matcher, "off")) for i in interviews])


@pytest.mark.parametrize("fmt", ["md", "html", "json", "txt"])
def test_comparison_golden(bank, fmt):
    check_golden(f"comparison.{fmt}", render_comparison(bank, comparison_of(bank, three_interviews(bank)), fmt))


def test_cells_say_red_green_dismissed_not_heard_or_not_asked(bank):
    comparison = comparison_of(bank, three_interviews(bank))
    rows = {row.id: row for row in comparison.rows}
    states = {flag: [c.state for c in row.cells] for flag, row in rows.items()}
    assert states["no-code-review"] == ["red", "not-heard", "not-asked"]
    assert states["code-review-required"] == ["not-heard", "green", "not-asked"]
    assert states["long-standups"] == ["not-asked", "dismissed", "not-asked"]
    assert states["bugs-tracked"][0] == "green"
    # Heard under two questions: one row, one cell, both quotes (each once).
    assert rows["no-code-review"].cells[0].evidence == ("Nobody reviews code",)
    assert len(rows["no-code-review"].cells[0].finding.questions) == 2
    # Rows: red first; only flags someone showed or probed.
    kinds = [row.kind for row in comparison.rows]
    assert kinds == sorted(kinds, key=lambda k: k != "red")
    assert "no-backlog" not in rows and "equipment-budget" not in rows
    assert all(label.split()[-1] for label in LABELS.values())  # every state has words, not only a colour


def test_next_questions_probe_the_unknowns_and_were_not_answered(bank):
    interviews = three_interviews(bank)
    comparison = comparison_of(bank, interviews)
    for column in comparison.columns:
        ahead = comparison.next_questions[column.id]
        assert 1 <= len(ahead) <= 3
        answered = {q for q, a in column.interview.answers.items() if a.answered}
        for item in ahead:
            assert item.question.id not in answered
            assert item.flags and set(item.flags) <= set(column.summary.verdict.unknown)
            assert set(item.flags) <= set(item.question.flags)


@pytest.mark.parametrize("count", [1, 5])
def test_two_to_four_interviews(bank, count):
    interviews = [fixed(start_interview(bank, f"C{n}", "", "2026-12-01", None, 10), n) for n in range(count)]
    with pytest.raises(CompareError, match="2 to 4"):
        comparison_of(bank, interviews)


def test_the_same_interview_twice_is_refused(bank):
    acme = three_interviews(bank)[0]
    with pytest.raises(CompareError, match="twice"):
        comparison_of(bank, [acme, acme])


def test_json_shape(bank):
    interviews = three_interviews(bank)
    data = json.loads(render_comparison(bank, comparison_of(bank, interviews), "json"))
    assert data["schema"] == "prepbot.comparison" and data["version"] == 1
    assert [i["id"] for i in data["interviews"]] == [i.id for i in interviews]
    assert set(data["interviews"][0]) == {"id", "company", "role", "date", "verdict", "score"}
    for flag in data["flags"]:
        assert set(flag) == {"id", "kind", "title", "cells"}
        assert [c["interview"] for c in flag["cells"]] == [i.id for i in interviews]
        assert all(c["state"] in ("red", "green", "dismissed", "not-heard", "not-asked") for c in flag["cells"])
    assert set(data["next_questions"]) == {i.id for i in interviews}
    assert all(set(q) == {"id", "ask", "flags"} for qs in data["next_questions"].values() for q in qs)


def test_html_is_self_contained_escaped_and_prints_landscape(bank):
    html = render_comparison(bank, comparison_of(bank, three_interviews(bank)), "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html
    assert "http://" not in html and "https://" not in html and "<link" not in html and "src=" not in html
    assert "Content-Security-Policy" in html and "@page { size: A4 landscape" in html
    assert "<details>" in html and "@media (max-width: 640px)" in html


def test_text_and_markdown_show_hostile_text_as_text(bank):
    comparison = comparison_of(bank, three_interviews(bank))
    txt = render_comparison(bank, comparison, "text")
    assert "\x1b" not in txt and "\\x1b[2J" in txt
    assert "<script>alert(1)</script> [bold]x[/] 🙈" in txt
    md = render_comparison(bank, comparison, "md")
    assert "\\<script\\>" in md and "\x1b" not in md
    table = [line for line in md.splitlines() if line.startswith("| ")]
    assert table and all(len(re.findall(r"(?<!\\)\|", line)) == 5 for line in table)  # four cells in every row


def test_default_file_name_is_safe(bank):
    assert comparison_name(["Acme Corp", "../../etc/x"]) == "acme-corp-vs-etc-x"
    assert comparison_name(["CON", "🙈"]) == "company-con-vs-interview"


# -- through the CLI


def saved(bank):
    interviews = three_interviews(bank)
    store = Store()
    for interview in interviews:
        store.save(interview)
    return interviews


def test_compare_on_the_command_line(run_cli, bank, tmp_path):
    acme, globex, initech = saved(bank)
    result = run_cli("compare", acme.id, "globex", "Initech")
    assert result.code == 0 and result.out.startswith("COMPARISON: Acme")
    assert "✗ RED" in result.out and "– not asked" in result.out
    data = json.loads(run_cli("compare", acme.id, globex.id, "-f", "json").out)
    assert [i["id"] for i in data["interviews"]] == [acme.id, globex.id]

    written = run_cli("compare", "globex", "initech", "-f", "html", "-o", str(tmp_path))
    target = tmp_path / "globex-vs-initech-comparison.html"
    assert written.code == 0 and target.exists() and written.err == f"Wrote {target}\n"
    again = run_cli("compare", "globex", "initech", "-f", "html", "-o", str(tmp_path))
    assert again.code == 2 and "already exists; use --force" in again.err
    assert run_cli("compare", "globex", "initech", "-f", "html", "-o", str(tmp_path), "--force").code == 0
    assert run_cli("compare", "globex", "initech", "-o", str(tmp_path)).code == 0
    assert (tmp_path / "globex-vs-initech-comparison.txt").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["globex"], "compare takes 2 to 4 interviews, not 1"),
        (["globex", "Globex"], "the same interview is named twice"),
        (["globex", "nobody"], "no saved interview matches 'nobody'"),
        (["a", "b", "c", "d", "e"], "compare takes 2 to 4 interviews, not 5"),
        ([], "compare takes 2 to 4 interviews, not 0"),
    ],
)
def test_compare_errors_are_one_line_exit_2(run_cli, bank, args, message):
    saved(bank)
    result = run_cli("compare", *args)
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1 and not result.out


def test_compare_does_not_import_textual(bank, private_home):
    import subprocess
    import sys
    import textwrap

    saved(bank)
    code = textwrap.dedent("""\
        import sys
        from prepbot.cli import main
        for args in (["compare", "Globex", "Initech", "-f", "json"], ["compare", "--help"], ["serve", "--help"]):
            try:
                main(args)
            except SystemExit:
                pass
        leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual"))
        print("LEAKED" if leaked else "CLEAN", leaked[:3], file=sys.stderr)
        """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().startswith("CLEAN"), proc.stderr
    assert '"schema": "prepbot.comparison"' in proc.stdout


def test_compare_on_a_wide_terminal_shows_whole_company_names(run_cli, bank, monkeypatch):
    long_names = ("Globex Corporation International", "Initech Software Solutions")
    store = Store()
    ids = []
    for name in long_names:
        interview = start_interview(bank, name, "", "2026-12-01")
        store.save(interview)
        ids.append(interview.id)
    monkeypatch.setenv("COLUMNS", "160")
    wide = run_cli("compare", *ids).out
    [header] = [line for line in wide.splitlines() if line.startswith("RED FLAGS")]  # the table's head
    for number, name in enumerate(long_names, 1):
        assert f"[{number}] {name}" in header
    assert len(header) <= 160
    monkeypatch.setenv("COLUMNS", "80")
    narrow = run_cli("compare", *ids).out
    assert all(len(line) <= 80 for line in narrow.splitlines() if line.startswith(("RED FLAGS", "GREEN FLAGS")))
