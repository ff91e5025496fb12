"""Compounds written as one word: "codereview", "afterhours", "bugfixes", "endtoend" read as the cue words apart.

The other way round ("turned over", "turn-over" reading a cue's "turnover") is `CueSet._joined_terms`.
A word is read apart only when it is no real English word and no cue word itself, when it is written in
lower case (a capitalised "PagerDuty" is a name), and when its parts are words that follow one another in
some cue ("bug" then "fix*"; "end", "to", "end"); a cue's prefix that the whole word starts with ("code*") does
not keep it whole. The cues are the data, so "meat" never reads "me at",
and a word no cue writes apart is left as it is (typo tolerance may still read it).
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

from prepbot.matching.text import Token
from prepbot.matching.words import is_word

if TYPE_CHECKING:
    from prepbot.matching.cues import CueSet

MIN_LENGTH = 5  # shorter words are left as written ("noci" aside, nothing to gain)
MIN_PART = 2  # a word inside ("to" of "endtoend")
MIN_END = 3  # the first and the last ("ontop", "uptime", "inorder" stay whole: too many real words start so)
MAX_PARTS = 3


def cue_pairs(cues: "CueSet") -> dict[int, bytes]:
    """Each cue term -> the terms that can follow it directly in some cue (the next word of an alternative
    written with "_" or "-", or the first word of the next slot), packed as unsigned 16-bit ids (~50,000
    pairs: as frozensets they held 3 MiB of the interview's memory, packed 0.2 MiB; read by `_after`)."""
    if len(cues.vocabulary.terms) > 0xFFFF:
        raise ValueError("too many cue terms to pack")  # (never near: ~5,000)
    # (gathered in arrays, repeats and all, then made unique one term at a time: a set per term for
    # every term at once was the largest thing a first start held, 3 MiB)
    follows: dict[int, array] = {}
    seen: set[tuple[int, int]] = set()  # cues share their slots: each pair of slots once
    for cue in cues.cues:
        for i, slot in enumerate(cue.slots):
            for alternative in slot:
                for a, b in zip(alternative, alternative[1:], strict=False):
                    follows.setdefault(a, array("H")).append(b)
            if i + 1 < len(cue.slots) and (id(slot), id(cue.slots[i + 1])) not in seen:
                seen.add((id(slot), id(cue.slots[i + 1])))
                firsts = array("H", {alternative[0] for alternative in cue.slots[i + 1]})
                for alternative in slot:
                    follows.setdefault(alternative[-1], array("H")).extend(firsts)
    return {term: array("H", sorted(set(after))).tobytes() for term, after in follows.items()}


def _after(follows: dict[int, bytes], terms) -> frozenset[int]:
    """The terms that can follow any of `terms` (see `cue_pairs`)."""
    return frozenset(i for term in terms for i in memoryview(follows.get(term, b"")).cast("H"))


def split_compound(word: str, cues: "CueSet", follows: dict[int, bytes]) -> tuple[str, ...] | None:
    """The cue words `word` is written of, in order, or None (see the module's docstring)."""
    if len(word) < MIN_LENGTH or not word.isalpha() or is_word(word) or _cue_word(word, cues):
        return None
    return _parts(word, cues, follows, None, MAX_PARTS)


def _cue_word(word: str, cues: "CueSet") -> bool:
    """Whether a cue writes this word (or a form of it); a cue's prefix ("code*" of "codereview") does not count."""
    terms = cues.vocabulary.terms
    return any(terms[term].kind == "lit" for term in cues.terms_for(word, typos=False))


def _parts(
    word: str, cues: "CueSet", follows: dict[int, bytes], before: frozenset[int] | None, left: int
) -> tuple[str, ...] | None:
    """`word` as 1..left cue words, the first of which follows one of the terms `before` (any, when None)."""
    if before is not None and len(word) >= MIN_END:
        terms = cues.terms_for(word, typos=False)
        if any(term in before for term in terms):
            return (word,)
    if left < 2:
        return None
    for cut in range(MIN_END if before is None else MIN_PART, len(word) - MIN_END + 1):
        head = word[:cut]
        terms = cues.terms_for(head, typos=False)
        if not terms or (before is not None and not any(term in before for term in terms)):
            continue
        after = _after(follows, terms)
        if not after:
            continue
        rest = _parts(word[cut:], cues, follows, after, left - 1)
        if rest is not None:
            return (head, *rest)
    return None


def part_tokens(token: Token, parts: tuple[str, ...]) -> list[Token]:
    """One token per part ("un" "reviewed"; "code" "review"), sharing the token's clause and scope, each from
    where the letters before it end (within the token's offsets); only the last part keeps a capital."""
    out = []
    at = token.start
    for i, part in enumerate(parts):
        end = token.end if i == len(parts) - 1 else min(at + len(part), token.end)
        out.append(Token(part, at, end, token.clause, token.scope, token.capital and i == len(parts) - 1))
        at = end
    return out


def in_path(text: str, token: Token) -> bool:
    """Whether the token is a piece of a link or a file name in `text` (its sentence): after a "/" or
    before a "." or "/" glued to more ("bugzilla.org/buglist.cgi", "BUGTRACKER.md")."""
    if not text:
        return False
    before = text[token.start - 1 : token.start]
    after = text[token.end : token.end + 2]
    return before in ("/", "\\", "@", "#", "_") or (after[:1] in ("/", ".", "_") and after[1:].isalnum())
