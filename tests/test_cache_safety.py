"""The catalogue cache can neither run code nor hang prepbot, whatever is planted in its folder."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_process


class Boom:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def _cache_dir(home: Path) -> Path:
    return home / "cache"


def _warm(home: Path) -> list[Path]:
    result = run_process("questions", "--minutes", "5", env={"PREPBOT_HOME": str(home)})
    assert result.code == 0, result.err
    return sorted(_cache_dir(home).glob("catalogue-*.json"))


def test_the_cache_is_json_in_a_private_folder(tmp_path):
    [cached] = _warm(tmp_path)
    assert stat.S_IMODE(os.stat(_cache_dir(tmp_path)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(cached).st_mode) == 0o600
    assert cached.read_bytes().startswith(b"{")  # data, not a pickle


def test_a_planted_pickle_never_runs(tmp_path):
    [cached] = _warm(tmp_path)
    for target in [cached, *(cached.with_name(cached.stem + suffix) for suffix in (".pickle", ".pkl"))]:
        target.write_bytes(pickle.dumps(Boom()))
    result = run_process("questions", "--minutes", "5", env={"PREPBOT_HOME": str(tmp_path)})
    assert result.code == 0, result.err
    assert not (Path.cwd() / "PWNED").exists() and not (tmp_path / "PWNED").exists()
    assert "question" in result.out


def test_a_cache_with_another_key_is_rebuilt_not_trusted(tmp_path):
    [cached] = _warm(tmp_path)
    forged = cached.read_text().replace('"title":"Code review"', '"title":"FORGED"')
    cached.write_text(forged.replace('"key":"', '"key":"x', 1))
    result = run_process("questions", "-c", "code-review", env={"PREPBOT_HOME": str(tmp_path)})
    assert "FORGED" not in result.out and "Code review" in result.out


def test_a_fifo_in_the_cache_folder_does_not_hang(tmp_path):
    [cached] = _warm(tmp_path)
    cached.unlink()
    os.mkfifo(cached)
    proc = subprocess.run(
        [sys.executable, "-m", "prepbot", "questions", "--minutes", "5"],
        capture_output=True,
        env={**os.environ, "PREPBOT_HOME": str(tmp_path)},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr


def test_a_cache_folder_others_can_write_is_not_used(tmp_path):
    folder = _cache_dir(tmp_path)
    folder.mkdir(parents=True)
    os.chmod(folder, 0o777)
    result = run_process("questions", "--minutes", "5", env={"PREPBOT_HOME": str(tmp_path)})
    assert result.code == 0, result.err
    assert list(folder.iterdir()) == []  # nothing written there, nothing read from there
