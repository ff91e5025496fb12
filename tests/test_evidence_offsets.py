"""Evidence offsets are code points into the original text, even with invisible or combining
characters inside a cue word (which must not hide the flag either)."""

from __future__ import annotations

import json
import unicodedata

import pytest

TEXTS = [
    "code is never reviewed",
    "code is never rev\u200biewed",  # zero-width space
    "code is never revie\u0301wed",  # combining acute accent
    "code is never rev\u200bie\u0301wed",
    "\u200b\u200b🙈 Honestly: code is never rev\u00adiewed here.",  # soft hyphen, and an astral emoji before it
    "nobody rev\u200biews code",
    "code is never re\ufeffviewed",  # zero-width no-break space
]


@pytest.mark.parametrize("text", TEXTS)
def test_invisible_characters_do_not_hide_the_flag_and_offsets_slice_the_original(catalogue, text):
    matches = catalogue.matcher.match(text)
    found = {m.id: m for m in matches}
    assert "no-code-review" in found, text
    for evidence in found["no-code-review"].evidence:
        assert text[evidence.start : evidence.end] == evidence.text
        visible = "".join(c for c in evidence.text if unicodedata.category(c) not in ("Cf", "Mn"))
        assert "review" in visible and evidence.text.strip() == evidence.text, evidence.text


@pytest.mark.parametrize("text", TEXTS[1:5])
def test_json_offsets_are_code_points(run_cli, tmp_path, text):
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("analyze", "-f", "json", str(path))
    assert result.code == 0, result.err
    flag = next(f for f in json.loads(result.out)["flags"] if f["id"] == "no-code-review")
    for evidence in flag["evidence"]:
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
