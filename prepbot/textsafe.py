"""User text on a terminal: escape sequences and control characters made visible, never obeyed.

Notes, company names, bank titles and file names can hold ESC, OSC title or clipboard sequences,
or C1 controls. Every terminal path passes them through `safe`: each control character becomes a
visible escape (ESC shows as "\\x1b", so "\\x1b[2J" is printed as text, not executed); newlines and
tabs are kept where the caller allows them.
"""

from __future__ import annotations

import re

# C0 controls (but tab and newline), DEL, C1 controls, and the Unicode line/paragraph separators
# and bidirectional overrides that can reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_AND_LAYOUT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object, keep_layout: bool = True) -> str:
    """`text` with every control character shown as an escape; tabs and newlines kept if asked."""
    pattern = _CONTROL if keep_layout else _CONTROL_AND_LAYOUT
    return pattern.sub(_visible, str(text))


# What json.dumps(ensure_ascii=False) leaves raw but a terminal may obey: DEL, C1 controls (a lone
# U+009B is a CSI on some terminals), line separators and bidi overrides. In JSON these only occur
# inside strings, where a \uXXXX escape reads back as the same character.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(json_text: str) -> str:
    """JSON text (from json.dumps) with the controls it left raw written as \\u escapes."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
