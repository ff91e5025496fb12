"""Showing user text safely: never as markup, always on a bounded number of cells."""

from __future__ import annotations

from rich.text import Text


def one_line(text: str, limit: int = 60) -> str:
    """Collapse whitespace and cut to `limit` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def cell(text: str, limit: int = 40) -> Text:
    """A DataTable cell: a Text object, because plain strings in cells are parsed as markup."""
    return Text(one_line(text, limit), no_wrap=True, overflow="ellipsis")
