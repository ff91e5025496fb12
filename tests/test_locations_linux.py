"""Without PREPBOT_HOME, the folders on Linux are the ones platformdirs would give (without importing it)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from prepbot import locations

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="prepbot's own XDG rules are for Linux only")

CASES = [
    {},
    {"XDG_CACHE_HOME": "/tmp/some cache", "XDG_DATA_HOME": "/tmp/some data"},
    {"XDG_CACHE_HOME": "", "XDG_DATA_HOME": "   "},
    {"XDG_CACHE_HOME": "relative/cache", "XDG_DATA_HOME": "~/data"},  # not absolute: ignored, as the spec says
    {"HOME": "/home/someone else/"},
]


@pytest.mark.parametrize("env", CASES)
def test_the_linux_folders_are_platformdirs_folders(monkeypatch, tmp_path, env):
    from platformdirs import user_cache_dir, user_data_dir

    monkeypatch.delenv("PREPBOT_HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(locations.cache_dir()) == user_cache_dir("prepbot", appauthor=False)
    assert str(locations.data_dir()) == user_data_dir("prepbot", appauthor=False)
    assert locations.cache_dir().is_absolute() and not (tmp_path / ".cache").exists()  # nothing created


def test_matching_does_not_import_platformdirs_on_linux(tmp_path):
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PREPBOT_MODEL": "off"}
    script = (
        "import sys\n"
        "from prepbot import locations\n"
        "from prepbot.catalogue import load_catalogue\n"
        "load_catalogue().matcher.match('Nobody reviews code here.', model='off')\n"
        "print(locations.cache_dir(), 'platformdirs' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert proc.stdout.split() == [f"{tmp_path}/.cache/prepbot", "False"]
    assert (tmp_path / ".cache" / "prepbot").is_dir()  # the catalogue cache went to the XDG folder
