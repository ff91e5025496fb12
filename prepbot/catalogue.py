"""The catalogue: the bank, its context rules and the matcher compiled from them, loaded once.

Loading means reading and validating YAML (`bank_loader`), which takes a while; the validated
result, with the compiled cues, is cached in the cache directory, keyed by prepbot's version and
code, the interpreter's version and every bank file's path, size and modification time, so
start-up parses no YAML and compiles no cue when nothing changed. The cache is data only, written
with `marshal` (never pickle: nothing in it can run; marshal reads ~2x faster than JSON and keeps
the compiled cues' shared structures shared, so nothing is rebuilt), lives in a folder private to
the user (0700; a folder others can write to is not used), and only a regular file of the user's
own that no one else can write is read.
"""

from __future__ import annotations

import functools
import gc
import marshal
import os
import stat
import sys
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from prepbot import __version__, locations
from prepbot.bank import AnswerKey, Bank, BankError, Category, Flag, Problem, Question
from prepbot.matching import cue_cache
from prepbot.matching.answer_words import AnswerWords
from prepbot.matching.context_rules import CONTEXT_FILE, ContextRules, Modifier
from prepbot.matching.engine import Matcher, ModelSlot

CACHE_FORMAT = 5  # 3: with the compiled cues; 4: and the compiled absence phrases; 5: marshal, and the rules' own fields
# The context rules' indexes that every text needs, built when the cache is written and stored with it
# (the phrase index alone costs ~6 ms at the first sentence); the others are built when first used.
_RULES_PREBUILT = ("triggers_by_first_word", "pseudo_by_first_word", "scan_index")
MAX_CACHE_BYTES = 16 * 1024 * 1024


@dataclass
class Catalogue:
    """Everything matching and planning need, built once per process for a set of bank paths."""

    bank: Bank
    rules: ContextRules
    matcher: Matcher


def validate(extra: Iterable[Path | str] = ()) -> tuple[Bank, ContextRules | None, list[Problem]]:
    """The built-in bank with `extra` layered over it, the context rules, and every problem."""
    from prepbot import bank_loader

    bank, problems = bank_loader.validate([locations.builtin_bank_dir()], list(extra))
    rules, found = bank_loader.read_context(CONTEXT_FILE)
    return bank, rules, problems + found


def load_catalogue(extra: Iterable[Path | str] = ()) -> Catalogue:
    """The catalogue for these bank paths, loaded once per process. Raises BankError."""
    return _load(tuple(os.path.abspath(os.path.expanduser(str(p))) for p in extra))


@functools.lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> Catalogue:
    # The catalogue is made of many small objects kept for the whole process: the garbage
    # collector's passes over them while they are built find nothing to free and cost a third of
    # the time, and its first passes afterwards as much again (in the first match). So it is
    # paused while they are built, and what exists then is frozen: never scanned again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(paths)
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def _build(paths: tuple[str, ...]) -> Catalogue:
    global _preloaded
    key = _cache_key(paths)
    cache_file = _cache_file(key) if key is not None else None
    data = _read_cache(cache_file, key) if cache_file is not None and key is not None else None
    slot, _preloaded = (_preloaded, None) if _preloaded is not None else (_model_slot(), None)
    if data is not None:
        try:
            bank, rules = _bank_from_data(data["bank"]), _rules_from_data(data["context"])
            cues = cue_cache.from_data(data["cues"], rules)
            absences = cue_cache.from_data(data["absences"], rules)
            return Catalogue(bank, rules, Matcher.from_bank(bank, rules, slot, cues=cues, absences=absences))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            pass  # damaged: read and compiled again (and the cache rewritten below)
    bank, checked, problems = validate(paths)
    if problems:
        raise BankError(problems)
    assert checked is not None  # validate returns rules whenever it finds no problem
    rules = checked
    matcher = Matcher.from_bank(bank, rules, slot)
    if cache_file is not None:
        try:
            compiled = {"cues": cue_cache.as_data(matcher.cues), "absences": cue_cache.as_data(matcher.absences)}
        except ValueError:
            compiled = None  # (a set cue_cache cannot describe: started without a cache)
        if compiled is not None:
            bank_data = {"format": CACHE_FORMAT, "key": key, "bank": asdict(bank), "context": _rules_as_data(rules)}
            _write_cache(cache_file, {**bank_data, **compiled})
    return Catalogue(bank, rules, matcher)


_preloaded: ModelSlot | None = None


def preload_model(separate_process: bool = False) -> None:
    """Start loading the classifier now, for the next catalogue this process loads, so that it
    overlaps the bank's loading and the cue work: in a thread, or (`separate_process`, for a short
    command such as `analyze`) in a process of its own, which can run on another core; see
    `prepbot.matching.model_worker`, and `stop_model_process` when the command ends.
    Does nothing when the classifier is off or not installed (or a catalogue is already loaded)."""
    global _preloaded
    if _preloaded is None and _load.cache_info().currsize == 0:
        _preloaded = _model_slot(separate_process)
        if _preloaded is not None and not separate_process:
            _preloaded.preload()


def stop_model_process() -> None:
    """Stop the classifier's process, if `preload_model` started one (afterwards, the classifier
    is loaded in this process when it is needed again)."""
    from prepbot.matching import model_worker

    model_worker.stop_all()


def _model_slot(separate_process: bool = False) -> ModelSlot | None:
    """The learned classifier beside the cues, loaded on first use; None when off or not installed.

    PREPBOT_MODEL=off turns it off (cues and context rules alone); an unknown value is refused by
    the CLI before anything is loaded (here it counts as off). A successful check of the
    artifact's checksums is remembered in prepbot's cache folder. `separate_process`: its worker
    process is started now.
    """
    try:
        from prepbot.matching import model
    except ImportError:
        return None
    try:
        if not model.setting():
            return None
    except ValueError:
        return None
    if not model.available():
        return None
    threads = model.default_threads()
    if separate_process:
        from prepbot.matching import model_worker

        try:
            return ModelSlot(model_worker.take(model.MODEL_DIR, locations.cache_dir()))
        except OSError:
            pass  # no process could be started: loaded here, on first use
    return ModelSlot(functools.partial(model.Classifier.load, threads=threads, cache=locations.cache_dir()))


# --------------------------------------------------------------------------- the cache


def _cache_key(paths: tuple[str, ...]) -> str | None:
    """Identity of everything a cached catalogue was built from: code, version and every file."""
    from prepbot.reading import yaml_files

    files, problems = yaml_files([locations.builtin_bank_dir(), *paths])
    if problems:
        return None
    package = Path(__file__).resolve().parent
    # The compiled cues depend on the whole matching package (and on the stemmer under it).
    matching = sorted((package / "matching").glob("*.py"))
    code = [package / "bank.py", package / "bank_loader.py", Path(__file__).resolve(), CONTEXT_FILE, *matching, *_stemmer_files()]
    parts = [__version__, str(CACHE_FORMAT), sys.version, str(marshal.version)]
    for path in [*code, *files]:
        try:
            info = path.stat()
        except OSError:
            return None
        parts.append(f"{path.absolute()}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\n".join(parts)


def _stemmer_files() -> list[Path]:
    """The stemmer's own file: the stems of the cue words, compiled into the cache, come from it."""
    from importlib.util import find_spec

    try:
        spec = find_spec("Stemmer")
    except (ImportError, ValueError):
        return []
    return [Path(spec.origin)] if spec is not None and spec.origin else []


def _cache_file(key: str) -> Path | None:
    folder = locations.cache_dir()
    try:
        locations.make_private_dir(folder)
        info = os.lstat(folder)
    except OSError:
        return None
    # A cache that someone else could have written is not read: it decides what prepbot believes.
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    # The name only tells keys apart (two checksums, not sha256: hashlib's OpenSSL costs `analyze` ~4 ms
    # to load); what is trusted is the whole key inside the file, compared before anything is used.
    raw = key.encode()
    return folder / f"catalogue-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.marshal"


def _read_cache(path: Path, key: str) -> dict[str, Any] | None:
    from prepbot.reading import open_regular

    try:
        fd = open_regular(path)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            # only a file of the user's own that no one else could have written (as its folder)
            if info.st_mode & 0o022 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None
            raw = handle.read(MAX_CACHE_BYTES + 1)
        if len(raw) > MAX_CACHE_BYTES:
            return None
        data = marshal.loads(raw)  # data only: marshal builds no object that runs code by itself
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("key") != key:
            return None
        return data
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        return None  # a missing, stale or damaged cache is rebuilt, never trusted


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(data))
        os.replace(temporary, path)
        _drop_retired(path.parent)
    except (OSError, ValueError):  # ValueError: something marshal cannot write (then no cache)
        try:
            os.unlink(temporary)
        except OSError:
            pass  # a read-only or full cache directory only costs start-up time


def _drop_retired(folder: Path) -> None:
    """Caches of the format before marshal (`catalogue-*.json`, ~1.4 MB each) are never read again: gone
    once a new cache is written. Only regular files of that name; anything else there is left alone."""
    for old in folder.glob("catalogue-*.json"):
        try:
            if stat.S_ISREG(os.lstat(old).st_mode):
                os.unlink(old)
        except OSError:
            pass  # another prepbot removed it first, or a read-only folder: it only takes space


def _rules_as_data(rules: ContextRules) -> dict[str, Any]:
    """The rules' own fields (their modifiers and answer words as plain values) and the prebuilt indexes."""
    state = {f.name: getattr(rules, f.name) for f in fields(ContextRules)}
    state["modifiers"] = [tuple(getattr(m, f.name) for f in fields(Modifier)) for m in rules.modifiers]
    state["answer_words"] = {f.name: getattr(rules.answer_words, f.name) for f in fields(AnswerWords)}
    return {"fields": state, "prebuilt": {name: getattr(rules, name) for name in _RULES_PREBUILT}}


def _rules_from_data(data: dict[str, Any]) -> ContextRules:
    """The rules `_rules_as_data` described, fields set as their own `__init__` would (they are frozen)."""
    state = dict(data["fields"])
    if state.keys() != {f.name for f in fields(ContextRules)} or data["prebuilt"].keys() != set(_RULES_PREBUILT):
        raise ValueError("the cached context rules do not have the rules' fields")
    state["modifiers"] = tuple(Modifier(*values) for values in state["modifiers"])
    words = AnswerWords.__new__(AnswerWords)
    words.__dict__.update(state["answer_words"])
    state["answer_words"] = words
    rules = ContextRules.__new__(ContextRules)
    rules.__dict__.update(state)
    rules.__dict__.update(data["prebuilt"])  # (where each cached_property keeps its value)
    return rules


def _listed_as_tuples(values: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}


def _bank_from_data(data: dict[str, Any]) -> Bank:
    def question(q: dict[str, Any]) -> Question:
        answers = q.pop("answers")
        fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in q.items()}
        key = AnswerKey(answers["if_yes"], answers["if_no"], tuple(tuple(pair) for pair in answers["cues"]), answers.get("unit"))
        return Question(**fields, answers=key)

    def category(c: dict[str, Any]) -> Category:
        lead_for, skip_for = tuple(c.pop("lead_for", ())), tuple(c.pop("skip_for", ()))
        return Category(**c, lead_for=lead_for, skip_for=skip_for)

    return Bank(
        categories={k: category(dict(v)) for k, v in data["categories"].items()},
        questions={k: question(dict(v)) for k, v in data["questions"].items()},
        flags={k: Flag(**_listed_as_tuples(v)) for k, v in data["flags"].items()},
    )
