from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# Hermetic from the first import on: even module-level loads (and session fixtures, which run
# before the per-test data directory below) write their cache here, never to the user's home.
_SESSION_HOME = tempfile.mkdtemp(prefix="prepbot-tests-")
os.environ["PREPBOT_HOME"] = _SESSION_HOME
# The learned classifier is off unless a test turns it on (tests/test_model*.py): retraining it
# must not change what unrelated tests see, as editing a cue must not.
os.environ.setdefault("PREPBOT_MODEL", "off")

from prepbot.catalogue import load_catalogue  # noqa: E402


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own data directory: tests never touch the user's interviews."""
    home = tmp_path_factory.mktemp("prepbot-home")
    monkeypatch.setenv("PREPBOT_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def bank(catalogue):
    return catalogue.bank


@pytest.fixture(scope="session")
def matcher(catalogue):
    return catalogue.matcher


def found(matcher, text: str) -> set[str]:
    """The flag ids the rules read in `text` (classifier off)."""
    return {m.id for m in matcher.match(text, model="off")}


def check(matcher, text: str, present: set[str], absent: set[str]) -> None:
    flags = found(matcher, text)
    assert present <= flags, (text, flags)
    assert not (absent & flags), (text, flags)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys):
    """Run the CLI's real entry point in-process; returns exit code, stdout and stderr."""
    from prepbot.cli import main

    def run(*args: str, stdin: str | bytes | None = None) -> Result:
        capsys.readouterr()
        old_stdin = sys.stdin
        if stdin is not None:
            import io

            data = stdin.encode() if isinstance(stdin, str) else stdin
            sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.stdin = old_stdin
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_process(*args: str, stdin: bytes | None = None, env: dict | None = None, timeout: float = 60) -> Result:
    """Run `python -m prepbot` as a separate process, the way a shell would."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "prepbot", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def run_as_unprivileged(*args: str, env: dict | None = None, stdin: bytes | None = None) -> Result:
    """Run `python -m prepbot` without root's power to ignore file modes.

    Permission errors cannot be produced for root, and CI runs as root; there the command keeps
    uid 0 (so it can still read the checkout, wherever CI cloned it) but loses the capabilities
    that bypass file permissions, through setpriv. As any other user it simply runs.
    """
    import shutil

    command = [sys.executable, "-m", "prepbot", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot test file permissions")
        dropped = "-dac_override,-dac_read_search"
        command = [setpriv, f"--bounding-set={dropped}", f"--inh-caps={dropped}", *command]
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(command, input=stdin, capture_output=True, env=full_env, timeout=60)
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


class FixedReader:
    """A classifier whose readings are fixed per phrase, so the engine's handling of them is what is tested."""

    unit = "text"

    def __init__(self, says: dict[str, dict[str, float]]):
        self.thresholds: dict[str, float] = {}
        self._says = says

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        return [next((v for k, v in self._says.items() if k in text), {}) for text in texts]


def read(catalogue, question_id: str, text: str) -> set[str]:
    """What the cues and answer rules read in `text` typed under the question (classifier off)."""
    return {m.id for m in catalogue.matcher.match(text, question=catalogue.bank.questions[question_id], model="off")}


def read_with(catalogue, says: dict[str, dict[str, float]], question_id: str, text: str) -> set[str]:
    """The same, with a classifier that reads `says` in place of the shipped one."""
    matcher = with_classifier(catalogue, says)
    return {m.id for m in matcher.match(text, question=catalogue.bank.questions[question_id])}


def with_classifier(catalogue, says: dict[str, dict[str, float]]):
    """The catalogue's matcher with a `FixedReader` in the classifier's place."""
    from prepbot.matching.engine import Matcher, ModelSlot

    return Matcher(catalogue.bank.flags.values(), catalogue.rules, ModelSlot(lambda: FixedReader(says)))
