"""Speed benchmark for the matcher and `prepbot analyze`.

    python -m bench.speed
    python -m bench.speed --throughput   # only the 1 MB rows (medians of 3) and the keystroke row

Figures (targets from the matcher issue):
- start-up: `prepbot analyze` of a 2 KB note as a whole process, classifier included (it runs in a
  process of its own, whose CPU time is counted too), as a multiple of `python -c pass` (the two
  interleaved in one run, medians compared; target <= 20x); and with PREPBOT_MODEL=off;
- throughput: matching 1 MB of notes in-process with the classifier, every sentence different, a
  third of them with flags as in real notes (target <= 3 s), and with every sentence flagged; the
  classifier reads at most MODEL_BUDGET different pieces of a long text (the row says how many it
  left to the cues), in a thread beside the cues;
- per keystroke: re-matching a 10,000-character note after a one-character edit, cues only as in
  the TUI (the classifier runs in a worker; target <= 10 ms);
- bounds: the cases that were super-linear before (a user cue of 7 "..." slots on 80 words,
  1 MB of cue words with no sentence break, 336 KB of alternating red and green words) and
  4 MiB of notes through the whole `analyze` process (target <= 3 s per MB, <= 200 MiB peak).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prepbot.bank import Flag
from prepbot.catalogue import load_catalogue
from prepbot.matching import Matcher
from prepbot.matching.engine import MODEL_BUDGET

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


def _timed_run(command: list[str], stdin: bytes | None = None, cpu: list[float] | None = None, env: dict | None = None) -> float:
    """Wall seconds of one run; its CPU seconds (user + system) are appended to `cpu` if given."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    seconds = time.perf_counter() - start
    if cpu is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return seconds


def startup_ratio(rounds: int = 15, cpu: list[float] | None = None, model: str = "on") -> tuple[float, float, float]:
    """Medians of `prepbot analyze` of 2 KB and of `python -c pass`, interleaved: (ratio, ours, theirs).
    `cpu`: gets the CPU seconds of each analyze run (steadier than wall time on a busy machine), the
    classifier's own process included. `model`: PREPBOT_MODEL for the analyze runs."""
    two_kb = note(2048).encode()
    # The console script, as a user runs it (falls back to -m when not installed as a script).
    script = Path(sys.executable).with_name("prepbot")
    analyze = [str(script), "analyze"] if script.exists() else [sys.executable, "-m", "prepbot", "analyze"]
    baseline = [sys.executable, "-c", "pass"]
    env = {**os.environ, "PREPBOT_MODEL": model}
    _timed_run(analyze, two_kb, env=env)  # warm the bank cache and the OS file cache
    ours, theirs = [], []
    for _ in range(rounds):  # interleaved so that machine load hits both alike
        theirs.append(_timed_run(baseline))
        ours.append(_timed_run(analyze, two_kb, cpu, env=env))
    ours_median, base_median = statistics.median(ours), statistics.median(theirs)
    return ours_median / base_median, ours_median, base_median


def fresh_matcher() -> Matcher:
    """A matcher with empty caches (nothing learnt from earlier measures), classifier as shipped."""
    from prepbot.catalogue import _model_slot

    catalogue = load_catalogue()
    return Matcher.from_bank(catalogue.bank, catalogue.rules, _model_slot())


def throughput(flagged_share: float, model: str = "auto") -> float:
    return _throughput(flagged_share, model)[0]


def _throughput(flagged_share: float, model: str = "auto") -> tuple[float, int, float]:
    """Seconds to match 1 MB of notes, how many different pieces the classifier left to the cues,
    and the CPU seconds it took (every thread of the process: the classifier's too; and the process
    forked to read the text's later part, reaped before `match` returns)."""
    matcher = fresh_matcher()
    if matcher.model is not None:
        matcher.model.model()  # loading is start-up, measured above; this is reading
    text = varied_notes(1_000_000, flagged_share)
    forked = resource.getrusage(resource.RUSAGE_CHILDREN)
    start, cpu = time.perf_counter(), time.process_time()
    matcher.match(text, model=model)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += after.ru_utime - forked.ru_utime + after.ru_stime - forked.ru_stime
    return seconds, matcher.last_unread, cpu


def _read(measured: tuple[float, int, float]) -> str:
    seconds, unread, cpu = measured
    return f"{seconds * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms (classifier: {MODEL_BUDGET} pieces, {unread} left to the cues)"


def _cues_only(measured: tuple[float, int, float]) -> str:
    """Wall and CPU time: on a shared machine only the CPU time compares between runs."""
    return f"{measured[0] * 1000:.0f} ms, CPU {measured[2] * 1000:.0f} ms"


def keystroke(rounds: int = 50) -> float:
    matcher = fresh_matcher()
    text = note(10_000)
    matcher.match(text, model="cached")
    times = []
    for i in range(rounds):
        edited = text[:5000] + "abcdefghij"[i % 10] + text[5000:]
        start = time.perf_counter()
        matcher.match(edited, model="cached")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def worst_cases() -> list[tuple[str, float]]:
    catalogue = load_catalogue()
    many_gaps = Flag("x", "red", "X", "x", "low", "?", ("a ... b ... c ... d ... e ... f ... g ... zz",))
    cue_words = sorted(
        {
            w.strip("*")
            for f in catalogue.bank.flags.values()
            for c in f.cues
            for part in c.split()
            for alt in part.split("|")
            for w in alt.split("_")
            if w.isalpha()
        }
    )
    red = [w for w in ("push", "main", "nobody", "reviews", "manual", "deploys") if w]
    green = ["every", "pr", "reviewed", "ci", "runs", "tests"]
    cases = [
        ("user cue of 7 '...' slots, 80 words", Matcher([many_gaps], catalogue.rules), " ".join(["a b c d e f g"] * 12)[:400]),
        (
            "1 MB of cue words, no sentence break",
            catalogue.matcher,
            (" ".join(cue_words) + " ") * (1_000_000 // (len(" ".join(cue_words)) + 1)),
        ),
        (
            "336 KB alternating red and green words",
            catalogue.matcher,
            (" ".join(r + " " + g for r, g in zip(red, green, strict=True)) + " ") * 8000,
        ),
    ]
    results = []
    for name, matcher, text in cases:
        start = time.perf_counter()
        matcher.match(text, model="off")
        results.append((name, time.perf_counter() - start))
    return results


def whole_process(size: int) -> tuple[float, float]:
    """Seconds and peak MiB of `prepbot analyze` on `size` characters of notes, classifier on."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(varied_notes(size, 1 / 3))
        path = handle.name
    try:
        code = (
            "import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"subprocess.run([sys.executable, '-m', 'prepbot', 'analyze', {path!r}], stdout=subprocess.DEVNULL, check=True); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        return float(out[0]), int(out[1]) / 1024  # ru_maxrss is in KiB on Linux
    finally:
        os.unlink(path)


def main(argv: list[str] | None = None) -> int:
    """`--startup`: only the two start-up rows (seconds, not minutes: e.g. under `chrt` on a shared machine)."""
    from bench import compile_package

    only_startup = "--startup" in (sys.argv[1:] if argv is None else argv)
    if "--throughput" in (sys.argv[1:] if argv is None else argv):
        return throughput_rows()

    compile_package()
    model = "on" if fresh_matcher().model is not None else "off (not installed)"
    cpu: list[float] = []
    ratio, ours, base = startup_ratio(cpu=cpu)
    cpu_off: list[float] = []
    ratio_off, ours_off, base_off = startup_ratio(cpu=cpu_off, model="off")
    rows = [
        (
            "analyze 2 KB, whole process",
            f"{ratio:.1f}x python -c pass ({ours * 1000:.0f} ms vs {base * 1000:.0f} ms; CPU {statistics.median(cpu) * 1000:.0f} ms)",
            "<= 20x",
        ),
        (
            "analyze 2 KB, PREPBOT_MODEL=off",
            f"{ratio_off:.1f}x python -c pass ({ours_off * 1000:.0f} ms vs {base_off * 1000:.0f} ms; "
            f"CPU {statistics.median(cpu_off) * 1000:.0f} ms)",
            "(for comparison)",
        ),
    ]
    if not only_startup:
        rows += _long_rows()
    print(f"classifier: {model}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print(f"{'measure':40} {'result':60} target")
    for name, value, target in rows:
        print(f"{name:40} {value:60} {target}")
    return 0


def _long_rows() -> list[tuple[str, str, str]]:
    seconds, peak = whole_process(4 * 1024 * 1024)
    return [
        ("match 1 MB of notes (1 in 3 flagged)", _read(_throughput(1 / 3)), "<= 3000 ms"),
        ("match 1 MB, every sentence flagged", _read(_throughput(1.0)), "<= 3000 ms"),
        ("match 1 MB, cues only", _cues_only(_throughput(1 / 3, "off")), "(for comparison)"),
        ("re-match 10,000 chars (keystroke)", f"{keystroke() * 1000:.2f} ms", "<= 10 ms"),
        *[(name, f"{s * 1000:.0f} ms", "<= 3000 ms per MB") for name, s in worst_cases()],
        ("analyze 4 MiB, whole process", f"{seconds:.1f} s ({seconds / 4:.1f} s per MB)", "<= 3 s per MB"),
        ("peak memory, analyze 4 MiB", f"{peak:.0f} MiB (the larger of its two processes)", "<= 200 MiB"),
    ]


def throughput_rows(rounds: int = 3) -> int:
    """`--throughput`: only the in-process 1 MB rows and the keystroke row, each 1 MB row `rounds` times
    (medians of wall and CPU time; on a shared machine only the CPU time compares between runs)."""
    rows = []
    for name, share, model in (
        ("match 1 MB of notes (1 in 3 flagged)", 1 / 3, "auto"),
        ("match 1 MB, every sentence flagged", 1.0, "auto"),
        ("match 1 MB, cues only", 1 / 3, "off"),
    ):
        runs = [_throughput(share, model) for _ in range(rounds)]
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[2] for r in runs)
        rows.append((name, f"{wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms (medians of {rounds}; {runs[0][1]} left to the cues)"))
    rows.append(("re-match 10,000 chars (keystroke)", f"{keystroke() * 1000:.2f} ms"))
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    for name, value in rows:
        print(f"{name:40} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
