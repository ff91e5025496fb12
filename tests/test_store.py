"""Saved interviews: round trips, autosave, migrations, corruption, permissions, concurrency."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest

from prepbot import locations
from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.store import SCHEMA_VERSION, Store, StoreError
from prepbot.summary import summarize

ODD_TEXT = "[bold]x[/] [/ a[0] [b <script>alert(1)</script> 🙈 | pipes | " + "long " * 2000


@pytest.fixture
def interview(bank):
    return start_interview(bank, "Acme [bold]Corp[/]", "Backend", "2026-12-01", "engineer", 20)


def test_round_trip_keeps_every_field_and_odd_text(bank, interview):
    interview.set_note(interview.question_ids[0], ODD_TEXT)
    interview.set_status(interview.question_ids[1], "skipped")
    interview.move_to(2)
    store = Store()
    store.save(interview)
    loaded = Store().load(interview.id)
    assert loaded == interview
    assert loaded.answers[interview.question_ids[0]].note == ODD_TEXT


def test_autosave_of_one_answer(bank, interview):
    store = Store()
    store.save(interview)
    interview.set_note(interview.question_ids[1], "nobody reviews code")
    interview.move_to(1)
    store.save_answer(interview, interview.question_ids[1])
    loaded = Store().load(interview.id)
    assert loaded.answers[interview.question_ids[1]].note == "nobody reviews code"
    assert loaded.current == 1


def test_list_shows_progress_and_delete_removes(bank, interview):
    store = Store()
    store.save(interview)
    interview.set_note(interview.question_ids[0], "ok")
    store.save_answer(interview, interview.question_ids[0])
    [row] = store.rows()
    assert (row.company, row.answered_count, row.question_count) == ("Acme [bold]Corp[/]", 1, len(interview.question_ids))
    store.delete(interview.id)
    assert store.rows() == []


def test_private_modes(bank, interview, private_home):
    store = Store()
    store.save(interview)
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    fresh = private_home / "nested" / "home"
    store2 = Store(fresh / "db.sqlite3")
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(fresh.parent).st_mode) == 0o700
    store2.close()


def test_schema_version_and_wal(interview):
    store = Store()
    assert store._connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store._connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_corrupt_database_is_moved_aside_not_deleted(private_home):
    path = locations.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not sqlite, it is someone's precious notes" * 100)
    store = Store()
    assert store.recovered_from is not None
    assert store.recovered_from.name.startswith("prepbot.sqlite3.corrupt-")
    assert store.recovered_from.read_bytes().startswith(b"this is not sqlite")
    assert store.rows() == []


def test_newer_schema_is_refused_not_downgraded(private_home):
    path = locations.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    expected = rf"written by a newer prepbot \(schema {SCHEMA_VERSION + 1}, this one knows {SCHEMA_VERSION}\)"
    with pytest.raises(StoreError, match=expected):
        Store()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    connection.close()


def test_two_processes_writing_at_once_both_survive(bank, interview):
    store = Store()
    store.save(interview)
    script = textwrap.dedent(f"""
        import sys
        from prepbot.store import Store
        store = Store()
        interview = store.load({interview.id!r})
        question = interview.question_ids[int(sys.argv[1])]
        for n in range(40):
            interview.set_note(question, f"note from writer {{sys.argv[1]}} #{{n}}")
            store.save_answer(interview, question)
        """)
    writers = [subprocess.Popen([sys.executable, "-c", script, str(i)]) for i in (0, 1)]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    loaded = Store().load(interview.id)
    assert loaded.answers[interview.question_ids[0]].note == "note from writer 0 #39"
    assert loaded.answers[interview.question_ids[1]].note == "note from writer 1 #39"


def test_summary_red_then_green_with_questions_and_verdict(bank, interview):
    matcher = load_catalogue().matcher
    first, second, third = interview.question_ids[:3]
    interview.set_note(first, "Nobody reviews code and we push straight to prod.")
    interview.set_note(second, "Every bug is triaged in Jira.")
    interview.set_status(third, "skipped")
    summary = summarize(interview, bank, matcher)
    assert [f.id for f in summary.red] == ["no-code-review"]
    assert summary.red[0].question_id == first
    assert [f.id for f in summary.green] == ["bugs-tracked"]
    assert [q.id for q in summary.skipped] == [third]
    assert len(summary.unanswered) == len(interview.question_ids) - 3
    assert summary.verdict.label.startswith("Some concerns")
    assert summary.score == 2 - 3


def test_start_interview_validates(bank):
    with pytest.raises(ValueError, match="company name is required"):
        start_interview(bank, "   ")
    with pytest.raises(ValueError):
        start_interview(bank, "Acme", date="next tuesday")


def test_sessions_list_cli(run_cli, bank, interview):
    assert run_cli("sessions", "list").out.strip() == "No saved interviews yet. Run `prepbot` to start one."
    Store().save(interview)
    out = run_cli("sessions", "list").out
    assert interview.id in out and "Acme [bold]Corp[/] / Backend" in out and "0/" in out


def test_sessions_delete_cli(run_cli, interview):
    Store().save(interview)
    result = run_cli("sessions", "delete", interview.id[:6], "--yes")
    assert result.code == 0 and result.out.startswith(f"Deleted {interview.id}")
    assert Store().rows() == []
    assert run_cli("sessions", "delete", "nope", "--yes").code == 2
