"""Speed benchmark for the matcher and `prepbot analyze`.

    python -m bench.speed

Figures (targets from the matcher issue):
- start-up: `prepbot analyze` of a 2 KB note as a whole process, as a multiple of `python -c pass`
  (the two interleaved in one run, medians compared; target <= 8x);
- throughput: matching 1 MB of notes in-process, every sentence different, a third of them with
  flags as in real notes (target <= 1 s), and the worst case where every sentence has flags;
- per keystroke: re-matching a 10,000-character note after a one-character edit (target <= 10 ms);
- memory: peak resident size of `prepbot analyze` on a 1 MB file (target <= 80 MiB).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prepbot.matcher import Matcher

from prepbot.catalogue import load_catalogue

SAMPLE = (
    "The interviewer said every PR needs one approval, but when I asked the engineer he admitted "
    "people push straight to main when things are urgent. Standups take about 30 minutes. "
    "Bugs are reported in Slack and nobody tracks them. They have GitHub Actions running unit tests "
    "on each push. On-call is one week in four, unpaid. The office is nice and the coffee is good. "
)


def note(size: int) -> str:
    return (SAMPLE * (size // len(SAMPLE) + 1))[:size]


NEUTRAL = (
    "We met in the small room on the third floor and talked about the product for a while. "
    "She explained how the team is organised and who works with the designers. "
    "The office has a kitchen, bikes are welcome and lunch is on Fridays. "
    "He asked about my last project and what I liked about it. "
)


def varied_notes(size: int, flagged_share: float = 1.0) -> str:
    """Notes whose sentences all differ, so that no per-sentence cache can help.

    `flagged_share` of the sentences carry flags; the rest are ordinary small talk, as in real notes.
    """
    flagged = [s.strip() + "." for s in SAMPLE.split(".") if s.strip()]
    neutral = [s.strip() + "." for s in NEUTRAL.split(".") if s.strip()]
    every = max(1, round(1 / flagged_share)) if flagged_share > 0 else 0
    parts, total, i = [], 0, 0
    while total < size:
        pool = flagged if every and i % every == 0 else neutral
        sentence = f"Interview {i}, point {i % 7}: {pool[i % len(pool)]} "
        parts.append(sentence)
        total += len(sentence)
        i += 1
    return "".join(parts)[:size]


def _timed_run(command: list[str], stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def startup_ratio(rounds: int = 15) -> tuple[float, float, float]:
    two_kb = note(2048).encode()
    # The console script, as a user runs it (falls back to -m when not installed as a script).
    script = Path(sys.executable).with_name("prepbot")
    analyze = [str(script), "analyze"] if script.exists() else [sys.executable, "-m", "prepbot", "analyze"]
    baseline = [sys.executable, "-c", "pass"]
    _timed_run(analyze, two_kb)  # warm the bank cache and the OS file cache
    ours, theirs = [], []
    for _ in range(rounds):  # interleaved so that machine load hits both alike
        theirs.append(_timed_run(baseline))
        ours.append(_timed_run(analyze, two_kb))
    ours_median, base_median = statistics.median(ours), statistics.median(theirs)
    return ours_median / base_median, ours_median, base_median


def throughput(matcher: Matcher, flagged_share: float) -> float:
    matcher = Matcher.from_bank(load_catalogue().bank)  # fresh caches: nothing learnt from earlier measures
    text = varied_notes(1_000_000, flagged_share)
    start = time.perf_counter()
    matcher.match(text)
    return time.perf_counter() - start


def keystroke(matcher: Matcher, rounds: int = 50) -> float:
    text = note(10_000)
    matcher.match(text)
    times = []
    for i in range(rounds):
        edited = text[:5000] + "abcdefghij"[i % 10] + text[5000:]
        start = time.perf_counter()
        matcher.match(edited)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_mib() -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(varied_notes(1_000_000))
        path = handle.name
    try:
        code = (
            "import resource, subprocess, sys; "
            f"subprocess.run([sys.executable, '-m', 'prepbot', 'analyze', {path!r}], stdout=subprocess.DEVNULL, check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        return int(out) / 1024  # ru_maxrss is in KiB on Linux
    finally:
        os.unlink(path)


def main() -> int:
    from bench import compile_package

    compile_package()
    matcher = Matcher.from_bank(load_catalogue().bank)
    ratio, ours, base = startup_ratio()
    rows = [
        ("analyze 2 KB, whole process", f"{ratio:.1f}x python -c pass ({ours * 1000:.0f} ms vs {base * 1000:.0f} ms)", "<= 8x"),
        ("match 1 MB of notes (1 in 3 flagged)", f"{throughput(matcher, 1 / 3) * 1000:.0f} ms", "<= 1000 ms"),
        ("match 1 MB, every sentence flagged", f"{throughput(matcher, 1.0) * 1000:.0f} ms", "(worst case)"),
        ("re-match 10,000 chars (keystroke)", f"{keystroke(matcher) * 1000:.2f} ms", "<= 10 ms"),
        ("peak memory, analyze 1 MB", f"{peak_memory_mib():.0f} MiB", "<= 80 MiB"),
    ]
    print(f"{'measure':36} {'result':44} target")
    for name, value, target in rows:
        print(f"{name:36} {value:44} {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
