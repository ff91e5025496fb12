"""Word forms and real English words, for the cue matcher.

- `stem(word)`: the Snowball (Porter 2) English stem, from PyStemmer (the C build of the Snowball
  stemmers): "reviews", "reviewing" and "reviewed" share "review". Cached.
- `inflection(word, base)`: whether a word is its stem plus an inflection only (not a derivation).
- `is_word(word)`: whether a lower-case word is a real English word, so typo tolerance never turns
  one real word into another ("pilots" is not a typo of "pivots"). The list (`english-words.txt`
  beside this file, one word a line, sorted) is derived from pyspellchecker's English frequency
  list by `python -m prepbot.matching.words --build`; it is searched by bisection on its bytes,
  so nothing is parsed at start-up.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("english-words.txt")
MIN_LENGTH = 4  # typo tolerance never reads shorter words: the list holds none


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def stems(words: list[str]) -> list[str]:
    """The stems of many words in one call (not cached: for words read once, typo candidates)."""
    return _stemmer().stemWords(words)


_INFLECTIONS = frozenset(("", "e", "s", "es", "ed", "d", "ing", "y", "ies", "ied", "i"))


def inflection(word: str, base: str) -> bool:
    """Whether `word` is its stem plus an inflection only ("reviews", "planned", "weekends"), not a
    derivation ("direction" from "direct", "experience" from "experi"): words only match by stem
    when both are inflections of it, so "covering" matches "covered" but "direct" not "direction"."""
    shared = 0
    for a, b in zip(word, base, strict=False):
        if a != b:
            break
        shared += 1
    if shared < len(base) - 1:
        return False
    rest = word[shared:]
    if shared and rest[:1] == word[shared - 1] and rest[1:] in ("ed", "ing", "er"):
        return True  # "planned", "shipping": a doubled consonant
    return rest in _INFLECTIONS


@lru_cache(maxsize=1)
def _words() -> bytes:
    try:
        return b"\n" + WORDS_FILE.read_bytes()
    except OSError:
        return b"\n"


@lru_cache(maxsize=50_000)
def is_word(word: str) -> bool:
    """Bisection over the sorted lines of the word list (read once as bytes, never split)."""
    data = _words()
    key = word.encode("utf-8", "replace")
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", 0, mid + 1) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end]
        if line == key:
            return True
        if line < key:
            lo = end + 1
        else:
            hi = start - 1 if start > 0 else 0
    return False


def build(target: Path = WORDS_FILE) -> int:
    """Derive the word list from pyspellchecker's English list (`pip install pyspellchecker`)."""
    import gzip
    import importlib.resources
    import json

    raw = (importlib.resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    frequencies = json.loads(gzip.decompress(raw))
    words = sorted(w for w in frequencies if w.isascii() and w.isalpha() and w.islower() and len(w) >= MIN_LENGTH)
    target.write_text("\n".join(words) + "\n", encoding="utf-8")
    return len(words)


if __name__ == "__main__":
    if sys.argv[1:] != ["--build"]:
        print("usage: python -m prepbot.matching.words --build", file=sys.stderr)
        raise SystemExit(2)
    print(f"{build()} words written to {WORDS_FILE}")
