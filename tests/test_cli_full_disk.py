"""The CLI on a really full disk: reading commands work, writing commands say so in one line.

`PRAGMA max_page_count` lives on one connection and dies with it, so it cannot make a disk full
for a separate `prepbot` process. Here the data directory is on a 1 MiB tmpfs (mounted in a user
and mount namespace by `unshare -rm`; skipped where that is not allowed), filled up with a file,
and the real `python -m prepbot` is run in it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.test_store_reliability import _can_mount_tmpfs

DRIVER = textwrap.dedent("""
    import json, os, subprocess, sys
    from pathlib import Path
    from prepbot.catalogue import load_catalogue
    from prepbot.interview import start_interview
    from prepbot.store import Store

    root = Path(sys.argv[1])
    home = root / "home"
    env = {**os.environ, "PREPBOT_HOME": str(home)}
    os.environ["PREPBOT_HOME"] = str(home)
    interview = start_interview(load_catalogue().bank, "Acme", "Dev", "2026-12-01")
    interview.set_note(interview.question_ids[0], "nobody reviews code")
    store = Store()
    store.save(interview)
    store.close()

    filler = os.open(root / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(filler, b"x" * 4096)
    except OSError:
        pass
    os.close(filler)

    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "prepbot", *args], capture_output=True, text=True, env=env)
        return {"code": proc.returncode, "out": proc.stdout, "err": proc.stderr}

    report = {
        "list": run("sessions", "list"),
        "list_json": run("sessions", "list", "--format", "json"),
        "export": run("export", "Acme", "--format", "txt"),
        "export_file": run("export", "Acme", "--format", "md", "-o", str(root / "report.md")),
        "delete": run("sessions", "delete", "Acme", "--yes"),
    }
    reader = Store()  # the TUI starting on a full disk: it can read, and writes once there is space
    report["read_only"] = reader.read_only_disk_full
    loaded = reader.load(interview.id)
    loaded.set_note(loaded.question_ids[1], "typed while the disk was full")
    try:
        reader.save_answer(loaded, loaded.question_ids[1])
        report["write_while_full"] = "saved"
    except Exception as exc:
        report["write_while_full"] = f"{type(exc).__name__}: {exc}"
    os.unlink(root / "filler")  # space again: is the interview still there?
    reader.save_answer(loaded, loaded.question_ids[1])
    report["saved_later"] = Store().load(interview.id).answers[loaded.question_ids[1]].note
    report["still_there"] = [row.company for row in Store().rows()]
    print(json.dumps(report))
""")


@pytest.fixture(scope="module")
def full_disk_report(tmp_path_factory):
    mount_point = tmp_path_factory.mktemp("full-disk")
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
            DRIVER,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_sessions_list_works_on_a_full_disk(full_disk_report):
    listed = full_disk_report["list"]
    assert listed["code"] == 0, listed["err"]
    assert "Acme" in listed["out"] and listed["err"] == ""
    rows = json.loads(full_disk_report["list_json"]["out"])
    assert [row["company"] for row in rows] == ["Acme"] and rows[0]["red"] == 1


def test_export_to_stdout_works_on_a_full_disk(full_disk_report):
    exported = full_disk_report["export"]
    assert exported["code"] == 0, exported["err"]
    assert "nobody reviews code" in exported["out"] and exported["err"] == ""


def test_a_store_opened_on_a_full_disk_reads_and_saves_once_there_is_space(full_disk_report):
    assert full_disk_report["read_only"] is True
    assert full_disk_report["write_while_full"].startswith("DiskFullError: cannot save to ")
    assert full_disk_report["write_while_full"].endswith(": the disk is full")
    assert full_disk_report["saved_later"] == "typed while the disk was full"


@pytest.mark.parametrize("command", ["delete", "export_file"])
def test_a_write_on_a_full_disk_is_one_line_and_exit_2(full_disk_report, command):
    result = full_disk_report[command]
    assert result["code"] == 2, result
    assert result["err"].startswith("prepbot: error: ")
    assert "the disk is full" in result["err"] or "No space left on device" in result["err"]
    assert len(result["err"].strip().splitlines()) == 1 and "Traceback" not in result["err"]
    assert full_disk_report["still_there"] == ["Acme"]
