"""Every path prepbot reads or writes, in one place.

`PREPBOT_HOME` overrides the platform data directory, which keeps tests hermetic and lets users
keep their interviews somewhere else (a synced folder, an encrypted volume). Without it, the
platform's folders come from `platformdirs`, except on Linux, where the XDG rules are two lines
(`_xdg`) and importing platformdirs would cost every start ~14 ms (tempfile, shutil, random...).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_bank_dir() -> Path:
    """The shipped question bank: inside the package in a wheel, at the repo top in a checkout."""
    packaged = _PACKAGE_DIR / "questions"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / "questions"


def data_dir() -> Path:
    """Where saved interviews live. Not created here: the store creates it with private modes."""
    override = os.environ.get("PREPBOT_HOME")
    if override:
        return Path(override).expanduser()
    linux = _xdg("XDG_DATA_HOME", "~/.local/share")
    if linux is not None:
        return linux
    from platformdirs import user_data_dir

    return Path(user_data_dir("prepbot", appauthor=False))


def cache_dir() -> Path:
    """Rebuildable files (the parsed bank). Safe to delete at any time."""
    override = os.environ.get("PREPBOT_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    linux = _xdg("XDG_CACHE_HOME", "~/.cache")
    if linux is not None:
        return linux
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("prepbot", appauthor=False))


def _xdg(variable: str, default: str) -> Path | None:
    """prepbot's folder under `variable` (when it is an absolute path: the XDG rule), else under
    `default` in the home folder, as platformdirs gives it on Linux; None elsewhere (Android
    included) or when the home folder is unknown: then platformdirs decides."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or os.environ.get("ANDROID_DATA") == "/data":
        return None
    base = os.environ.get(variable, "")
    if not base.startswith("/"):
        home = os.environ.get("HOME", "")
        if not home.startswith("/"):
            return None
        base = os.path.expanduser(default)
    return Path(os.path.join(base, "prepbot"))


def database_path() -> Path:
    return data_dir() / "prepbot.sqlite3"


def templates_dir() -> Path:
    return _PACKAGE_DIR / "export" / "templates"


def make_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) readable by the user only; existing folders are left alone."""
    missing = []
    current = path
    if current.exists() and not current.is_dir():
        raise NotADirectoryError(20, "it is a file, not a folder", str(current))
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o700)  # explicit: mkdir's mode is filtered by the umask
    return path
