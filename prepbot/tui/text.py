"""Showing user text safely: never as markup, never as escape sequences (Textual passes a raw ESC
through to the terminal), always on a bounded number of cells."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from prepbot.textsafe import safe


def one_line(text: str, limit: int = 60) -> str:
    """Collapse whitespace, show control characters as escapes, cut to `limit` characters."""
    flat = safe(" ".join(text.split()), keep_layout=False)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def cell(text: str, limit: int = 40) -> Text:
    """A DataTable cell: a Text object, because plain strings in cells are parsed as markup."""
    return Text(one_line(text, limit), no_wrap=True, overflow="ellipsis")


def safe_content(content: Content | str) -> Content:
    """Content whose text has no control character left raw. Styled Content keeps its styles
    unless it holds one (escaping would shift the spans); then it is shown as plain text."""
    if isinstance(content, str):
        return Content(safe(content))
    plain = content.plain
    return content if safe(plain) == plain else Content(safe(plain))


# One visible character per control character, so that offsets (cursor, wrapping) still match:
# C0 controls as their Unicode control pictures (ESC shows as "␛"), DEL as "␡", C1 as "�".
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n"}
_PICTURES.update({0x7F: "\u2421", **{code: "\ufffd" for code in range(0x80, 0xA0)}})


def control_pictures(text: str) -> str:
    """`text` with each control character (but tab and newline) replaced by one visible character."""
    return text.translate(_PICTURES)
