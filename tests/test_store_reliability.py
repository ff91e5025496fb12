"""Hostile files, full disks and two windows: nothing lost, nothing executed.

Full disk (for real: SQLite's max_page_count, and a tiny tmpfs), two Store objects on one file,
the database deleted or replaced under a running Store, wildcard keys, corrupt files with their
-wal/-shm, and one rule for "answered".
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from prepbot import locations
from prepbot.interview import Interview, start_interview
from prepbot.store import (
    CONFLICT_MARKER,
    MIGRATIONS,
    SCHEMA_VERSION,
    DiskFullError,
    Store,
    StoreError,
    merge_notes,
)

BIG_NOTE = "They push straight to prod on Fridays and nobody reviews the code. " * 300


@pytest.fixture
def interview(bank) -> Interview:
    return start_interview(bank, "Acme", "Backend", "2026-12-01", "engineer", 20)


def _note(store_or_path, interview_id: str, question_id: str) -> str | None:
    store = Store(store_or_path) if isinstance(store_or_path, Path) else Store()
    try:
        answer = store.load(interview_id).answers.get(question_id)
        return answer.note if answer else None
    finally:
        store.close()


# --------------------------------------------------------------------------- 1. full disk


def test_full_database_is_a_disk_full_error_the_note_stays_and_a_retry_saves_it(interview):
    store = Store()
    store.save(interview)
    question = interview.question_ids[0]
    connection = store._connection
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL from now on, like a full disk

    interview.set_note(question, BIG_NOTE)
    with pytest.raises(DiskFullError) as caught:
        store.save_answer(interview, question)
    assert isinstance(caught.value, StoreError)
    assert str(caught.value) == f"cannot save to {store.path}: the disk is full"
    with pytest.raises(DiskFullError):
        store.save(interview)
    assert interview.answers[question].note == BIG_NOTE  # nothing in the store cleared it
    assert interview.answers[question].version == 0

    # Reading works while the disk is full.
    assert [row.id for row in store.rows()] == [interview.id]
    assert store.load(interview.id).answers.get(question) is None or store.load(interview.id).answers[question].note == ""
    assert store.find("Acme").id == interview.id
    assert _note(None, interview.id, question) in (None, "")

    connection.execute("PRAGMA max_page_count = 1073741823")  # space freed
    result = store.save_answer(interview, question)
    assert not result.conflict and not result.recreated and result.message is None
    assert _note(None, interview.id, question) == BIG_NOTE


def test_a_locked_database_is_a_one_line_store_error_and_the_note_stays(interview):
    store = Store()
    store.save(interview)
    store._connection.execute("PRAGMA busy_timeout = 100")
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
    question = interview.question_ids[0]
    interview.set_note(question, "typed while locked")
    try:
        with pytest.raises(StoreError) as caught:
            store.save_answer(interview, question)
        assert not isinstance(caught.value, DiskFullError)
        assert str(caught.value) == f"cannot save to {store.path}: another program holds the database locked"
        assert [row.id for row in store.rows()] == [interview.id]  # reading still works
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert interview.answers[question].note == "typed while locked"
    assert not store.save_answer(interview, question).conflict
    assert _note(None, interview.id, question) == "typed while locked"


def _can_mount_tmpfs(where: Path) -> bool:
    if not (shutil.which("unshare") and shutil.which("mount")):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f'mount -t tmpfs -o size=64k tmpfs "{where}"'], capture_output=True)
    return probe.returncode == 0


FULL_DISK_SCRIPT = (
    textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    from prepbot.catalogue import load_catalogue
    from prepbot.interview import start_interview
    from prepbot.store import DiskFullError, Store

    root = Path(sys.argv[1])
    path = root / "home" / "prepbot.sqlite3"
    store = Store(path)
    interview = start_interview(load_catalogue().bank, "Acme", "Dev", "2026-12-01")
    question = interview.question_ids[0]
    interview.set_note(question, "saved before the disk filled up")
    store.save(interview)

    filler = os.open(root / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(filler, b"x" * 4096)
    except OSError:
        pass
    os.close(filler)

    note = %r
    interview.set_note(question, note)
    report = {}
    def attempt(name, save):
        try:
            save()
            report[name] = "saved"
        except Exception as exc:
            report[name] = f"{type(exc).__name__}: {exc}"
    attempt("save_answer", lambda: store.save_answer(interview, question))
    attempt("save", lambda: store.save(interview))
    report["kept"] = interview.answers[question].note == note
    report["list"] = [row.id for row in store.rows()] == [interview.id]
    report["load"] = store.load(interview.id).answers[question].note
    report["find"] = store.find("Acme").id == interview.id
    os.unlink(root / "filler")
    attempt("retry", lambda: store.save_answer(interview, question))
    report["reloaded"] = Store(path).load(interview.id).answers[question].note == note
    print(json.dumps(report))
""")
    % BIG_NOTE
)


def test_commit_on_a_really_full_filesystem_is_a_disk_full_error(tmp_path):
    """COMMIT itself fails (the WAL cannot grow): SQLite has rolled back already; no traceback."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if not _can_mount_tmpfs(mount_point):
        pytest.skip("cannot mount a small tmpfs in a user namespace here")
    proc = subprocess.run(
        [
            "unshare",
            "-rm",
            "sh",
            "-c",
            'mount -t tmpfs -o size=1m tmpfs "$1" && exec "$2" -c "$3" "$1"',
            "sh",
            str(mount_point),
            sys.executable,
            FULL_DISK_SCRIPT,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    path = mount_point / "home" / "prepbot.sqlite3"
    assert report["save_answer"] == f"DiskFullError: cannot save to {path}: the disk is full"
    assert report["save"] == f"DiskFullError: cannot save to {path}: the disk is full"
    assert report["kept"] and report["list"] and report["find"]
    assert report["load"] == "saved before the disk filled up"
    assert report["retry"] == "saved" and report["reloaded"]


# --------------------------------------------------------------------------- 2. two windows


def test_two_windows_on_one_answer_keep_both_texts(interview):
    Store().save(interview)
    question = interview.question_ids[0]
    one, two = Store(), Store()
    first, second = one.load(interview.id), two.load(interview.id)

    first.set_note(question, "They deploy daily.")
    result = one.save_answer(first, question)
    assert not result.conflict and result.message is None

    second.set_note(question, "On-call is shared by the whole team.")
    result = two.save_answer(second, question)
    merged = f"They deploy daily.\n{CONFLICT_MARKER}\nOn-call is shared by the whole team."
    assert result.conflict and result.other_text == "They deploy daily."
    assert result.conflicts[0].merged and result.conflicts[0].stored_text == merged
    assert result.message == "Another window changed the same note; both texts are kept"
    assert second.answers[question].note == merged  # the losing window holds what was stored
    stored = Store().load(interview.id).answers[question]
    assert stored.note == merged and stored.version == second.answers[question].version == 2

    # The first window, still on version 1, types on: nothing of either window is lost.
    first.set_note(question, "They deploy daily, behind feature flags.")
    result = one.save_answer(first, question)
    assert result.conflict
    final = _note(None, interview.id, question)
    assert final == first.answers[question].note
    assert final == f"{merged}\n{CONFLICT_MARKER}\nThey deploy daily, behind feature flags."

    # Once both are up to date, saving is ordinary again.
    first.set_note(question, first.answers[question].note + " Fine.")
    assert not one.save_answer(first, question).conflict


def test_whole_interview_save_compares_each_answer(interview):
    q0, q1, q2 = interview.question_ids[:3]
    interview.set_note(q0, "Tests run nightly.")
    Store().save(interview)
    one, two = Store(), Store()
    first, second = one.load(interview.id), two.load(interview.id)
    first.set_note(q0, "Tests run on every push.")
    first.set_note(q1, "Postmortems are blameless.")
    one.save(first)

    second.set_note(q1, "Nobody writes postmortems.")
    second.set_note(q2, "Four weeks of holiday.")
    result = two.save(second)
    by_question = {c.question_id: c for c in result.conflicts}
    # q0: the second window never touched it, so the first window's text is simply taken.
    assert not by_question[q0].merged and second.answers[q0].note == "Tests run on every push."
    # q1: both typed: both kept.
    assert by_question[q1].merged
    assert second.answers[q1].note == f"Postmortems are blameless.\n{CONFLICT_MARKER}\nNobody writes postmortems."
    assert q2 not in by_question
    assert Store().load(interview.id) == second


def test_no_duplicate_when_one_text_contains_the_other():
    assert merge_notes("abc", "abc and more") == "abc and more"
    assert merge_notes("abc and more", "abc") == "abc and more"
    assert merge_notes("", "mine") == "mine"
    assert merge_notes("theirs", "  ") == "theirs"
    assert merge_notes("theirs\n", "mine") == f"theirs\n{CONFLICT_MARKER}\nmine"


def test_writers_extending_the_same_text_are_not_duplicated(interview):
    Store().save(interview)
    question = interview.question_ids[0]
    one, two = Store(), Store()
    first, second = one.load(interview.id), two.load(interview.id)
    first.set_note(question, "Deploys are")
    one.save_answer(first, question)
    second.set_note(question, "Deploys are automated")
    result = two.save_answer(second, question)
    assert not result.conflict  # this window's text already contains the other's
    assert _note(None, interview.id, question) == "Deploys are automated"


def test_version_one_database_migrates(interview, private_home):
    path = locations.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[1].split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        "INSERT INTO interviews VALUES ('abc123', 'Old Co', '', '2025-01-01', NULL, NULL, '[]', ?, 0, 'x', 'x')",
        (json.dumps(["q-one", "q-two"]),),
    )
    connection.execute("INSERT INTO answers VALUES ('abc123', 'q-one', 'an old note', 'asked', 'x')")
    connection.close()

    store = Store()
    assert store._connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    old = store.load("abc123")
    assert old.answers["q-one"].note == "an old note" and old.answers["q-one"].version == 0
    old.set_note("q-one", "an old note, and a new line")
    assert not store.save_answer(old, "q-one").conflict
    assert Store().load("abc123").answers["q-one"].version == 1


# --------------------------------------------------------------------------- 3. deleted or replaced


@pytest.mark.parametrize("sidecars_too", [True, False], ids=["with-wal-and-shm", "main-file-only"])
def test_deleted_database_is_recreated_with_the_open_interview(interview, sidecars_too):
    store = Store()
    q0, q1 = interview.question_ids[:2]
    interview.set_note(q0, "written before the file was deleted")
    store.save(interview)
    for suffix in ("", "-wal", "-shm") if sidecars_too else ("",):
        store.path.with_name(store.path.name + suffix).unlink()

    interview.set_note(q1, "written after")
    result = store.save_answer(interview, q1)
    assert result.recreated
    assert result.message.startswith(f"The database {store.path} was deleted or replaced by another program")
    assert store.path.exists()
    fresh = Store()
    assert fresh._connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    loaded = fresh.load(interview.id)
    assert loaded.answers[q0].note == "written before the file was deleted"
    assert loaded.answers[q1].note == "written after"
    assert [row.id for row in store.rows()] == [interview.id]

    interview.set_note(q1, "and once more")
    assert not store.save_answer(interview, q1).recreated
    assert _note(None, interview.id, q1) == "and once more"


def test_replaced_database_gets_the_open_interview_and_keeps_its_own(bank, interview, tmp_path):
    store = Store()
    question = interview.question_ids[0]
    interview.set_note(question, "mine")
    store.save(interview)

    other_path = tmp_path / "synced.sqlite3"
    other_store = Store(other_path)
    other = start_interview(bank, "Globex", "SRE", "2026-11-02")
    other.set_note(other.question_ids[0], "theirs")
    other_store.save(other)
    other_store.close()
    os.replace(other_path, store.path)  # what a sync client does

    interview.set_note(question, "mine, edited")
    result = store.save(interview)
    assert result.recreated and not result.conflict
    fresh = Store()
    assert fresh._connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {row.id for row in fresh.rows()} == {interview.id, other.id}
    assert fresh.load(interview.id).answers[question].note == "mine, edited"
    assert fresh.load(other.id).answers[other.question_ids[0]].note == "theirs"


def test_database_replaced_by_a_damaged_file_is_moved_aside_and_recreated(interview):
    store = Store()
    store.save(interview)
    replacement = store.path.with_name("incoming")
    replacement.write_bytes(b"half-synced garbage " * 200)
    os.replace(replacement, store.path)
    question = interview.question_ids[0]
    interview.set_note(question, "typed on")
    result = store.save_answer(interview, question)
    assert result.recreated and result.moved_aside == store.recovered_from
    assert result.moved_aside.read_bytes().startswith(b"half-synced garbage")
    assert f"the damaged file found there was moved to {result.moved_aside}" in result.message
    assert "\n" not in result.message
    assert Store().load(interview.id) == interview
    assert store.save_answer(interview, question).moved_aside is None


def test_interview_deleted_in_another_window_is_written_back(interview):
    store = Store()
    store.save(interview)
    Store().delete(interview.id)
    question = interview.question_ids[0]
    interview.set_note(question, "still typing")
    result = store.save_answer(interview, question)
    assert result.restored and "deleted in another window" in result.message
    assert Store().load(interview.id) == interview


# --------------------------------------------------------------------------- 4. keys that match everything


@pytest.mark.parametrize("key", ["", "   ", "\t\n", "%", "%%", "_", "%_%", " % _ "])
def test_find_refuses_an_empty_or_wildcard_key(interview, key):
    store = Store()
    store.save(interview)
    with pytest.raises(StoreError, match="^give an interview id or company name"):
        store.find(key)


def test_like_metacharacters_in_a_key_are_literal(bank, interview):
    store = Store()
    store.save(interview)
    # No hex digit stands before the '%' or the '_' of this name, so no key made of an id prefix is in
    # it literally ("100% ..." held "00%", which an id starting "00" made: a one-in-256 failure).
    odd = start_interview(bank, "Full% Remote_Co", "Dev", "2026-12-02")
    store.save(odd)
    with pytest.raises(StoreError, match="no saved interview matches"):
        store.find(interview.id[:3] + "_")  # '_' is not "any character"
    with pytest.raises(StoreError, match="no saved interview matches"):
        store.find(interview.id[:2] + "%")
    assert store.find(interview.id[:4]).id == interview.id
    assert store.find("full% remote_co").id == odd.id
    assert store.find("l% Rem").id == odd.id


@pytest.mark.parametrize("key", ["", "%%", "_"])
def test_sessions_delete_with_an_empty_or_wildcard_key_deletes_nothing(run_cli, interview, key):
    Store().save(interview)
    result = run_cli("sessions", "delete", key, "--yes")
    assert result.code != 0
    assert "give an interview id or company name" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert [row.id for row in Store().rows()] == [interview.id]


# --------------------------------------------------------------------------- 5. corrupt, with -wal and -shm


def test_corrupt_database_is_moved_aside_with_its_wal_and_shm(interview, private_home):
    path = locations.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not sqlite: someone's precious notes" * 100)
    path.with_name(path.name + "-wal").write_bytes(b"stale wal " * 100)
    path.with_name(path.name + "-shm").write_bytes(b"stale shm " * 100)

    store = Store()
    moved = store.recovered_from
    assert moved is not None and moved.name.startswith("prepbot.sqlite3.corrupt-")
    assert moved.read_bytes().startswith(b"not sqlite")
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"stale wal " * 100
    assert moved.with_name(moved.name + "-shm").exists()  # an index SQLite rewrites; kept beside the wal
    assert sorted(p.name for p in private_home.glob("*.corrupt-*")) == [moved.name, moved.name + "-shm", moved.name + "-wal"]
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        assert not sidecar.exists() or b"stale" not in sidecar.read_bytes()
    store.save(interview)
    assert Store().load(interview.id) == interview
    assert Store().recovered_from is None


# --------------------------------------------------------------------------- 7. one rule for answered


@pytest.mark.parametrize("note", ["\n\t", "\r\n", "\x0b\x0c", "\x1c\x1f\x85", "\u00a0\u2003", " \u3000\u2028 "])
def test_whitespace_only_note_is_unanswered_everywhere(interview, note):
    question = interview.question_ids[0]
    interview.set_note(question, note)
    assert not interview.answers[question].answered and interview.answered_count == 0
    store = Store()
    store.save(interview)
    [row] = store.rows()
    assert row.answered_count == interview.answered_count == 0
    interview.set_note(interview.question_ids[1], "real text")
    interview.set_status(interview.question_ids[2], "asked")
    interview.answer_for("not-a-planned-question").note = "ignored like in Interview.answered_count"
    store.save(interview)
    [row] = store.rows()
    assert row.answered_count == interview.answered_count == 2
