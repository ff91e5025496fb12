"""Without --format, `prepbot prep` and `prepbot export` write the format the output file's name
ends in (acme.html is HTML, acme.json JSON); an explicit --format wins; otherwise Markdown."""

from __future__ import annotations

import json


def test_prep_writes_the_format_of_the_file_name(run_cli, tmp_path):
    html, data = tmp_path / "acme.html", tmp_path / "acme.JSON"
    assert run_cli("prep", "--company", "Acme", "-o", str(html)).code == 0
    assert html.read_text().lstrip().startswith("<!DOCTYPE html>")
    assert run_cli("prep", "--company", "Acme", "-o", str(data)).code == 0
    assert json.loads(data.read_text())["schema"] == "prepbot.checklist"


def test_an_explicit_format_wins_and_markdown_is_the_default(run_cli, tmp_path):
    assert run_cli("prep", "--company", "Acme", "-f", "txt", "-o", str(tmp_path / "a.html")).code == 0
    assert (tmp_path / "a.html").read_text().startswith("INTERVIEW PREP: Acme")
    assert run_cli("prep", "--company", "Acme", "-o", str(tmp_path / "b.weird")).code == 0
    assert (tmp_path / "b.weird").read_text().startswith("# Interview prep: Acme")
    assert run_cli("prep", "--company", "Acme", "-o", str(tmp_path) + "/").code == 0
    assert (tmp_path / "acme-checklist.md").exists()


def test_export_writes_the_format_of_the_file_name(run_cli, tmp_path):
    assert run_cli("new", "--company", "Initech").code == 0
    target = tmp_path / "initech.html"
    result = run_cli("export", "Initech", "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_text().lstrip().startswith("<!DOCTYPE html>")
