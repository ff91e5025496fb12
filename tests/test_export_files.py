"""Writing export files: temporaries left by a killed export are cleaned up, the umask is obeyed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from prepbot.export import (
    STALE_TEMPORARY_SECONDS,
    ExportError,
    remove_stale_temporaries,
    temporary_pattern,
    write_export,
)

OLD = time.time() - STALE_TEMPORARY_SECONDS - 60


def _plant(path, age=OLD, text="half an export"):
    path.write_text(text)
    os.utime(path, (age, age))
    return path


def test_stale_temporaries_of_this_target_are_removed_and_nothing_else(tmp_path):
    target = tmp_path / "acme-report.md"
    stale = _plant(tmp_path / ".acme-report.md.prepbot-0a1b2c3d.tmp")
    fresh = _plant(tmp_path / ".acme-report.md.prepbot-99999999.tmp", age=time.time())  # maybe being written now
    others = [
        _plant(tmp_path / ".globex-report.md.prepbot-0a1b2c3d.tmp"),  # another target's
        _plant(tmp_path / "acme-report.md.prepbot-0a1b2c3d.tmp"),  # not hidden: not ours
        _plant(tmp_path / ".acme-report.md.prepbot-0a1b2c3d.tmp.bak"),
        _plant(tmp_path / ".acme-report.md.notes.tmp"),
        _plant(tmp_path / ".acme-report.md.backup12.tmp"),  # like mkstemp's old names: maybe the user's
        _plant(tmp_path / ".acme-report.md.prepbot-0A1B2C3D.tmp"),
        _plant(tmp_path / "notes.tmp"),
    ]
    folder_named_like_ours = tmp_path / ".acme-report.md.prepbot-12345678.tmp"
    folder_named_like_ours.mkdir()
    os.utime(folder_named_like_ours, (OLD, OLD))

    write_export(target, "# report\n")

    assert target.read_text() == "# report\n"
    assert not stale.exists()
    assert fresh.exists() and folder_named_like_ours.is_dir()
    assert all(other.exists() for other in others)
    leftovers = [p.name for p in tmp_path.iterdir() if temporary_pattern(target.name).fullmatch(p.name)]
    assert sorted(leftovers) == sorted([fresh.name, folder_named_like_ours.name])


def test_symlink_named_like_a_temporary_is_not_followed_or_removed(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / ".x.md.prepbot-0a1b2c3d.tmp"
    link.symlink_to(precious)
    os.utime(link, (OLD, OLD), follow_symlinks=False)
    assert remove_stale_temporaries(tmp_path / "x.md") == []
    assert link.is_symlink() and precious.read_text() == "keep me"


def test_a_killed_export_leaves_a_recognisable_temporary_that_the_next_one_removes(tmp_path):
    """SIGKILL in the middle of write_export (between writing and renaming), for real."""
    target = tmp_path / "acme-report.md"
    script = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        import prepbot.export as export
        real_replace = os.replace
        def stop(*args):
            sys.stdout.write("writing\\n"); sys.stdout.flush()
            os.kill(os.getpid(), 9)
        export.os.replace = stop
        export.write_export(Path({str(target)!r}), "partial report")
        """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL and proc.stdout == "writing\n"
    [left] = list(tmp_path.iterdir())
    assert temporary_pattern(target.name).fullmatch(left.name) and left.name.startswith(".acme-report.md.prepbot-")
    os.utime(left, (OLD, OLD))
    write_export(target, "# report\n")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("umask, mode", [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_export_gets_the_users_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        path = write_export(tmp_path / "report.md", "# report\n")
        overwritten = write_export(tmp_path / "report.md", "# again\n", force=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    assert stat.S_IMODE(os.stat(overwritten).st_mode) == mode


def test_failed_write_leaves_no_temporary(tmp_path, monkeypatch):
    import prepbot.export as export

    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", no_space)
    with pytest.raises(ExportError, match="^cannot write .*: No space left on device$"):
        write_export(tmp_path / "report.md", "# report\n")
    assert list(tmp_path.iterdir()) == []


def test_text_that_cannot_be_utf8_is_written_not_left_half_done(tmp_path):
    target = tmp_path / "report.md"
    write_export(target, "Acme \udcff Corp\n")  # what click makes of an undecodable argument byte
    assert target.read_text(encoding="utf-8") == "Acme ? Corp\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
