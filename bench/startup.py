"""TUI benchmarks: time to the first screen, and peak memory through a 40-question interview.

    python -m bench.startup

- start-up: `prepbot` in a pseudo-terminal, from launch until the home screen's title has been
  drawn, as a multiple of `python -c pass` (interleaved in one run, medians of 9; target <= 25x),
  and the CPU its main thread had used by then (Linux: /proc/PID/schedstat), which a busy machine
  moves less than the wall time;
- memory: peak resident size of a process that drives the real app (Textual's Pilot, headless)
  through a 40-question interview, a note with flags on every question (target <= 150 MiB).
"""

from __future__ import annotations

import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READY = b"interview the company back"


def main_thread_cpu(pid: int) -> float | None:
    """Seconds of CPU the process's main thread has had so far (None where /proc has no schedstat)."""
    try:
        with open(f"/proc/{pid}/schedstat") as stat:
            return int(stat.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def time_to_first_screen(home: str, cpu: list[float] | None = None) -> float:
    env = {**os.environ, "PREPBOT_HOME": home, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    script = Path(sys.executable).with_name("prepbot")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "prepbot"]
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(command[0], command, env)
    seen = b""
    try:
        while READY not in seen:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                raise RuntimeError("prepbot did not draw its first screen within 30 s")
            seen += os.read(fd, 65536)
        wall = time.perf_counter() - start
        used = main_thread_cpu(pid)
        if cpu is not None and used is not None:
            cpu.append(used)
        return wall
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def python_startup() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


JOURNEY = """
import asyncio, resource, sys
from prepbot.catalogue import load_catalogue
from prepbot.service import Service
from prepbot.store import Store
from prepbot.tui.app import PrepbotApp
from textual.widgets import Input, TextArea

NOTE = ("Nobody reviews code and people push straight to prod. Standups take 40 minutes. "
        "Bugs live in Slack. Every PR needs an approval on the other team. " * 3)

async def main():
    app = PrepbotApp(Service(load_catalogue(), Store()))  # classifier on, as shipped
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#company", Input).value = "Acme"
        app.screen.query_one("#minutes", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        chat = app.screen
        assert len(chat.questions) >= 40, len(chat.questions)
        for n in range(40):
            chat.query_one("#note", TextArea).load_text(f"Question {n}: " + NOTE)
            chat.service.classify(f"Question {n}: " + NOTE)  # as the worker would
            await pilot.press("ctrl+n")
        await pilot.press("f2")
        await pilot.pause()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)

asyncio.run(main())
"""


def journey_peak_mib(home: str) -> float:
    env = {**os.environ, "PREPBOT_HOME": home}
    proc = subprocess.run([sys.executable, "-c", JOURNEY], env=env, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    out = proc.stdout
    return int(out.split()[-1]) / 1024


def main() -> int:
    from bench import compile_package

    compile_package()
    with tempfile.TemporaryDirectory() as home:
        time_to_first_screen(home)  # warm the bank cache and the OS file cache
        ours, base, cpu = [], [], []
        for _ in range(9):
            base.append(python_startup())
            ours.append(time_to_first_screen(home, cpu))
        ratio = statistics.median(ours) / statistics.median(base)
        memory = journey_peak_mib(home)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print(f"{'measure':36} {'result':44} target")
    first = f"{ratio:.1f}x python -c pass ({statistics.median(ours) * 1000:.0f} ms vs {statistics.median(base) * 1000:.0f} ms)"
    print(f"{'TUI first screen drawn':36} {first:44} <= 25x")
    if cpu:
        print(f"{'  CPU of its main thread by then':36} {f'{statistics.median(cpu) * 1000:.0f} ms':44}")
    print(f"{'peak memory, 40-question interview':36} {f'{memory:.0f} MiB':44} <= 150 MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
