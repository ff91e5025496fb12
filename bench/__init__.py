"""Benchmarks. Run each with `python -m bench.NAME`; the README shows their latest output."""

import compileall
from pathlib import Path

import prepbot


def compile_package() -> None:
    """Byte-compile prepbot first, as `pip install` does: start-up figures should not include
    compiling the sources (which happens on every run where PYTHONDONTWRITEBYTECODE is set)."""
    compileall.compile_dir(str(Path(prepbot.__file__).parent), quiet=1)
