"""The one rule for each value a person types or a report carries: minutes, dates.

The CLI's options, the TUI's forms, the planner and restored reports all call these, so a value
refused in one place is refused everywhere, with the same words. Pure: nothing imported from
prepbot, so any module may use it.
"""

from __future__ import annotations

import math
import re
from datetime import date as Date

__all__ = ["DATE_FORMAT", "MAX_MINUTES", "parse_date", "parse_minutes"]

DATE_FORMAT = "date must look like 2026-12-01."
MAX_MINUTES = 24 * 60
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_minutes(value: object) -> float:
    """A time box in minutes: a finite number above 0 and at most a day. The one rule for the CLI,
    the TUI, the planner and restored reports; raises ValueError with a one-line reason."""
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a number of minutes")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"'{value}' is not a number of minutes") from None
    if not math.isfinite(number) or number <= 0 or number > MAX_MINUTES:
        shown = value if isinstance(value, str) else f"{number:g}"
        raise ValueError(f"'{shown}' is not a number of minutes above 0 and at most {MAX_MINUTES}")
    return number


def parse_date(text: object) -> str:
    """A calendar date written YYYY-MM-DD (what every screen and report shows); raises ValueError.

    Python also reads week dates (2026-W49-1) and compact ones (20261201): they are refused, so a
    date is stored the one way it is shown.
    """
    if not isinstance(text, str) or not _DATE.fullmatch(text.strip()):
        raise ValueError(DATE_FORMAT)
    try:
        return Date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(DATE_FORMAT) from None
