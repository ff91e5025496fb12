"""Several writers on one interview (the TUI and a shell): each write changes only what its caller
changed, tells the caller what changed underneath, and shows a real conflict instead of losing it."""

from __future__ import annotations

import sqlite3

import pytest

from prepbot import errors
from prepbot.interview import Interview
from prepbot.service import Service
from prepbot.store import rows


@pytest.fixture
def two(catalogue):
    """Two windows (two services, two connections) on one database, and one saved interview."""
    first = Service.connect(catalogue, use_model=False)
    interview = Interview(company="Acme", role="Backend", question_ids=["au-tech-choice", "au-say-no", "au-who-approves"])
    first.store.save(interview)
    second = Service.connect(catalogue, use_model=False)
    return first, first.load(interview.id), second, second.load(interview.id)


def test_a_plan_change_here_keeps_a_note_a_source_and_a_correction_from_elsewhere(two):
    tui_service, tui, shell_service, shell = two
    shell_service.set_general_note(shell, "from the shell")
    shell_service.import_source(shell, "review", "Nobody reviews code here.")
    shell_service.correct(shell, "no-code-review", "dismissed", "the old team")
    tui_service.open(tui).add_question("Who decides what we build?")
    stored = tui_service.load(tui.id)
    assert stored.general_note == "from the shell"
    assert [s.label for s in stored.sources] == ["review"]
    assert stored.corrections["no-code-review"].reason == "the old team"
    assert len(stored.question_ids) == 4
    assert tui.general_note == "from the shell" and len(tui.sources) == 1  # the window learnt it


def test_the_caller_is_told_what_changed_underneath(two):
    tui_service, tui, shell_service, shell = two
    shell_service.set_general_note(shell, "from the shell")
    shell_service.update_details(shell, role="Staff")
    result = tui_service.correct(tui, "no-ci", "added")
    assert set(result.underneath) == {"general_note", "role"}
    assert tui.role == "Staff"
    assert tui_service.correct(tui, "no-tests", "added").underneath == ()


def test_details_changed_in_both_places_are_a_conflict_not_an_overwrite(two):
    tui_service, tui, shell_service, shell = two
    shell_service.update_details(shell, role="Staff")
    with pytest.raises(errors.ConflictError, match="role was changed in another window"):
        tui_service.update_details(tui, role="Principal")
    assert tui_service.load(tui.id).role == "Staff"
    assert tui.role == "Staff"  # reloaded, for the dialog to show
    tui_service.update_details(tui, role="Principal")  # now a deliberate change
    assert tui_service.load(tui.id).role == "Principal"


def test_details_changed_in_different_fields_are_both_kept(two):
    tui_service, tui, shell_service, shell = two
    shell_service.update_details(shell, role="Staff")
    tui_service.update_details(tui, company="Acme Corp", role=tui.role, date=tui.date)  # the dialog sends all
    stored = tui_service.load(tui.id)
    assert (stored.company, stored.role) == ("Acme Corp", "Staff")


def test_one_flag_corrected_differently_in_both_places_is_a_conflict(two):
    tui_service, tui, shell_service, shell = two
    shell_service.correct(shell, "no-ci", "added", "they laughed")
    with pytest.raises(errors.ConflictError, match="no-ci"):
        tui_service.undo_correction(tui, "no-ci")
    assert "no-ci" in tui_service.load(tui.id).corrections
    assert tui.corrections["no-ci"].reason == "they laughed"


def test_answers_typed_here_are_saved_with_any_change(two):
    tui_service, tui, shell_service, shell = two
    tui.set_note("au-say-no", "never happened")
    shell_service.set_general_note(shell, "x")
    tui_service.import_source(tui, "mail", "We deploy on Fridays.")
    stored = shell_service.load(tui.id)
    assert stored.answers["au-say-no"].note == "never happened"
    assert stored.general_note == "x"


def test_a_failed_replace_keeps_the_old_interview_whole(two, monkeypatch):
    tui_service, tui, _, _ = two
    tui_service.set_general_note(tui, "the original")
    newer = tui_service.load(tui.id)
    newer.general_note = "the replacement"
    newer.add_source("review", "text")

    def broken(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(rows, "put_source", broken)
    with pytest.raises(errors.ServiceError):
        tui_service.restore(newer, replace=True)
    kept = tui_service.load(tui.id)
    assert kept.general_note == "the original" and kept.sources == []


def test_a_dismissal_covers_the_words_another_window_imported(two):
    tui_service, tui, shell_service, shell = two
    shell_service.import_source(shell, "review", "Nobody reviews code here.")
    tui_service.correct(tui, "no-code-review", "dismissed", "the old team")
    finding = next(f for f in tui_service.summary(tui).findings if f.id == "no-code-review")
    assert finding.status == "dismissed" and not finding.counts
