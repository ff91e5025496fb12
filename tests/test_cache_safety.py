"""The catalogue cache can neither run code nor hang prepbot, whatever is planted in its folder."""

from __future__ import annotations

import marshal
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
    return sorted(_cache_dir(home).glob("catalogue-*.marshal"))


def test_the_cache_is_marshalled_data_in_a_private_folder(tmp_path):
    [cached] = _warm(tmp_path)
    assert stat.S_IMODE(os.stat(_cache_dir(tmp_path)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(cached).st_mode) == 0o600
    assert not cached.read_bytes().startswith(b"\x80")  # data, not a pickle
    data = marshal.loads(cached.read_bytes())
    assert isinstance(data, dict) and data["bank"]["flags"]["no-code-review"]["title"]


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
    data = marshal.loads(cached.read_bytes())
    data["bank"]["categories"]["code-review"]["title"] = "FORGED"
    data["key"] = "x" + data["key"]
    cached.write_bytes(marshal.dumps(data))
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


def test_a_cache_file_others_could_write_is_not_read(tmp_path):
    [cached] = _warm(tmp_path)
    data = marshal.loads(cached.read_bytes())
    data["bank"]["categories"]["code-review"]["title"] = "FORGED"  # with the right key: trusted, if it were read
    cached.write_bytes(marshal.dumps(data))
    os.chmod(cached, 0o620)
    result = run_process("questions", "-c", "code-review", env={"PREPBOT_HOME": str(tmp_path)})
    assert "FORGED" not in result.out and "Code review" in result.out
    cached.write_bytes(marshal.dumps(data))  # (it was rebuilt) the same data, private: read, so the
    os.chmod(cached, 0o600)  # check above is what kept it out
    result = run_process("questions", "-c", "code-review", env={"PREPBOT_HOME": str(tmp_path)})
    assert "FORGED" in result.out


def test_caches_of_the_retired_json_format_are_removed_when_a_new_one_is_written(tmp_path):
    folder = _cache_dir(tmp_path)
    folder.mkdir(mode=0o700)
    retired = folder / "catalogue-0123456789abcdef.json"
    retired.write_text("{}")
    kept = folder / "notes.json"  # not a cache of prepbot's: left alone
    kept.write_text("{}")
    [cached] = _warm(tmp_path)
    assert cached.exists()
    assert not retired.exists()
    assert kept.exists()
